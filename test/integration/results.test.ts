// Running queries from VS Code (src/extension/results) in the real extension host: on a local
// workspace created here (through the query host process) and on Log Analytics through the real
// LogsQueryClient pointed at the local HTTPS query server (run in a child process, since the
// engine must not load in the extension host). The results view itself needs its package.json
// contribution; until then the messages it would be sent are checked through the API.
import * as assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { columnFromValues } from '../../src/engine/data/builder';
import { Table } from '../../src/engine/data/table';
import type { SentinelHuntApi } from '../../src/extension/main';
import type { ResultsTestApi } from '../../src/extension/results/register';
import type { RunOutcome } from '../../src/extension/results/query-runner';
import type { KustoType } from '../../src/kql/schema';
import { LocalWorkspace } from '../../src/store';
import { coerce } from '../../src/store/values';
import type { LogAnalyticsProcessRequest } from '../support/servers/log-analytics-process';
import type { QueryRequestRecord, WorkspaceTable } from '../support/servers/log-analytics-server';
import { repoRoot } from '../support/paths';

const EXTENSION_ID = 'sentinel-hunt.sentinel-hunt';
const SERVER_TIMEOUT_MS = 45_000;
const TOKEN_VARIABLE = 'SENTINEL_HUNT_TEST_LA_TOKEN';
const BAD_TOKEN_VARIABLE = 'SENTINEL_HUNT_TEST_LA_BAD_TOKEN';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | Thenable<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
    value = await probe();
  }
  return value;
}

const MAIL_COLUMNS: { name: string; type: KustoType }[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Sender', type: 'string' },
  { name: 'Size', type: 'long' },
];
const SENDERS = ['a@contoso.com', 'b@fabrikam.com', 'c@contoso.com'];

/** 24 messages, one an hour over the last day. */
function mailRows(): unknown[][] {
  const hour = 3_600_000;
  const now = Math.floor(Date.now() / hour) * hour;
  return Array.from({ length: 24 }, (_v, i) => [new Date(now - i * hour).toISOString(), SENDERS[i % 3], 1000 * (i + 1)]);
}

async function createLocalWorkspace(folder: string): Promise<void> {
  const rows = mailRows();
  const columns = MAIL_COLUMNS.map((c, i) => columnFromValues(c.type, rows.map((row) => coerce(row[i], c.type))));
  const workspace = await LocalWorkspace.open(folder, { create: true });
  await workspace.commit({ create: [{ name: 'Mail', columns: MAIL_COLUMNS }], appends: [{ table: 'Mail', data: new Table(MAIL_COLUMNS.map((c) => c.name), columns) }] });
}

let queryFiles: string | undefined;
let queryFileCount = 0;

/** Opens `content` as a .kql file (a file, not an untitled editor: closing never asks to save). */
async function openKql(content: string): Promise<vscode.TextEditor> {
  queryFiles ??= mkdtempSync(path.join(os.tmpdir(), 'sentinel-hunt-queries-'));
  const file = path.join(queryFiles, `query-${++queryFileCount}.kql`);
  writeFileSync(file, content);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  await until('the new editor to be active', () => vscode.window.activeTextEditor?.document, (d) => d === document);
  return editor;
}

function completionLabels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

function ok(outcome: RunOutcome | undefined): Extract<RunOutcome, { status: 'ok' }> {
  assert.ok(outcome, 'the command returned an outcome');
  assert.equal(outcome.status, 'ok', `expected a result, got ${JSON.stringify(outcome).slice(0, 500)}`);
  return outcome as Extract<RunOutcome, { status: 'ok' }>;
}

function failed(outcome: RunOutcome | undefined): string {
  assert.ok(outcome, 'the command returned an outcome');
  assert.equal(outcome.status, 'error', `expected an error, got ${JSON.stringify(outcome).slice(0, 500)}`);
  return (outcome as Extract<RunOutcome, { status: 'error' }>).message;
}

