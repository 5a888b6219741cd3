// Aggregates: counts, sums, averages, spreads, extremes, distinct counts, percentiles.
// Expected values follow Microsoft's KQL documentation (examples quoted where they exist)
// and are computed by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnFromValues } from '../../src/engine/data/builder';
import { StringColumn, type Column, type KqlType, type Value } from '../../src/engine/data/column';
import { parseDatetime, TICKS_PER_HOUR, TICKS_PER_MINUTE } from '../../src/engine/data/temporal';
import { aggregateFunctions, percentileValues } from '../../src/engine/aggregates';

const groupsOf = (...groups: number[]): Int32Array => Int32Array.from(groups);
const values = (column: Column): Value[] => Array.from({ length: column.length }, (_, i) => column.get(i));

function run(name: string, args: Column[], groups: Int32Array, groupCount: number, resultType: KqlType): Column {
  const fn = aggregateFunctions.get(name);
  assert.ok(fn, `${name} is registered`);
  const result = fn.aggregate(args, groups, groupCount, resultType);
  assert.equal(result.length, groupCount);
  return result;
}

const agg = (name: string, args: Column[], groups: Int32Array, groupCount: number, resultType: KqlType): Value[] =>
  values(run(name, args, groups, groupCount, resultType));

const micros = (text: string): number => {
  const value = parseDatetime(text);
  assert.notEqual(value, null);
  return value as number;
};

test('the registry holds the Kusto names, the *if variants and the deprecated aliases', () => {
  for (const name of [
    'count', 'countif', 'dcount', 'dcountif', 'count_distinct', 'count_distinctif', 'sum', 'sumif', 'avg', 'avgif',
    'min', 'max', 'minif', 'maxif', 'stdev', 'stdevif', 'stdevp', 'variance', 'varianceif', 'variancep', 'variancepif',
    'percentile', 'percentiles_array', 'make_list', 'make_list_if', 'make_list_with_nulls', 'make_set', 'make_set_if',
    'make_bag', 'make_bag_if', 'take_any', 'take_anyif', 'any', 'anyif', 'makelist', 'makeset', 'make_dictionary',
  ]) {
    assert.ok(aggregateFunctions.has(name), name);
  }
  for (const name of ['arg_max', 'arg_min', 'percentiles', 'buildschema']) assert.equal(aggregateFunctions.has(name), false, name);
});

test('count() counts the rows of each group, nulls included (summarize docs: count(y) over [null, 5] is 2)', () => {
  const y = columnFromValues('real', [null, 5]);
  assert.deepEqual(agg('count', [], groupsOf(0, 0), 1, 'long'), [2]);
  assert.deepEqual(agg('count', [y], groupsOf(0, 0), 1, 'long'), [2]);
  const result = run('count', [], groupsOf(0, 1, 0, 0, 1), 2, 'long');
  assert.equal(result.type, 'long');
  assert.deepEqual(values(result), [3, 2]);
});

test('countif counts rows whose predicate is true; null counts as false; count(bool) is the obsolete countif', () => {
  const predicate = columnFromValues('bool', [true, null, false, true, true]);
  const groups = groupsOf(0, 0, 0, 1, 1);
  assert.deepEqual(agg('countif', [predicate], groups, 2, 'long'), [1, 2]);
  assert.deepEqual(agg('count', [predicate], groups, 2, 'long'), [1, 2]);
});

test('countif docs example: names longer than 4 letters', () => {
  const longNames = columnFromValues('bool', ['John', 'Paul', 'George', 'Ringo'].map((name) => name.length > 4));
  assert.deepEqual(agg('countif', [longNames], groupsOf(0, 0, 0, 0), 1, 'long'), [2]);
});

test('sum ignores nulls; a group of nulls sums to 0 (summarize docs: default value of sum() is 0)', () => {
  const x = columnFromValues('int', [1, null, 3, null, null]);
  const result = run('sum', [x], groupsOf(0, 0, 0, 1, 1), 2, 'long');
  assert.equal(result.type, 'long');
  assert.deepEqual(values(result), [4, 0]);
});

