// Aggregates that build dynamic values or select rows: make_list, make_set, make_bag,
// take_any, arg_max/arg_min; and the values of aggregates over a group without rows.
// Expected values follow Microsoft's KQL documentation examples, computed by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnFromValues } from '../../src/engine/data/builder';
import { StringColumn, type Column, type KqlType, type Value } from '../../src/engine/data/column';
import { parseDatetime, TICKS_PER_HOUR, TICKS_PER_MILLISECOND } from '../../src/engine/data/temporal';
import { aggregateFunctions, argExtremeRows, gatherRows, takeAnyRows } from '../../src/engine/aggregates';

const groupsOf = (...groups: number[]): Int32Array => Int32Array.from(groups);
const values = (column: Column): Value[] => Array.from({ length: column.length }, (_, i) => column.get(i));

function agg(name: string, args: Column[], groups: Int32Array, groupCount: number, resultType: KqlType): Value[] {
  const fn = aggregateFunctions.get(name);
  assert.ok(fn, `${name} is registered`);
  const result = fn.aggregate(args, groups, groupCount, resultType);
  assert.equal(result.length, groupCount);
  if (resultType === 'dynamic') assert.equal(result.type, 'dynamic');
  return values(result);
}

const micros = (text: string): number => {
  const value = parseDatetime(text);
  assert.notEqual(value, null);
  return value as number;
};

const shapes = ['triangle', 'square', 'rectangle', 'pentagon', 'hexagon', 'heptagon', 'octagon', 'nonagon', 'decagon'];
const sides = [3, 4, 4, 5, 6, 7, 8, 9, 10];

test('make_list by a group keeps row order (docs example: shapes by isEvenSideCount)', () => {
  const name = columnFromValues('string', shapes);
  const groups = Int32Array.from(sides, (n) => (n % 2 === 0 ? 1 : 0)); // group 0: odd, 1: even
  assert.deepEqual(agg('make_list', [name], groups, 2, 'dynamic'), [
    ['triangle', 'pentagon', 'heptagon', 'nonagon'],
    ['square', 'rectangle', 'hexagon', 'octagon', 'decagon'],
  ]);
});

test('make_list ignores nulls; make_list_with_nulls keeps them (docs example)', () => {
  const sideCount = columnFromValues('int', [null, ...sides.slice(1)]);
  const groups = new Int32Array(9);
  assert.deepEqual(agg('make_list', [sideCount], groups, 1, 'dynamic'), [[4, 4, 5, 6, 7, 8, 9, 10]]);
  assert.deepEqual(agg('make_list_with_nulls', [sideCount], groups, 1, 'dynamic'), [[null, 4, 4, 5, 6, 7, 8, 9, 10]]);
});

test('make_list renders datetimes as ISO text with Z, timespans as Kusto text, bools, guids and bags as JSON', () => {
  const g = groupsOf(0, 0, 0);
  const d = columnFromValues('datetime', [micros('2024-05-06T07:08:09Z'), null, micros('2024-05-06T07:08:09.5Z')]);
  assert.deepEqual(agg('make_list', [d], g, 1, 'dynamic'), [['2024-05-06T07:08:09Z', '2024-05-06T07:08:09.5Z']]);
  const t = columnFromValues('timespan', [TICKS_PER_HOUR, 26 * TICKS_PER_HOUR + 1500 * TICKS_PER_MILLISECOND, null]);
  assert.deepEqual(agg('make_list', [t], g, 1, 'dynamic'), [['01:00:00', '1.02:00:01.5000000']]);
  const b = columnFromValues('bool', [true, null, false]);
  assert.deepEqual(agg('make_list', [b], g, 1, 'dynamic'), [[true, false]]);
  const guid = columnFromValues('guid', ['5f1b1c6e-0000-4000-8000-000000000001', null, '5f1b1c6e-0000-4000-8000-000000000002']);
  assert.deepEqual(agg('make_list', [guid], g, 1, 'dynamic'), [['5f1b1c6e-0000-4000-8000-000000000001', '5f1b1c6e-0000-4000-8000-000000000002']]);
  const bags = columnFromValues('dynamic', [{ name: 'square', sideCount: 4 }, null, [1, 2]]);
  assert.deepEqual(agg('make_list', [bags], g, 1, 'dynamic'), [[{ name: 'square', sideCount: 4 }, [1, 2]]]);
});

test('make_list keeps empty strings (a Kusto string is never null) and stops at maxSize', () => {
  const s = columnFromValues('string', ['a', '', 'b', 'c']);
  const g = groupsOf(0, 0, 0, 0);
  assert.deepEqual(agg('make_list', [s], g, 1, 'dynamic'), [['a', '', 'b', 'c']]);
  assert.deepEqual(agg('make_list', [s, columnFromValues('int', [2, 2, 2, 2])], g, 1, 'dynamic'), [['a', '']]);
});

