// Dynamic values, conditionals, null tests, math, IP, URL and hash functions of the embedded
// engine. Expected values come from Microsoft's KQL documentation examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dynamicIndex, NotSupportedError } from '../../src/engine/functions';
import { call, col, lit, one, run, values } from './engine-functions-support.test';

const dyn = (value: unknown): ['dynamic', never] => ['dynamic', value as never];
const str = (value: string): ['string', string] => ['string', value];

test('dynamicIndex: x.key, x["key"], x[0] and x[-1]', () => {
  const column = col('dynamic', [{ a: [1, 2], b: { c: 3 } }, { a: 'x' }, null, [10, 20, 30]]);
  assert.deepEqual(values(dynamicIndex(column, 'a')), [[1, 2], 'x', null, null]);
  assert.deepEqual(values(dynamicIndex(dynamicIndex(column, 'b'), 'c')), [3, null, null, null]);
  assert.deepEqual(values(dynamicIndex(column, 0)), [null, null, null, 10]);
  assert.deepEqual(values(dynamicIndex(column, -1)), [null, null, null, 30]);
  assert.deepEqual(values(dynamicIndex(dynamicIndex(column, 'a'), -1)), [2, null, null, null]);
  assert.deepEqual(values(dynamicIndex(column, col('long', [0, 0, 0, 1]))), [null, null, null, 20]);
  assert.throws(() => dynamicIndex(col('string', ['x']), 'a'), NotSupportedError);
});

test('array_length, array_slice, array_concat, array_reverse', () => {
  assert.deepEqual(run('array_length', [col('dynamic', [[], [1, 2], {}, null])], 'long'), [0, 2, null, null]);
  // array_slice doc: end is inclusive, negative positions count from the end
  assert.deepEqual(one('array_slice', [dyn([1, 2, 3]), ['long', 1], ['long', 2]], 'dynamic'), [2, 3]);
  assert.deepEqual(one('array_slice', [dyn([1, 2, 3, 4, 5]), ['long', 2], ['long', -1]], 'dynamic'), [3, 4, 5]);
  assert.deepEqual(one('array_slice', [dyn([1, 2, 3, 4, 5]), ['long', -3], ['long', -2]], 'dynamic'), [3, 4]);
  assert.deepEqual(one('array_concat', [dyn([1, 2]), dyn(['a']), dyn([])], 'dynamic'), [1, 2, 'a']);
  assert.equal(one('array_concat', [dyn([1]), dyn({ a: 1 })], 'dynamic'), null);
  assert.deepEqual(one('array_reverse', [dyn([1, 2, 3])], 'dynamic'), [3, 2, 1]);
});

test('set_union, set_intersect, set_difference keep distinct values in order', () => {
  // set_union doc: pack_array(1,2,1,4), (1,2), (8) give [1,2,4,8]; a set from one array
  assert.deepEqual(one('set_union', [dyn([1, 2, 1, 4]), dyn([1, 2]), dyn([8])], 'dynamic'), [1, 2, 4, 8]);
  assert.deepEqual(one('set_union', [dyn(['A4', 'A2', 'A7', 'A2']), dyn(['A4', 'A2', 'A7', 'A2'])], 'dynamic'), ['A4', 'A2', 'A7']);
  assert.deepEqual(one('set_intersect', [dyn([1, 2, 3, 4, 5]), dyn([1, 2, 5, 6]), dyn([5, 2])], 'dynamic'), [2, 5]);
  assert.deepEqual(one('set_difference', [dyn([1, 2, 3, 3]), dyn([2]), dyn([1])], 'dynamic'), [3]);
  assert.deepEqual(one('set_union', [dyn([{ a: 1 }, '1', 1]), dyn([{ a: 1 }])], 'dynamic'), [{ a: 1 }, '1', 1]);
});

test('bag_keys, bag_pack / pack, pack_array, bag_merge', () => {
  assert.deepEqual(one('bag_keys', [dyn({ a: 1, b: { c: 2 } })], 'dynamic'), ['a', 'b']);
  assert.equal(one('bag_keys', [dyn([1])], 'dynamic'), null);
  assert.deepEqual(run('bag_pack', [lit('string', 'name', 2), col('string', ['alpha', 'beta']), lit('string', 'value', 2), col('int', [1, 2])], 'dynamic'),
    [{ name: 'alpha', value: 1 }, { name: 'beta', value: 2 }]);
  assert.deepEqual(one('pack', [str('missing'), dyn(null), str('present'), ['long', 1]], 'dynamic'), { missing: null, present: 1 });
  assert.deepEqual(one('bag_pack', [str('dur'), ['timespan', 5 * 60 * 10_000_000]], 'dynamic'), { dur: '00:05:00' });
  assert.deepEqual(one('pack_array', [['long', 1], str('a'), ['bool', true], ['real', null]], 'dynamic'), [1, 'a', true, null]);
  const merged = one('bag_merge', [dyn({ k: 'first', a: 1 }), dyn({ k: 'last', b: 2 }), dyn([1])], 'dynamic');
  assert.deepEqual(merged, { k: 'first', a: 1, b: 2 });
  assert.deepEqual(Object.keys(merged as object), ['k', 'a', 'b']);
});

