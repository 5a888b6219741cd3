// The JSON exports a message trace archive may hold, and how one item of each becomes a
// TraceRecord: Microsoft Graph `messageTraces` (camelCase) and the retired Office 365
// Reporting Web Service `MessageTrace` report (PascalCase), verbose OData v2 or JSON light.
import type { TraceRecord } from './record';
import { byteSize, isoReceived, normalGuid, text, traceStatus } from './values';

export interface ItemFields {
  readonly name: string;
  readonly id: string;
  readonly messageId: string;
  readonly received: string;
  readonly sender: string;
  readonly recipient: string;
  readonly subject: string;
  readonly status: string;
  readonly size: string;
  readonly fromIP: string;
  readonly toIP: string;
}

export const GRAPH_FIELDS: ItemFields = {
  name: 'Graph messageTrace', id: 'id', messageId: 'messageId', received: 'receivedDateTime', sender: 'senderAddress',
  recipient: 'recipientAddress', subject: 'subject', status: 'status', size: 'size', fromIP: 'fromIP', toIP: 'toIP',
};

export const RWS_FIELDS: ItemFields = {
  name: 'Reporting Web Service MessageTrace', id: 'MessageTraceId', messageId: 'MessageId', received: 'Received',
  sender: 'SenderAddress', recipient: 'RecipientAddress', subject: 'Subject', status: 'Status', size: 'Size',
  fromIP: 'FromIP', toIP: 'ToIP',
};

/** Where the items are in a document and which fields they use. */
export interface JsonLayout {
  items: unknown[];
  /** Object keys from the top-level value down to the items' array. */
  path: string[];
  fields: ItemFields | undefined;
}

/** The items of a parsed export, or undefined if the document is of no known shape. */
export function jsonLayout(document: unknown): JsonLayout | undefined {
  let items: unknown[] | undefined;
  let path: string[] = [];
  let fields: ItemFields | undefined;
  if (Array.isArray(document)) {
    items = document;
  } else if (isObject(document)) {
    if (Array.isArray(document.value)) {
      items = document.value;
      path = ['value'];
    } else if (isObject(document.d) && Array.isArray(document.d.results)) {
      items = document.d.results;
      path = ['d', 'results'];
      fields = RWS_FIELDS;
    } else if (Array.isArray(document.d)) {
      items = document.d;
      path = ['d'];
      fields = RWS_FIELDS;
    }
  }
  if (!items) return undefined;
  if (items.length === 0) return { items, path, fields };
  const first = items[0];
  if (!isObject(first)) return undefined;
  const detected = hasAny(first, GRAPH_FIELDS) ? GRAPH_FIELDS : hasAny(first, RWS_FIELDS) ? RWS_FIELDS : undefined;
  if (!detected || (fields && detected !== fields)) return undefined;
  return { items, path, fields: detected };
}

function hasAny(item: Record<string, unknown>, fields: ItemFields): boolean {
  return fields.received in item || fields.recipient in item || fields.id in item;
}

/** The record of one item, or why it cannot be read. */
export function recordFromItem(item: unknown, f: ItemFields): TraceRecord | string {
  if (!isObject(item)) return `expected an object, found ${item === null ? 'null' : Array.isArray(item) ? 'an array' : `a ${typeof item}`}`;
  const rawId = item[f.id];
  if (rawId === undefined || rawId === null || rawId === '') return `missing ${f.id}`;
  const messageTraceId = normalGuid(rawId);
  if (!messageTraceId) return `${f.id} ${JSON.stringify(rawId)} is not a GUID`;
  const rawReceived = item[f.received];
  if (rawReceived === undefined || rawReceived === null || rawReceived === '') return `missing ${f.received}`;
  const received = isoReceived(rawReceived);
  if (!received) return `${f.received} ${JSON.stringify(rawReceived)} is not a date and time`;
  const recipientAddress = text(item[f.recipient]).trim();
  if (!recipientAddress) return `missing ${f.recipient}`;
  const rawStatus = item[f.status];
  if (rawStatus === undefined || rawStatus === null || rawStatus === '') return `missing ${f.status}`;
  const status = traceStatus(rawStatus);
  if (!status) return `unknown ${f.status} ${JSON.stringify(rawStatus)}`;
  const size = byteSize(item[f.size]);
  if (size === undefined) return `${f.size} ${JSON.stringify(item[f.size])} is not a number of bytes`;
  return {
    messageTraceId,
    messageId: text(item[f.messageId]),
    received,
    senderAddress: text(item[f.sender]).trim(),
    recipientAddress,
    subject: text(item[f.subject]),
    status,
    size,
    fromIP: text(item[f.fromIP]),
    toIP: text(item[f.toIP]),
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
