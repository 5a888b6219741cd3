// The ARM template that prepares a Log Analytics workspace for `sentinel-hunt ingest --into azure`:
// the custom table of an ingestion profile (tables API), a data collection rule of kind Direct
// (it has its own logs ingestion endpoint: no data collection endpoint needed unless Private
// Link is used) whose input stream declares the columns the profile sends, and the Monitoring
// Metrics Publisher role on the rule for the identity that will ingest.
import type { KustoType } from '../kql/schema';
import type { IngestProfile } from '../ingest/profiles';

export const API_VERSIONS = {
  tables: '2022-10-01',
  /** The first version that returns a Direct rule's `endpoints.logsIngestion`. */
  dataCollectionRules: '2023-03-11',
  roleAssignments: '2022-04-01',
  workspaces: '2022-10-01',
  deployments: '2024-03-01',
} as const;

/** Monitoring Metrics Publisher: what the Logs Ingestion API requires on the rule. */
export const MONITORING_METRICS_PUBLISHER = '3913510d-42f4-4e42-8a64-420c390055eb';

export const PRINCIPAL_TYPES = ['ServicePrincipal', 'User', 'Group'] as const;

/** Column types of the tables API (Microsoft.OperationalInsights/workspaces/tables). */
export type TableColumnType = 'string' | 'int' | 'long' | 'real' | 'boolean' | 'dateTime' | 'guid' | 'dynamic';
/** Column types of a DCR stream declaration: no guid (it travels as a string). */
export type StreamColumnType = 'string' | 'int' | 'long' | 'real' | 'boolean' | 'datetime' | 'dynamic';

const TABLE_TYPES: Partial<Record<KustoType, TableColumnType>> = {
  string: 'string', int: 'int', long: 'long', real: 'real', bool: 'boolean', datetime: 'dateTime', guid: 'guid', dynamic: 'dynamic',
};
const STREAM_TYPES: Partial<Record<KustoType, StreamColumnType>> = {
  string: 'string', int: 'int', long: 'long', real: 'real', bool: 'boolean', datetime: 'datetime', guid: 'string', dynamic: 'dynamic',
};

export interface Column<T> {
  name: string;
  type: T;
}

export function tableColumns(profile: IngestProfile): Column<TableColumnType>[] {
  return profile.columns.map((c) => ({ name: c.name, type: mapped(TABLE_TYPES, c.type, c.name, 'a Log Analytics table') }));
}

export function streamDeclaration(profile: IngestProfile): { columns: Column<StreamColumnType>[] } {
  return { columns: profile.columns.map((c) => ({ name: c.name, type: mapped(STREAM_TYPES, c.type, c.name, 'a stream declaration') })) };
}

/** The rule's input stream: the rows' shape. Named like the output stream, as Microsoft's samples do. */
export function inputStreamName(profile: IngestProfile): string {
  return `Custom-${profile.table}`;
}

/** The table the rule writes to. */
export function outputStreamName(profile: IngestProfile): string {
  return `Custom-${profile.table}`;
}

/**
 * The transformation from the input stream to the table: `source` as it is, except columns the
 * stream cannot declare with the table's type (guid arrives as a string). TimeGenerated is sent
 * as the received time and declared datetime, so it needs nothing.
 */
export function transformKql(profile: IngestProfile): string {
  const conversions = profile.columns.filter((c) => c.type === 'guid').map((c) => `${c.name} = toguid(${c.name})`);
  return conversions.length === 0 ? 'source' : `source | extend ${conversions.join(', ')}`;
}

export function defaultRuleName(profile: IngestProfile): string {
  return `sentinel-hunt-${profile.table.replace(/_CL$/, '').toLowerCase()}`;
}

export interface SetupTemplateOptions {
  profile: IngestProfile;
  /** Include the table (default true). Leave it out when it exists already, e.g. a classic table migrated beforehand. */
  createTable?: boolean;
}

export type ArmTemplate = Record<string, unknown>;

const DCR_TYPE = 'Microsoft.Insights/dataCollectionRules';

