// The Azure-Sentinel repository's analytics rule YAML (Detections/*.yaml), as its validation
// tests read it (.script/tests/detectionTemplateSchemaValidation).

/** MITRE ATT&CK tactics as Sentinel names them. */
export const ATTACK_TACTICS = [
  'Reconnaissance', 'ResourceDevelopment', 'InitialAccess', 'Execution', 'Persistence', 'PrivilegeEscalation',
  'DefenseEvasion', 'CredentialAccess', 'Discovery', 'LateralMovement', 'Collection', 'Exfiltration',
  'CommandAndControl', 'Impact', 'ImpairProcessControl', 'InhibitResponseFunction',
] as const;
export type AttackTactic = (typeof ATTACK_TACTICS)[number];

export const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const TRIGGER_OPERATORS = ['gt', 'lt', 'eq', 'ne'] as const;
export type TriggerOperator = (typeof TRIGGER_OPERATORS)[number];

export interface FieldMapping {
  identifier: string;
  columnName: string;
}

export interface EntityMapping {
  entityType: string;
  fieldMappings: FieldMapping[];
}

export interface DataConnector {
  connectorId: string;
  dataTypes: string[];
}

export interface AnalyticsRule {
  id: string;
  name: string;
  description: string;
  severity: Severity;
  requiredDataConnectors: DataConnector[];
  /** <n>m, <n>h or <n>d. */
  queryFrequency: string;
  queryPeriod: string;
  triggerOperator: TriggerOperator;
  triggerThreshold: number;
  tactics: AttackTactic[];
  relevantTechniques: string[];
  query: string;
  entityMappings?: EntityMapping[];
  customDetails?: Record<string, string>;
  /** X.Y.Z */
  version: string;
  kind: 'Scheduled' | 'NRT';
}
