// A batch's rows on their way to the Logs Ingestion API. Each row's JSON (its profile's columns)
// is made once: it sizes the requests, makes their bodies and goes into the journal as it is.
// A batch's rows are shaped request by request, as the sink asks for the next one: it does so
// while the request before is at the service, so shaping overlaps the waiting.
import type { IngestProfile } from '../ingest/profiles';
import type { TraceRecord } from '../trace/record';
import type { IdentityRow } from './identity-columns';
import { cutRequests, MAX_REQUEST_BYTES, RequestCutter } from './request-batches';
import { gzipBody } from './upload-request';

/** A row on its way. Only what a request needs is kept: a batch's rows live until its last request is in. */
export interface PendingRow {
  text: string;
  key: string;
  /** The row's identity, or the trace record itself (its identity fields are read from it). */
  identity: IdentityRow;
  /** UTF-8 bytes of `text`. */
  bytes: number;
}

export function pendingRow(text: string, key: string, identity: IdentityRow): PendingRow {
  return { text, key, identity, bytes: Buffer.byteLength(text) };
}

/** Shapes a batch's records into requests (request-batches.ts) one at a time, when asked for. */
export class RequestShaper {
  private next = 0;
  private readonly cutter: RequestCutter<PendingRow>;

  constructor(private readonly records: readonly TraceRecord[], private readonly keys: readonly string[], private readonly profile: IngestProfile, maxBytes: number) {
    this.cutter = new RequestCutter(maxBytes);
  }

  /** The next request's rows, or undefined when every row went into one. */
  request(): PendingRow[] | undefined {
    while (this.next < this.records.length) {
      const i = this.next++;
      const record = this.records[i];
      const full = this.cutter.add(pendingRow(JSON.stringify(this.profile.toJson(record)), this.keys[i], record));
      if (full) return full;
    }
    return this.cutter.finish();
  }
}

/** Requests already cut, one at a time. */
export function requestsOf(rows: readonly PendingRow[], maxBytes: number): () => PendingRow[] | undefined {
  const requests = cutRequests(rows, maxBytes);
  let next = 0;
  return () => requests[next++];
}

export interface Chunk {
  rows: PendingRow[];
  /** The rows as a JSON array. */
  json: Buffer;
  /** `json` gzipped. */
  body: Promise<Buffer>;
}

/** The rows' JSON, as made, as one JSON array: written into one buffer of the size known beforehand. */
export function jsonArray(rows: readonly PendingRow[]): Buffer {
  let size = 1 + Math.max(1, rows.length);
  for (const row of rows) size += row.bytes;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  out[at++] = 0x5b; // [
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) out[at++] = 0x2c; // ,
    at += out.write(rows[i].text, at);
  }
  out[at++] = 0x5d; // ]
  return out.subarray(0, at);
}

/** A request's chunks (under 1 MB of JSON each: one call each), their bodies being gzipped on the thread pool. */
export function gzipChunks(rows: readonly PendingRow[]): Chunk[] {
  return cutRequests(rows, MAX_REQUEST_BYTES).map((chunk) => {
    const json = jsonArray(chunk);
    const body = gzipBody(json);
    // Awaited when the chunk is sent; a request given up before that leaves it unawaited.
    body.catch(() => undefined);
    return { rows: chunk, json, body };
  });
}