export function buildSetupTemplate(options: SetupTemplateOptions): ArmTemplate {
  const { profile } = options;
  const createTable = options.createTable ?? true;
  const workspaceId = "resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName'))";
  const tableId = `resourceId('Microsoft.OperationalInsights/workspaces/tables', parameters('workspaceName'), '${profile.table}')`;
  const ruleId = `resourceId('${DCR_TYPE}', parameters('dataCollectionRuleName'))`;
  const rule = `reference(${ruleId}, '${API_VERSIONS.dataCollectionRules}')`;
  const destination = 'workspace';

  const table = {
    type: 'Microsoft.OperationalInsights/workspaces/tables',
    apiVersion: API_VERSIONS.tables,
    name: `[format('{0}/{1}', parameters('workspaceName'), '${profile.table}')]`,
    properties: { schema: { name: profile.table, columns: tableColumns(profile) } },
  };
  const dataCollectionRule = {
    type: DCR_TYPE,
    apiVersion: API_VERSIONS.dataCollectionRules,
    name: "[parameters('dataCollectionRuleName')]",
    location: "[parameters('location')]",
    kind: 'Direct',
    ...(createTable ? { dependsOn: [`[${tableId}]`] } : {}),
    properties: {
      description: `Exchange Online message trace into ${profile.table} (Sentinel Hunt, profile ${profile.name})`,
      streamDeclarations: { [inputStreamName(profile)]: streamDeclaration(profile) },
      destinations: { logAnalytics: [{ name: destination, workspaceResourceId: `[${workspaceId}]` }] },
      dataFlows: [{
        streams: [inputStreamName(profile)],
        destinations: [destination],
        transformKql: transformKql(profile),
        outputStream: outputStreamName(profile),
      }],
    },
  };
  const roleAssignment = {
    condition: "[not(empty(parameters('principalId')))]",
    type: 'Microsoft.Authorization/roleAssignments',
    apiVersion: API_VERSIONS.roleAssignments,
    scope: `[format('${DCR_TYPE}/{0}', parameters('dataCollectionRuleName'))]`,
    name: `[guid(${ruleId}, parameters('principalId'), '${MONITORING_METRICS_PUBLISHER}')]`,
    dependsOn: [`[${ruleId}]`],
    properties: {
      roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${MONITORING_METRICS_PUBLISHER}')]`,
      principalId: "[parameters('principalId')]",
      principalType: "[parameters('principalType')]",
    },
  };

  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    metadata: { description: `Sentinel Hunt: ${profile.table} and a Logs Ingestion data collection rule for it (profile ${profile.name})` },
    parameters: {
      workspaceName: { type: 'string', metadata: { description: 'The Log Analytics workspace, in the resource group of the deployment.' } },
      location: { type: 'string', defaultValue: '[resourceGroup().location]', metadata: { description: "The rule's region: the workspace's region." } },
      dataCollectionRuleName: { type: 'string', defaultValue: defaultRuleName(profile) },
      principalId: { type: 'string', defaultValue: '', metadata: { description: 'Object id of the identity that ingests (gets Monitoring Metrics Publisher on the rule); empty: no role assignment.' } },
      principalType: { type: 'string', defaultValue: 'ServicePrincipal', allowedValues: [...PRINCIPAL_TYPES] },
    },
    resources: [...(createTable ? [table] : []), dataCollectionRule, roleAssignment],
    outputs: {
      logsIngestionEndpoint: { type: 'string', value: `[${rule}.endpoints.logsIngestion]` },
      dataCollectionRuleImmutableId: { type: 'string', value: `[${rule}.immutableId]` },
      streamName: { type: 'string', value: inputStreamName(profile) },
      table: { type: 'string', value: profile.table },
      dataCollectionRuleId: { type: 'string', value: `[${ruleId}]` },
      workspaceId: { type: 'string', value: `[reference(${workspaceId}, '${API_VERSIONS.workspaces}').customerId]` },
    },
  };
}

function mapped<T>(types: Partial<Record<KustoType, T>>, type: KustoType, column: string, where: string): T {
  const out = types[type];
  if (out === undefined) throw new Error(`column ${column} of type ${type} has no counterpart in ${where}`);
  return out;
}
