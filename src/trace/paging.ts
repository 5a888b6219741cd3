// Pages of records for TraceSource.read, and the abort check between them.
import type { TraceRecord } from './record';

export const DEFAULT_PAGE_SIZE = 5_000;

export function* pagesOf(records: readonly TraceRecord[], pageSize: number): Generator<TraceRecord[]> {
  for (let i = 0; i < records.length; i += pageSize) yield records.slice(i, i + pageSize);
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The read was aborted', 'AbortError');
}