test('sum and avg over [null, 5, 5, 5] are 15 and 5 (summarize docs example)', () => {
  const y = columnFromValues('real', [null, 5, 5, 5]);
  const groups = groupsOf(0, 0, 0, 0);
  assert.deepEqual(agg('sum', [y], groups, 1, 'real'), [15]);
  assert.deepEqual(agg('avg', [y], groups, 1, 'real'), [5]);
});

test('sum of timespans is a timespan', () => {
  const t = columnFromValues('timespan', [TICKS_PER_HOUR, 30 * TICKS_PER_MINUTE, null]);
  const result = run('sum', [t], groupsOf(0, 0, 0), 1, 'timespan');
  assert.equal(result.type, 'timespan');
  assert.deepEqual(values(result), [90 * TICKS_PER_MINUTE]);
});

test('avg of ints is real; a group of nulls averages to NaN (summarize docs: avg over nothing is NaN)', () => {
  const x = columnFromValues('int', [1, 2, 3, 4, null]);
  const result = run('avg', [x], groupsOf(0, 0, 0, 0, 1), 2, 'real');
  assert.equal(result.type, 'real');
  assert.equal(result.get(0), 2.5);
  assert.ok(Number.isNaN(result.get(1)));
});

test('avg of datetimes is the datetime in the middle; with no value it is null', () => {
  const d = columnFromValues('datetime', [micros('2024-01-01T00:00:00Z'), micros('2024-01-02T00:00:00Z'), null]);
  const result = run('avg', [d], groupsOf(0, 0, 1), 2, 'datetime');
  assert.equal(result.type, 'datetime');
  assert.deepEqual(values(result), [micros('2024-01-01T12:00:00Z'), null]);
});

test('sumif and avgif aggregate only the rows whose predicate is true', () => {
  const x = columnFromValues('long', [10, 20, 30, 40]);
  const p = columnFromValues('bool', [true, false, true, null]);
  const groups = groupsOf(0, 0, 0, 0);
  assert.deepEqual(agg('sumif', [x, p], groups, 1, 'long'), [40]);
  assert.deepEqual(agg('avgif', [x, p], groups, 1, 'real'), [20]);
  assert.deepEqual(agg('sumif', [x, columnFromValues('bool', [false, false, false, false])], groups, 1, 'long'), [0]);
});

test('variance and stdev of 1..5 (docs examples: 2.5 and 1.58113883008419); population forms 2 and √2', () => {
  const x = columnFromValues('long', [1, 2, 3, 4, 5]);
  const groups = groupsOf(0, 0, 0, 0, 0);
  assert.deepEqual(agg('variance', [x], groups, 1, 'real'), [2.5]);
  const [stdev] = agg('stdev', [x], groups, 1, 'real') as number[];
  assert.ok(Math.abs(stdev - 1.58113883008419) < 1e-12, String(stdev));
  assert.deepEqual(agg('variancep', [x], groups, 1, 'real'), [2]);
  const [stdevp] = agg('stdevp', [x], groups, 1, 'real') as number[];
  assert.ok(Math.abs(stdevp - Math.SQRT2) < 1e-12, String(stdevp));
});

test('stdevif docs example: standard deviation of the even numbers of 1..100 is 29.1547594742265', () => {
  const numbers = Array.from({ length: 100 }, (_, i) => i + 1);
  const x = columnFromValues('long', numbers);
  const even = columnFromValues('bool', numbers.map((n) => n % 2 === 0));
  const groups = new Int32Array(100);
  const [stdev] = agg('stdevif', [x, even], groups, 1, 'real') as number[];
  // evens are 2 * (1..50): sample variance 4 * (50 * 51 / 12) = 850
  assert.ok(Math.abs(stdev - 29.1547594742265) < 1e-9, String(stdev));
  assert.deepEqual(agg('varianceif', [x, even], groups, 1, 'real'), [850]);
});

