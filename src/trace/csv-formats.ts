// The message trace reports that the Exchange admin center lets you download as CSV, told
// apart by their header lines. Header names are compared without case, spaces or
// underscores, so `SenderAddress`, `sender_address` and `Sender Address` are one column.
//  - summary: the "Enhanced summary" report of a historical search (Start-HistoricalSearch
//    -ReportType MessageTrace): one row per message, every recipient and its events in
//    `recipient_status` as `address##Receive, Deliver;address2##Receive, Fail`;
//  - extended: the "Extended" report (-ReportType MessageTraceDetail): one row per message
//    tracking event (RECEIVE, DELIVER, SEND, FAIL ...), see csv-extended.ts;
//  - powershell: Get-MessageTrace(V2) | Export-Csv, which is also what the classic admin
//    center's summary export held: the Reporting Web Service's columns, one row per recipient.
import type { TraceStatus } from './record';

export type CsvFormat = 'summary' | 'extended' | 'powershell';

/** A row's fields by canonical header key (`headerKey`); '' for a column the file lacks. */
export type Field = (key: string) => string;

/** Canonical header keys (see `headerKey`) each format must have. */
const REQUIRED: Record<CsvFormat, string[]> = {
  summary: ['origintimestamputc', 'senderaddress', 'recipientstatus', 'networkmessageid'],
  extended: ['datetimeutc', 'eventid', 'recipientaddress', 'networkmessageid'],
  powershell: ['received', 'recipientaddress', 'status', 'messagetraceid'],
};

/** `Sender_Address`, `sender address` -> `senderaddress`. */
export function headerKey(name: string): string {
  return name.replace(/^\uFEFF/, '').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

/** Column positions by canonical key (first occurrence wins). */
export function columnIndex(header: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    let key = headerKey(name);
    if (key === 'origintimestamp') key = 'origintimestamputc';
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

export function detectFormat(columns: ReadonlyMap<string, number>): CsvFormat | undefined {
  for (const format of ['extended', 'summary', 'powershell'] as const) {
    if (REQUIRED[format].every((key) => columns.has(key))) return format;
  }
  return undefined;
}

export function describeFormats(): string {
  return 'expected the header of an admin center message trace report: Enhanced summary '
    + '(origin_timestamp_utc, sender_address, recipient_status, network_message_id ...), Extended '
    + '(date_time_utc, event_id, recipient_address, network_message_id ...) or a Get-MessageTrace export '
    + '(Received, SenderAddress, RecipientAddress, Status, MessageTraceId ...)';
}

// Message tracking events that settle a recipient's status, in Graph's words. Events not
// listed (RESOLVE, REDIRECT, TRANSFER, AGENTINFO, SPAMDIAGNOSTIC, PROCESS ...) leave it as is.
const EVENT_STATUS = new Map<string, TraceStatus>([
  ['receive', 'gettingStatus'], ['submit', 'gettingStatus'],
  ['defer', 'pending'], ['pending', 'pending'],
  ['deliver', 'delivered'], ['send', 'delivered'],
  ['fail', 'failed'], ['drop', 'failed'], ['badmail', 'failed'], ['poisonmessage', 'failed'],
  ['expand', 'expanded'],
  ['quarantine', 'quarantined'], ['quarantined', 'quarantined'],
  ['delivered', 'delivered'], ['failed', 'failed'], ['expanded', 'expanded'], ['gettingstatus', 'gettingStatus'],
  ['filteredasspam', 'filteredAsSpam'], ['spam', 'filteredAsSpam'],
]);

export function eventStatus(event: string): TraceStatus | undefined {
  return EVENT_STATUS.get(event.trim().toLowerCase());
}

/** The status after a sequence of events (the last one that settles it). */
export function statusOfEvents(events: readonly string[]): TraceStatus | undefined {
  let status: TraceStatus | undefined;
  for (const event of events) status = eventStatus(event) ?? status;
  return status;
}
