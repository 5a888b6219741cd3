// End-to-end tests of parse, parse-where, make-series, top-nested, mv-apply, aggregation
// expressions in summarize, column_ifexists, as, serialize and the window functions. Expected
// values follow Microsoft's KQL documentation, worked out by hand (several are the
// documentation's own examples).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotSupportedError, runQuery, Table } from '../../src/engine';
import { columnFromValues } from '../../src/engine/data/builder';
import { parseDatetime } from '../../src/engine/data/temporal';
import { MemorySource } from '../../src/engine/memory-source';
import { toJson } from '../../src/engine/output';

const t = (iso: string) => parseDatetime(iso)!;
const NOW = t('2024-05-10T12:00:00Z');

const events = new Table(
  ['Text'],
  [columnFromValues('string', [
    'Event: resourceName=Pipe, totalSlices=27, sliceNumber=23, lockTime=2016-02-17T08:40:01Z, done',
    'Event: resourceName=Pipe, totalSlices=x, sliceNumber=15, lockTime=2016-02-17T08:40:00Z, done',
    'garbage',
  ])],
);
const sales = new Table(
  ['State', 'Type', 'Damage'],
  [
    columnFromValues('string', ['CA', 'CA', 'CA', 'OK', 'OK', 'TX', 'CA']),
    columnFromValues('string', ['fire', 'wind', 'fire', 'ice', 'flood', 'hail', 'flood']),
    columnFromValues('long', [10, 3, 5, 8, 2, 1, 4]),
  ],
);
const source = new MemorySource(new Map([['Events', events], ['Sales', sales]]));

async function run(query: string) {
  const result = await runQuery(query, source.schema, source, { now: NOW });
  return JSON.parse(toJson(result.table, result.visualization)) as { columns: { name: string; type: string }[]; rows: unknown[][] };
}

const notSupported = (pattern: RegExp) => (error: Error) => error instanceof NotSupportedError && pattern.test(error.message);

const PATTERN = '* "resourceName=" resourceName ", totalSlices=" totalSlices:long * "sliceNumber=" sliceNumber:long * "lockTime=" lockTime:datetime ", " *';

test('parse (simple): typed captures, * wildcards; a row that does not match or convert gets nulls', async () => {
  const result = await run(`Events | parse Text with ${PATTERN} | project-away Text`);
  assert.deepEqual(result.columns, [
    { name: 'resourceName', type: 'string' }, { name: 'totalSlices', type: 'long' },
    { name: 'sliceNumber', type: 'long' }, { name: 'lockTime', type: 'datetime' },
  ]);
  assert.deepEqual(result.rows, [
    ['Pipe', 27, 23, '2016-02-17T08:40:01Z'],
    ['', null, null, null], // totalSlices=x is not a long: simple mode is strict
    ['', null, null, null],
  ]);
});

test('parse kind=relaxed: a capture that does not convert is null alone', async () => {
  const result = await run(`Events | parse kind=relaxed Text with ${PATTERN} | project-away Text`);
  assert.deepEqual(result.rows, [
    ['Pipe', 27, 23, '2016-02-17T08:40:01Z'],
    ['Pipe', null, 15, '2016-02-17T08:40:00Z'],
    ['', null, null, null],
  ]);
});

test('parse-where keeps only the rows that parse', async () => {
  const result = await run(`Events | parse-where Text with ${PATTERN} | project resourceName, sliceNumber`);
  assert.deepEqual(result.rows, [['Pipe', 23]]);
});

test('parse: a last column takes the rest; a pattern may start with a column; delimiters are found left to right', async () => {
  assert.deepEqual((await run('print s = "a=1 b=hello world" | parse s with "a=" x:long " b=" y | project x, y')).rows, [[1, 'hello world']]);
  assert.deepEqual((await run('print s = "ann@contoso.com" | parse s with user "@" domain | project user, domain')).rows, [['ann', 'contoso.com']]);
  assert.deepEqual((await run('print s = "k=1;k=2;" | parse s with * "k=" v:long ";" | project v')).rows, [[1]]);
  // Not a string: converted to one first. Text before the first delimiter must match from the start.
  assert.deepEqual((await run('print n = 12345 | parse n with a:long "3" b:long | project a, b')).rows, [[12, 45]]);
  assert.deepEqual((await run('print s = "xa=1" | parse s with "a=" x:long | project x')).rows, [[null]]);
});