test('a single value has variance and stdev 0; no value: variance/stdev 0, variancep/stdevp null', () => {
  const x = columnFromValues('real', [7, null]);
  const groups = groupsOf(0, 1);
  assert.deepEqual(agg('stdev', [x], groups, 2, 'real'), [0, 0]);
  assert.deepEqual(agg('variance', [x], groups, 2, 'real'), [0, 0]);
  assert.deepEqual(agg('variancep', [x], groups, 2, 'real'), [0, null]);
  assert.deepEqual(agg('stdevp', [x], groups, 2, 'real'), [0, null]);
});

test('min and max ignore nulls and keep the input type; a group of nulls gives null', () => {
  const x = columnFromValues('int', [5, null, -2, 9, null]);
  const groups = groupsOf(0, 0, 0, 0, 1);
  const min = run('min', [x], groups, 2, 'int');
  assert.equal(min.type, 'int');
  assert.deepEqual(values(min), [-2, null]);
  assert.deepEqual(agg('max', [x], groups, 2, 'int'), [9, null]);
});

test('min of datetimes is a datetime (summarize docs: the first event)', () => {
  const d = columnFromValues('datetime', [micros('2007-01-02T00:00:00Z'), micros('2007-01-01T00:00:00Z'), null]);
  const result = run('min', [d], groupsOf(0, 0, 0), 1, 'datetime');
  assert.equal(result.type, 'datetime');
  assert.deepEqual(values(result), [micros('2007-01-01T00:00:00Z')]);
  assert.deepEqual(agg('max', [d], groupsOf(0, 0, 0), 1, 'datetime'), [micros('2007-01-02T00:00:00Z')]);
});

test('min and max of strings compare ordinally (upper case before lower case)', () => {
  const s = columnFromValues('string', ['b', 'B', 'a', 'c', 'C']);
  const groups = groupsOf(0, 0, 0, 1, 1);
  assert.deepEqual(agg('min', [s], groups, 2, 'string'), ['B', 'C']);
  assert.deepEqual(agg('max', [s], groups, 2, 'string'), ['b', 'c']);
});

test('min and max of strings compare values, not codes, across a dictionary with duplicates', () => {
  const s = new StringColumn('string', Int32Array.from([0, 1, 2, 3]), ['m', 'z', 'a', 'm']);
  assert.deepEqual(agg('min', [s], groupsOf(0, 0, 1, 1), 2, 'string'), ['m', 'a']);
  assert.deepEqual(agg('max', [s], groupsOf(0, 0, 1, 1), 2, 'string'), ['z', 'm']);
});

test('min of guids skips null guids; a group of null guids gives null', () => {
  const guid = columnFromValues('guid', [null, 'b0000000-0000-0000-0000-000000000000', 'a0000000-0000-0000-0000-000000000000', null]);
  assert.deepEqual(agg('min', [guid], groupsOf(0, 0, 0, 1), 2, 'guid'), ['a0000000-0000-0000-0000-000000000000', null]);
});

test('minif and maxif consider only rows whose predicate is true', () => {
  const x = columnFromValues('real', [1, 2, 3, 4]);
  const p = columnFromValues('bool', [false, true, true, false]);
  assert.deepEqual(agg('minif', [x, p], groupsOf(0, 0, 0, 0), 1, 'real'), [2]);
  assert.deepEqual(agg('maxif', [x, p], groupsOf(0, 0, 0, 0), 1, 'real'), [3]);
});

test('dcount counts distinct non-null values per group', () => {
  const x = columnFromValues('long', [1, 1, 2, null, 3, 3]);
  const result = run('dcount', [x], groupsOf(0, 0, 0, 0, 1, 1), 2, 'long');
  assert.equal(result.type, 'long');
  assert.deepEqual(values(result), [2, 1]);
});

test('dcount of strings compares values, not dictionary codes; the empty string is a value', () => {
  const s = new StringColumn('string', Int32Array.from([0, 1, 2, 0, 3]), ['a', 'b', 'a', '']);
  assert.deepEqual(agg('dcount', [s], groupsOf(0, 0, 0, 0, 0), 1, 'long'), [3]);
  assert.deepEqual(agg('count_distinct', [s], groupsOf(0, 0, 0, 0, 0), 1, 'long'), [3]);
});

