// "Sentinel Hunt: Set Up Azure Ingestion...": the ARM template that creates the table, the data
// collection rule and the role assignment, opened in an editor; optionally deployed through
// Resource Manager with the user's sign-in, after which the endpoint, rule id and stream can be
// remembered as the ingestion command's Azure target.
import * as vscode from 'vscode';
import type { TokenCredential } from '@azure/core-auth';
import { deploySetup, describeSetup, planSetup, type PrincipalType, type SetupResult } from '../../../azure/setup';
import { ingestProfile, type IngestProfileName } from '../../../ingest/profiles';
import { promptAppRegistration } from '../auth/app-prompts';
import { appCredential, type CredentialDeps } from '../auth/credentials';
import { sessionCredential } from '../auth/session-credential';
import type { AppRegistration } from '../ingest/options';
import type { Memory } from '../state/memory';
import { readSettings } from '../state/settings';
import type { Invocation } from '../ui/command';
import { openUntitled } from '../ui/documents';
import { pickOne } from '../ui/prompts';
import { promptDeployment, promptSetup, SETUP_TITLE } from './setup-prompts';

export interface SetupAzureOptions {
  profile?: IngestProfileName;
  workspaceName?: string;
  dcrName?: string;
  location?: string;
  principalId?: string;
  principalType?: PrincipalType;
  /** Leave the table out (it exists already). */
  noTable?: boolean;
  /** Deploy with these; without, only the template is opened. */
  deploy?: { subscription: string; resourceGroup: string; app?: AppRegistration; deploymentName?: string };
  /** After a deployment, remember its endpoint, rule and stream as the Azure ingestion target. */
  rememberAsTarget?: boolean;
  /** Default: the sentinelHunt.azure.resourceManagerEndpoint setting, else https://management.azure.com. */
  armEndpoint?: string;
  /** Entra authority for an app registration; default: the sentinelHunt.authorityHost setting. */
  authorityHost?: string;
}

export interface SetupAzureResult {
  template: Record<string, unknown>;
  parameters: Record<string, string>;
  uri: string;
  deployed?: SetupResult;
}


export interface SetupDeps extends CredentialDeps {
  memory: Memory;
}

const DEPLOY = 'Deploy...';

export async function setupAzureCommand(invocation: Invocation<SetupAzureOptions>, deps: SetupDeps): Promise<SetupAzureResult> {
  const options: SetupAzureOptions = invocation.interactive ? await promptSetup(deps.memory) : invocation.options;
  const profile = ingestProfile(options.profile ?? 'classic');
  const setup = {
    profile,
    workspaceName: options.workspaceName || undefined,
    dataCollectionRuleName: options.dcrName || undefined,
    location: options.location || undefined,
    principalId: options.principalId || undefined,
    principalType: options.principalType,
    createTable: !options.noTable,
  };
  const plan = planSetup(setup);
  const editor = await openUntitled(`sentinel-hunt-setup-${profile.name}.json`, 'json', `${JSON.stringify(plan.template, null, 2)}\n`);
  deps.log.line('setup', `ARM template for profile ${profile.name} (${profile.table}); parameters ${JSON.stringify(plan.parameters)}`);
  const result: SetupAzureResult = { template: plan.template, parameters: plan.parameters, uri: editor.document.uri.toString() };

  let deploy = options.deploy;
  if (invocation.interactive) {
    const action = await vscode.window.showInformationMessage(
      `The ARM template creates ${profile.table}, a data collection rule and its role assignment. Deploy it now, or deploy the file yourself (az deployment group create).`,
      DEPLOY,
    );
    if (action !== DEPLOY) return result;
    deploy = { ...(await promptDeployment(deps.memory)), app: await pickDeployAuth(deps.memory, deps) };
  }
  if (!deploy) return result;
  if (!setup.workspaceName) throw new Error('deploying needs the workspace name');
  if (!setup.principalId) deps.log.line('setup', 'no principal id: nobody gets Monitoring Metrics Publisher on the rule; assign it before ingesting');

  const settings = readSettings();
  const credential = await deployCredential(deploy.app, { ...deps, authorityHost: options.authorityHost ?? (settings.authorityHost || undefined) });
  const deployed = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Sentinel Hunt: deploying the ingestion set-up', cancellable: true },
    (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return deploySetup({
        ...setup,
        workspaceName: setup.workspaceName!,
        subscriptionId: deploy.subscription,
        resourceGroup: deploy.resourceGroup,
        deploymentName: deploy.deploymentName,
        credential,
        armEndpoint: options.armEndpoint ?? (settings.armEndpoint || undefined),
        signal: controller.signal,
        onProgress: (state) => {
          progress.report({ message: state });
          deps.log.line('setup', `deployment ${state}`);
        },
      });
    },
  );
  result.deployed = deployed;
  deps.log.line('setup', describeSetup(deployed, profile).trimEnd());
  if (invocation.interactive) void offerAsTarget(deployed, deps.memory);
  else if (options.rememberAsTarget) await rememberTarget(deployed, deps.memory);
  return result;
}

async function pickDeployAuth(memory: Memory, deps: SetupDeps): Promise<AppRegistration | undefined> {
  const how = await pickOne(SETUP_TITLE, [
    { label: '$(account) Sign in with your Microsoft account', detail: 'Needs rights to deploy into the resource group (e.g. Contributor, plus User Access Administrator for the role assignment)', value: 'signin' },
    { label: '$(key) App registration', detail: 'A service principal with those rights', value: 'app' },
  ], 'How to sign in to Azure Resource Manager');
  return how === 'app' ? promptAppRegistration(SETUP_TITLE, 'deployment rights on the resource group', memory, deps.secrets) : undefined;
}

function deployCredential(app: AppRegistration | undefined, deps: CredentialDeps): Promise<TokenCredential> | TokenCredential {
  const context = { purpose: 'deploy to Azure Resource Manager', permission: 'rights to deploy into the resource group' };
  if (app) return appCredential(app, context, deps);
  return sessionCredential(context);
}

async function offerAsTarget(result: SetupResult, memory: Memory): Promise<void> {
  const action = await vscode.window.showInformationMessage(
    `Ready: endpoint ${result.endpoint}, data collection rule ${result.dcrImmutableId}, stream ${result.streamName}. A new role assignment can take up to 30 minutes to apply.`,
    'Use as Ingestion Target',
  );
  if (action !== 'Use as Ingestion Target') return;
  await rememberTarget(result, memory);
  void vscode.window.showInformationMessage('Saved: "Ingest Message Trace..." offers it as the Azure target.');
}

async function rememberTarget(result: SetupResult, memory: Memory): Promise<void> {
  const previous = memory.getGlobal('azure.target');
  await memory.setGlobal('azure.target', { endpoint: result.endpoint, dcrImmutableId: result.dcrImmutableId, stream: result.streamName, auth: previous?.auth ?? 'signin' });
}