test('iff / iif take the else branch on false or null', () => {
  const condition = col('bool', [true, false, null]);
  assert.deepEqual(run('iff', [condition, lit('string', 'yes', 3), lit('string', 'no', 3)], 'string'), ['yes', 'no', 'no']);
  assert.deepEqual(run('iif', [condition, col('long', [1, 2, 3]), lit('long', null, 3)], 'long'), [1, null, null]);
  assert.deepEqual(run('iff', [condition, lit('int', 1, 3), lit('real', 2.5, 3)], 'real'), [1, 2.5, 2.5]);
});

test('case picks the first true condition, else the last argument', () => {
  const size = col('long', [2, 7, 50]);
  const result = run('case', [
    call('<=', [size, lit('long', 3, 3)], 'bool'), lit('string', 'Small', 3),
    call('<=', [size, lit('long', 10, 3)], 'bool'), lit('string', 'Medium', 3),
    lit('string', 'Large', 3),
  ], 'string');
  assert.deepEqual(result, ['Small', 'Medium', 'Large']);
});

test('coalesce takes the first value that is not null (for strings, not empty)', () => {
  assert.deepEqual(run('coalesce', [col('long', [null, 1, null]), col('long', [42, 2, null])], 'long'), [42, 1, null]);
  assert.deepEqual(run('coalesce', [col('string', ['', 'a']), lit('string', 'b', 2)], 'string'), ['b', 'a']);
  assert.deepEqual(run('coalesce', [col('dynamic', [null, 5]), lit('dynamic', 'x', 2)], 'dynamic'), ['x', 5]);
});

test('isnull / isnotnull / isempty / isnotempty', () => {
  // null-values doc: strings are never null; isempty is true for empty strings and nulls
  assert.deepEqual(run('isnull', [col('string', ['', ' ', 'hello'])], 'bool'), [false, false, false]);
  assert.deepEqual(run('isnull', [col('long', [null, 0])], 'bool'), [true, false]);
  assert.deepEqual(run('isnotnull', [col('datetime', [null, 0])], 'bool'), [false, true]);
  assert.deepEqual(run('isempty', [col('string', ['', ' ', 'hello'])], 'bool'), [true, false, false]);
  assert.deepEqual(run('isnotempty', [col('string', ['', ' '])], 'bool'), [false, true]);
  assert.deepEqual(run('isempty', [col('real', [null, 0])], 'bool'), [true, false]);
  assert.deepEqual(run('isempty', [col('dynamic', [null, '', [], 'x'])], 'bool'), [true, true, false, false]);
});

test('math functions', () => {
  // round doc examples
  assert.deepEqual(run('round', [col('real', [2.98765]), lit('long', 3)], 'real'), [2.988]);
  assert.deepEqual(run('round', [col('real', [2.15]), lit('long', 1)], 'real'), [2.2]);
  assert.deepEqual(run('round', [col('real', [2.15])], 'real'), [2]);
  assert.deepEqual(run('round', [col('real', [-50.55]), lit('long', -2)], 'real'), [-100]);
  assert.deepEqual(run('round', [col('real', [21.5]), lit('long', -1)], 'real'), [20]);
  assert.deepEqual(run('abs', [col('long', [-42, null])], 'long'), [42, null]);
  assert.deepEqual(run('sqrt', [col('real', [16, -1])], 'real'), [4, null]);
  assert.deepEqual(run('pow', [col('long', [2, 10]), col('long', [8, -1])], 'real'), [256, 0.1]);
  assert.deepEqual(run('log10', [col('real', [1000, -1])], 'real'), [3, null]);
  assert.deepEqual(run('log2', [col('real', [8])], 'real'), [3]);
  assert.ok(Math.abs((one('log', [['real', 100]], 'real') as number) - 4.60517) < 1e-5);
  assert.ok(Math.abs((one('exp', [['real', 1]], 'real') as number) - Math.E) < 1e-12);
  assert.deepEqual(run('sign', [col('long', [-4, 0, 3])], 'long'), [-1, 0, 1]);
  assert.deepEqual(run('isnan', [col('real', [NaN, 1])], 'bool'), [true, false]);
});

