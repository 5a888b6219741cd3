// The executor's fast paths give the same answers as the general paths they bypass: the fused
// tostring(split(...)[k]), comparisons against a constant, null-free and/or, and string
// dictionaries compacted by a selective filter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runQuery, Table } from '../../src/engine';
import { columnFromValues } from '../../src/engine/data/builder';
import { StringColumn } from '../../src/engine/data/column';
import { gather } from '../../src/engine/data/gather';
import { MemorySource } from '../../src/engine/memory-source';
import { toJson } from '../../src/engine/output';

const data = new Table(
  ['S', 'N', 'R'],
  [
    columnFromValues('string', ['a@b.c', 'plain', '', 'x@y@z', '@lead', 'trail@', 'a::b::c']),
    columnFromValues('long', [1, 2, null, 4, 5, 6, 7]),
    columnFromValues('real', [0.5, Number.NaN, 2, null, -1, 3, 1e300]),
  ],
);
const source = new MemorySource(new Map([['T', data]]));

async function rows(query: string): Promise<unknown[][]> {
  const result = await runQuery(query, source.schema, source, { now: 0 });
  return (JSON.parse(toJson(result.table, result.visualization)) as { rows: unknown[][] }).rows;
}

test('tostring(split(s, d)[k]) equals the unfused dynamic path for every index and delimiter', async () => {
  for (const delimiter of ['@', '::', '']) {
    for (const index of [0, 1, 2, 3, -1, -2, -4]) {
      const fused = await rows(`T | project P = tostring(split(S, "${delimiter}")[${index}])`);
      // Indexing a column that holds the split keeps the general path.
      const general = await rows(`T | extend Parts = split(S, "${delimiter}") | project P = tostring(Parts[${index}])`);
      assert.deepEqual(fused, general, `delimiter "${delimiter}", index ${index}`);
    }
  }
  assert.deepEqual(await rows('T | take 1 | project P = tostring(split(S, "@")[1])'), [['b.c']]);
});

test('a number compared with a constant keeps Kusto null and NaN rules on either side', async () => {
  for (const op of ['==', '!=', '<', '<=', '>', '>=']) {
    for (const [column, constant] of [['N', '4'], ['R', '2.0'], ['R', 'real(null)'], ['N', 'long(null)']]) {
      const fast = await rows(`T | project X = ${column} ${op} ${constant}, Y = ${constant} ${op} ${column}`);
      // A column of the constant (extend) takes the general column-with-column path.
      const general = await rows(`T | extend C = ${constant} | project X = ${column} ${op} C, Y = C ${op} ${column}`);
      assert.deepEqual(fast, general, `${column} ${op} ${constant}`);
    }
  }
  assert.deepEqual((await rows('T | project X = N >= 4')).map((r) => r[0]), [false, false, null, true, true, true, true]);
  assert.deepEqual((await rows('T | project X = R != 2.0')).map((r) => r[0]), [true, true, false, true, true, true, true], 'a null is != a value');
});

test('and / or with and without nulls', async () => {
  assert.deepEqual(await rows('T | project A = N > 1 and R > 0, O = N > 4 or R > 1'), [
    [false, false], [false, false], [null, true], [null, null], [false, true], [true, true], [true, true],
  ]);
  assert.deepEqual(await rows('T | where S != "" and N > 3 | project S'), [['x@y@z'], ['@lead'], ['trail@'], ['a::b::c']]);
});

test('a selection smaller than its dictionary keeps only the entries it uses, in order', () => {
  const column = columnFromValues('string', ['d', 'c', 'b', 'a', 'c', 'd']) as StringColumn;
  const picked = gather(column, Int32Array.from([4, 1, -1])) as StringColumn;
  assert.deepEqual([picked.get(0), picked.get(1), picked.get(2)], ['c', 'c', '']);
  assert.deepEqual(picked.dictionary, ['c', '']);
  const large = gather(column, Int32Array.from([0, 1, 2, 3, 4, 5, 0])) as StringColumn;
  assert.equal(large.dictionary, column.dictionary, 'a selection as large as the dictionary shares it');
});
