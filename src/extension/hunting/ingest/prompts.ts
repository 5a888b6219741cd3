// The questions "Ingest Message Trace..." asks: source, target, profile. Every answer is
// remembered and offered first next time, so a repeated run is a few Enters.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { normaliseTenantDomain } from '../../../hunts/domains';
import type { IngestProfileName } from '../../../ingest/profiles';
import { SCENARIOS } from '../../../trace/synthetic/scenarios';
import { promptAppRegistration } from '../auth/app-prompts';
import { GRAPH_TRACE_PERMISSION } from '../auth/credentials';
import type { Memory } from '../state/memory';
import type { ClientSecrets } from '../state/secrets';
import { defaultLocalWorkspace, readSettings } from '../state/settings';
import { askText, pickMany, pickOne, PromptCancelled, rememberedFirst, splitList } from '../ui/prompts';
import type { AppRegistration, AzureAuthKind, IngestCommandOptions, SourceKind, SourceOptions, TargetOptions } from './options';

const TITLE = 'Sentinel Hunt: Ingest Message Trace';

export interface PromptDeps {
  memory: Memory;
  secrets: ClientSecrets;
}

export async function promptIngest(deps: PromptDeps): Promise<IngestCommandOptions> {
  const source = await promptSource(deps);
  const target = await promptTarget(deps, source.kind === 'graph' ? source.app : undefined);
  const profile = await pickOne<IngestProfileName>(TITLE, rememberedFirst<IngestProfileName>([
    { label: 'classic', description: 'EmailEvents_CL', detail: 'The 2020 recipe\'s table and column names (SenderAddress_s ...): its queries run unchanged', value: 'classic' },
    { label: 'dcr', description: 'MessageTrace_CL', detail: 'Plain column names with sender and recipient domains', value: 'dcr' },
  ], deps.memory.get('ingest.profile')), 'Table profile');
  await deps.memory.set('ingest.profile', profile);
  return { source, target, profile };
}

async function promptSource({ memory, secrets }: PromptDeps): Promise<SourceOptions> {
  const kind = await pickOne<SourceKind>(TITLE, rememberedFirst<SourceKind>([
    { label: '$(beaker) Synthetic demo data', detail: 'A made-up tenant\'s message trace, with optional incidents to hunt for', value: 'synthetic' },
    { label: '$(json) JSON export files', detail: 'Graph messageTrace exports or Reporting Web Service JSON', value: 'json' },
    { label: '$(table) EAC CSV files', detail: 'Message trace reports downloaded from the Exchange admin center', value: 'csv' },
    { label: '$(cloud) Microsoft Graph', detail: `Live message trace (${GRAPH_TRACE_PERMISSION})`, value: 'graph' },
  ], memory.get('ingest.source')), 'Where the message trace comes from');
  await memory.set('ingest.source', kind);
  switch (kind) {
    case 'synthetic': return promptSynthetic(memory);
    case 'json': case 'csv': return { kind, files: await promptFiles(kind, memory) };
    case 'graph': return { kind, app: await promptAppRegistration(TITLE, GRAPH_TRACE_PERMISSION, memory, secrets) };
  }
}

async function promptSynthetic(memory: Memory): Promise<SourceOptions> {
  const last = memory.get('ingest.synthetic');
  const settings = readSettings();
  const domains = splitList(await askText({
    title: TITLE,
    prompt: 'The made-up tenant\'s domains (comma-separated; the first has the most mailboxes)',
    value: (last?.domains ?? (settings.tenantDomains.length > 0 ? settings.tenantDomains : ['contoso.com'])).join(', '),
    validate: (text) => domainProblem(splitList(text)),
  }));
  const days = Number(await askText({
    title: TITLE,
    prompt: 'Days of message trace, ending today 00:00 UTC (about 33,000 rows a day)',
    value: String(last?.days ?? 30),
    validate: (text) => (/^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 90 ? undefined : 'a whole number of days from 1 to 90'),
  }));
  const picked = new Set(last?.scenarios ?? ['exfiltration', 'lookalike']);
  const scenarios = await pickMany(TITLE, SCENARIOS.map((name) => ({ label: name, picked: picked.has(name), value: name as string })), 'Incidents to put in the data (none is fine)');
  await memory.set('ingest.synthetic', { domains, days, scenarios });
  return { kind: 'synthetic', domains, days, scenarios };
}

function domainProblem(domains: string[]): string | undefined {
  if (domains.length === 0) return 'at least one domain, e.g. contoso.com';
  for (const domain of domains) {
    try {
      normaliseTenantDomain(domain);
    } catch (error) {
      return (error as Error).message;
    }
  }
  return undefined;
}