test('make_list_if adds the rows whose predicate is true, then applies maxSize', () => {
  const x = columnFromValues('long', [1, 2, 3, 4, 5]);
  const p = columnFromValues('bool', [true, false, true, null, true]);
  const g = groupsOf(0, 0, 0, 0, 0);
  assert.deepEqual(agg('make_list_if', [x, p], g, 1, 'dynamic'), [[1, 3, 5]]);
  assert.deepEqual(agg('make_list_if', [x, p, columnFromValues('int', [2, 2, 2, 2, 2])], g, 1, 'dynamic'), [[1, 3]]);
});

test('make_set keeps distinct values in first-seen order and ignores nulls (summarize docs: [null, 5] gives [5])', () => {
  const x = columnFromValues('int', [5, 1, 5, null, 7, 1]);
  assert.deepEqual(agg('make_set', [x], groupsOf(0, 0, 0, 0, 0, 0), 1, 'dynamic'), [[5, 1, 7]]);
  const y = columnFromValues('real', [null, 5]);
  assert.deepEqual(agg('make_set', [y], groupsOf(0, 0), 1, 'dynamic'), [[5]]);
});

test('make_set of a dynamic array column adds the elements (docs example: Val_set [1,5,7], Arr1_set)', () => {
  const val = columnFromValues('int', [1, 5, 7, 5]);
  const arr = columnFromValues('dynamic', [['A1', 'A2', 'A3'], ['A2', 'C1'], ['C2', 'A3'], ['C2', 'A1']]);
  const g = groupsOf(0, 0, 0, 0);
  assert.deepEqual(agg('make_set', [val], g, 1, 'dynamic'), [[1, 5, 7]]);
  assert.deepEqual(agg('make_set', [arr], g, 1, 'dynamic'), [['A1', 'A2', 'A3', 'C1', 'C2']]);
});

test('make_set compares strings by value across a dictionary with duplicates, per group', () => {
  const s = new StringColumn('string', Int32Array.from([0, 1, 2, 3, 2]), ['x', 'y', 'x', '']);
  assert.deepEqual(agg('make_set', [s], groupsOf(0, 0, 0, 1, 1), 2, 'dynamic'), [['x', 'y'], ['', 'x']]);
});

test('make_set tells a number from its text in a dynamic column, and honours maxSize', () => {
  const d = columnFromValues('dynamic', [1, '1', 1, { a: 1 }, { a: 1 }, true]);
  const g = groupsOf(0, 0, 0, 0, 0, 0);
  assert.deepEqual(agg('make_set', [d], g, 1, 'dynamic'), [[1, '1', { a: 1 }, true]]);
  assert.deepEqual(agg('make_set', [d, columnFromValues('long', new Array(6).fill(2))], g, 1, 'dynamic'), [[1, '1']]);
});

test('make_set_if adds distinct values of the rows whose predicate is true', () => {
  const s = columnFromValues('string', ['a', 'b', 'a', 'c']);
  const p = columnFromValues('bool', [true, false, true, true]);
  assert.deepEqual(agg('make_set_if', [s, p], groupsOf(0, 0, 0, 0), 1, 'dynamic'), [['a', 'c']]);
});

test('make_bag merges the bags of the group (docs example); the first value of a key wins; non-bags are skipped', () => {
  const p = columnFromValues('dynamic', [{ prop01: 'val_a' }, { prop02: 'val_b' }, { prop03: 'val_c' }]);
  assert.deepEqual(agg('make_bag', [p], groupsOf(0, 0, 0), 1, 'dynamic'), [{ prop01: 'val_a', prop02: 'val_b', prop03: 'val_c' }]);
  const mixed = columnFromValues('dynamic', [{ a: 1 }, [1, 2], null, 'text', { a: 2, b: 3 }, { c: null }]);
  assert.deepEqual(agg('make_bag', [mixed], groupsOf(0, 0, 0, 0, 0, 1), 2, 'dynamic'), [{ a: 1, b: 3 }, { c: null }]);
});

test('make_bag stops at maxSize keys; make_bag_if merges the rows whose predicate is true', () => {
  const p = columnFromValues('dynamic', [{ a: 1, b: 2 }, { c: 3 }]);
  assert.deepEqual(agg('make_bag', [p, columnFromValues('int', [2, 2])], groupsOf(0, 0), 1, 'dynamic'), [{ a: 1, b: 2 }]);
  const keep = columnFromValues('bool', [false, true]);
  assert.deepEqual(agg('make_bag_if', [p, keep], groupsOf(0, 0), 1, 'dynamic'), [{ c: 3 }]);
});

test('a key named __proto__ stays a plain property of the merged bag', () => {
  const p = columnFromValues('dynamic', [JSON.parse('{"__proto__": 1, "x": 2}') as Value]);
  const [bag] = agg('make_bag', [p], groupsOf(0), 1, 'dynamic') as Record<string, unknown>[];
  assert.deepEqual(Object.keys(bag), ['__proto__', 'x']);
  assert.equal(Object.getPrototypeOf(bag), Object.prototype);
});

test('take_any of a single column returns a non-null, non-empty value when the group has one', () => {
  const s = columnFromValues('string', ['', 'x', 'y', '', '']);
  assert.deepEqual(agg('take_any', [s], groupsOf(0, 0, 0, 1, 1), 2, 'string'), ['x', '']);
  const n = columnFromValues('long', [null, null, 4, 5]);
  assert.deepEqual(agg('any', [n], groupsOf(0, 0, 0, 1), 2, 'long'), [4, 5]);
});