test('parse kind=regex: greedy by default, flags=U makes it lazy, flags=i ignores case', async () => {
  const text = 'print s = "Event: resourceName=Pipe, totalSlices=27, sliceNumber=23, releaseTime=02:00"';
  assert.deepEqual((await run(`${text} | parse kind=regex s with * "resourceName=" r ',' * | project r`)).rows, [['Pipe, totalSlices=27, sliceNumber=23']]);
  assert.deepEqual((await run(`${text} | parse kind=regex flags=Ui s with * "RESOURCENAME=" r ',' * | project r`)).rows, [['Pipe']]);
  assert.deepEqual((await run(`${text} | parse kind=regex s with * "RESOURCENAME=" r ',' * | project r`)).rows, [['']]);
  assert.deepEqual(
    (await run(`${text} | parse kind=regex s with "(.*?)[a-zA-Z]*=" name @", totalSlices=\\s*\\d+\\s*.*?sliceNumber=" n:long ".*" | project name, n`)).rows,
    [['Pipe', 23]],
  );
  // Greedy: the leading * runs to the last place where the rest matches.
  assert.deepEqual((await run(`${text} | parse-where kind=regex flags=i s with * "slice[a-z]+=" n:int ",.*" | project n`)).rows, [[23]]);
  assert.deepEqual((await run(`${text} | parse-where kind=regex s with * "slice[a-z]+=" n:int ",.*" | project n`)).rows, []);
});

