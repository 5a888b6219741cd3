// Sentinel's entity types and their identifiers, as the Azure-Sentinel validator checks them:
// each field mapping's identifier must be one of the type's, and the mappings must include
// one of the type's required combinations.

interface EntityIdentifiers {
  identifiers: readonly string[];
  /** Any one of these combinations must be mapped. */
  required: readonly (readonly string[])[];
}

const one = (...names: string[]): string[][] => names.map((n) => [n]);

export const ENTITY_TYPES: Readonly<Record<string, EntityIdentifiers>> = {
  Account: {
    identifiers: ['Name', 'FullName', 'NTDomain', 'DnsDomain', 'UPNSuffix', 'Sid', 'AadTenantId', 'AadUserId', 'PUID', 'IsDomainJoined', 'DisplayName', 'ObjectGuid'],
    required: one('FullName', 'Sid', 'Name', 'AadUserId', 'PUID', 'ObjectGuid'),
  },
  AzureResource: { identifiers: ['ResourceId'], required: one('ResourceId') },
  CloudApplication: { identifiers: ['AppId', 'Name', 'InstanceName'], required: one('AppId', 'Name') },
  DNS: { identifiers: ['DomainName'], required: one('DomainName') },
  File: { identifiers: ['Directory', 'Name'], required: one('Name') },
  FileHash: { identifiers: ['Algorithm', 'Value'], required: [['Algorithm', 'Value']] },
  Host: {
    identifiers: ['DnsDomain', 'NTDomain', 'HostName', 'FullName', 'NetBiosName', 'AzureID', 'OMSAgentID', 'OSFamily', 'OSVersion', 'IsDomainJoined'],
    required: one('FullName', 'HostName', 'NetBiosName', 'AzureID', 'OMSAgentID'),
  },
  IoTDevice: {
    identifiers: ['DeviceId', 'DeviceName', 'Manufacturer', 'Model', 'FirmwareVersion', 'OperatingSystem', 'MacAddress', 'Protocols', 'SerialNumber', 'Source', 'IoTSecurityAgentId', 'DeviceType'],
    required: one('DeviceId'),
  },
  IP: { identifiers: ['Address'], required: one('Address') },
  Mailbox: { identifiers: ['MailboxPrimaryAddress', 'DisplayName', 'Upn', 'ExternalDirectoryObjectId', 'RiskLevel'], required: one('MailboxPrimaryAddress') },
  MailCluster: {
    identifiers: ['NetworkMessageIds', 'CountByDeliveryStatus', 'CountByThreatType', 'CountByProtectionStatus', 'Threats', 'Query', 'QueryTime', 'MailCount', 'IsVolumeAnomaly', 'Source', 'ClusterSourceIdentifier', 'ClusterSourceType', 'ClusterQueryStartTime', 'ClusterQueryEndTime', 'ClusterGroup'],
    required: one('Query', 'Source'),
  },
  MailMessage: {
    identifiers: ['Recipient', 'Urls', 'Threats', 'Sender', 'P1Sender', 'P1SenderDisplayName', 'P1SenderDomain', 'SenderIP', 'P2Sender', 'P2SenderDisplayName', 'P2SenderDomain', 'ReceivedDate', 'NetworkMessageId', 'InternetMessageId', 'Subject', 'BodyFingerprintBin1', 'BodyFingerprintBin2', 'BodyFingerprintBin3', 'BodyFingerprintBin4', 'BodyFingerprintBin5', 'AntispamDirection', 'DeliveryAction', 'DeliveryLocation', 'Language', 'ThreatDetectionMethods'],
    required: one('NetworkMessageId', 'Recipient'),
  },
  Malware: { identifiers: ['Name', 'Category'], required: one('Name') },
  Process: { identifiers: ['ProcessId', 'CommandLine', 'ElevationToken', 'CreationTimeUtc'], required: one('CommandLine', 'ProcessId') },
  RegistryKey: { identifiers: ['Hive', 'Key'], required: one('Key', 'Hive') },
  RegistryValue: { identifiers: ['Name', 'Value', 'ValueType'], required: one('Name') },
  SecurityGroup: { identifiers: ['DistinguishedName', 'SID', 'ObjectGuid'], required: one('DistinguishedName', 'SID', 'ObjectGuid') },
  SubmissionMail: {
    identifiers: ['NetworkMessageId', 'Timestamp', 'Recipient', 'Sender', 'SenderIp', 'Subject', 'ReportType', 'SubmissionId', 'SubmissionDate', 'Submitter'],
    required: one('SubmissionId', 'NetworkMessageId', 'Recipient', 'Submitter'),
  },
  URL: { identifiers: ['Url'], required: one('Url') },
};
