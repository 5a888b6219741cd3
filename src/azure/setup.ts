// Preparing Azure for `sentinel-hunt ingest --into azure`: the template (setup-template.ts), its
// parameter values, a deployment through Resource Manager (arm-deploy.ts), and what to pass to
// `ingest` afterwards.
import type { TokenCredential } from '@azure/core-auth';
import type { IngestProfile } from '../ingest/profiles';
import { deployArmTemplate } from './arm-deploy';
import { AzureError } from './errors';
import { buildSetupTemplate, defaultRuleName, inputStreamName, PRINCIPAL_TYPES, type ArmTemplate } from './setup-template';

export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

export interface SetupOptions {
  profile: IngestProfile;
  /** The Log Analytics workspace, in the resource group deployed to. */
  workspaceName?: string;
  /** Object id of the identity that will ingest: it gets Monitoring Metrics Publisher on the rule. */
  principalId?: string;
  principalType?: PrincipalType;
  dataCollectionRuleName?: string;
  /** The workspace's region; default the resource group's. */
  location?: string;
  createTable?: boolean;
}

export interface SetupPlan {
  template: ArmTemplate;
  /** Values for the template's parameters (only those given). */
  parameters: Record<string, string>;
}

export interface SetupResult {
  /** --ingestion-endpoint */
  endpoint: string;
  /** --dcr-id */
  dcrImmutableId: string;
  /** --stream */
  streamName: string;
  table: string;
  dataCollectionRuleId: string;
  /** The workspace ID (GUID), for --reconcile. */
  workspaceId?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function planSetup(options: SetupOptions): SetupPlan {
  if (options.principalId !== undefined && !GUID.test(options.principalId)) {
    throw new AzureError(`the principal id is the identity's object id (a GUID), not ${JSON.stringify(options.principalId)}`, 'config');
  }
  if (options.principalType !== undefined && !(PRINCIPAL_TYPES as readonly string[]).includes(options.principalType)) {
    throw new AzureError(`the principal type is one of ${PRINCIPAL_TYPES.join(', ')}, not ${JSON.stringify(options.principalType)}`, 'config');
  }
  if (options.dataCollectionRuleName !== undefined && !/^[A-Za-z0-9][-\w.]{1,63}$/.test(options.dataCollectionRuleName)) {
    throw new AzureError(`${JSON.stringify(options.dataCollectionRuleName)} is not a data collection rule name (letters, digits, - _ ., at most 64)`, 'config');
  }
  const parameters: Record<string, string> = {};
  if (options.workspaceName !== undefined) parameters.workspaceName = options.workspaceName;
  if (options.location !== undefined) parameters.location = options.location;
  if (options.dataCollectionRuleName !== undefined) parameters.dataCollectionRuleName = options.dataCollectionRuleName;
  if (options.principalId !== undefined) parameters.principalId = options.principalId;
  if (options.principalType !== undefined) parameters.principalType = options.principalType;
  return { template: buildSetupTemplate({ profile: options.profile, createTable: options.createTable }), parameters };
}

export interface DeploySetupOptions extends SetupOptions {
  workspaceName: string;
  subscriptionId: string;
  resourceGroup: string;
  deploymentName?: string;
  credential: TokenCredential;
  armEndpoint?: string;
  pollIntervalMs?: number;
  signal?: AbortSignal;
  onProgress?: (provisioningState: string) => void;
}

export async function deploySetup(options: DeploySetupOptions): Promise<SetupResult> {
  const plan = planSetup(options);
  const deploymentName = options.deploymentName ?? `sentinel-hunt-${options.profile.name}-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const result = await deployArmTemplate({
    subscriptionId: options.subscriptionId,
    resourceGroup: options.resourceGroup,
    deploymentName,
    template: plan.template,
    parameters: plan.parameters,
    credential: options.credential,
    armEndpoint: options.armEndpoint,
    pollIntervalMs: options.pollIntervalMs,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const text = (name: string): string | undefined => (typeof result.outputs[name] === 'string' ? (result.outputs[name] as string) : undefined);
  const endpoint = text('logsIngestionEndpoint');
  const dcrImmutableId = text('dataCollectionRuleImmutableId');
  if (!endpoint || !dcrImmutableId) {
    throw new AzureError(`deployment ${deploymentName} succeeded but did not return the rule's logs ingestion endpoint and immutable id; open the rule ${options.dataCollectionRuleName ?? defaultRuleName(options.profile)} in the portal (JSON view, API version 2023-03-11 or later)`, 'server');
  }
  return {
    endpoint,
    dcrImmutableId,
    streamName: text('streamName') ?? inputStreamName(options.profile),
    table: text('table') ?? options.profile.table,
    dataCollectionRuleId: text('dataCollectionRuleId') ?? '',
    workspaceId: text('workspaceId'),
  };
}

/** The summary of a deployment and the `ingest` flags it gives. */
export function describeSetup(result: SetupResult, profile: IngestProfile): string {
  const lines = [
    `ready: data collection rule ${result.dataCollectionRuleId || result.dcrImmutableId} writes to ${result.table}`,
    `  ingestion endpoint  ${result.endpoint}`,
    `  DCR immutable id    ${result.dcrImmutableId}`,
    `  stream              ${result.streamName}`,
  ];
  if (result.workspaceId) lines.push(`  workspace id        ${result.workspaceId}`);
  lines.push(
    'ingest with:',
    `  sentinel-hunt ingest --source graph --profile ${profile.name} --into azure --ingestion-endpoint ${result.endpoint} --dcr-id ${result.dcrImmutableId} --stream ${result.streamName} --state ${profile.table}.state.json`
      + (result.workspaceId ? ` --reconcile ${result.workspaceId}` : ''),
    'A new role assignment can take up to 30 minutes to apply: until then uploads answer 403.',
  );
  return `${lines.join('\n')}\n`;
}
