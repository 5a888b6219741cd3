// The hunting commands (src/extension/hunting) in the real extension host: each is run
// non-interactively with an options object, as automation would, and its effects checked
// (files written, editors opened, the status bar, SecretStorage).
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { inputStreamName, streamDeclaration } from '../../src/azure/setup-template';
import { renderHunt, validateRule, type AnalyticsRule } from '../../src/hunts';
import { ingestProfile } from '../../src/ingest/profiles';
import type { TraceRecord } from '../../src/trace/record';
import type { IngestSummary } from '../../src/ingest/run';
import type { SentinelHuntApi } from '../../src/extension/main';
import type { ExportRuleResult } from '../../src/extension/hunting/rules/export-rule';
import type { LookalikesResult } from '../../src/extension/hunting/hunts/lookalikes';
import type { NewHuntResult } from '../../src/extension/hunting/hunts/new-hunt';
import type { SetupAzureResult } from '../../src/extension/hunting/azure/setup-azure';
import type { IngestCommandOptions } from '../../src/extension/hunting/ingest/options';
import { startEntraTokenServer } from '../support/servers/entra-token-server';
import { startGraphTraceServer } from '../support/servers/graph-trace-server';
import { readBody, startHttpsServer } from '../support/servers/https';
import { startLogsIngestionServer } from '../support/servers/logs-ingestion-server';

const { load: loadYaml } = createRequire(__filename)('js-yaml') as { load(text: string): unknown };
const EXTENSION_ID = 'sentinel-hunt.sentinel-hunt';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Rows per table in a local workspace's manifest. */
function tableRows(folder: string): Record<string, number> {
  const manifest = JSON.parse(readFileSync(path.join(folder, 'workspace.json'), 'utf8')) as { tables: { name: string; parts: { rows: number }[] }[] };
  return Object.fromEntries(manifest.tables.map((t) => [t.name, t.parts.reduce((sum, p) => sum + p.rows, 0)]));
}

function syntheticOptions(folder: string, days: number, rows?: number): IngestCommandOptions {
  return {
    source: { kind: 'synthetic', domains: ['contoso.com'], days, scenarios: ['exfiltration'], seed: 7, rows },
    target: { kind: 'local', folder },
    profile: 'classic',
  };
}

function activeText(): string {
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'an editor is open');
  return editor.document.getText();
}

type Step =
  | { kind: 'pick'; answer: (items: readonly vscode.QuickPickItem[], options: vscode.QuickPickOptions | undefined) => vscode.QuickPickItem | vscode.QuickPickItem[] | undefined }
  | { kind: 'input'; answer: (options: vscode.InputBoxOptions) => Promise<string | undefined> | string | undefined }
  | { kind: 'open'; answer: (options: vscode.OpenDialogOptions | undefined) => vscode.Uri[] | undefined };

/**
 * Answers the commands' quick picks, input boxes and open dialogs from a script, in order, by
 * replacing those functions of the `vscode` API object this extension (and so this test) shares.
 * Information messages are recorded and answered with nothing.
 */
class PromptScript {
  readonly messages: string[] = [];
  /** The first failed check: the command may swallow it into an error message. */
  private failure?: unknown;
  private readonly steps: Step[] = [];
  private readonly saved: Record<string, unknown> = {};

  pick(match: (item: vscode.QuickPickItem & { value?: unknown }) => boolean, check?: (items: readonly (vscode.QuickPickItem & { value?: unknown })[]) => void): this {
    this.steps.push({ kind: 'pick', answer: (items) => {
      check?.(items);
      const item = items.find(match);
      assert.ok(item, `no quick pick item matches; items: ${items.map((i) => i.label).join(' | ')}`);
      return item;
    } });
    return this;
  }

  /** A multi-select quick pick: `choose` gets the items (with their `picked` state) and returns the selection. */
  pickMany(choose: (items: readonly (vscode.QuickPickItem & { value?: unknown })[]) => vscode.QuickPickItem[]): this {
    this.steps.push({ kind: 'pick', answer: (items, options) => {
      assert.equal(options?.canPickMany, true, 'a multi-select quick pick');
      return choose(items);
    } });
    return this;
  }