test('dcount ignores null guids and the accuracy argument', () => {
  const guid = columnFromValues('guid', ['g1', null, 'g1', 'g2']);
  const accuracy = columnFromValues('int', [2, 2, 2, 2]);
  assert.deepEqual(agg('dcount', [guid, accuracy], groupsOf(0, 0, 0, 0), 1, 'long'), [2]);
});

test('dcountif counts the distinct values of the rows whose predicate is true', () => {
  const s = columnFromValues('string', ['x', 'y', 'x', 'z']);
  const p = columnFromValues('bool', [true, true, true, false]);
  assert.deepEqual(agg('dcountif', [s, p], groupsOf(0, 0, 0, 0), 1, 'long'), [2]);
  assert.deepEqual(agg('count_distinctif', [s, p], groupsOf(0, 0, 0, 0), 1, 'long'), [2]);
});

test('percentiles use the nearest rank: of 1..10, P50 = 5, P25 = 3, P95 = 10, P0 = 1, P100 = 10', () => {
  const x = columnFromValues('int', [7, 3, 10, 1, null, 5, 2, 9, 4, 8, 6]);
  const groups = new Int32Array(11);
  const columns = percentileValues(x, groups, 1, [50, 25, 95, 0, 100]);
  assert.deepEqual(columns.map((c) => c.type), ['long', 'long', 'long', 'long', 'long']);
  assert.deepEqual(columns.map((c) => c.get(0)), [5, 3, 10, 1, 10]);
});

test('percentile of a fractional P: the rank of P1.1 among 3000 values is exactly 33 (not 34)', () => {
  const x = columnFromValues('real', Array.from({ length: 3000 }, (_, i) => 3000 - i));
  const groups = new Int32Array(3000);
  const at = (p: number): Value[] => agg('percentile', [x, columnFromValues('real', new Array(3000).fill(p))], groups, 1, 'real');
  assert.deepEqual(at(1.1), [33]); // 1.1 * 3000 / 100 is 33.00000000000001 in floating point
  assert.deepEqual(at(99.9), [2997]); // ceil(2997)
  assert.deepEqual(at(99.99), [3000]); // ceil(2999.7)
});

test('percentile per group; a group without values gives null', () => {
  const x = columnFromValues('long', [10, 20, 30, 40, null]);
  const p = columnFromValues('long', [50, 50, 50, 50, 50]);
  // group 0 holds 10, 20, 30: rank ceil(1.5) = 2 → 20; group 1 holds 40; group 2 only null
  assert.deepEqual(agg('percentile', [x, p], groupsOf(0, 0, 0, 1, 2), 3, 'long'), [20, 40, null]);
});

test('percentile of datetimes is a datetime; percentiles_array renders it as ISO text', () => {
  const days = ['2024-03-01', '2024-03-03', '2024-03-02'].map((d) => micros(`${d}T00:00:00Z`));
  const d = columnFromValues('datetime', days);
  const [median] = percentileValues(d, groupsOf(0, 0, 0), 1, [50]);
  assert.equal(median.type, 'datetime');
  assert.equal(median.get(0), micros('2024-03-02T00:00:00Z'));
  const fifty = columnFromValues('long', [50, 50, 50]);
  const hundred = columnFromValues('long', [100, 100, 100]);
  assert.deepEqual(agg('percentiles_array', [d, fifty, hundred], groupsOf(0, 0, 0), 1, 'dynamic'), [['2024-03-02T00:00:00Z', '2024-03-03T00:00:00Z']]);
});

test('percentiles_array takes its percentiles as separate numbers or as one dynamic array', () => {
  const x = columnFromValues('long', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const groups = new Int32Array(10);
  const list = columnFromValues('dynamic', new Array(10).fill([5, 25, 50, 75, 95]));
  // ranks ceil(0.5) = 1, ceil(2.5) = 3, 5, ceil(7.5) = 8, ceil(9.5) = 10
  assert.deepEqual(agg('percentiles_array', [x, list], groups, 1, 'dynamic'), [[1, 3, 5, 8, 10]]);
});
