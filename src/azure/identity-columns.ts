// The row identity (DESIGN.md: MessageTraceId, RecipientAddress, Status) as each ingestion
// profile's table spells it, for asking the workspace which rows it already holds.
import type { IngestProfile, IngestProfileName } from '../ingest/profiles';
import type { InFlightBatch } from '../ingest/state';
import type { TraceStatus } from '../trace/record';

export interface IdentityColumns {
  messageTraceId: string;
  recipientAddress: string;
  status: string;
}

const COLUMNS: Record<IngestProfileName, IdentityColumns> = {
  classic: { messageTraceId: 'MessageTraceId_g', recipientAddress: 'RecipientAddress_s', status: 'Status_s' },
  dcr: { messageTraceId: 'MessageTraceId', recipientAddress: 'RecipientAddress', status: 'Status' },
};

export function identityColumns(profile: IngestProfile): IdentityColumns {
  return COLUMNS[profile.name];
}

export type IdentityRow = InFlightBatch['rows'][number];

/**
 * A row identity as a comparable string of the values the table holds (the classic profile
 * stores "Delivered" for delivered). Ids and addresses compare without case, as traceKey does.
 */
export function tableIdentity(profile: IngestProfile, row: IdentityRow): string {
  const json = profile.toJson({
    messageTraceId: row.messageTraceId,
    recipientAddress: row.recipientAddress,
    status: row.status as TraceStatus,
    received: row.received,
    messageId: '', senderAddress: '', subject: '', size: 0, fromIP: '', toIP: '',
  });
  const columns = identityColumns(profile);
  return identityOf(String(json[columns.messageTraceId]), String(json[columns.recipientAddress]), String(json[columns.status]));
}

export function identityOf(messageTraceId: string, recipientAddress: string, status: string): string {
  return `${messageTraceId.toLowerCase()}|${recipientAddress.toLowerCase()}|${status}`;
}
