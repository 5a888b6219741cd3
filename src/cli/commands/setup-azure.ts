// `sentinel-hunt setup-azure [--profile classic|dcr] ... [--out FILE] [--deploy ...]`
// The ARM template for Logs Ingestion into a Log Analytics workspace: printed, saved, or deployed.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCredential, CredentialOptionsError } from '../../azure/credential';
import { AzureError } from '../../azure/errors';
import { deploySetup, describeSetup, planSetup, type PrincipalType } from '../../azure/setup';
import { ingestProfile, INGEST_PROFILES, ProfileError } from '../../ingest/profiles';
import { UsageError } from '../usage-error';

export const setupAzureUsage = `sentinel-hunt setup-azure [--profile classic|dcr] [--workspace-name NAME] [--principal-id OBJECT_ID]
    [--principal-type ServicePrincipal|User|Group] [--dcr-name NAME] [--location REGION] [--no-table]
    [--out FILE] [--deploy --subscription ID --resource-group RG [--deployment-name NAME]
    [--arm-endpoint URL] [--credential default|cli|env-token] [--tenant T] [--client-id ID]
    [--certificate PEM | --client-secret-env VAR]]
  An ARM template for \`ingest --into azure\`: the profile's custom table (EmailEvents_CL for
  classic, MessageTrace_CL for dcr), a data collection rule of kind Direct (with its own logs
  ingestion endpoint) whose stream declares the profile's columns, and the Monitoring Metrics
  Publisher role on the rule for --principal-id. Deploy it into the workspace's resource group.
  Prints the template (or writes it to --out). With --deploy, deploys it through Azure Resource
  Manager (needs --workspace-name, --subscription, --resource-group) and prints the ingestion
  endpoint, DCR immutable id and stream to give \`ingest\`.
  --no-table      leave the table out (it exists; migrate a classic EmailEvents_CL first)`;

const OPTIONS = {
  profile: { type: 'string', default: 'classic' },
  'workspace-name': { type: 'string' },
  'principal-id': { type: 'string' },
  'principal-type': { type: 'string' },
  'dcr-name': { type: 'string' },
  location: { type: 'string' },
  'no-table': { type: 'boolean', default: false },
  out: { type: 'string' },
  deploy: { type: 'boolean', default: false },
  subscription: { type: 'string' },
  'resource-group': { type: 'string' },
  'deployment-name': { type: 'string' },
  'arm-endpoint': { type: 'string' },
  credential: { type: 'string' },
  tenant: { type: 'string' },
  'client-id': { type: 'string' },
  certificate: { type: 'string' },
  'client-secret-env': { type: 'string' },
  'authority-host': { type: 'string' },
} as const;

export interface SetupAzureIo {
  out(text: string): void;
  err(text: string): void;
  signal?: AbortSignal;
  /** Where credential variables are read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Wait between deployment polls (tests); default 5 s or what Resource Manager asks. */
  pollIntervalMs?: number;
}

export async function runSetupAzure(argv: string[], io: SetupAzureIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  if (positionals.length > 0) throw new UsageError(`setup-azure takes no arguments, only options (got ${positionals.join(' ')})`);
  let profile;
  try {
    profile = ingestProfile(values.profile);
  } catch (error) {
    if (error instanceof ProfileError) throw new UsageError(`--profile must be one of ${INGEST_PROFILES.join(', ')}, not ${values.profile}`);
    throw error;
  }
  if (values['principal-type'] !== undefined && values['principal-id'] === undefined) throw new UsageError('--principal-type needs --principal-id');
  const setup = {
    profile,
    workspaceName: values['workspace-name'],
    principalId: values['principal-id'],
    principalType: values['principal-type'] as PrincipalType | undefined,
    dataCollectionRuleName: values['dcr-name'],
    location: values.location,
    createTable: !values['no-table'],
  };
  try {
    const plan = planSetup(setup);
    const templateText = `${JSON.stringify(plan.template, null, 2)}\n`;
    if (values.out !== undefined) {
      writeFileSync(values.out, templateText);
      if (!values.deploy) io.out(deployHint(values.out, plan.parameters));
    } else if (!values.deploy) {
      io.out(templateText);
    }
    if (!values.deploy) return 0;

    const missing = (['workspace-name', 'subscription', 'resource-group'] as const).filter((flag) => values[flag] === undefined);
    if (missing.length > 0) throw new UsageError(`--deploy needs ${missing.map((flag) => `--${flag}`).join(', ')}`);
    if (values['principal-id'] === undefined) io.err('setup-azure: no --principal-id: nobody gets Monitoring Metrics Publisher on the rule; assign it before ingesting\n');
    const credential = createCredential({
      credential: values.credential, tenant: values.tenant, clientId: values['client-id'], certificate: values.certificate,
      clientSecretEnv: values['client-secret-env'], authorityHost: values['authority-host'], env: io.env,
    });
    let last = '';
    const result = await deploySetup({
      ...setup,
      workspaceName: values['workspace-name']!,
      subscriptionId: values.subscription!,
      resourceGroup: values['resource-group']!,
      deploymentName: values['deployment-name'],
      credential,
      armEndpoint: values['arm-endpoint'],
      pollIntervalMs: io.pollIntervalMs,
      signal: io.signal,
      onProgress: (state) => {
        if (state !== last) io.err(`setup-azure: deployment ${state}\n`);
        last = state;
      },
    });
    io.out(describeSetup(result, profile));
    return 0;
  } catch (error) {
    if (error instanceof CredentialOptionsError || (error instanceof AzureError && error.kind === 'config')) throw new UsageError(error.message);
    if (error instanceof AzureError) {
      io.err(`sentinel-hunt setup-azure: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function deployHint(file: string, parameters: Record<string, string>): string {
  const values = { workspaceName: '<workspace name>', principalId: '<object id of the ingesting identity>', ...parameters };
  const args = Object.entries(values).map(([name, value]) => `${name}=${/[\s<>]/.test(value) ? JSON.stringify(value) : value}`).join(' ');
  return `wrote ${file}; deploy it into the workspace's resource group, e.g.\n  az deployment group create --resource-group <group> --template-file ${file} --parameters ${args}\n`;
}