test('parse refuses what it cannot decide', async () => {
  await assert.rejects(run('print s = "t=2024-01-01 z" | parse s with "t=" d:datetime * | project d'), notSupported(/\* after the datetime column d/));
  await assert.rejects(run('print s = "a\\nb=1" | parse s with * "b=" x:long | project x'), notSupported(/line break/));
  await assert.rejects(run('print s = "a1" | parse kind=regex flags=U s with "a+" x | project x'), notSupported(/flags=U with a quantifier/));
  await assert.rejects(run('print s = "a1" | parse kind=regex s with "(?=a)" x | project x'), notSupported(/lookahead|\(\?=/));
});

const METRICS = `datatable(timestamp:datetime, metric:real)
[
  datetime(2016-12-31T06:00), 50,
  datetime(2017-01-01), 4,
  datetime(2017-01-02), 3,
  datetime(2017-01-03), 4,
  datetime(2017-01-03T03:00), 6,
  datetime(2017-01-05), 8,
  datetime(2017-01-05T13:40), 13,
  datetime(2017-01-06), 4,
  datetime(2017-01-07), 3,
  datetime(2017-01-08), 8,
  datetime(2017-01-08T21:00), 8,
  datetime(2017-01-09), 2,
  datetime(2017-01-09T12:00), 11,
  datetime(2017-01-10T05:00), 5,
]`;

test('make-series from/to/step: the documentation example (to is exclusive, rows outside are left out)', async () => {
  const result = await run(`${METRICS} | make-series avg(metric) on timestamp from datetime(2017-01-01) to datetime(2017-01-10) step 1d`);
  assert.deepEqual(result.columns, [{ name: 'avg_metric', type: 'dynamic' }, { name: 'timestamp', type: 'dynamic' }]);
  assert.deepEqual(result.rows, [[
    [4, 3, 5, 0, 10.5, 4, 3, 8, 6.5],
    ['2017-01-01T00:00:00Z', '2017-01-02T00:00:00Z', '2017-01-03T00:00:00Z', '2017-01-04T00:00:00Z', '2017-01-05T00:00:00Z',
      '2017-01-06T00:00:00Z', '2017-01-07T00:00:00Z', '2017-01-08T00:00:00Z', '2017-01-09T00:00:00Z'],
  ]]);
  // An end that is not on a bin boundary: ceil((to - from) / step) bins; rows are placed by
  // bin_at(timestamp, step, from), so 2017-01-10T05:00 counts in the bin of 2017-01-10.
  const partial = await run(`${METRICS} | make-series n = count() on timestamp from datetime(2017-01-08) to datetime(2017-01-10T01:00) step 1d`);
  assert.deepEqual(partial.rows, [[[2, 2, 1], ['2017-01-08T00:00:00Z', '2017-01-09T00:00:00Z', '2017-01-10T00:00:00Z']]]);
});

test('make-series by groups, default=, expressions over aggregates, bounds from the data', async () => {
  const result = await run(`datatable(t:long, k:string, v:long)[1, "a", 10, 2, "a", 20, 7, "b", 5, 3, "a", 4]
    | make-series s = sum(v) default = -1, c = count(), mean = sum(v) / count() on t step 2 by k`);
  assert.deepEqual(result.columns.map((c) => c.name), ['k', 's', 'c', 'mean', 't']);
  // Bins from bin(min(t), 2) = 0 to the last bin with data (7 is in [6, 8)).
  assert.deepEqual(result.rows, [
    ['a', [10, 24, -1, -1], [1, 2, 0, 0], [10, 12, 0, 0], [0, 2, 4, 6]],
    ['b', [-1, -1, -1, 5], [0, 0, 0, 1], [0, 0, 0, 5], [0, 2, 4, 6]],
  ]);
});

test('make-series in range(start, stop, step): stop is included; a group without rows in range gets defaults', async () => {
  const result = await run(`datatable(t:timespan, k:string, v:long)[1h, "a", 1, 3h, "a", 2, 3h, "a", 3, 9h, "b", 7]
    | make-series total = sum(v) on t in range(1h, 3h, 1h) by k`);
  assert.deepEqual(result.rows, [
    ['a', [1, 0, 5], ['01:00:00', '02:00:00', '03:00:00']],
    ['b', [0, 0, 0], ['01:00:00', '02:00:00', '03:00:00']],
  ]);
});

test('make-series over no rows: nothing, or with kind=nonempty one row of defaults', async () => {
  assert.deepEqual((await run(`${METRICS} | take 0 | make-series avg(metric) default = 1.0 on timestamp from datetime(2017-01-01) to datetime(2017-01-03) step 1d | count`)).rows, [[0]]);
  const result = await run(`${METRICS} | take 0 | make-series kind=nonempty avg(metric) default = 1.0 on timestamp from datetime(2017-01-01) to datetime(2017-01-03) step 1d`);
  assert.deepEqual(result.rows, [[[1, 1], ['2017-01-01T00:00:00Z', '2017-01-02T00:00:00Z']]]);
});

test('top-nested: top values per level, in hierarchy order', async () => {
  const result = await run('Sales | top-nested 2 of State by sum(Damage), top-nested 1 of Type by sum(Damage)');
  assert.deepEqual(result.columns, [
    { name: 'State', type: 'string' }, { name: 'aggregated_State', type: 'long' },
    { name: 'Type', type: 'string' }, { name: 'aggregated_Type', type: 'long' },
  ]);
  // CA: fire 15, flood 4, wind 3 (22); OK: ice 8, flood 2 (10); TX: hail 1.
  assert.deepEqual(result.rows, [['CA', 22, 'fire', 15], ['OK', 10, 'ice', 8]]);
});

test('top-nested: every value without N, named columns, asc, an expression over aggregates', async () => {
  const result = await run('Sales | top-nested of S = State by Mean = sum(Damage) / count() asc');
  assert.deepEqual(result.columns.map((c) => c.name), ['S', 'Mean']);
  assert.deepEqual(result.rows, [['TX', 1], ['CA', 5], ['OK', 5]]);
  await assert.rejects(run('Sales | top-nested 1 of State with others = "Other" by sum(Damage)'), notSupported(/top-nested with others/));
});

test('mv-apply: a subquery over each row\'s expanded array (documentation examples)', async () => {
  const data = 'datatable(index:int, Arr:dynamic)[0, dynamic([5, 1, 3]), 1, dynamic([4, 10, 8, 7])]';
  const top2 = await run(`${data} | mv-apply Arr2 = Arr to typeof(long) on (top 2 by Arr2 | summarize Top2 = make_list(Arr2))`);
  assert.deepEqual(top2.columns.map((c) => c.name), ['index', 'Arr', 'Top2']);
  assert.deepEqual(top2.rows, [[0, [5, 1, 3], [5, 3]], [1, [4, 10, 8, 7], [10, 8]]]);
  const largest = await run(`${data} | mv-apply Arr to typeof(long) on (top 1 by Arr)`);
  assert.deepEqual(largest.rows, [[0, 5], [1, 10]]);
  const pairs = await run(`datatable(Val:int, Arr1:dynamic, Arr2:dynamic)[1, dynamic(['A1', 'A2']), dynamic(['B1', 'B2', 'B3']), 5, dynamic(['C1', 'C2']), dynamic(['D1'])]
    | mv-apply T1 = Arr1, T2 = Arr2 on (extend Out = strcat(T1, "_", T2) | summarize Out = make_list(Out))`);
  assert.deepEqual(pairs.rows.map((r) => [r[0], r.at(-1)]), [[1, ['A1_B1', 'A2_B2', '_B3']], [5, ['C1_D1', 'C2_']]]);
});

test('summarize with expressions over aggregates', async () => {
  assert.deepEqual((await run('datatable(a:long)[1, 2, 3] | summarize v = 100 * count()')).rows, [[300]]);
  const result = await run('Sales | summarize n = count(), r = sum(Damage) / count(), share = round(100.0 * sum(Damage) / 33, 1) by State');
  assert.deepEqual(result.columns, [
    { name: 'State', type: 'string' }, { name: 'n', type: 'long' }, { name: 'r', type: 'long' }, { name: 'share', type: 'real' },
  ]);
  assert.deepEqual(result.rows, [['CA', 4, 5, 66.7], ['OK', 2, 5, 30.3], ['TX', 1, 1, 3]]);
  assert.deepEqual((await run('Sales | summarize types = strcat_array(make_set(Type), ",") by State | where State == "OK"')).rows, [['OK', 'ice,flood']]);
  assert.deepEqual((await run('Sales | summarize x = iff(count() > 3, "many", "few"), p = 2 * percentile(Damage, 50) by State')).rows, [['CA', 'many', 8], ['OK', 'few', 4], ['TX', 'few', 2]]);
  await assert.rejects(run('Sales | summarize x = percentiles(Damage, 50) * 2'), notSupported(/percentiles\(Damage, 50\) inside an expression/));
});

test('column_ifexists: the column when the input has it, else the default', async () => {
  const result = await run('Sales | take 1 | extend a = column_ifexists("Damage", 0), b = column_ifexists("Nope", "none"), c = column_ifexists("a", -1) | project a, b, c');
  assert.deepEqual(result.rows, [[10, 'none', 10]]);
  assert.deepEqual((await run('Sales | where column_ifexists("Missing", 0) == 0 | count')).rows, [[7]]);
  await assert.rejects(run('Sales | extend d = column_ifexists("Damage", 0.5)'), notSupported(/column_ifexists\("Damage", \.\.\.\) of a long column with a real default/));
});

test('as binds a name for the rest of the query', async () => {
  const result = await run('Sales | where Damage > 4 | as Big | join kind=inner (Big | summarize Total = sum(Damage) by State) on State | project State, Type, Damage, Total');
  assert.deepEqual(result.rows, [['CA', 'fire', 10, 15], ['CA', 'fire', 5, 15], ['OK', 'ice', 8, 8]]);
  assert.deepEqual((await run('Sales | as S | count')).rows, [[7]]);
});

test('serialize, prev, next, row_cumsum, row_number over the serialized order', async () => {
  const salaries = await run(`datatable(name:string, month:int, salary:long)
    ["Alice", 1, 1000, "Bob", 1, 1000, "Alice", 2, 2000, "Bob", 2, 1950, "Alice", 3, 1400, "Bob", 3, 1450]
    | order by name asc, month asc
    | extend total = row_cumsum(salary, name != prev(name))
    | project total`);
  assert.deepEqual(salaries.rows, [[1000], [3000], [4400], [1000], [2950], [4400]]);
  const shifted = await run('Sales | serialize n = row_number() | extend p = prev(Damage), q = next(Type, 2, "end") | project n, p, q | take 3');
  assert.deepEqual(shifted.rows, [[1, null, 'fire'], [2, 10, 'ice'], [3, 3, 'flood']]);
  assert.deepEqual((await run('range i from 1 to 25 step 1 | extend r = row_number(1, i % 10 == 0) | where r == 1 | count')).rows, [[3]]);
  await assert.rejects(run('Sales | extend p = prev(Damage)'), notSupported(/prev\(\) over rows that are not serialized/));
  await assert.rejects(run('Sales | summarize d = sum(Damage) by State | extend c = row_cumsum(d)'), notSupported(/row_cumsum\(\) over rows that are not serialized/));
});

test('mv-apply: the subquery sees the array in its order, as a serialized row set', async () => {
  const result = await run('print a = dynamic(["x", "y", "z"]) | mv-apply v = a to typeof(string) on (extend i = row_number() | where v != "y") | project v, i');
  assert.deepEqual(result.rows, [['x', 1], ['z', 3]]);
});
