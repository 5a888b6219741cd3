// Shapes message trace records into the columns of an ingestion profile (DESIGN.md): `classic`
// keeps the 2020 recipe's EmailEvents_CL names so its queries run unchanged, `dcr` uses plain
// names with the sender and recipient domains split out. TimeGenerated is the received time.
import { toASCII } from 'punycode/';
import { classicMessageTrace, dcrMessageTrace } from '../kql/schemas/message-trace';
import type { ColumnSchema } from '../kql/schema';
import type { TraceRecord, TraceStatus } from '../trace/record';

export type IngestProfileName = 'classic' | 'dcr';
export const INGEST_PROFILES: readonly IngestProfileName[] = ['classic', 'dcr'];

/** A row as JSON: what the Logs Ingestion API receives (datetimes as ISO strings). */
export type JsonRow = Record<string, string | number>;

export interface IngestProfile {
  name: IngestProfileName;
  table: string;
  /** The columns rows carry (Log Analytics' own TenantId, Type ... are not among them). */
  columns: ColumnSchema[];
  toJson(record: TraceRecord): JsonRow;
  /** The columns that hold a row's identity and received time. */
  identityColumns: { id: string; recipient: string; status: string; received: string };
  /** The Graph status value of a stored status. */
  traceStatus(stored: string): string;
}

/** Log Analytics adds these to every table; a sink never sends them. */
const SERVICE_COLUMNS = new Set(['TenantId', 'Type', '_ResourceId']);

const dataColumns = (columns: readonly ColumnSchema[]): ColumnSchema[] =>
  columns.filter((c) => !SERVICE_COLUMNS.has(c.name)).map(({ name, type }) => ({ name, type }));

/** The Reporting Web Service spelling the recipe's Status_s held (Delivered, FilteredAsSpam ...). */
function classicStatus(status: TraceStatus): string {
  return status.charAt(0).toUpperCase() + status.slice(1);
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;

/** The domain part of an address, lower case, in ASCII (punycode) form; '' when there is none. */
export function addressDomain(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return '';
  const domain = address.slice(at + 1).toLowerCase();
  // toASCII leaves ASCII as it is; most domains are, and it is slow to find out.
  if (!NON_ASCII.test(domain)) return domain;
  try {
    return toASCII(domain);
  } catch {
    return domain;
  }
}

const classic: IngestProfile = {
  name: 'classic',
  table: classicMessageTrace.name,
  columns: dataColumns(classicMessageTrace.columns),
  identityColumns: { id: 'MessageTraceId_g', recipient: 'RecipientAddress_s', status: 'Status_s', received: 'Received_t' },
  traceStatus: (stored) => stored.charAt(0).toLowerCase() + stored.slice(1),
  toJson: (r) => ({
    TimeGenerated: r.received,
    Received_t: r.received,
    SenderAddress_s: r.senderAddress,
    RecipientAddress_s: r.recipientAddress,
    Subject_s: r.subject,
    Status_s: classicStatus(r.status),
    FromIP_s: r.fromIP,
    ToIP_s: r.toIP,
    Size_d: r.size,
    MessageId_s: r.messageId,
    MessageTraceId_g: r.messageTraceId,
  }),
};

const dcr: IngestProfile = {
  name: 'dcr',
  table: dcrMessageTrace.name,
  columns: dataColumns(dcrMessageTrace.columns),
  identityColumns: { id: 'MessageTraceId', recipient: 'RecipientAddress', status: 'Status', received: 'Received' },
  traceStatus: (stored) => stored,
  toJson: (r) => ({
    TimeGenerated: r.received,
    Received: r.received,
    SenderAddress: r.senderAddress,
    RecipientAddress: r.recipientAddress,
    SenderDomain: addressDomain(r.senderAddress),
    RecipientDomain: addressDomain(r.recipientAddress),
    Subject: r.subject,
    Status: r.status,
    FromIP: r.fromIP,
    ToIP: r.toIP,
    Size: r.size,
    MessageId: r.messageId,
    MessageTraceId: r.messageTraceId,
  }),
};

const PROFILES: Record<IngestProfileName, IngestProfile> = { classic, dcr };

export class ProfileError extends Error {}

export function ingestProfile(name: string): IngestProfile {
  if (!(INGEST_PROFILES as readonly string[]).includes(name)) {
    throw new ProfileError(`unknown profile ${name}; ingestion writes ${INGEST_PROFILES.join(' or ')} (mdo is Defender's own table, read only)`);
  }
  return PROFILES[name as IngestProfileName];
}