test('ipv4_is_private, ipv4_is_in_range, parse_ipv4 (documentation examples)', () => {
  assert.deepEqual(run('ipv4_is_private', [col('string', ['192.168.1.1/24', '10.1.2.3/24', '202.1.2.3', '127.0.0.1', '172.16.0.1', 'x'])], 'bool'),
    [true, true, false, false, true, null]);
  assert.deepEqual(run('ipv4_is_in_range', [col('string', ['192.168.1.1', '192.168.1.1', '192.168.2.1', 'bad']),
    col('string', ['192.168.1.1', '192.168.1.255/24', '192.168.1.255/24', '10.0.0.0/8'])], 'bool'), [true, true, false, null]);
  assert.deepEqual(run('parse_ipv4', [col('string', ['127.0.0.1', '192.168.1.1/24', '255.255.255.255/31', 'invalid', '256.1.1.1'])], 'long'),
    [2130706433, 3232235776, 4294967294, null, null]);
});

test('parse_url returns the URL parts (documentation example)', () => {
  const parts = one('parse_url', [str('scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment')], 'dynamic');
  assert.deepEqual(parts, {
    Scheme: 'scheme', Host: 'host', Port: '1234',
    Path: '/this/is/a/path', // the page prints "this/is/a/path"; the path of an absolute URL keeps its slash
    Username: 'username', Password: 'password', 'Query Parameters': { k1: 'v1', k2: 'v2' }, Fragment: 'fragment',
  });
  const plain = one('parse_url', [str('https://bing.com/search?q=kusto%20query')], 'dynamic') as Record<string, unknown>;
  assert.equal(plain.Host, 'bing.com');
  assert.deepEqual(plain['Query Parameters'], { q: 'kusto query' });
});

test('hash_sha256 and hash_md5 (documentation examples); hash() is refused', () => {
  assert.equal(one('hash_sha256', [str('World')], 'string'), '78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524');
  assert.equal(one('hash_md5', [str('World')], 'string'), 'f5a7924e621e84c9280a9a27e1bcb7f6');
  // a datetime is hashed in its text form, 2020-01-01T00:00:00.0000000Z
  assert.equal(one('hash_sha256', [['datetime', Date.UTC(2020, 0, 1) * 1000]], 'string'),
    'ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d');
  assert.equal(one('hash_md5', [['datetime', Date.UTC(2020, 0, 1) * 1000]], 'string'), '786c530672d1f8db31fee25ea8a9390b');
  assert.throws(() => one('hash', [str('World')], 'long'), NotSupportedError);
});

test('array_index_of searches like indexof (documentation examples)', () => {
  const arr = ['this', 'is', 'an', 'example', 'an', 'example'];
  const idx = (...rest: [string, unknown][]) => one('array_index_of', [dyn(arr), ...rest] as never, 'long');
  const long = (n: number): ['long', number] => ['long', n];
  assert.deepEqual([
    idx(str('an')), idx(str('example'), long(1), long(3)), idx(str('example'), long(1), long(2)), idx(str('is'), long(2), long(4)),
    idx(str('example'), long(2), long(-1)), idx(str('an'), long(1), long(-1), long(2)), idx(str('an'), long(1), long(-1), long(3)),
    idx(str('an'), long(-3)), idx(str('is'), long(-4)),
  ], [2, 3, -1, -1, 3, 4, -1, 4, -1]);
});

test('array_sort_asc / array_sort_desc: numbers, then strings; nulls last by default', () => {
  assert.deepEqual(one('array_sort_asc', [dyn([1, 3, 2, 'a', 'c', 'b'])], 'dynamic'), [1, 2, 3, 'a', 'b', 'c']);
  assert.deepEqual(one('array_sort_desc', [dyn([1, 3, 2, 'a', 'c', 'b'])], 'dynamic'), [3, 2, 1, 'c', 'b', 'a']);
  assert.deepEqual(one('array_sort_asc', [dyn([null, 'blue', 'yellow', 'green', null])], 'dynamic'), ['blue', 'green', 'yellow', null, null]);
  assert.deepEqual(one('array_sort_asc', [dyn([null, 'blue', 'yellow', 'green', null]), ['bool', false]], 'dynamic'),
    [null, null, 'blue', 'green', 'yellow']);
  assert.throws(() => one('array_sort_asc', [dyn([1]), dyn(['a'])], 'dynamic'), NotSupportedError);
});

