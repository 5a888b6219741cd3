import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KqlLanguageService, builtinSchema, parseWorkspaceSchema, SchemaError } from '../../src/kql';

const service = new KqlLanguageService(builtinSchema());

function at(text: string, marker: string): { text: string; offset: number } {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, `marker ${marker} in ${text}`);
  return { text: text.replace(marker, ''), offset };
}

test('a syntax error is an error at its place, in the right block', () => {
  const text = 'EmailEvents_CL | take 1\n\nEmailEvents_CL | where Size_d >';
  const errors = service.diagnostics(text).filter((d) => d.severity === 'error');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, 'KS006');
  assert.ok(errors[0].start >= text.indexOf('\n\n'), 'reported in the second block');
});

test('an unknown column of a known table is an error', () => {
  const [d] = service.diagnostics('EmailEvents_CL | where Foo_s == "x"');
  assert.equal(d.severity, 'error');
  assert.match(d.message, /Foo_s/);
  assert.equal(d.start, 'EmailEvents_CL | where '.length);
});

test('a table without a schema is a hint, and what follows from it is at most a warning', () => {
  const diagnostics = service.diagnostics('SigninLogs | where ResultType == 0 | extend x = tostring(LocationDetails.city)');
  assert.deepEqual(diagnostics.map((d) => d.severity), ['hint']);
  assert.match(diagnostics[0].message, /No schema is loaded/);
  const asim = service.diagnostics('_Im_Dns(starttime=ago(1d)) | take 1');
  assert.ok(asim.every((d) => d.severity === 'hint' || d.severity === 'warning'), JSON.stringify(asim));
});

test('once a complete workspace schema is loaded, unknown tables are errors', () => {
  const live = new KqlLanguageService(parseWorkspaceSchema({ complete: true, tables: [{ name: 'SigninLogs', columns: [{ name: 'ResultType', type: 'string' }] }] }, 'test'));
  assert.deepEqual(live.diagnostics('SigninLogs | where ResultType == "0"'), []);
  assert.equal(live.diagnostics('AuditLogs | take 1')[0].severity, 'error');
});

test('completion offers the columns of the built-in message trace table', () => {
  const { text, offset } = at('EmailEvents_CL | where ^', '^');
  const labels = service.completions(text, offset).map((c) => c.label);
  assert.ok(labels.includes('SenderAddress_s'), labels.slice(0, 20).join(', '));
  assert.ok(labels.includes('Received_t'));
});

test('completion after a pipe offers tabular operators, replacing the typed prefix', () => {
  const { text, offset } = at('MessageTrace_CL | summ^', '^');
  const summarize = service.completions(text, offset).find((c) => c.label === 'summarize');
  assert.ok(summarize);
  assert.equal(text.slice(summarize.replaceStart, summarize.replaceEnd), 'summ');
});

test('hover shows a function signature and a column type', () => {
  const { text, offset } = at('print strc^at("a", "b")', '^');
  assert.match(service.hover(text, offset)?.text ?? '', /strcat/);
  const column = at('EmailEvents_CL | project Size^_d', '^');
  assert.match(service.hover(column.text, column.offset)?.text ?? '', /Size_d: real/);
});

test('signature help names the parameter under the cursor', () => {
  const { text, offset } = at('print bin(now(), ^)', '^');
  const help = service.signatureHelp(text, offset);
  assert.ok(help);
  assert.equal(help.activeParameter, 1);
  assert.match(help.signatures[help.activeSignature].label, /^bin\(/);
});

test('let statements are document symbols; definition and references are found', () => {
  const text = 'let lookback = 7d;\nlet senders = (n:int) { EmailEvents_CL | take n };\nsenders(10) | where Received_t > ago(lookback)';
  const symbols = service.symbols(text);
  assert.deepEqual(symbols.map((s) => [s.name, s.kind]), [['lookback', 'variable'], ['senders', 'function']]);
  const use = text.lastIndexOf('lookback') + 2;
  const related = service.related(text, use);
  assert.deepEqual(related.declarations.map((r) => text.slice(r.start, r.end)), ['lookback']);
  assert.equal(related.declarations[0].start, 4);
});

test('formatting puts each pipe on its own line and leaves other blocks alone', () => {
  const text = 'EmailEvents_CL | where Size_d > 10 | take 5\n\nprint 1';
  const edits = service.format(text);
  assert.equal(edits.length, 1);
  assert.equal(edits[0].newText, 'EmailEvents_CL\n| where Size_d > 10\n| take 5');
  assert.equal(edits[0].end, text.indexOf('\n\n'));
});

test('a bad schema is refused with the place of the mistake', () => {
  assert.throws(
    () => parseWorkspaceSchema({ tables: [{ name: 'T', columns: [{ name: 'a', type: 'varchar' }] }] }, 'ws.json'),
    (error: Error) => error instanceof SchemaError && /ws\.json: tables\[0\]: column a has type "varchar"/.test(error.message),
  );
});

test('a 100 KB single line is analysed without trouble', () => {
  const line = `EmailEvents_CL | where SenderAddress_s in (${Array.from({ length: 6000 }, (_, i) => `"user${i}@contoso.com"`).join(',')})`;
  assert.ok(line.length > 100_000);
  assert.deepEqual(service.diagnostics(line).filter((d) => d.severity === 'error'), []);
});
