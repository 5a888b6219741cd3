// Cuts rows into Logs Ingestion requests that each fit one call. The service takes at most 1 MB
// per call, compressed or not (@azure/monitor-ingestion cuts its chunks at 1,000,000 bytes of
// JSON, as this does). A request kept under that is one HTTP call, so that a crash leaves exactly
// one request whose fate is unknown.
import { AzureError } from './errors';

/** Bytes of a request's JSON array body (brackets and commas included), at most. */
export const MAX_REQUEST_BYTES = 1_000_000;

export interface SizedRow {
  /** UTF-8 bytes of the row's JSON. */
  bytes: number;
}


/** Cuts rows into requests as they come: add() gives back a request once the next row does not fit in it. */
export class RequestCutter<T extends SizedRow> {
  private current: T[] = [];
  private size = 2;

  constructor(private readonly maxBytes = MAX_REQUEST_BYTES) {}

  /** Adds `row`; the request it closed, when it did not fit in the one being filled. */
  add(row: T): T[] | undefined {
    if (row.bytes + 2 > this.maxBytes) {
      throw new AzureError(`a row is ${row.bytes} bytes of JSON; one request to the Logs Ingestion API takes at most ${this.maxBytes} bytes`, 'too-large');
    }
    let full: T[] | undefined;
    if (this.current.length > 0 && this.size + row.bytes + 1 > this.maxBytes) {
      full = this.current;
      this.current = [];
      this.size = 2;
    }
    this.size += row.bytes + (this.current.length > 0 ? 1 : 0);
    this.current.push(row);
    return full;
  }

  /** The request being filled, when it holds any row; the cutter starts over. */
  finish(): T[] | undefined {
    const last = this.current;
    this.current = [];
    this.size = 2;
    return last.length > 0 ? last : undefined;
  }
}

/** Consecutive runs of `rows` whose JSON array (`[a,b,...]`) is at most `maxBytes` long. */
export function cutRequests<T extends SizedRow>(rows: readonly T[], maxBytes = MAX_REQUEST_BYTES): T[][] {
  const cutter = new RequestCutter<T>(maxBytes);
  const requests: T[][] = [];
  for (const row of rows) {
    const full = cutter.add(row);
    if (full) requests.push(full);
  }
  const last = cutter.finish();
  if (last) requests.push(last);
  return requests;
}