test('array_split, array_sum, array_rotate_*, array_shift_*, repeat', () => {
  assert.deepEqual(one('array_split', [dyn([1, 2, 3, 4, 5]), ['long', 2]], 'dynamic'), [[1, 2], [3, 4, 5]]);
  assert.deepEqual(one('array_split', [dyn([1, 2, 3, 4, 5]), dyn([1, 3])], 'dynamic'), [[1], [2, 3], [4, 5]]);
  assert.equal(one('array_sum', [dyn([1, 2, 3, 4])], 'real'), 10);
  assert.deepEqual(one('array_rotate_left', [dyn([1, 2, 3, 4, 5]), ['long', 2]], 'dynamic'), [3, 4, 5, 1, 2]);
  assert.deepEqual(one('array_rotate_left', [dyn([1, 2, 3, 4, 5]), ['long', -2]], 'dynamic'), [4, 5, 1, 2, 3]);
  assert.deepEqual(one('array_rotate_right', [dyn([1, 2, 3, 4, 5]), ['long', 2]], 'dynamic'), [4, 5, 1, 2, 3]);
  assert.deepEqual(one('array_shift_left', [dyn([1, 2, 3, 4, 5]), ['long', 2]], 'dynamic'), [3, 4, 5, null, null]);
  assert.deepEqual(one('array_shift_right', [dyn([1, 2, 3, 4, 5]), ['long', 2], ['long', -1]], 'dynamic'), [-1, -1, 1, 2, 3]);
  assert.deepEqual(one('repeat', [['long', 1], ['long', 3]], 'dynamic'), [1, 1, 1]);
});

test('array_iff / array_iif (documentation examples)', () => {
  assert.deepEqual(one('array_iff', [dyn([true, false, true]), dyn([1, 2, 3]), dyn([4, 5, 6])], 'dynamic'), [1, 5, 3]);
  assert.deepEqual(one('array_iif', [dyn([1, 0, 50]), str('yes'), str('no')], 'dynamic'), ['yes', 'no', 'yes']);
  assert.deepEqual(one('array_iff', [dyn(['some string value', '01-01-2022', null]), ['long', 1], ['long', 0]], 'dynamic'), [null, null, null]);
  assert.deepEqual(one('array_iff', [dyn([true, true, true]), dyn([1, 2]), dyn([3, 4])], 'dynamic'), [1, 2, null]);
});

test('min_of / max_of ignore nulls; around', () => {
  assert.deepEqual(run('max_of', [col('long', [1, 8, null, 1, null]), col('long', [6, 1, 2, null, null])], 'long'), [6, 8, 2, 1, null]);
  assert.deepEqual(run('min_of', [col('long', [1, 8, null, 1, null]), col('long', [6, 1, 2, null, null])], 'long'), [1, 1, 2, 1, null]);
  assert.equal(one('min_of', [['real', 1.5], ['long', 2]], 'real'), 1.5);
  assert.equal(one('max_of', [str('abc'), str('abd')], 'string'), 'abd');
  assert.equal(one('around', [['long', 100], ['long', 99], ['long', 2]], 'bool'), true);
  assert.equal(one('around', [['long', 100], ['long', 90], ['long', 2]], 'bool'), false);
});

test('bitwise functions on 64-bit integers; tohex', () => {
  const long = (n: number): ['long', number] => ['long', n];
  assert.equal(one('binary_and', [long(45), long(61)], 'long'), 45);
  assert.equal(one('binary_or', [long(45), long(61)], 'long'), 61);
  assert.equal(one('binary_xor', [long(45), long(61)], 'long'), 16);
  assert.equal(one('binary_not', [long(45)], 'long'), -46);
  assert.equal(one('binary_shift_left', [long(17), long(6)], 'long'), 1088);
  assert.equal(one('binary_shift_right', [long(2 ** 40), long(8)], 'long'), 2 ** 32);
  assert.equal(one('bitset_count_ones', [long(42)], 'long'), 3);
  // tohex doc: 256 -> 100, -256 -> ffffffffffffff00, tohex(256, 8) -> 00000100
  assert.equal(one('tohex', [long(256)], 'string'), '100');
  assert.equal(one('tohex', [long(-256)], 'string'), 'ffffffffffffff00');
  assert.equal(one('tohex', [long(256), long(8)], 'string'), '00000100');
  assert.equal(one('tohex', [['int', -256], long(8)], 'string'), 'ffffff00');
  assert.equal(one('tohex', [long(256), long(2)], 'string'), '100');
  assert.throws(() => one('binary_shift_left', [long(1), long(60)], 'long'), NotSupportedError);
});