  /** An input box answered with `text`, after checking that each of `rejected` fails its validation with a matching message. */
  input(text: string, rejected: [string, RegExp][] = [], check?: (options: vscode.InputBoxOptions) => void): this {
    this.steps.push({ kind: 'input', answer: async (options) => {
      check?.(options);
      for (const [bad, message] of rejected) {
        const problem = await options.validateInput?.(bad);
        const text = typeof problem === 'string' ? problem : problem?.message;
        assert.match(text ?? '(accepted)', message, `validation of ${JSON.stringify(bad)}`);
      }
      const problem = await options.validateInput?.(text);
      assert.ok(!problem, `${JSON.stringify(text)} is accepted: ${JSON.stringify(problem)}`);
      return text;
    } });
    return this;
  }

  /** The user presses Escape in the next quick pick. */
  escape(): this {
    this.steps.push({ kind: 'pick', answer: () => undefined });
    return this;
  }

  open(uris: vscode.Uri[]): this {
    this.steps.push({ kind: 'open', answer: () => uris });
    return this;
  }

  /** Installs the fakes; false when the API object does not allow it. */
  install(): boolean {
    const w = vscode.window as unknown as Record<string, unknown>;
    const next = (kind: Step['kind']) => {
      const step = this.steps.shift();
      assert.ok(step, `the command asked for one more ${kind} than scripted`);
      assert.equal(step.kind, kind, `the command asked for a ${kind}, the script expected a ${step.kind}`);
      return step;
    };
    const recorded = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (error) {
        this.failure ??= error;
        throw error;
      }
    };
    const fakes: Record<string, unknown> = {
      showQuickPick: recorded(async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) =>
        (next('pick') as Extract<Step, { kind: 'pick' }>).answer(await items, options)),
      showInputBox: recorded(async (options?: vscode.InputBoxOptions) => (next('input') as Extract<Step, { kind: 'input' }>).answer(options ?? {})),
      showOpenDialog: recorded(async (options?: vscode.OpenDialogOptions) => (next('open') as Extract<Step, { kind: 'open' }>).answer(options)),
      showInformationMessage: async (message: string) => {
        this.messages.push(message);
        return undefined;
      },
    };
    try {
      for (const [name, fake] of Object.entries(fakes)) {
        this.saved[name] = w[name];
        w[name] = fake;
      }
      return w.showQuickPick === fakes.showQuickPick;
    } catch {
      this.restore();
      return false;
    }
  }

  restore(): void {
    const w = vscode.window as unknown as Record<string, unknown>;
    for (const [name, original] of Object.entries(this.saved)) w[name] = original;
  }

  /** Every scripted answer was used. */
  done(): void {
    if (this.failure) throw this.failure;
    assert.equal(this.steps.length, 0, `${this.steps.length} scripted answer(s) left unused`);
  }
}

/** Runs `command` with its prompts answered by `script`; skips the test when the API cannot be scripted. */
async function interactively<T>(context: Mocha.Context, script: PromptScript, command: string, ...args: unknown[]): Promise<T> {
  if (!script.install()) context.skip();
  try {
    const result = await vscode.commands.executeCommand<T>(command, ...args);
    script.done();
    return result;
  } finally {
    script.restore();
  }
}

const byValue = (value: unknown) => (item: { value?: unknown }) => item.value === value;