test('take_anyif picks among the rows whose predicate is true; none gives null', () => {
  const n = columnFromValues('long', [1, 2, 3]);
  const p = columnFromValues('bool', [false, true, false]);
  assert.deepEqual(agg('take_anyif', [n, p], groupsOf(0, 0, 1), 2, 'long'), [2, null]);
});

test('takeAnyRows selects one row per group for several expressions', () => {
  const a = columnFromValues('string', ['', 'x', 'y']);
  const b = columnFromValues('long', [null, 2, 3]);
  assert.deepEqual(Array.from(takeAnyRows([a, b], groupsOf(0, 0, 1), 2)), [0, 2]);
  assert.deepEqual(Array.from(takeAnyRows([a], groupsOf(0, 0, 1), 3)), [1, 2, -1]);
});

test('arg_max null handling (docs example): the all-null group still returns its first row', () => {
  const version = columnFromValues('int', [1, null, null, null, 1, 2]);
  const color = columnFromValues('string', ['Red', 'Green', 'Yellow', 'Green', 'Brown', 'Green']);
  const fruit = groupsOf(0, 0, 1, 1, 2, 2); // Apple, Banana, Pear
  const rows = argExtremeRows(version, fruit, 3, 'max');
  assert.deepEqual(Array.from(rows), [0, 2, 5]);
  assert.deepEqual(values(gatherRows(version, rows)), [1, null, 2]);
  assert.deepEqual(values(gatherRows(color, rows)), ['Red', 'Yellow', 'Green']);
});

test('arg_max and arg_min take the first row on a tie; a group without rows gives -1', () => {
  const x = columnFromValues('real', [3, 5, 1, 5, 1]);
  assert.deepEqual(Array.from(argExtremeRows(x, groupsOf(0, 0, 0, 0, 0), 2, 'max')), [1, -1]);
  assert.deepEqual(Array.from(argExtremeRows(x, groupsOf(0, 0, 0, 0, 0), 2, 'min')), [2, -1]);
});

test('arg_max of datetimes and of strings (ordinal)', () => {
  const t = columnFromValues('datetime', [micros('2024-01-02T00:00:00Z'), micros('2024-01-03T00:00:00Z'), micros('2024-01-01T00:00:00Z')]);
  assert.deepEqual(Array.from(argExtremeRows(t, groupsOf(0, 0, 0), 1, 'max')), [1]);
  const s = columnFromValues('string', ['b', 'a', 'B']);
  assert.deepEqual(Array.from(argExtremeRows(s, groupsOf(0, 0, 0), 1, 'max')), [0]);
  assert.deepEqual(Array.from(argExtremeRows(s, groupsOf(0, 0, 0), 1, 'min')), [2]);
});

test('over no rows: counts, sums, variance and stdev give 0, lists [], bags {}, avg NaN, others null (summarize docs)', () => {
  const empty = new Int32Array(0);
  const x = columnFromValues('long', []);
  const p = columnFromValues('bool', []);
  assert.deepEqual(agg('count', [], empty, 1, 'long'), [0]);
  assert.deepEqual(agg('countif', [p], empty, 1, 'long'), [0]);
  assert.deepEqual(agg('dcount', [x], empty, 1, 'long'), [0]);
  assert.deepEqual(agg('dcountif', [x, p], empty, 1, 'long'), [0]);
  assert.deepEqual(agg('sum', [x], empty, 1, 'long'), [0]);
  assert.deepEqual(agg('sumif', [x, p], empty, 1, 'long'), [0]);
  assert.deepEqual(agg('variance', [x], empty, 1, 'real'), [0]);
  assert.deepEqual(agg('stdev', [x], empty, 1, 'real'), [0]);
  assert.deepEqual(agg('make_list', [x], empty, 1, 'dynamic'), [[]]);
  assert.deepEqual(agg('make_set', [x], empty, 1, 'dynamic'), [[]]);
  assert.deepEqual(agg('make_bag', [columnFromValues('dynamic', [])], empty, 1, 'dynamic'), [{}]);
  const [average] = agg('avg', [x], empty, 1, 'real');
  assert.ok(Number.isNaN(average));
  assert.deepEqual(agg('min', [x], empty, 1, 'long'), [null]);
  assert.deepEqual(agg('max', [x], empty, 1, 'long'), [null]);
  assert.deepEqual(agg('percentile', [x, columnFromValues('long', [])], empty, 1, 'long'), [null]);
  assert.deepEqual(agg('percentiles_array', [x, columnFromValues('long', [])], empty, 1, 'dynamic'), [null]);
  assert.deepEqual(agg('take_any', [x], empty, 1, 'long'), [null]);
  assert.deepEqual(agg('take_any', [columnFromValues('string', [])], empty, 1, 'string'), ['']);
  assert.deepEqual(Array.from(argExtremeRows(x, empty, 1, 'max')), [-1]);
});
