// The message trace schema profiles of DESIGN.md. A hunt template is written once and
// rendered per profile; the ingestion sinks shape rows for the same columns.
import type { TableSchema } from '../schema';

export type ProfileName = 'classic' | 'dcr' | 'mdo';
export const PROFILE_NAMES: readonly ProfileName[] = ['classic', 'dcr', 'mdo'];

/** Columns Log Analytics adds to every custom table. */
const standardColumns = [
  { name: 'TenantId', type: 'string' },
  { name: 'Type', type: 'string' },
  { name: '_ResourceId', type: 'string' },
] as const;

/** The 2020 recipe's table, created by the retired HTTP Data Collector API (suffixed names). */
export const classicMessageTrace: TableSchema = {
  name: 'EmailEvents_CL',
  description: 'Exchange Online message trace, classic custom table of the 2020 Logic Apps recipe (profile "classic"). Not Defender\'s EmailEvents.',
  columns: [
    { name: 'TimeGenerated', type: 'datetime', description: 'When the row was ingested; set from Received_t by Sentinel Hunt.' },
    { name: 'Received_t', type: 'datetime', description: 'When Exchange Online received the message (UTC).' },
    { name: 'SenderAddress_s', type: 'string' },
    { name: 'RecipientAddress_s', type: 'string' },
    { name: 'Subject_s', type: 'string' },
    { name: 'Status_s', type: 'string', description: 'Delivery status: Delivered, Pending, Failed, Expanded, Quarantined, FilteredAsSpam, GettingStatus.' },
    { name: 'FromIP_s', type: 'string' },
    { name: 'ToIP_s', type: 'string' },
    { name: 'Size_d', type: 'real', description: 'Message size in bytes.' },
    { name: 'MessageId_s', type: 'string', description: 'Internet message id.' },
    { name: 'MessageTraceId_g', type: 'guid' },
    ...standardColumns,
  ],
};

/** The Logs Ingestion API (DCR) table with plain column names (profile "dcr"). */
export const dcrMessageTrace: TableSchema = {
  name: 'MessageTrace_CL',
  description: 'Exchange Online message trace from Microsoft Graph, ingested through a data collection rule (profile "dcr").',
  columns: [
    { name: 'TimeGenerated', type: 'datetime', description: 'The received time of the message.' },
    { name: 'Received', type: 'datetime', description: 'When Exchange Online received the message (UTC).' },
    { name: 'SenderAddress', type: 'string' },
    { name: 'RecipientAddress', type: 'string' },
    { name: 'SenderDomain', type: 'string', description: 'Domain part of SenderAddress, lower case, ASCII (punycode).' },
    { name: 'RecipientDomain', type: 'string', description: 'Domain part of RecipientAddress, lower case, ASCII (punycode).' },
    { name: 'Subject', type: 'string' },
    { name: 'Status', type: 'string' },
    { name: 'FromIP', type: 'string' },
    { name: 'ToIP', type: 'string' },
    { name: 'Size', type: 'long', description: 'Message size in bytes.' },
    { name: 'MessageId', type: 'string', description: 'Internet message id.' },
    { name: 'MessageTraceId', type: 'string' },
    ...standardColumns,
  ],
};

/** Microsoft Defender for Office 365 advanced hunting table, as Sentinel shows it (profile "mdo"). */
export const defenderEmailEvents: TableSchema = {
  name: 'EmailEvents',
  description: 'Microsoft Defender for Office 365 email events (advanced hunting / Sentinel). Read only (profile "mdo").',
  columns: [
    { name: 'Timestamp', type: 'datetime' },
    { name: 'TimeGenerated', type: 'datetime' },
    { name: 'NetworkMessageId', type: 'string' },
    { name: 'InternetMessageId', type: 'string' },
    { name: 'SenderMailFromAddress', type: 'string' },
    { name: 'SenderFromAddress', type: 'string' },
    { name: 'SenderDisplayName', type: 'string' },
    { name: 'SenderObjectId', type: 'string' },
    { name: 'SenderMailFromDomain', type: 'string' },
    { name: 'SenderFromDomain', type: 'string' },
    { name: 'SenderIPv4', type: 'string' },
    { name: 'SenderIPv6', type: 'string' },
    { name: 'RecipientEmailAddress', type: 'string' },
    { name: 'RecipientObjectId', type: 'string' },
    { name: 'Subject', type: 'string' },
    { name: 'EmailClusterId', type: 'long' },
    { name: 'EmailDirection', type: 'string', description: 'Inbound, Outbound or Intra-org.' },
    { name: 'DeliveryAction', type: 'string' },
    { name: 'DeliveryLocation', type: 'string' },
    { name: 'LatestDeliveryAction', type: 'string' },
    { name: 'LatestDeliveryLocation', type: 'string' },
    { name: 'ThreatTypes', type: 'string' },
    { name: 'ThreatNames', type: 'string' },
    { name: 'DetectionMethods', type: 'string' },
    { name: 'ConfidenceLevel', type: 'string' },
    { name: 'BulkComplaintLevel', type: 'int' },
    { name: 'EmailAction', type: 'string' },
    { name: 'EmailActionPolicy', type: 'string' },
    { name: 'EmailActionPolicyGuid', type: 'string' },
    { name: 'AuthenticationDetails', type: 'string' },
    { name: 'AttachmentCount', type: 'int' },
    { name: 'UrlCount', type: 'int' },
    { name: 'EmailLanguage', type: 'string' },
    { name: 'Connectors', type: 'string' },
    { name: 'OrgLevelAction', type: 'string' },
    { name: 'OrgLevelPolicy', type: 'string' },
    { name: 'UserLevelAction', type: 'string' },
    { name: 'UserLevelPolicy', type: 'string' },
    { name: 'ExchangeTransportRule', type: 'string' },
    { name: 'AdditionalFields', type: 'dynamic' },
    { name: 'ReportId', type: 'string' },
    { name: 'TenantId', type: 'string' },
    { name: 'Type', type: 'string' },
  ],
};

export const messageTraceTables: Record<ProfileName, TableSchema> = {
  classic: classicMessageTrace,
  dcr: dcrMessageTrace,
  mdo: defenderEmailEvents,
};
