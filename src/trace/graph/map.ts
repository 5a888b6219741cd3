// One Graph exchangeMessageTrace item -> TraceRecord, or why it cannot be read.
import { TRACE_STATUSES, type TraceRecord, type TraceStatus } from '../record';
import { parseInstant } from './time';

/** `ms`: the received time in milliseconds, floored (time.ts). */
export type MappedItem = { record: TraceRecord; ms: number } | { error: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS_BY_LOWER = new Map<string, TraceStatus>(TRACE_STATUSES.map((s) => [s.toLowerCase(), s]));
const STATUS_EXACT = new Map<string, TraceStatus>(TRACE_STATUSES.map((s) => [s, s]));
const TEXT_FIELDS = ['messageId', 'senderAddress', 'subject', 'fromIP', 'toIP'] as const;

export function mapGraphItem(item: unknown): MappedItem {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return { error: 'item is not a JSON object' };
  const raw = item as Record<string, unknown>;

  const id = raw.id;
  if (typeof id !== 'string' || !GUID.test(id)) return { error: `id ${describe(id)} is not a GUID` };
  const received = typeof raw.receivedDateTime === 'string' ? parseInstant(raw.receivedDateTime) : undefined;
  if (!received) return { error: `receivedDateTime ${describe(raw.receivedDateTime)} is not a date and time` };
  const recipientAddress = raw.recipientAddress;
  if (typeof recipientAddress !== 'string' || recipientAddress === '') return { error: `recipientAddress ${describe(recipientAddress)} is missing` };
  const status = readStatus(raw.status);
  if (!status) return { error: `status ${describe(raw.status)} is missing` };
  const size = readSize(raw.size);
  if (size === undefined) return { error: `size ${describe(raw.size)} is not a byte count` };

  for (const name of TEXT_FIELDS) {
    const value = raw[name];
    if (value !== undefined && value !== null && typeof value !== 'string') return { error: `${name} ${describe(value)} is not a string` };
  }

  return {
    record: {
      messageTraceId: id.toLowerCase(),
      messageId: text(raw.messageId),
      received: received.iso,
      senderAddress: text(raw.senderAddress),
      recipientAddress,
      subject: text(raw.subject),
      status,
      size,
      fromIP: text(raw.fromIP),
      toIP: text(raw.toIP),
    },
    ms: received.ms,
  };
}

/**
 * Graph's enum in any case. We ask for all members (Prefer: include-unknown-enum-members), so a
 * member newer than this code is mapped to unknownFutureValue, as Graph itself would without
 * that header, rather than losing the row.
 */
/** A text field checked to be a string, null or absent (TEXT_FIELDS): '' for the latter two. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function readStatus(value: unknown): TraceStatus | undefined {
  if (typeof value !== 'string') return undefined;
  const exact = STATUS_EXACT.get(value);
  if (exact) return exact;
  if (value.trim() === '') return undefined;
  return STATUS_BY_LOWER.get(value.trim().toLowerCase()) ?? 'unknownFutureValue';
}

function readSize(value: unknown): number | undefined {
  if (value === undefined || value === null) return 0;
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}
