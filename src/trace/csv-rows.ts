// One CSV row of the summary and PowerShell formats to TraceRecords (csv-formats.ts).
import { statusOfEvents, type Field } from './csv-formats';
import { recordFromItem, RWS_FIELDS } from './json-shapes';
import type { TraceRecord } from './record';
import { byteSize, isoReceived, normalGuid } from './values';

export interface RowResult {
  records: TraceRecord[];
  /** Why (part of) the row could not be read. */
  problems: string[];
}

/** Enhanced summary: one row per message, a record per recipient in `recipient_status`. */
export function summaryRow(field: Field): RowResult {
  const problems: string[] = [];
  const rawId = field('networkmessageid');
  const messageTraceId = normalGuid(rawId);
  if (!messageTraceId) problems.push(rawId ? `network_message_id ${JSON.stringify(rawId)} is not a GUID` : 'missing network_message_id');
  const rawReceived = field('origintimestamputc');
  const received = isoReceived(rawReceived);
  if (!received) problems.push(rawReceived ? `origin_timestamp_utc ${JSON.stringify(rawReceived)} is not a date and time` : 'missing origin_timestamp_utc');
  const size = byteSize(field('totalbytes'));
  if (size === undefined) problems.push(`total_bytes ${JSON.stringify(field('totalbytes'))} is not a number of bytes`);
  const entries = field('recipientstatus').split(';').map((e) => e.trim()).filter((e) => e !== '');
  if (entries.length === 0) problems.push('missing recipient_status');
  if (problems.length > 0) return { records: [], problems };

  const records: TraceRecord[] = [];
  for (const entry of entries) {
    const mark = entry.indexOf('##');
    const recipientAddress = (mark < 0 ? entry : entry.slice(0, mark)).trim();
    const events = mark < 0 ? [] : entry.slice(mark + 2).split(',');
    const status = statusOfEvents(events);
    if (!recipientAddress) { problems.push(`recipient_status ${JSON.stringify(entry)} names no recipient`); continue; }
    if (!status) {
      problems.push(mark < 0 ? `recipient_status gives no events for ${recipientAddress}` : `unknown status ${JSON.stringify(entry.slice(mark + 2).trim())} for ${recipientAddress}`);
      continue;
    }
    records.push({
      messageTraceId: messageTraceId!, messageId: field('messageid'), received: received!,
      senderAddress: field('senderaddress').trim(), recipientAddress, subject: field('messagesubject'), status,
      size: size!, fromIP: field('originalclientip'), toIP: '',
    });
  }
  return { records, problems };
}

/** Get-MessageTrace | Export-Csv: the Reporting Web Service's columns, one recipient per row. */
export function powershellRow(field: Field): RowResult {
  const item: Record<string, string> = {};
  for (const name of Object.values(RWS_FIELDS)) item[name] = field(name.toLowerCase());
  const result = recordFromItem(item, RWS_FIELDS);
  return typeof result === 'string' ? { records: [], problems: [result] } : { records: [result], problems: [] };
}