suite('Sentinel Hunt results', () => {
  let api: ResultsTestApi;
  let folder: string;
  let kustoBefore: boolean;

  suiteSetup(async function () {
    this.timeout(SERVER_TIMEOUT_MS + 30_000);
    kustoBefore = 'Kusto' in globalThis;
    const ext = vscode.extensions.getExtension<SentinelHuntApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
    const all = await ext.activate();
    await all.languageServerReady;
    assert.ok(all.results, 'activate() returns the results API');
    api = all.results;
    folder = mkdtempSync(path.join(os.tmpdir(), 'sentinel-hunt-results-'));
    await createLocalWorkspace(folder);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('sentinelHunt.useBuiltinSchema');
    if (folder) rmSync(folder, { recursive: true, force: true });
    if (queryFiles) rmSync(queryFiles, { recursive: true, force: true });
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suite('local workspace', () => {
    suiteSetup(async function () {
      this.timeout(30_000);
      const active = await vscode.commands.executeCommand('sentinelHunt.selectConnection', { name: 'Test local', type: 'local', folder });
      assert.ok(active, 'the connection is selected');
      assert.equal(api.activeConnection()?.name, 'Test local');
    });

    test('the local schema reaches the language server', async function () {
      this.timeout(SERVER_TIMEOUT_MS);
      const status = api.schemaStatus();
      assert.ok(status && 'tables' in status, `schema status: ${JSON.stringify(status)}`);
      assert.equal(status.connection, 'Test local');
      assert.match(status.source, /^local workspace /);
      const editor = await openKql('Mail\n| where ');
      const position = new vscode.Position(1, 8);
      const list = await until('completion of Mail columns',
        () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position),
        (l) => completionLabels(l).includes('Sender'), SERVER_TIMEOUT_MS);
      assert.ok(completionLabels(list).includes('Size'));
    });

    test('Run Query runs the block at the cursor and the result reaches the webview messages', async function () {
      this.timeout(60_000);
      const editor = await openKql('// first block\nMail | take 1\n\nMail\n| summarize Messages = count() by Sender\n| order by Sender asc\n');
      editor.selection = new vscode.Selection(4, 5, 4, 5);
      const before = api.postedMessages().length;
      const outcome = ok(await vscode.commands.executeCommand<RunOutcome>('sentinelHunt.runQuery'));
      const { result } = outcome;
      assert.deepEqual(result.columns, [{ name: 'Sender', type: 'string' }, { name: 'Messages', type: 'long' }]);
      assert.deepEqual(result.rows, SENDERS.map((s) => [s, 8]));
      assert.equal(result.visualization, null);
      assert.match(result.target, /^local workspace /);
      assert.ok(result.query.startsWith('Mail\n| summarize'), result.query);
      const posted = api.postedMessages().slice(before);
      assert.deepEqual(posted.map((m) => m.type), ['running', 'result']);
      assert.equal(posted[0].type === 'running' && posted[0].id, result.id);
      assert.equal(posted[1].type === 'result' && posted[1].result.id, result.id);
      assert.equal(api.lastResult()?.id, result.id);
    });

    test('a selection runs instead of the block', async function () {
      this.timeout(30_000);
      const editor = await openKql('Mail | count\n| extend Twice = Count * 2');
      editor.selection = new vscode.Selection(0, 0, 0, 12);
      const { result } = ok(await vscode.commands.executeCommand<RunOutcome>('sentinelHunt.runQuery'));
      assert.deepEqual(result.columns.map((c) => c.name), ['Count']);
      assert.deepEqual(result.rows, [[24]]);
    });

    test('CodeLens offers ▶ Run above each block and runs that block', async function () {
      this.timeout(30_000);
      const editor = await openKql('Mail | take 2\n\n// a comment only\n\nMail | count');
      const lenses = await until('code lenses',
        () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri),
        (l) => (l?.length ?? 0) >= 2);
      const runs = lenses.filter((l) => l.command?.title === '▶ Run');
      assert.deepEqual(runs.map((l) => l.range.start.line), [0, 4]);
      const command = runs[1].command as vscode.Command;
      const { result } = ok(await vscode.commands.executeCommand<RunOutcome>(command.command, ...(command.arguments ?? [])));
      assert.deepEqual(result.rows, [[24]]);
    });

    for (const kind of ['timechart', 'columnchart', 'piechart'] as const) {
      test(`render ${kind} comes back as the visualization`, async function () {
        this.timeout(30_000);
        const query = kind === 'timechart'
          ? 'Mail | summarize Messages = count() by bin(TimeGenerated, 1h) | render timechart'
          : `Mail | summarize Bytes = sum(Size) by Sender | render ${kind}`;
        const { result } = ok(await api.runQuery(query));
        assert.equal(result.visualization?.visualization, kind);
        const posted = api.postedMessages().filter((m) => m.type === 'result').pop();
        assert.equal(posted?.type === 'result' && posted.result.visualization?.visualization, kind);
      });
    }

    test('a KQL error names the line and column in the document', async function () {
      this.timeout(30_000);
      const editor = await openKql('Mail | take 1\n\nMail\n| where Nope == 1\n');
      editor.selection = new vscode.Selection(3, 2, 3, 2);
      const message = failed(await vscode.commands.executeCommand<RunOutcome>('sentinelHunt.runQuery'));
      assert.match(message, /^4:9: .*Nope/m);
      const last = api.postedMessages().pop();
      assert.equal(last?.type, 'error');
      assert.equal(last?.type === 'error' && last.message, message);
    });

    test('a construct the local engine lacks says "not supported by the local engine"', async function () {
      this.timeout(30_000);
      const message = failed(await api.runQuery('print d = geo_distance_2points(1.0, 2.0, 3.0, 4.0)'));
      assert.match(message, /not supported by the local engine: .*geo_distance_2points/);
    });

    test('Cancel Query stops a long query and the next one runs', async function () {
      this.timeout(60_000);
      const startsBefore = api.hostStatus().starts;
      const running = api.runQuery('range x from 1 to 9000000 step 1 | extend y = strcat("a", tostring(x)) | summarize dcount(y)');
      const id = await until('the query to start', () => api.runningQuery(), (v) => v !== undefined);
      await sleep(500);
      const cancelledAt = Date.now();
      await vscode.commands.executeCommand('sentinelHunt.cancelQuery');
      const outcome = await running;
      assert.equal(outcome.status, 'cancelled', JSON.stringify(outcome));
      assert.equal(outcome.id, id);
      assert.ok(Date.now() - cancelledAt < 3000, `cancel took ${Date.now() - cancelledAt} ms`);
      assert.deepEqual(api.postedMessages().pop(), { type: 'cancelled', id });
      const { result } = ok(await api.runQuery('Mail | count'));
      assert.deepEqual(result.rows, [[24]]);
      assert.ok(api.hostStatus().starts > startsBefore, 'a new query host was started after the cancel');
    });

    test('sentinelHunt.maxRows truncates what is sent and queryTimeoutSeconds stops a long query', async function () {
      this.timeout(60_000);
      const config = vscode.workspace.getConfiguration('sentinelHunt');
      // VS Code writes only settings that package.json declares.
      if (config.inspect('maxRows')?.defaultValue === undefined) this.skip();
      await config.update('maxRows', 10, vscode.ConfigurationTarget.Workspace);
      await config.update('queryTimeoutSeconds', 1, vscode.ConfigurationTarget.Workspace);
      try {
        const { result } = ok(await api.runQuery('Mail'));
        assert.equal(result.rows.length, 10);
        assert.deepEqual(result.truncated, { shown: 10, total: 24 });
        const started = Date.now();
        const message = failed(await api.runQuery('range x from 1 to 9000000 step 1 | extend y = strcat("a", tostring(x)) | summarize dcount(y)'));
        assert.match(message, /longer than 1 s \(sentinelHunt\.queryTimeoutSeconds\)/);
        assert.ok(Date.now() - started < 5000, `stopped after ${Date.now() - started} ms`);
      } finally {
        await config.update('maxRows', undefined, vscode.ConfigurationTarget.Workspace);
        await config.update('queryTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
      }
      ok(await api.runQuery('Mail | count'));
    });

    test('history holds the runs and re-opens a query', async function () {
      this.timeout(30_000);
      const marker = `Mail | where Sender == "b@fabrikam.com" | count // ${Date.now()}`;
      ok(await api.runQuery(marker));
      const history = api.history();
      assert.ok(history.length <= 50);
      assert.equal(history[0].query, marker);
      assert.equal(history[0].status, 'ok');
      assert.equal(history[0].connection, 'Test local');
      assert.ok(history.some((e) => e.status === 'cancelled'), 'the cancelled run is in the history');
      assert.ok(history.some((e) => e.status === 'error' && /^4:9:/.test(e.message ?? '')), 'the failed run is in the history');
      const opened = vscode.commands.executeCommand<vscode.TextEditor | undefined>('sentinelHunt.queryHistory');
      await sleep(500);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const editor = await opened;
      assert.equal(editor?.document.getText(), marker);
      assert.equal(editor?.document.languageId, 'kql');
      // An untitled editor with text: discard it so that closing does not ask to save.
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    test('export writes CSV with quoting and the CLI JSON shape', async function () {
      this.timeout(30_000);
      const { result } = ok(await api.runQuery('print a = \'x,"y"\', b = 1, c = dynamic({"k": [1, 2]}), d = datetime(2024-05-01 10:00:00)'));
      assert.equal(api.exportText(result.id, 'csv'), 'a,b,c,d\r\n"x,""y""",1,"{""k"":[1,2]}",2024-05-01T10:00:00Z\r\n');
      assert.deepEqual(JSON.parse(api.exportText(result.id, 'json') ?? ''), {
        columns: [{ name: 'a', type: 'string' }, { name: 'b', type: 'long' }, { name: 'c', type: 'dynamic' }, { name: 'd', type: 'datetime' }],
        rows: [['x,"y"', 1, { k: [1, 2] }, '2024-05-01T10:00:00Z']],
        visualization: null,
      });
    });

    test('open in tab shows a result in an editor tab', async function () {
      this.timeout(30_000);
      const { result } = ok(await api.runQuery('Mail | summarize count() by Sender | render piechart'));
      assert.ok(api.openResultInTab(result.id));
      const tab = await until('the result tab', () => api.resultTabs().find((t) => t.resultId === result.id), (t) => t !== undefined);
      assert.ok(tab);
      assert.match(tab.title, /^Result: Mail/);
      const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
      await until(`a tab labelled ${tab.title}`, labels, (l) => l.includes(tab.title)).catch(() => undefined);
      assert.ok(labels().includes(tab.title), `the tab is open in the editor area; tabs: ${labels().join(', ')}`);
      // The page's script loaded under the CSP (nonce, dist/webview only) and said it is ready; it was then sent the result.
      const ready = await until('the tab page to say ready', () => api.resultTabs().find((t) => t.resultId === result.id)?.received ?? [], (r) => r.some((m) => m.type === 'ready'), 15_000)
        .catch(() => api.resultTabs().find((t) => t.resultId === result.id)?.received ?? []);
      assert.ok(ready.some((m) => m.type === 'ready'), `the tab's page posted 'ready' (dist/webview/results.js built?); got ${JSON.stringify(ready)}`);
    });

    test('the results view in the panel shows the result', async function () {
      this.timeout(45_000);
      const contributes = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { views?: Record<string, { id: string }[]> } }).contributes;
      if (!Object.values(contributes?.views ?? {}).flat().some((v) => v.id === 'sentinelHunt.results')) this.skip(); // needs package.json's view contribution
      const editor = await openKql('Mail | summarize Messages = count() by bin(TimeGenerated, 6h) | render columnchart');
      const { result } = ok(await vscode.commands.executeCommand<RunOutcome>('sentinelHunt.runQuery'));
      await until('the view to resolve and its page to say ready', () => api.receivedMessages(), (m) => api.viewResolved() && m.some((x) => x.type === 'ready'), 30_000);
      assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'the editor keeps the focus');
      // The page asked for the state once ready: the last result was replayed to it.
      assert.equal(api.lastResult()?.id, result.id);
    });

    test('the extension host never loads Kusto.Language', () => {
      if (!kustoBefore) assert.equal('Kusto' in globalThis, false, 'Kusto.Language globals appeared in the extension host');
    });
  });

  suite('Log Analytics', () => {
    let child: ChildProcess;
    let server: { endpoint: string; token: string; workspaceId: string };
    const replies: unknown[] = [];

    const ask = async <T>(message: LogAnalyticsProcessRequest, type: string): Promise<T> => {
      const from = replies.length;
      child.send(message);
      return (await until(`the server's ${type}`, () => replies.slice(from).find((r) => (r as { type?: string }).type === type), (r) => r !== undefined, 30_000)) as T;
    };

    const tables = (): WorkspaceTable[] => [
      { name: 'Mail', columns: MAIL_COLUMNS, rows: mailRows() },
      { name: 'OnlyInMetadata_CL', columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Weird_s', type: 'string' }], rows: [] },
    ];

    const connection = (name: string, variable: string) => ({ name, type: 'logAnalytics', workspaceId: server.workspaceId, endpoint: server.endpoint, tokenEnvironmentVariable: variable });

    suiteSetup(async function () {
      this.timeout(60_000);
      child = fork(path.join(repoRoot, 'out', 'test', 'support', 'servers', 'log-analytics-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('message', (m) => replies.push(m));
      server = await ask({ type: 'start', tables: tables() }, 'started');
      process.env[TOKEN_VARIABLE] = server.token;
      process.env[BAD_TOKEN_VARIABLE] = 'not-the-token';
      const active = await vscode.commands.executeCommand('sentinelHunt.selectConnection', connection('Test LA', TOKEN_VARIABLE));
      assert.ok(active, 'the connection is selected');
    });

    suiteTeardown(() => {
      child?.disconnect();
      delete process.env[TOKEN_VARIABLE];
      delete process.env[BAD_TOKEN_VARIABLE];
    });

    test('the metadata schema reaches the language server', async function () {
      this.timeout(SERVER_TIMEOUT_MS);
      const status = api.schemaStatus();
      assert.ok(status && 'tables' in status, `schema status: ${JSON.stringify(status)}`);
      assert.equal(status.connection, 'Test LA');
      assert.match(status.source, /^Log Analytics Test LA/);
      const editor = await openKql('OnlyInMetadata_CL\n| where ');
      const list = await until('completion of a column only the metadata defines',
        () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(1, 8)),
        (l) => completionLabels(l).includes('Weird_s'), SERVER_TIMEOUT_MS);
      assert.ok(completionLabels(list).includes('Weird_s'));
      const requests = await ask<{ requests: QueryRequestRecord[] }>({ type: 'requests' }, 'requests');
      assert.ok(requests.requests.some((r) => r.method === 'GET' && /\/metadata$/.test(r.url) && r.authorization === `Bearer ${server.token}`));
    });

    test('a query runs through LogsQueryClient with its render', async function () {
      this.timeout(30_000);
      const { result } = ok(await api.runQuery('Mail | summarize Messages = count() by Sender | order by Sender asc | render piechart'));
      assert.deepEqual(result.rows, SENDERS.map((s) => [s, 8]));
      assert.equal(result.visualization?.visualization, 'piechart');
      assert.equal(result.target, 'Log Analytics Test LA');
      const { requests } = await ask<{ requests: QueryRequestRecord[] }>({ type: 'requests' }, 'requests');
      const query = requests.filter((r) => r.method === 'POST').pop();
      assert.equal(query?.prefer['include-render'], 'true');
      assert.equal(query?.prefer.wait, '180');
      assert.equal(query?.timespan, 'P30D');
    });

    test('datetime values come back in the CLI form', async function () {
      this.timeout(30_000);
      const { result } = ok(await api.runQuery('Mail | top 1 by TimeGenerated desc | project TimeGenerated'));
      assert.equal(result.columns[0].type, 'datetime');
      assert.match(String(result.rows[0][0]), /^\d{4}-\d\d-\d\dT\d\d:00:00Z$/);
    });

    test('a partial failure is a warning over the partial rows', async function () {
      this.timeout(30_000);
      await ask({ type: 'fail', faults: [{ kind: 'partial', message: 'Query result set has exceeded the internal data size limit' }] }, 'ok');
      const { result } = ok(await api.runQuery('Mail | take 5'));
      assert.equal(result.rows.length, 5);
      assert.match(result.warning ?? '', /only in part.*exceeded the internal data size limit/);
      const posted = api.postedMessages().pop();
      assert.equal(posted?.type === 'result' && posted.result.warning, result.warning);
    });

    test('a KQL error from the service names the line and column', async function () {
      this.timeout(30_000);
      const message = failed(await api.runQuery('Mail\n| where Nope == 1'));
      assert.match(message, /^2:9: .*Nope/m);
    });

    test('403 says which role to ask for', async function () {
      this.timeout(30_000);
      const message = failed(await api.runQuery('Mail | take 1', connection('Test LA (wrong token)', BAD_TOKEN_VARIABLE)));
      assert.match(message, /no read access .*403.*Log Analytics Reader/s);
    });

    test('Cancel abandons a Log Analytics query', async function () {
      this.timeout(30_000);
      // The server computes this for seconds; the SDK cannot abort, so the run is abandoned.
      const running = api.runQuery('range x from 1 to 5000000 step 1 | extend y = strcat("a", tostring(x)) | summarize dcount(y)');
      const id = await until('the query to start', () => api.runningQuery(), (v) => v !== undefined);
      await sleep(300);
      const cancelledAt = Date.now();
      await vscode.commands.executeCommand('sentinelHunt.cancelQuery');
      assert.deepEqual(await running, { status: 'cancelled', id });
      assert.ok(Date.now() - cancelledAt < 1000, `cancel took ${Date.now() - cancelledAt} ms`);
      assert.deepEqual(api.postedMessages().pop(), { type: 'cancelled', id });
    });

    test('the extension host never loads Kusto.Language', () => {
      if (!kustoBefore) assert.equal('Kusto' in globalThis, false);
    });
  });
});
