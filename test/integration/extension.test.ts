// Runs inside the VS Code extension host (see index.ts and test/harness/run-integration.ts),
// against the fixture workspace (a temporary copy of test/fixtures/workspace).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SentinelHuntApi } from '../../src/extension/main';
import { OUTPUT_PREFIX } from './index';

const EXTENSION_ID = 'sentinel-hunt.sentinel-hunt';
/** The language server starts asynchronously and loads Kusto.Language: give it time. */
const SERVER_TIMEOUT_MS = 45_000;

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until `accept` says yes or the time is up; returns the last value either way. */
async function poll<T>(probe: () => T | Thenable<T>, accept: (v: T) => boolean, timeoutMs = SERVER_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value) && Date.now() < deadline) {
    await sleep(250);
    value = await probe();
  }
  return value;
}

function describe(diags: readonly vscode.Diagnostic[]): string {
  if (diags.length === 0) return '(no diagnostics)';
  return diags
    .map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line}:${d.range.start.character} ${d.message}`)
    .join('\n  ');
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n')
    .trim();
}

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

suite('Sentinel Hunt extension', () => {
  suiteSetup(async function () {
    this.timeout(SERVER_TIMEOUT_MS + 15_000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is loaded (extensionDevelopmentPath)`);
    const started = Date.now();
    const api = (await ext.activate()) as SentinelHuntApi;
    const activationMs = Date.now() - started;
    assert.equal(ext.isActive, true);
    const ready = await api.languageServerReady;
    // A measurement for the record (the closing note), not a pass/fail check.
    console.log(`${OUTPUT_PREFIX}  [measure] activation ${activationMs} ms; language server ready ${Date.now() - started} ms after activate() (Kusto.Language ${ready.kustoLanguageVersion} warm-up ${ready.warmUpMs} ms)`);
  });

  teardown(async () => {
    // Revert edits so that closing never asks to save.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suite('language', () => {
    for (const name of ['clean.kql', 'sample.csl', 'sample.kusto']) {
      test(`${name} opens as kql`, async () => {
        const doc = await open(name);
        assert.equal(doc.languageId, 'kql');
      });
    }
  });

  suite('diagnostics from the language server', () => {
    test('a where clause cut short is an error on its line', async function () {
      this.timeout(SERVER_TIMEOUT_MS + 10_000);
      const doc = await open('syntax-error.kql');
      const line = doc.getText().split(/\r?\n/).findIndex((l) => l.includes('where x =='));
      assert.ok(line >= 0, 'fixture has the broken line');
      const diags = await poll(
        () => vscode.languages.getDiagnostics(doc.uri),
        (ds) => ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error),
      );
      const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.ok(errors.length > 0, `expected an error diagnostic, got:\n  ${describe(diags)}`);
      assert.ok(
        errors.some((d) => d.range.start.line === line || d.range.end.line === line),
        `expected an error on line ${line}, got:\n  ${describe(diags)}`,
      );
    });

    test('an unknown column of a table with a built-in schema is reported', async function () {
      this.timeout(SERVER_TIMEOUT_MS + 10_000);
      const doc = await open('unknown-column.kql');
      const diags = await poll(
        () => vscode.languages.getDiagnostics(doc.uri),
        (ds) => ds.some((d) => d.message.includes('Foo_s')),
      );
      const foo = diags.filter((d) => d.message.includes('Foo_s'));
      assert.ok(foo.length > 0, `expected a diagnostic about Foo_s, got:\n  ${describe(diags)}`);
      assert.ok(
        foo.some((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning),
        `the Foo_s diagnostic should be an error or warning, got:\n  ${describe(foo)}`,
      );
      const line = doc.getText().split(/\r?\n/).findIndex((l) => l.includes('where Foo_s'));
      assert.ok(foo.some((d) => d.range.start.line === line), `expected it on line ${line}:\n  ${describe(foo)}`);
    });

    test('a valid query over an unknown table has no errors', async function () {
      this.timeout(SERVER_TIMEOUT_MS + 10_000);
      // Prove the server is answering for this file first: with nothing published yet, "no errors"
      // would pass vacuously. The broken file must get its error, then the clean one is checked.
      const broken = await open('syntax-error.kql');
      const brokenDiags = await poll(
        () => vscode.languages.getDiagnostics(broken.uri),
        (ds) => ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error),
      );
      assert.ok(brokenDiags.length > 0, 'the language server publishes diagnostics');
      const doc = await open('clean.kql');
      // Give the server a moment (it may publish a hint for the unknown table), then look.
      const diags = await poll(
        () => vscode.languages.getDiagnostics(doc.uri),
        (ds) => ds.length > 0,
        3_000,
      );
      const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(errors.map((d) => d.message), [], `no errors expected, got:\n  ${describe(diags)}`);
    });
  });

  suite('completion and hover', () => {
    test('columns of EmailEvents_CL are offered after where', async function () {
      this.timeout(SERVER_TIMEOUT_MS + 10_000);
      const doc = await open('completion.kql');
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor && editor.document === doc);
      const line = doc.getText().split(/\r?\n/).findIndex((l) => l.includes('| where'));
      let text = doc.lineAt(line).text;
      if (!text.endsWith(' ')) {
        // an editor may have trimmed the fixture's trailing space
        await editor.edit((e) => e.insert(new vscode.Position(line, text.length), ' '));
        text = doc.lineAt(line).text;
      }
      const position = new vscode.Position(line, text.length);
      const list = await poll(
        () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position),
        (l) => !!l && l.items.some((i) => label(i) === 'SenderAddress_s'),
      );
      const labels = (list?.items ?? []).map(label);
      assert.ok(
        labels.includes('SenderAddress_s'),
        `SenderAddress_s should be offered; got ${labels.length} items: ${labels.slice(0, 40).join(', ')}`,
      );
    });

    test('hover over strcat shows its documentation', async function () {
      this.timeout(SERVER_TIMEOUT_MS + 10_000);
      const doc = await open('hover.kql');
      const offset = doc.getText().indexOf('strcat') + 2;
      const position = doc.positionAt(offset);
      const hovers = await poll(
        () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position),
        (hs) => !!hs && hoverText(hs).length > 0,
      );
      const text = hoverText(hovers ?? []);
      assert.ok(text.length > 0, 'hover over strcat should not be empty');
      assert.match(text, /strcat/i);
    });

    test('hover over a column shows something', async function () {
      this.timeout(SERVER_TIMEOUT_MS + 10_000);
      const doc = await open('hover.kql');
      const offset = doc.getText().indexOf('SenderAddress_s') + 3;
      const position = doc.positionAt(offset);
      const hovers = await poll(
        () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position),
        (hs) => !!hs && hoverText(hs).length > 0,
      );
      assert.ok(hoverText(hovers ?? []).length > 0, 'hover over SenderAddress_s should not be empty');
    });
  });
});
