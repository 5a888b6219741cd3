// Running queries (local workspace or Log Analytics) and the results panel: wires the pieces of
// this folder together and registers their commands, view and CodeLens.
import * as vscode from 'vscode';
import type { ExtensionToWebview, QueryResultPayload, WebviewToExtension } from '../../webview/protocol';
import type { KqlLanguageClient } from '../language-client';
import { parseConnection, type Connection } from './connection';
import { ConnectionManager, SELECT_CONNECTION_COMMAND } from './connections';
import { RUN_QUERY_COMMAND, RunCodeLensProvider } from './code-lens';
import { QueryHistory, type HistoryEntry } from './history';
import { pickFromHistory } from './history-pick';
import { LogAnalyticsClients } from './log-analytics-clients';
import { QueryHostClient, type QueryHostStatus } from './query-host-client';
import { QueryRunner, type RunOutcome } from './query-runner';
import { ResultStore } from './result-store';
import { ResultTabs } from './result-tab';
import { RESULTS_VIEW_ID, ResultsView } from './results-view';
import { runQueryCommand } from './run-command';
import { SchemaSync, type SchemaStatus } from './schema-sync';
import { selectConnection } from './select-connection';
import { WebviewActions, exportText } from './webview-actions';

export const CANCEL_QUERY_COMMAND = 'sentinelHunt.cancelQuery';
export const QUERY_HISTORY_COMMAND = 'sentinelHunt.queryHistory';
/** True while a query runs (for `when` clauses of Cancel Query). */
export const RUNNING_CONTEXT_KEY = 'sentinelHunt.queryRunning';

/** For the integration tests: what ran, what the webviews were sent and said. */
export interface ResultsTestApi {
  /** Runs `text` on the named (or given) connection, else the active one, as Run Query does. */
  runQuery(text: string, connection?: string | Record<string, unknown>): Promise<RunOutcome>;
  runningQuery(): string | undefined;
  lastResult(): QueryResultPayload | undefined;
  postedMessages(): ExtensionToWebview[];
  receivedMessages(): WebviewToExtension[];
  viewResolved(): boolean;
  activeConnection(): Connection | undefined;
  connections(): Connection[];
  schemaStatus(): SchemaStatus | undefined;
  history(): HistoryEntry[];
  hostStatus(): QueryHostStatus;
  /** The text an export of that result writes (the save dialog aside). */
  exportText(id: string, format: 'csv' | 'json'): string | undefined;
  /** Opens a result in an editor tab, as the panel's "open in tab" does. */
  openResultInTab(id: string): boolean;
  resultTabs(): { resultId: string; title: string; received: WebviewToExtension[] }[];
}

/** What the query commands expose to the integration tests through activate()'s API. */
export interface ResultsApi {
  results?: ResultsTestApi;
}

export function registerQueryCommands(context: vscode.ExtensionContext, output: vscode.OutputChannel, client: KqlLanguageClient): { disposables: vscode.Disposable[]; api: ResultsApi } {
  const log = (line: string) => output.appendLine(line);
  const results = new ResultStore();
  const history = new QueryHistory(context.workspaceState);
  const host = new QueryHostClient(context.asAbsolutePath('dist/query-host.js'), log);
  const logAnalytics = new LogAnalyticsClients();
  const connections = new ConnectionManager(context.workspaceState, log);
  const schema = new SchemaSync(client, logAnalytics, log);
  // The tabs and the actions need each other, and the actions the runner: closures resolve them later.
  const tabs = new ResultTabs(context.extensionUri, () => actions, log);
  const actions = new WebviewActions({ results, cancel: (id) => runner.cancel(id), openInTab: (result) => tabs.open(result), log });
  const view = new ResultsView(context.extensionUri, actions, log);
  const runner = new QueryRunner({
    host, logAnalytics, sink: view, history, results, log,
    runningChanged: (running) => void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT_KEY, running),
  });
  const codeLens = new RunCodeLensProvider();

  const workspaceFolder = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const resolveConnection = (value: unknown): Connection | undefined => {
    if (typeof value === 'string') return connections.find(value);
    if (typeof value === 'object' && value !== null) return parseConnection(value, 'connection', { workspaceFolder: workspaceFolder() });
    return undefined;
  };
  const choose = async (arg?: unknown): Promise<Connection | undefined> => {
    if (arg === undefined) return selectConnection(connections);
    const connection = resolveConnection(arg);
    if (!connection) throw new Error(`no connection named ${JSON.stringify(arg)}`);
    await connections.setActive(connection);
    return connection;
  };

  // While the select command runs, it syncs the schema itself (interactively, and awaited).
  let selecting = false;
  const disposables: vscode.Disposable[] = [
    { dispose: () => host.dispose() },
    connections,
    schema,
    view,
    tabs,
    codeLens,
    vscode.window.registerWebviewViewProvider(RESULTS_VIEW_ID, view, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.languages.registerCodeLensProvider({ language: 'kql' }, codeLens),
    connections.onDidChangeActive((connection) => {
      if (connection?.type === 'local') host.warmUp();
      if (!selecting) void schema.sync(connection, false);
    }),
    vscode.commands.registerCommand(RUN_QUERY_COMMAND, (uri?: vscode.Uri, line?: number) => runQueryCommand({
      activeConnection: () => connections.active(),
      selectConnection: async () => vscode.commands.executeCommand<Connection | undefined>(SELECT_CONNECTION_COMMAND),
      run: async (request) => {
        const outcome = await runner.run(request);
        // A schema that could not be read at start-up (not signed in yet) can be now.
        const status = schema.last();
        if (outcome.status === 'ok' && (!status || 'error' in status) && connections.active()?.name === request.connection.name) void schema.sync(request.connection, false);
        return outcome;
      },
      viewVisible: () => view.isResolved(),
    }, uri, line)),
    vscode.commands.registerCommand(CANCEL_QUERY_COMMAND, () => {
      if (!runner.cancel()) void vscode.window.setStatusBarMessage('Sentinel Hunt: no query is running', 3000);
    }),
    vscode.commands.registerCommand(SELECT_CONNECTION_COMMAND, async (arg?: unknown) => {
      let connection: Connection | undefined;
      selecting = true;
      try {
        connection = await choose(arg);
      } catch (error) {
        void vscode.window.showErrorMessage(`Sentinel Hunt: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      } finally {
        selecting = false;
      }
      if (connection) await schema.sync(connection, true);
      return connection;
    }),
    vscode.commands.registerCommand(QUERY_HISTORY_COMMAND, () => pickFromHistory(history)),
  ];
  void connections.initialize();

  const api: ResultsTestApi = {
    runQuery: async (text, connection) => {
      const target = connection === undefined ? connections.active() : resolveConnection(connection);
      if (!target) throw new Error('no connection: select one first');
      return runner.run({ query: text, connection: target });
    },
    runningQuery: () => runner.running(),
    lastResult: () => results.last(),
    postedMessages: () => view.postedMessages(),
    receivedMessages: () => view.receivedMessages(),
    viewResolved: () => view.isResolved(),
    activeConnection: () => connections.active(),
    connections: () => connections.all(),
    schemaStatus: () => schema.last(),
    history: () => history.entries(),
    hostStatus: () => host.status(),
    exportText: (id, format) => {
      const result = results.get(id);
      return result ? exportText(result, format) : undefined;
    },
    openResultInTab: (id) => {
      const result = results.get(id);
      if (result) tabs.open(result);
      return result !== undefined;
    },
    resultTabs: () => tabs.openTabs().map((t) => ({ resultId: t.resultId, title: t.panel.title, received: [...t.received] })),
  };
  return { disposables, api: { results: api } };
}
