// Commands for getting data in and hunts out: ingest message trace, set up Azure ingestion,
// new hunt from a template, lookalike domains, export as a Sentinel analytics rule.
// Each command's module loads when the command first runs, so activation stays light.
import * as vscode from 'vscode';
import type { IngestProgress } from '../../ingest/run';
import type { SetupAzureOptions } from './azure/setup-azure';
import type { LookalikesOptions } from './hunts/lookalikes';
import type { NewHuntOptions } from './hunts/new-hunt';
import type { IngestCommandOptions } from './ingest/options';
import type { ExportRuleOptions } from './rules/export-rule';
import { IngestionRunner } from './ingest/runner';
import { IngestStatusBar } from './ingest/status-bar';
import { Memory, type LastIngestion } from './state/memory';
import { ClientSecrets } from './state/secrets';
import { defaultLocalWorkspace } from './state/settings';
import { isPlainObject, registerHuntingCommand } from './ui/command';
import { HuntingLog } from './ui/log';

/** What the hunting commands expose through activate()'s API (the integration tests use it). */
export interface HuntingApi {
  hunting: HuntingTestApi;
}

export interface HuntingTestApi {
  /** The ingestion status bar item's text and tooltip. */
  statusBarText(): string;
  statusBarTooltip(): string;
  /** The last ingestion run's outcome, as the status bar shows it. */
  lastIngestion(): LastIngestion | undefined;
  isIngesting(): boolean;
  /** Counts of the run in progress, after its first batch. */
  ingestionProgress(): IngestProgress | undefined;
  /** Cancels the run in progress, as its notification's Cancel does; false when none runs. */
  cancelIngestion(): boolean;
  /** Whether SecretStorage holds a client secret for the app (never the secret itself). */
  hasClientSecret(tenant: string, clientId: string): Promise<boolean>;
  /** The hunting commands' recent output channel lines. */
  logText(): string;
  /** Everything the commands remember in workspace and global state. */
  rememberedState(): Record<string, unknown>;
}

export function registerHuntingCommands(context: vscode.ExtensionContext, output: vscode.OutputChannel): { disposables: vscode.Disposable[]; api: HuntingApi } {
  const log = new HuntingLog(output);
  const memory = new Memory(context);
  const secrets = new ClientSecrets(context.secrets, log);
  const statusBar = new IngestStatusBar();
  statusBar.showLast(memory.get('ingest.lastRun'));
  const credentialDeps = { secrets, log };
  const runner = new IngestionRunner({
    ...credentialDeps,
    memory,
    statusBar,
    globalStorage: context.globalStorageUri.fsPath,
    defaultFolder: () => defaultLocalWorkspace(),
  });

  const disposables = [
    statusBar,
    registerHuntingCommand('sentinelHunt.ingest', 'ingest', log, optionsArg<IngestCommandOptions>(['source', 'target']), async (invocation) => {
      const { ingestCommand } = await import('./ingest/command');
      return ingestCommand(invocation, { runner, memory, secrets, log });
    }),
    registerHuntingCommand('sentinelHunt.setupAzure', 'setup', log, optionsArg<SetupAzureOptions>(), async (invocation) => {
      const { setupAzureCommand } = await import('./azure/setup-azure');
      return setupAzureCommand(invocation, { ...credentialDeps, memory });
    }),
    registerHuntingCommand('sentinelHunt.newHunt', 'hunt', log, optionsArg<NewHuntOptions>(['template']), async (invocation) => {
      const { newHuntCommand } = await import('./hunts/new-hunt');
      return newHuntCommand(invocation, { memory, log });
    }),
    registerHuntingCommand('sentinelHunt.lookalikes', 'lookalikes', log, optionsArg<LookalikesOptions>(), async (invocation) => {
      const { lookalikesCommand } = await import('./hunts/lookalikes');
      return lookalikesCommand(invocation, { memory, log });
    }),
    registerHuntingCommand('sentinelHunt.exportRule', 'rule', log, optionsArg<ExportRuleOptions>(), async (invocation, arg) => {
      const { exportRuleCommand } = await import('./rules/export-rule');
      return exportRuleCommand(invocation, arg, { log });
    }),
  ];

  const api: HuntingTestApi = {
    statusBarText: () => statusBar.text,
    statusBarTooltip: () => statusBar.tooltip,
    lastIngestion: () => memory.get('ingest.lastRun'),
    isIngesting: () => runner.running,
    ingestionProgress: () => runner.progress,
    cancelIngestion: () => runner.cancel(),
    hasClientSecret: (tenant, clientId) => secrets.has(tenant, clientId),
    logText: () => log.text(),
    rememberedState: () => memory.snapshot(),
  };
  return { disposables, api: { hunting: api } };
}

/** An options object (with the `required` keys) means: run without prompting. */
function optionsArg<T>(required: readonly string[] = []): (arg: unknown) => arg is T {
  return (arg: unknown): arg is T => isPlainObject(arg) && required.every((key) => key in arg);
}
