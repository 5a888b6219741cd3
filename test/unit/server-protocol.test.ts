// The built language server (dist/server.js) spoken to over LSP, as VS Code does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspTestClient } from '../support/lsp-client';

let client: LspTestClient;

before(async () => {
  client = await LspTestClient.start();
  await client.ready;
});

after(() => client.stop());

test('diagnostics are published for an opened document, at the right range', async () => {
  const uri = 'file:///t/errors.kql';
  const published = client.nextDiagnostics(uri);
  client.open(uri, 'EmailEvents_CL | take 1\n\nEmailEvents_CL\n| where Bogus_s == "x"\n');
  const diagnostics = await published;
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].severity, 1);
  assert.deepEqual(diagnostics[0].range, { start: { line: 3, character: 8 }, end: { line: 3, character: 15 } });
  assert.equal(diagnostics[0].source, 'kql');
});

test('rapid edits publish diagnostics for the latest version only', async () => {
  const uri = 'file:///t/typing.kql';
  client.open(uri, 'print 1');
  await client.nextDiagnostics(uri, 1);
  const before = client.published.length;
  const final = client.nextDiagnostics(uri, 4);
  client.replace(uri, 'print x =', 2);
  client.replace(uri, 'print x = 1 +', 3);
  client.replace(uri, 'print x = 1 + 2', 4);
  assert.deepEqual(await final, []);
  assert.deepEqual(client.published.slice(before).filter((p) => p.uri === uri).map((p) => p.version), [4]);
});

test('a 5,000-line document does not block other requests while it is analysed', async () => {
  const big = 'file:///t/big.kql';
  const small = 'file:///t/small.kql';
  client.open(small, 'print strcat("a", "b")');
  await client.nextDiagnostics(small);
  const blocks = Array.from({ length: 1250 }, (_, i) => `EmailEvents_CL\n| where Size_d > ${i}\n| take 1\n`);
  const order: string[] = [];
  const bigDiagnostics = client.nextDiagnostics(big).then(() => order.push('big diagnostics'));
  client.open(big, blocks.join('\n'));
  assert.ok(blocks.join('\n').split('\n').length >= 5000);
  const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 8 } }) as { contents: { value: string } };
  order.push('hover');
  assert.match(hover.contents.value, /strcat/);
  await bigDiagnostics;
  assert.deepEqual(order, ['hover', 'big diagnostics']);
});

test('completion, signature help, symbols and folding answer over LSP', async () => {
  const uri = 'file:///t/features.kql';
  const text = 'let lookback = 7d;\nEmailEvents_CL\n| where Received_t > ago(lookback)\n| summarize count() by bin(Received_t, 1h)\n\nprint 1';
  client.open(uri, text);
  await client.nextDiagnostics(uri);
  const completion = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 8 } }) as Array<{ label: string }>;
  assert.ok(completion.some((item) => item.label === 'Received_t'));
  const help = await client.connection.sendRequest('textDocument/signatureHelp', { textDocument: { uri }, position: { line: 3, character: 40 } }) as { activeParameter: number; signatures: Array<{ label: string }> };
  assert.equal(help.activeParameter, 1);
  assert.match(help.signatures[0].label, /^bin\(/);
  const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as Array<{ name: string }>;
  assert.deepEqual(symbols.map((s) => s.name), ['lookback']);
  const folds = await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } }) as Array<{ startLine: number; endLine: number }>;
  assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[0, 3]]);
});

test('a workspace schema sent by the extension changes what is known', async () => {
  const uri = 'file:///t/schema.kql';
  client.open(uri, 'SigninLogs | where Nope == 1');
  assert.deepEqual((await client.nextDiagnostics(uri)).map((d) => d.severity), [4]); // a hint: no schema for SigninLogs
  const republished = client.nextDiagnostics(uri);
  const result = await client.connection.sendRequest('sentinelHunt/setSchema', {
    schema: { complete: true, tables: [{ name: 'SigninLogs', columns: [{ name: 'ResultType', type: 'string' }] }], functions: [] },
    source: 'test',
  });
  assert.deepEqual(result, { tables: 4, functions: 2 });
  const diagnostics = await republished;
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].severity, 1);
  assert.match(diagnostics[0].message, /'Nope'/);
  await assert.rejects(client.connection.sendRequest('sentinelHunt/setSchema', { schema: { tables: 'x' } }), /tables: expected an array/);
  await client.connection.sendRequest('sentinelHunt/setSchema', { schema: null });
});
