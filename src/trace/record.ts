// The message trace row every source produces and every sink consumes: one row per
// (message, recipient), in Graph's vocabulary. Profiles (src/hunts, src/ingest) shape it
// into table columns.

/** Graph's `status` values (lower camel case); other sources are mapped onto these. */
export const TRACE_STATUSES = [
  'gettingStatus', 'pending', 'failed', 'delivered', 'expanded', 'quarantined',
  'filteredAsSpam', 'recalled', 'unknownFutureValue',
] as const;
export type TraceStatus = (typeof TRACE_STATUSES)[number];

export interface TraceRecord {
  /** Graph `id` / Reporting Web Service `MessageTraceId`: a GUID, lower case. */
  messageTraceId: string;
  /** Internet message id, e.g. `<abc@contoso.com>`. */
  messageId: string;
  /** When Exchange received the message: ISO 8601 UTC ending in `Z` (fraction as given). */
  received: string;
  senderAddress: string;
  recipientAddress: string;
  subject: string;
  status: TraceStatus;
  /** Bytes. */
  size: number;
  fromIP: string;
  toIP: string;
}

/** The identity used for de-duplication (DESIGN.md): a status change is a new row. */
export function traceKey(record: { messageTraceId: string; recipientAddress: string; status: string }): string {
  return `${record.messageTraceId}|${record.recipientAddress.toLowerCase()}|${record.status}`;
}

/** A half-open time window [start, end) of received times. */
export interface TraceWindow {
  start: Date;
  end: Date;
}

/** A source row that could not be read; the rest of the source is still ingested. */
export interface RejectedRecord {
  /** File name or request URL. */
  where: string;
  /** 1-based line (files) or item index (JSON arrays), when known. */
  line?: number;
  message: string;
}

export interface ReadOptions {
  signal?: AbortSignal;
  onReject?: (rejected: RejectedRecord) => void;
}

/**
 * A message trace source. Windowed sources (graph, synthetic) return only rows received in
 * the window; file sources (json, csv) return everything they hold and let the pipeline
 * filter. Pages are yielded as they arrive so the pipeline's memory is bounded by a page.
 */
export interface TraceSource {
  readonly kind: 'graph' | 'json' | 'csv' | 'synthetic';
  /** Whether `read` honours the window (false: it returns every row it has). */
  readonly windowed: boolean;
  read(window: TraceWindow, options?: ReadOptions): AsyncIterable<TraceRecord[]>;
  /** Throws a clear error when the source cannot read this window at all (before any request). */
  validate?(window: TraceWindow): void;
}
