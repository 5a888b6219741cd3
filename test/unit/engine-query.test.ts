// End-to-end queries through the engine: Kusto.Language front end, IR, column-wise execution.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EngineLimitError, KqlError, NotSupportedError, runQuery, Table } from '../../src/engine';
import { columnFromValues } from '../../src/engine/data/builder';
import { parseDatetime } from '../../src/engine/data/temporal';
import { MemorySource } from '../../src/engine/memory-source';
import { toJson } from '../../src/engine/output';

const t = (iso: string) => parseDatetime(iso)!;
const NOW = t('2024-05-10T12:00:00Z');

const mail = new Table(
  ['Received', 'Sender', 'Recipient', 'Size'],
  [
    columnFromValues('datetime', [t('2024-05-10T01:00:00Z'), t('2024-05-10T01:20:00Z'), t('2024-05-09T10:00:00Z'), t('2024-05-10T02:00:00Z'), t('2024-05-01T00:00:00Z')]),
    columnFromValues('string', ['a@contoso.com', 'a@contoso.com', 'b@contoso.com', 'c@fabrikam.com', 'a@contoso.com']),
    columnFromValues('string', ['x@fabrikam.com', 'y@fabrikam.com', 'a@contoso.com', 'a@contoso.com', 'z@tailspin.com']),
    columnFromValues('long', [100, 2000, 50, 300, null]),
  ],
);
const source = new MemorySource(new Map([['Mail', mail]]));

async function run(query: string) {
  const result = await runQuery(query, source.schema, source, { now: NOW });
  return JSON.parse(toJson(result.table, result.visualization)) as { columns: { name: string; type: string }[]; rows: unknown[][]; visualization: unknown };
}

test('where, extend, project with Kusto types and names', async () => {
  const result = await run('Mail | where Size > 100 | extend Domain = tostring(split(Sender, "@")[1]) | project Sender, Domain, Size');
  assert.deepEqual(result.columns, [{ name: 'Sender', type: 'string' }, { name: 'Domain', type: 'string' }, { name: 'Size', type: 'long' }]);
  assert.deepEqual(result.rows, [['a@contoso.com', 'contoso.com', 2000], ['c@fabrikam.com', 'fabrikam.com', 300]]);
});

test('summarize count() by sender, sorted; ago() uses the fixed now', async () => {
  const result = await run('Mail | where Received > ago(2d) | summarize Sent = count(), Bytes = sum(Size) by Sender | sort by Sent desc, Sender asc');
  assert.deepEqual(result.rows, [['a@contoso.com', 2, 2100], ['b@contoso.com', 1, 50], ['c@fabrikam.com', 1, 300]]);
});

test('bin() of datetimes groups into hours; render comes back as the visualization', async () => {
  const result = await run('Mail | where Received > ago(1d) | summarize n = count() by bin(Received, 1h) | order by Received asc | render timechart with (title="Mail")');
  assert.deepEqual(result.rows, [['2024-05-10T01:00:00Z', 2], ['2024-05-10T02:00:00Z', 1]]);
  assert.deepEqual(result.visualization, { visualization: 'timechart', title: 'Mail' });
});

test('let (scalar and tabular), join, top, count, datatable, print, range', async () => {
  const joined = await run(`let threshold = 100;
let big = Mail | where Size > threshold | project Sender, Size;
let people = datatable(Sender:string, Name:string)["a@contoso.com", "Ann", "c@fabrikam.com", "Carl"];
big | join kind=inner people on Sender | project Name, Size | top 1 by Size`);
  assert.deepEqual(joined.rows, [['Ann', 2000]]);
  assert.deepEqual((await run('Mail | count')).rows, [[5]]);
  assert.deepEqual((await run('print x = 1 + 2, s = strcat("a", "b")')).rows, [[3, 'ab']]);
  assert.deepEqual((await run('range i from 1 to 3 step 1')).rows, [[1], [2], [3]]);
});

test('a value too large to allocate (a 560-million-character string) is the engine limit, not a crash', async () => {
  const query = 'range x from 1 to 70 step 1 | extend s = strrep(strrep("abcdefgh", 1024), 1024) | summarize L = make_list(s) | project T = tostring(L)';
  await assert.rejects(run(query), (error: Error) => error instanceof EngineLimitError && /needs more memory than the local engine has/.test(error.message));
  await assert.rejects(run('range x from 1 to 100000000 step 1'), (error: Error) => error instanceof EngineLimitError && /range of 100000000 rows/.test(error.message));
});

test('a KQL error reports line and column; an unsupported construct says so', async () => {
  await assert.rejects(run('Mail\n| where Nope == 1'), (error: Error) => error instanceof KqlError && /^2:9: /.test(error.message));
  await assert.rejects(run('Mail | evaluate bag_unpack(Sender)'), (error: Error) => error instanceof NotSupportedError && /not supported by the local engine/.test(error.message));
});

test('a join that explodes stops with the engine limit, not an out-of-memory crash', async () => {
  const query = 'range i from 1 to 5000 step 1 | extend k = 1 | join kind=inner (range j from 1 to 5000 step 1 | extend k = 1) on k | count';
  await assert.rejects(run(query), (error: Error) => error instanceof EngineLimitError && /join would produce more than 20,000,000 rows/.test(error.message));
});