suite('Hunting commands', () => {
  let api: SentinelHuntApi;
  let temp: string;

  suiteSetup(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension<SentinelHuntApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
    api = await ext.activate();
    temp = mkdtempSync(path.join(os.tmpdir(), 'sentinel-hunt-hunting-'));
  });

  suiteTeardown(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  teardown(async () => {
    // Generated editors are untitled and dirty: revert them so that closing never asks to save.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suite('ingest', () => {
    const folder = () => path.join(temp, 'incremental');
    let first: IngestSummary;

    test('synthetic message trace goes into a local workspace folder', async function () {
      this.timeout(60_000);
      const summary = await vscode.commands.executeCommand<IngestSummary>('sentinelHunt.ingest', syntheticOptions(folder(), 2, 4_000));
      assert.ok(summary, 'the command returns the summary');
      assert.ok(summary.written > 4_000, `rows written: ${summary.written}`);
      assert.equal(summary.written, summary.read);
      assert.equal(summary.duplicates, 0);
      assert.deepEqual(tableRows(folder()), { EmailEvents_CL: summary.written });
      const text = api.hunting.statusBarText();
      assert.ok(text.includes(`${summary.written.toLocaleString('en-US')} rows`), `status bar: ${text}`);
      assert.ok(text.includes('incremental'), `status bar names the target: ${text}`);
      assert.equal(api.hunting.lastIngestion()?.outcome, 'done');
      assert.match(api.hunting.logText(), new RegExp(`ingested ${summary.written.toLocaleString('en-US')} rows into`));
      first = summary;
    });

    test('a second run writes nothing and reports the rows as duplicates', async function () {
      this.timeout(60_000);
      assert.ok(first, 'the first run passed');
      const summary = await vscode.commands.executeCommand<IngestSummary>('sentinelHunt.ingest', syntheticOptions(folder(), 2, 4_000));
      assert.equal(summary.written, 0);
      assert.equal(summary.duplicates, first.written, 'the overlap re-reads both days, all already in');
      assert.deepEqual(tableRows(folder()), { EmailEvents_CL: first.written });
      assert.ok(api.hunting.statusBarText().includes('0 rows'), `status bar: ${api.hunting.statusBarText()}`);
      assert.equal(api.hunting.lastIngestion()?.duplicates, first.written);
    });

    test('cancel through the API stops a run after what it has written', async function () {
      this.timeout(90_000);
      const target = path.join(temp, 'cancelled');
      const days = 20; // about 660,000 rows: several seconds of work
      const run = vscode.commands.executeCommand<IngestSummary | undefined>('sentinelHunt.ingest', syntheticOptions(target, days));
      await until('the first batch', () => (api.hunting.ingestionProgress()?.written ?? 0) > 0, 60_000);
      assert.ok(api.hunting.statusBarText().includes('Ingesting'), `status bar while running: ${api.hunting.statusBarText()}`);
      assert.equal(api.hunting.cancelIngestion(), true);
      const result = await run;
      assert.equal(result, undefined, 'a cancelled run returns no summary');
      assert.equal(api.hunting.isIngesting(), false);
      const last = api.hunting.lastIngestion();
      assert.equal(last?.outcome, 'cancelled');
      const rows = tableRows(target).EmailEvents_CL;
      assert.ok(rows > 0 && rows < days * 33_000, `rows kept: ${rows}`);
      assert.equal(rows, last?.written, 'what was written before the cancel is committed, nothing more');
      assert.match(api.hunting.statusBarText(), /cancelled/i);
      assert.equal(api.hunting.cancelIngestion(), false, 'nothing left to cancel');
    });

    test('Graph to the Logs Ingestion API with an app registration whose secret is in SecretStorage', async function () {
      this.timeout(60_000);
      // The fake services are HTTPS with the test CA, which the harness gives the extension host.
      if (!process.env.NODE_EXTRA_CA_CERTS) this.skip();
      const tenant = 'fabrikam.onmicrosoft.com';
      const clientId = randomUUID();
      const secret = `sh-test-secret-${randomUUID()}`;
      const token = `token-${randomUUID()}`;
      const dcr = `dcr-${randomUUID().replace(/-/g, '')}`;
      const profile = ingestProfile('classic');
      const entra = await startEntraTokenServer({ tenant, clientId, clientSecret: secret, accessToken: token });
      const graph = await startGraphTraceServer({ token });
      const ingestion = await startLogsIngestionServer({ token, rules: [{ immutableId: dcr, streams: { [inputStreamName(profile)]: streamDeclaration(profile) } }] });
      try {
        const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
        graph.rows = Array.from({ length: 120 }, (_, i): TraceRecord => ({
          messageTraceId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, messageId: `<${i}@fabrikam.com>`, received: at(1 + i * 0.2),
          senderAddress: `user${i % 7}@fabrikam.com`, recipientAddress: 'someone@contoso.com', subject: `Report ${i}`,
          status: 'delivered', size: 1000 + i, fromIP: '10.0.0.1', toIP: '',
        }));
        const options = (withSecret: boolean): IngestCommandOptions => ({
          source: { kind: 'graph', app: { auth: 'secret', tenant, clientId, ...(withSecret ? { clientSecret: secret } : {}) }, endpoint: graph.url },
          target: { kind: 'azure', endpoint: ingestion.url, dcrImmutableId: dcr, stream: inputStreamName(profile), auth: 'app' },
          profile: 'classic',
          authorityHost: entra.url,
        });
        const first = await vscode.commands.executeCommand<IngestSummary>('sentinelHunt.ingest', options(true));
        assert.equal(first.written, 120, 'the 48 hours of a first run hold every row');
        assert.equal(ingestion.accepted.length, 120);
        assert.equal(ingestion.accepted[0].row.SenderAddress_s !== undefined, true, 'classic columns');
        assert.ok(entra.tokenRequests.length > 0 && entra.tokenRequests.every((r) => r.secretMatched), 'the app signed in with the secret');
        assert.match(api.hunting.statusBarText(), /120 rows → Azure Custom-EmailEvents_CL/);

        // No secret given this time: it comes from SecretStorage; the state file (global storage) skips what is in.
        const second = await vscode.commands.executeCommand<IngestSummary>('sentinelHunt.ingest', options(false));
        assert.equal(second.written, 0);
        assert.equal(second.duplicates, 120);
        assert.equal(ingestion.accepted.length, 120);
        assert.ok(!api.hunting.logText().includes(secret) && !api.hunting.logText().includes(token), 'no secret or token in the log');
      } finally {
        await Promise.all([entra.close(), graph.close(), ingestion.close()]);
      }
    });

    test('delegated sign-in asks VS Code for a Microsoft session and explains consent errors', async function () {
      this.timeout(60_000);
      if (!process.env.NODE_EXTRA_CA_CERTS) this.skip();
      const tenant = 'fabrikam.onmicrosoft.com';
      const clientId = randomUUID();
      const token = `session-token-${randomUUID()}`;
      const dcr = `dcr-${randomUUID().replace(/-/g, '')}`;
      const profile = ingestProfile('dcr');
      const graph = await startGraphTraceServer({ token });
      const ingestion = await startLogsIngestionServer({ token, rules: [{ immutableId: dcr, streams: { [inputStreamName(profile)]: streamDeclaration(profile) } }] });
      graph.rows = Array.from({ length: 30 }, (_, i): TraceRecord => ({
        messageTraceId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, messageId: `<${i}@fabrikam.com>`, received: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
        senderAddress: 'ceo@fabrikam.com', recipientAddress: 'partner@contoso.com', subject: `Plan ${i}`, status: 'delivered', size: 2048, fromIP: '', toIP: '',
      }));
      // VS Code's Microsoft sign-in, which code-server does not have, answered here.
      const authentication = vscode.authentication as unknown as Record<string, unknown>;
      const original = authentication.getSession;
      const calls: { provider: string; scopes: readonly string[]; options?: vscode.AuthenticationGetSessionOptions }[] = [];
      let refuse: string | undefined;
      authentication.getSession = async (provider: string, scopes: readonly string[], options?: vscode.AuthenticationGetSessionOptions) => {
        calls.push({ provider, scopes, options });
        if (refuse) throw new Error(refuse);
        return { id: 'session', accessToken: token, account: { id: 'analyst', label: 'analyst@fabrikam.com' }, scopes };
      };
      const options: IngestCommandOptions = {
        source: { kind: 'graph', app: { auth: 'signin', tenant, clientId }, endpoint: graph.url },
        target: { kind: 'azure', endpoint: ingestion.url, dcrImmutableId: dcr, stream: inputStreamName(profile), auth: 'signin' },
        profile: 'dcr',
      };
      try {
        const summary = await vscode.commands.executeCommand<IngestSummary>('sentinelHunt.ingest', options);
        assert.equal(summary.written, 30);
        assert.equal(ingestion.accepted.length, 30);
        assert.ok(calls.every((c) => c.provider === 'microsoft' && c.options?.createIfNone === true), JSON.stringify(calls));
        const scopeSets = [...new Set(calls.map((c) => JSON.stringify(c.scopes)))].map((j) => JSON.parse(j) as string[]);
        assert.deepEqual(scopeSets.sort(), [
          [`${graph.url}/ExchangeMessageTrace.Read.All`, `VSCODE_TENANT:${tenant}`, `VSCODE_CLIENT_ID:${clientId}`],
          ['https://monitor.azure.com/.default'],
        ]);

        refuse = 'AADSTS65001: The user or administrator has not consented to use the application with ID \'x\'.';
        await assert.rejects(Promise.resolve(vscode.commands.executeCommand('sentinelHunt.ingest', options)), (error: Error) => {
          assert.match(error.message, /AADSTS65001/);
          assert.match(error.message, /Grant admin consent/);
          assert.ok(error.message.includes(`https://login.microsoftonline.com/${tenant}/adminconsent?client_id=${clientId}`), error.message);
          return true;
        });
        refuse = 'AADSTS65002: Consent between first party application and first party resource must be configured via preauthorization';
        await assert.rejects(Promise.resolve(vscode.commands.executeCommand('sentinelHunt.ingest', options)), /AADSTS65002\).*app registration.*sentinelHunt\.graph\.clientId/);
      } finally {
        authentication.getSession = original;
        await Promise.all([graph.close(), ingestion.close()]);
      }
    });

    test('a client secret goes to SecretStorage and nowhere else', async function () {
      this.timeout(60_000);
      const secret = `sh-test-secret-${randomUUID()}`;
      const tenant = 'contoso.onmicrosoft.com';
      const clientId = randomUUID();
      // Nothing listens on port 9: the sign-in fails fast, after the secret has been stored.
      const options: IngestCommandOptions = {
        source: { kind: 'graph', app: { auth: 'secret', tenant, clientId, clientSecret: secret }, endpoint: 'https://127.0.0.1:9' },
        target: { kind: 'local', folder: path.join(temp, 'graph') },
        authorityHost: 'https://127.0.0.1:9',
      };
      let failure: Error | undefined;
      try {
        await vscode.commands.executeCommand('sentinelHunt.ingest', options);
      } catch (error) {
        failure = error as Error;
      }
      assert.ok(failure, 'the run fails: there is no Graph or Entra here');
      assert.ok(!failure.message.includes(secret), `the error does not show the secret: ${failure.message}`);
      assert.equal(await api.hunting.hasClientSecret(tenant, clientId), true, 'the secret is in SecretStorage');
      const places: Record<string, string> = {
        settings: JSON.stringify(vscode.workspace.getConfiguration()),
        'sentinelHunt settings': JSON.stringify(vscode.workspace.getConfiguration('sentinelHunt')),
        'workspace and global state': JSON.stringify(api.hunting.rememberedState()),
        log: api.hunting.logText(),
        'last run': JSON.stringify(api.hunting.lastIngestion()),
        'the options object': JSON.stringify(options),
      };
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      const workspaceSettings = folder && path.join(folder, '.vscode', 'settings.json');
      if (workspaceSettings && existsSync(workspaceSettings)) places['.vscode/settings.json'] = readFileSync(workspaceSettings, 'utf8');
      for (const [where, text] of Object.entries(places)) assert.ok(!text.includes(secret), `the secret appears in ${where}`);
      assert.equal(api.hunting.lastIngestion()?.outcome, 'failed');
      assert.ok(api.hunting.statusBarText().includes('failed'), `status bar: ${api.hunting.statusBarText()}`);
    });
  });

  test('new hunt from a template opens the rendered query as kql', async () => {
    const result = await vscode.commands.executeCommand<NewHuntResult>('sentinelHunt.newHunt', { template: 'exfil-rate', domains: ['contoso.com'], profile: 'dcr' });
    const expected = renderHunt('exfil-rate', { domains: ['contoso.com'], profile: 'dcr' }).query;
    assert.equal(result.query, expected);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.languageId, 'kql');
    assert.equal(editor.document.isUntitled, true);
    assert.ok(editor.document.uri.path.endsWith('exfil-rate.kql'), editor.document.uri.toString());
    assert.equal(editor.document.getText().trimEnd(), expected);
    assert.match(expected, /MessageTrace_CL/);
  });

  test('new hunt shows the hunts\' own validation error for a bad domain', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('sentinelHunt.newHunt', { template: 'exfil-rate', domains: ['co.uk'] })),
      /public suffix/,
    );
  });

  test('lookalikes of contoso.com as a KQL datatable', async () => {
    const result = await vscode.commands.executeCommand<LookalikesResult>('sentinelHunt.lookalikes', { domain: 'contoso.com', format: 'kql' });
    assert.ok(result.count > 100, `lookalikes: ${result.count}`);
    const text = activeText();
    assert.ok(text.startsWith('datatable('), text.slice(0, 80));
    assert.match(text, /"contoso\.com", "\*original"/);
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'kql');
  });

  test('export rule: the rendered exfil-rate query at the cursor becomes a valid rule', async () => {
    const query = renderHunt('exfil-rate', { domains: ['contoso.com'] }).query;
    const doc = await vscode.workspace.openTextDocument({ language: 'kql', content: `EmailEvents_CL\n| take 10\n\n${query}\n` });
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('| where ExternalMessages'));
    editor.selection = new vscode.Selection(line, 3, line, 3);

    const result = await vscode.commands.executeCommand<ExportRuleResult>('sentinelHunt.exportRule', {});
    assert.deepEqual(result.problems, []);
    assert.equal(result.template, 'exfil-rate', 'recognised as the template: its defaults apply');
    assert.equal(result.rule.query, query, 'only the block at the cursor');
    const yamlEditor = vscode.window.activeTextEditor;
    assert.ok(yamlEditor && yamlEditor.document !== doc, 'the YAML opens in a new editor');
    assert.equal(yamlEditor.document.languageId, 'yaml');
    const yaml = yamlEditor.document.getText();
    assert.match(yaml, /^queryFrequency: 1d$/m);
    assert.match(yaml, /^queryPeriod: 8d$/m);
    const parsed = loadYaml(yaml) as AnalyticsRule;
    assert.deepEqual(validateRule(parsed), []);
    assert.deepEqual(parsed.tactics, ['Exfiltration']);
    assert.ok(parsed.entityMappings && parsed.entityMappings.length > 0, 'the template\'s entity mappings');
  });

  test('export rule lists the validation problems and opens nothing', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'kql', content: 'search "password"\n' });
    await vscode.window.showTextDocument(doc);
    const result = await vscode.commands.executeCommand<ExportRuleResult>('sentinelHunt.exportRule', { queryFrequency: '1m' });
    const fields = result.problems.map((p) => p.field);
    assert.ok(fields.includes('queryFrequency') && fields.includes('query'), `problems: ${JSON.stringify(result.problems)}`);
    assert.equal(vscode.window.activeTextEditor?.document, doc, 'no YAML editor');
  });
  test('set up Azure ingestion deploys through Resource Manager and remembers the target', async function () {
    this.timeout(60_000);
    if (!process.env.NODE_EXTRA_CA_CERTS) this.skip();
    const tenant = 'fabrikam.onmicrosoft.com';
    const clientId = randomUUID();
    const token = `arm-token-${randomUUID()}`;
    const entra = await startEntraTokenServer({ tenant, clientId, clientSecret: 'deploy-secret', accessToken: token });
    const puts: { url: string; authorization?: string; body: { properties: { template: { resources: { type: string }[] }; parameters: Record<string, { value: string }> } } }[] = [];
    const outputs = { logsIngestionEndpoint: 'https://sh-test-a1b2.westeurope-1.ingest.monitor.azure.com', dataCollectionRuleImmutableId: 'dcr-0123456789abcdef0123456789abcdef', streamName: 'Custom-MessageTrace_CL', table: 'MessageTrace_CL' };
    // A Resource Manager that finishes every deployment at once.
    const arm = await startHttpsServer(async (request, response) => {
      const body = await readBody(request);
      if (request.method === 'PUT') puts.push({ url: request.url ?? '', authorization: request.headers.authorization, body: JSON.parse(body) });
      response.writeHead(request.headers.authorization === `Bearer ${token}` ? 200 : 401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: new URL(request.url ?? '/', arm.url).pathname, properties: { provisioningState: 'Succeeded', outputs: Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { type: 'String', value: v }])) } }));
    });
    try {
      const principalId = randomUUID();
      const result = await vscode.commands.executeCommand<SetupAzureResult>('sentinelHunt.setupAzure', {
        profile: 'dcr', workspaceName: 'soc-ws', principalId,
        deploy: { subscription: randomUUID(), resourceGroup: 'soc-rg', app: { auth: 'secret', tenant, clientId, clientSecret: 'deploy-secret' } },
        armEndpoint: arm.url, authorityHost: entra.url, rememberAsTarget: true,
      });
      assert.equal(puts.length, 1);
      assert.match(puts[0].url, /\/resourcegroups\/soc-rg\/providers\/Microsoft\.Resources\/deployments\/sentinel-hunt-dcr-/);
      assert.equal(puts[0].body.properties.parameters.principalId.value, principalId);
      assert.ok(puts[0].body.properties.template.resources.some((r) => r.type === 'Microsoft.Insights/dataCollectionRules'));
      assert.deepEqual(entra.tokenRequests.map((r) => r.scope), [`${arm.url}/.default`]);
      assert.equal(result.deployed?.endpoint, outputs.logsIngestionEndpoint);
      assert.equal(vscode.window.activeTextEditor?.document.languageId, 'json', 'the template is open');
      assert.deepEqual(api.hunting.rememberedState()['sentinelHunt.azure.target'], {
        endpoint: outputs.logsIngestionEndpoint, dcrImmutableId: outputs.dataCollectionRuleImmutableId, stream: outputs.streamName, auth: 'signin',
      });
      assert.match(api.hunting.logText(), /DCR immutable id\s+dcr-0123456789abcdef0123456789abcdef/);
    } finally {
      await Promise.all([entra.close(), arm.close()]);
    }
  });

  suite('interactive (prompts answered by a script)', () => {
    const picked = (items: readonly vscode.QuickPickItem[]) => items.filter((i) => i.picked);

    test('Escape in the first question ends the command quietly', async function () {
      const result = await interactively(this, new PromptScript().escape(), 'sentinelHunt.ingest');
      assert.equal(result, undefined);
    });

    test('ingest asks source, target and profile, and offers the answers first next time', async function () {
      this.timeout(90_000);
      const folder = path.join(temp, 'interactive');
      const first = await interactively<IngestSummary>(this, new PromptScript()
        .pick(byValue('synthetic'))
        .input('contoso.com', [['co.uk', /public suffix/]])
        .input('1', [['0', /from 1 to 90/]])
        .pickMany(() => [])
        .pick(byValue('folder'))
        .open([vscode.Uri.file(folder)])
        .pick(byValue('dcr')), 'sentinelHunt.ingest');
      assert.ok(first.written > 0);
      assert.deepEqual(tableRows(folder), { MessageTrace_CL: first.written });

      const second = await interactively<IngestSummary>(this, new PromptScript()
        .pick(byValue('synthetic'), (items) => assert.match(items[0].description ?? '', /last used/))
        .input('contoso.com', [], (o) => assert.equal(o.value, 'contoso.com'))
        .input('1', [], (o) => assert.equal(o.value, '1'))
        .pickMany((items) => {
          assert.deepEqual(picked(items), [], 'no scenario was chosen last time');
          return [];
        })
        .pick(byValue('last'), (items) => assert.equal(items[0].detail, folder))
        .pick(byValue('dcr'), (items) => assert.equal((items[0] as { value?: unknown }).value, 'dcr')), 'sentinelHunt.ingest');
      assert.equal(second.written, 0);
      assert.equal(second.duplicates, first.written);
    });

    test('new hunt asks the tenant domains and parameters, validated by the hunts', async function () {
      const script = new PromptScript()
        .pick(byValue('exfil-rate-per-sender'))
        .input('contoso.com, fabrikam.com', [['co.uk', /public suffix/], ['', /no tenant domain/]])
        .pick((i) => (i as { value?: { name?: string } }).value?.name === 'baselineDays')
        .input('10', [['100', /not valid/]])
        .pick((i) => i.label.includes('Create the hunt'), (items) => assert.ok(items.some((i) => i.label === 'baselineDays = 10'), 'the form shows the new value'));
      const result = await interactively<NewHuntResult>(this, script, 'sentinelHunt.newHunt');
      assert.match(result.query, /^let baselineDays = 10;/m);
      assert.match(result.query, /"fabrikam\.com"/);
      assert.equal(activeText().trimEnd(), result.query);
    });

    test('lookalikes asks the domain and the format', async function () {
      const result = await interactively<LookalikesResult>(this, new PromptScript()
        .input('fabrikam.com', [['not a domain!', /invalid domain/]])
        .pick(byValue('csv')), 'sentinelHunt.lookalikes');
      assert.equal(result.format, 'csv');
      // The editor keeps its own line ends; the CSV's are \r\n.
      assert.match(activeText(), /^Domain,Fuzzer,Original,UnicodeDomain\r?\nfabrikam\.com,\*original,/);
    });

    test('export rule asks name, severity, schedule and ATT&CK, starting from the template', async function () {
      const query = renderHunt('exfil-rate', { domains: ['contoso.com'] }).query;
      const doc = await vscode.workspace.openTextDocument({ language: 'kql', content: `${query}\n` });
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(3, 0, 3, 0);
      const script = new PromptScript()
        .input('Contoso outbound burst', [['', /1 to 256/]], (o) => assert.equal(o.value, 'Exfiltration: message rate against the tenant baseline (recipe)'))
        .pick(byValue('High'), (items) => assert.equal((items[0] as { value?: unknown }).value, 'Medium', 'the template\'s severity first'))
        .input('1d', [['1m', /5m to 14d/], ['soon', /duration/]], (o) => assert.equal(o.value, '1d'))
        .input('8d', [['12h', /at least the frequency/]], (o) => assert.equal(o.value, '8d'))
        .pickMany((items) => [...picked(items), items.find((i) => i.label === 'T1566')!])
        .pickMany((items) => {
          const ticked = picked(items).map((i) => i.label);
          assert.ok(ticked.includes('Exfiltration') && ticked.includes('InitialAccess'), `tactics ticked: ${ticked.join(', ')}`);
          return picked(items);
        });
      const result = await interactively<ExportRuleResult>(this, script, 'sentinelHunt.exportRule');
      assert.deepEqual(result.problems, []);
      assert.equal(result.rule.name, 'Contoso outbound burst');
      assert.equal(result.rule.severity, 'High');
      assert.deepEqual(result.rule.relevantTechniques, ['T1048', 'T1566']);
      assert.equal(vscode.window.activeTextEditor?.document.languageId, 'yaml');
      assert.ok(script.messages.some((m) => /Save it as a file/.test(m)), `Save As offered: ${script.messages.join(' | ')}`);
    });

    test('set up Azure ingestion opens the ARM template and offers to deploy it', async function () {
      const script = new PromptScript()
        .pick(byValue('dcr'))
        .input('sentinel-ws', [['a', /4 to 63/]])
        .input('sentinel-hunt-messagetrace', [], (o) => assert.equal(o.value, 'sentinel-hunt-messagetrace'))
        .input('', [['West Europe', /region/]])
        .input('', [['me', /GUID/]]);
      const result = await interactively<{ parameters: Record<string, string>; uri: string }>(this, script, 'sentinelHunt.setupAzure');
      assert.deepEqual(result.parameters, { workspaceName: 'sentinel-ws', dataCollectionRuleName: 'sentinel-hunt-messagetrace' });
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.languageId, 'json');
      const template = JSON.parse(activeText()) as { resources: { type: string }[] };
      assert.ok(template.resources.some((r) => r.type === 'Microsoft.Insights/dataCollectionRules'));
      assert.ok(script.messages.some((m) => /Deploy it now/.test(m)), `deploy offered: ${script.messages.join(' | ')}`);
    });
  });
});
