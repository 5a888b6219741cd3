// The core's ingestion sink for the chosen target: the local workspace folder, or a Log
// Analytics workspace through the Logs Ingestion API with its state file in the extension's
// global storage (one file per endpoint, rule, stream and profile).
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { IngestSink } from '../../../ingest/sink';
import type { IngestProfileName } from '../../../ingest/profiles';
import { appCredential, type CredentialDeps } from '../auth/credentials';
import { sessionCredential } from '../auth/session-credential';
import type { AppRegistration, TargetOptions } from './options';

export interface SinkDeps extends CredentialDeps {
  /** context.globalStorageUri.fsPath */
  globalStorage: string;
  /** Used when the options give no folder. */
  defaultFolder?: string;
  /** The Graph source's app, for an Azure target that signs in as the same app. */
  sourceApp?: AppRegistration;
}

export async function createSink(target: TargetOptions, profile: IngestProfileName, deps: SinkDeps): Promise<IngestSink> {
  if (target.kind === 'local') {
    const folder = target.folder || deps.defaultFolder;
    if (!folder) throw new Error('no local workspace folder: open a folder, or set sentinelHunt.localWorkspace');
    const { LocalSink } = await import('../../../ingest/local-sink');
    return LocalSink.open(folder);
  }
  const context = { purpose: 'send rows to the Logs Ingestion API', permission: 'the Monitoring Metrics Publisher role on the data collection rule' };
  const app = target.app ?? deps.sourceApp;
  const credential = target.auth === 'app'
    ? await appCredential(requireApp(app), context, deps)
    : sessionCredential(context);
  const { LogsIngestionSink } = await import('../../../azure/logs-ingestion-sink');
  return new LogsIngestionSink({
    endpoint: target.endpoint,
    dcrImmutableId: target.dcrImmutableId,
    streamName: target.stream,
    credential,
    stateFile: azureStateFile(deps.globalStorage, target, profile),
    profile,
  });
}

export function azureStateFile(globalStorage: string, target: { endpoint: string; dcrImmutableId: string; stream: string }, profile: IngestProfileName): string {
  const id = createHash('sha256').update(`${target.endpoint}\n${target.dcrImmutableId}\n${target.stream}\n${profile}`).digest('hex').slice(0, 16);
  return path.join(globalStorage, 'azure-ingestion', `${target.dcrImmutableId.replace(/[^\w-]/g, '_')}-${profile}-${id}.state.json`);
}

function requireApp(app: AppRegistration | undefined): AppRegistration {
  if (!app) throw new Error('the Azure target signs in as an app registration, but none is set up (choose one for the target, or sign in with your account)');
  return app;
}
