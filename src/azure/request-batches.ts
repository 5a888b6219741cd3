// Cuts rows into Logs Ingestion requests that each fit one upload chunk. The service takes at
// most 1 MB per call, compressed or not; @azure/monitor-ingestion splits a call into chunks when
// the rows' JSON adds up to 1,000,000 bytes. A request kept under that is one HTTP call, so
// that a crash leaves exactly one request whose fate is unknown.
import { AzureError } from './errors';

/** Bytes of a request's JSON array body (brackets and commas included), at most. */
export const MAX_REQUEST_BYTES = 1_000_000;

export interface SizedRow {
  /** UTF-8 bytes of the row's JSON. */
  bytes: number;
}

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** Consecutive runs of `rows` whose JSON array (`[a,b,...]`) is at most `maxBytes` long. */
export function cutRequests<T extends SizedRow>(rows: readonly T[], maxBytes = MAX_REQUEST_BYTES): T[][] {
  const requests: T[][] = [];
  let current: T[] = [];
  let size = 2;
  for (const row of rows) {
    if (row.bytes + 2 > maxBytes) {
      throw new AzureError(`a row is ${row.bytes} bytes of JSON; one request to the Logs Ingestion API takes at most ${maxBytes} bytes`, 'too-large');
    }
    const added = row.bytes + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && size + added > maxBytes) {
      requests.push(current);
      current = [];
      size = 2;
    }
    size += row.bytes + (current.length > 0 ? 1 : 0);
    current.push(row);
  }
  if (current.length > 0) requests.push(current);
  return requests;
}