async function promptFiles(kind: 'json' | 'csv', memory: Memory): Promise<string[]> {
  const key = kind === 'json' ? 'ingest.jsonFiles' : 'ingest.csvFiles';
  const last = memory.get(key);
  const files = await vscode.window.showOpenDialog({
    title: `${TITLE}: ${kind === 'json' ? 'JSON export files' : 'Exchange admin center CSV reports'}`,
    canSelectMany: true,
    filters: kind === 'json' ? { 'Message trace JSON': ['json'] } : { 'Message trace CSV': ['csv'] },
    defaultUri: last?.[0] ? vscode.Uri.file(path.dirname(last[0])) : vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  if (!files || files.length === 0) throw new PromptCancelled();
  const paths = files.map((f) => f.fsPath);
  await memory.set(key, paths);
  return paths;
}

type TargetPick = 'default' | 'last' | 'folder' | 'azure';

async function promptTarget({ memory, secrets }: PromptDeps, sourceApp: AppRegistration | undefined): Promise<TargetOptions> {
  const defaultFolder = defaultLocalWorkspace();
  const lastFolder = memory.get('ingest.localFolder');
  const lastKind = memory.get('ingest.target');
  const items: { label: string; detail?: string; value: TargetPick }[] = [];
  if (lastFolder && lastFolder !== defaultFolder) items.push({ label: '$(folder) Local workspace (last used)', detail: lastFolder, value: 'last' });
  if (defaultFolder) items.push({ label: '$(folder) Local workspace', detail: defaultFolder, value: 'default' });
  items.push({ label: '$(folder-opened) Another local folder...', value: 'folder' });
  items.push({ label: '$(azure) Azure Log Analytics (Logs Ingestion API)', detail: memory.getGlobal('azure.target')?.endpoint ?? 'endpoint, data collection rule and stream of "Set Up Azure Ingestion"', value: 'azure' });
  if (lastKind === 'azure') items.unshift(...items.splice(items.length - 1, 1));
  const pick = await pickOne(TITLE, items, 'Where the rows go');
  if (pick === 'azure') {
    await memory.set('ingest.target', 'azure');
    return promptAzureTarget(memory, secrets, sourceApp);
  }
  let folder = pick === 'last' ? lastFolder : defaultFolder;
  if (pick === 'folder') {
    const chosen = await vscode.window.showOpenDialog({ title: `${TITLE}: local workspace folder`, canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Ingest Here' });
    if (!chosen?.[0]) throw new PromptCancelled();
    folder = chosen[0].fsPath;
  }
  await memory.set('ingest.target', 'local');
  if (folder) await memory.set('ingest.localFolder', folder);
  return { kind: 'local', folder };
}

async function promptAzureTarget(memory: Memory, secrets: ClientSecrets, sourceApp: AppRegistration | undefined): Promise<TargetOptions> {
  const last = memory.getGlobal('azure.target');
  const endpoint = await askText({
    title: TITLE, prompt: 'Logs ingestion endpoint of the data collection rule (or its DCE)', value: last?.endpoint,
    placeHolder: 'https://my-dcr-abcd.eastus-1.ingest.monitor.azure.com',
    validate: (text) => (/^https:\/\/[^\s/]+\/?$/.test(text.trim()) ? undefined : 'an https:// endpoint URL'),
  });
  const dcrImmutableId = await askText({
    title: TITLE, prompt: 'Immutable id of the data collection rule (dcr-..., not its resource id)', value: last?.dcrImmutableId,
    validate: (text) => (/^dcr-[0-9a-f]{32}$/i.test(text.trim()) ? undefined : 'dcr- followed by 32 hexadecimal digits'),
  });
  const stream = await askText({
    title: TITLE, prompt: 'Input stream of the rule', value: last?.stream ?? 'Custom-EmailEvents_CL',
    validate: (text) => (/^Custom-[A-Za-z0-9_]+$/.test(text.trim()) ? undefined : 'a custom stream, e.g. Custom-EmailEvents_CL'),
  });
  const items: { label: string; detail: string; value: AzureAuthKind | 'same' }[] = [
    { label: '$(account) Sign in with your Microsoft account', detail: 'Needs Monitoring Metrics Publisher on the rule', value: 'signin' },
    { label: '$(key) App registration', detail: 'An app with Monitoring Metrics Publisher on the rule', value: 'app' },
  ];
  if (sourceApp && sourceApp.auth !== 'signin') items.unshift({ label: '$(key) Same app as the Graph source', detail: sourceApp.clientId, value: 'same' });
  const auth = await pickOne(TITLE, items, 'How to sign in to Azure Monitor');
  await memory.setGlobal('azure.target', { endpoint, dcrImmutableId, stream, auth: auth === 'signin' ? 'signin' : 'app' });
  if (auth === 'signin') return { kind: 'azure', endpoint, dcrImmutableId, stream, auth };
  const app = auth === 'same' ? sourceApp : await promptAppRegistration(TITLE, 'Monitoring Metrics Publisher', memory, secrets);
  return { kind: 'azure', endpoint, dcrImmutableId, stream, auth: 'app', app };
}
