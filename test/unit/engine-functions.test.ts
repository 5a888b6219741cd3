// Scalar operators of the embedded engine: registry keys, arithmetic, comparison, logic, string
// operators, set operators and between. Expected values follow Microsoft's KQL documentation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringColumn } from '../../src/engine/data/column';
import { constantValue, dynamicIndex, NotSupportedError, scalarFunctions } from '../../src/engine/functions';
import { mapStrings } from '../../src/engine/functions/kernel/dictionary';
import { stringFunction } from '../../src/engine/functions/kernel/functions';
import { call, col, dt, lit, one, run, ts, values } from './engine-functions-support.test';

const OPERATOR_KEYS = [
  '+', '-', '*', '/', '%', 'negate', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', 'not',
  '=~', '!~', 'has', '!has', 'has_cs', '!has_cs', 'hasprefix', '!hasprefix', 'hassuffix', '!hassuffix',
  'contains', '!contains', 'contains_cs', '!contains_cs', 'startswith', '!startswith', 'startswith_cs',
  'endswith', '!endswith', 'endswith_cs', 'matches_regex', 'in', '!in', 'in~', '!in~', 'has_any', 'has_all',
  'between', '!between',
];
const FUNCTION_KEYS = [
  'ago', 'now', 'bin', 'bin_at', 'floor', 'startofday', 'startofweek', 'startofmonth', 'startofyear', 'endofday',
  'endofweek', 'endofmonth', 'endofyear', 'datetime_add', 'datetime_diff', 'datetime_part', 'format_datetime',
  'format_timespan', 'dayofweek', 'dayofmonth', 'dayofyear', 'hourofday', 'getmonth', 'getyear', 'weekofyear',
  'todatetime', 'totimespan', 'tostring', 'toint', 'tolong', 'toreal', 'todouble', 'todecimal', 'tobool', 'toguid',
  'todynamic', 'parse_json', 'tolower', 'toupper', 'strlen', 'substring', 'indexof', 'split', 'strcat', 'strcat_delim',
  'strcat_array', 'replace_string', 'replace_regex', 'trim', 'trim_start', 'trim_end', 'extract', 'extract_all',
  'countof', 'reverse', 'iff', 'iif', 'case', 'coalesce', 'isempty', 'isnotempty', 'isnull', 'isnotnull',
  'array_length', 'bag_keys', 'bag_pack', 'pack', 'pack_array', 'set_union', 'set_intersect', 'set_difference',
  'array_concat', 'array_slice', 'ipv4_is_private', 'ipv4_is_in_range', 'parse_ipv4', 'parse_url', 'hash_sha256',
  'abs', 'round', 'sqrt', 'pow', 'exp', 'log', 'log10', 'log2', 'sign', 'strrep', 'url_encode', 'url_decode',
  'base64_encode_tostring', 'base64_decode_tostring',
];

test('registry: every required operator and function key is present', () => {
  for (const key of [...OPERATOR_KEYS, ...FUNCTION_KEYS]) assert.ok(scalarFunctions.has(key), key);
});

// ---- arithmetic -------------------------------------------------------------------------

test('arithmetic: a null operand gives null', () => {
  assert.deepEqual(run('+', [col('long', [1, null, 3]), col('long', [10, 20, null])], 'long'), [11, null, null]);
  assert.deepEqual(run('*', [col('real', [1.5, null]), lit('real', 2, 2)], 'real'), [3, null]);
});

test('arithmetic: integer division truncates, real division does not', () => {
  // numerical operators doc: 1 / 2 is 0 for integers, 1.0 / 2 is 0.5
  assert.deepEqual(run('/', [col('long', [1, 7, -7]), col('long', [2, 2, 2])], 'long'), [0, 3, -3]);
  assert.deepEqual(run('/', [col('real', [1]), col('long', [2])], 'real'), [0.5]);
});

test('arithmetic: integer division by zero is null; real division by zero is IEEE', () => {
  assert.deepEqual(run('/', [col('long', [1]), col('long', [0])], 'long'), [null]);
  assert.deepEqual(run('%', [col('long', [1]), col('long', [0])], 'long'), [null]);
  const real = run('/', [col('real', [1, 0]), col('real', [0, 0])], 'real');
  assert.equal(real[0], Infinity);
  assert.ok(Number.isNaN(real[1]));
});

test('arithmetic: modulo is a small non-negative number (0 <= N % D < abs(D))', () => {
  // numerical operators doc: 14 % 12, -14 % 12, 14 % -12, -14 % -12 give 2, 10, 2, 10
  assert.deepEqual(run('%', [col('long', [14, -14, 14, -14]), col('long', [12, 12, -12, -12])], 'long'), [2, 10, 2, 10]);
});

test('arithmetic: datetime and timespan arithmetic', () => {
  const d = dt('2024-01-15T08:30:00Z');
  assert.deepEqual(run('-', [lit('datetime', d), lit('datetime', dt('2024-01-14T08:00:00Z'))], 'timespan'), [ts('1.00:30:00')]);
  assert.deepEqual(run('+', [lit('datetime', d), lit('timespan', ts('1h'))], 'datetime'), [dt('2024-01-15T09:30:00Z')]);
  assert.deepEqual(run('+', [lit('timespan', ts('1h')), lit('datetime', d)], 'datetime'), [dt('2024-01-15T09:30:00Z')]);
  assert.deepEqual(run('-', [lit('datetime', d), lit('timespan', ts('30m'))], 'datetime'), [dt('2024-01-15T08:00:00Z')]);
  assert.deepEqual(run('*', [lit('timespan', ts('1s')), lit('long', 5)], 'timespan'), [ts('5s')]);
  assert.deepEqual(run('*', [lit('long', 10), lit('timespan', ts('1d'))], 'timespan'), [ts('10d')]);
  assert.deepEqual(run('/', [lit('timespan', ts('10m')), lit('timespan', ts('1s'))], 'real'), [600]);
  assert.deepEqual(run('/', [lit('timespan', ts('10d')), lit('long', 2)], 'timespan'), [ts('5d')]);
  assert.deepEqual(run('%', [lit('datetime', d), lit('timespan', ts('1d'))], 'timespan'), [ts('08:30:00')]);
});

test('arithmetic: unary minus', () => {
  assert.deepEqual(run('negate', [col('long', [5, null, -2])], 'long'), [-5, null, 2]);
  assert.deepEqual(run('negate', [col('timespan', [ts('1d')])], 'timespan'), [-ts('1d')]);
});

test('arithmetic: a result beyond ±2^53 is refused rather than rounded', () => {
  assert.throws(() => run('*', [col('long', [2 ** 52]), col('long', [4])], 'long'), NotSupportedError);
});

// ---- comparison -------------------------------------------------------------------------

test('comparison: null rules of == != and ordering', () => {
  // null-values doc: null == null is null, null == value is false; != gives null and true
  const a = col('long', [5, null, null]);
  const b = col('long', [null, 5, null]);
  assert.deepEqual(run('==', [a, b], 'bool'), [false, false, null]);
  assert.deepEqual(run('!=', [a, b], 'bool'), [true, true, null]);
  assert.deepEqual(run('>', [col('long', [5, null]), lit('long', 3, 2)], 'bool'), [true, null]);
});

test('comparison: numbers across int, long and real; datetimes', () => {
  assert.deepEqual(run('>', [col('long', [1, 2]), col('real', [1.5, 1.5])], 'bool'), [false, true]);
  assert.deepEqual(run('<', [lit('datetime', dt('2024-01-01')), lit('datetime', dt('2024-01-02'))], 'bool'), [true]);
  assert.deepEqual(run('<=', [col('timespan', [ts('1h')]), lit('timespan', ts('60m'))], 'bool'), [true]);
});

test('comparison: strings compare case-sensitively and ordinally', () => {
  assert.deepEqual(run('==', [col('string', ['aBc', 'abc']), lit('string', 'aBc', 2)], 'bool'), [true, false]);
  assert.deepEqual(run('!=', [col('string', ['abc']), lit('string', 'ABC')], 'bool'), [true]);
  assert.deepEqual(run('<', [col('string', ['a', 'b', 'B']), lit('string', 'b', 3)], 'bool'), [true, false, true]);
  assert.deepEqual(run('==', [col('string', ['x', 'y']), col('string', ['x', 'x'])], 'bool'), [true, false]);
});

test('comparison: a dynamic value against a typed one', () => {
  const bag = col('dynamic', [{ Status: 'ok' }, { Status: 'failed' }, {}]);
  const status = dynamicIndex(bag, 'Status');
  assert.deepEqual(run('==', [status, lit('string', 'ok', 3)], 'bool'), [true, false, false]);
  assert.deepEqual(run('>', [col('dynamic', [7, 3, null]), lit('long', 5, 3)], 'bool'), [true, false, null]);
});

// ---- logic ------------------------------------------------------------------------------

test('logic: three-valued and, or, not', () => {
  const a = col('bool', [true, true, true, false, false, false, null, null, null]);
  const b = col('bool', [true, false, null, true, false, null, true, false, null]);
  assert.deepEqual(run('and', [a, b], 'bool'), [true, false, null, false, false, false, null, false, null]);
  assert.deepEqual(run('or', [a, b], 'bool'), [true, true, true, true, false, null, true, null, null]);
  assert.deepEqual(run('not', [col('bool', [true, false, null])], 'bool'), [false, true, null]);
});

// ---- string operators -------------------------------------------------------------------

test('has: terms are maximal runs of ASCII alphanumerics', () => {
  const text = col('string', ['abc-def', 'abcdef', 'ABC def', 'x']);
  assert.deepEqual(run('has', [text, lit('string', 'def', 4)], 'bool'), [true, false, true, false]);
  assert.deepEqual(run('!has', [text, lit('string', 'def', 4)], 'bool'), [false, true, false, true]);
  // string operators doc: "KustoExplorerQueryRun" has "Explorer" is false, contains is true
  assert.equal(one('has', [['string', 'KustoExplorerQueryRun'], ['string', 'Explorer']], 'bool'), false);
  assert.equal(one('contains', [['string', 'KustoExplorerQueryRun'], ['string', 'Explorer']], 'bool'), true);
});

test('has: case-insensitive, has_cs case-sensitive', () => {
  assert.equal(one('has', [['string', 'North America'], ['string', 'america']], 'bool'), true);
  assert.equal(one('has_cs', [['string', 'North America'], ['string', 'America']], 'bool'), true);
  assert.equal(one('has_cs', [['string', 'North America'], ['string', 'america']], 'bool'), false);
  assert.equal(one('!has_cs', [['string', 'North America'], ['string', 'america']], 'bool'), true);
});

test('has: a needle with separators matches a sequence of whole terms', () => {
  const text = lit('string', 'Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun');
  const has = (needle: string) => run('has', [text, lit('string', needle)], 'bool')[0];
  assert.equal(has('c1db-4f9f'), true);
  assert.equal(has('1db-4f9f'), false);
  assert.equal(has('c1db-4f9'), false);
  assert.equal(has('-4f9f-'), true);
  assert.equal(has('kusto:'), true);
});

test('hasprefix and hassuffix match term prefixes and suffixes', () => {
  assert.equal(one('hasprefix', [['string', 'North America'], ['string', 'ame']], 'bool'), true);
  assert.equal(one('hasprefix', [['string', 'North America'], ['string', 'mer']], 'bool'), false);
  assert.equal(one('hassuffix', [['string', 'North America'], ['string', 'ICA']], 'bool'), true);
  assert.equal(one('!hassuffix', [['string', 'North America'], ['string', 'orth']], 'bool'), false);
});

test('contains, startswith, endswith and their _cs forms', () => {
  // string operators doc examples (all true)
  assert.equal(one('contains', [['string', 'FabriKam'], ['string', 'BRik']], 'bool'), true);
  assert.equal(one('!contains', [['string', 'Fabrikam'], ['string', 'xyz']], 'bool'), true);
  assert.equal(one('contains_cs', [['string', 'FabriKam'], ['string', 'Kam']], 'bool'), true);
  assert.equal(one('!contains_cs', [['string', 'Fabrikam'], ['string', 'Kam']], 'bool'), true);
  assert.equal(one('startswith', [['string', 'Fabrikam'], ['string', 'fab']], 'bool'), true);
  assert.equal(one('!startswith', [['string', 'Fabrikam'], ['string', 'kam']], 'bool'), true);
  assert.equal(one('startswith_cs', [['string', 'Fabrikam'], ['string', 'fab']], 'bool'), false);
  assert.equal(one('endswith', [['string', 'Fabrikam'], ['string', 'Kam']], 'bool'), true);
  assert.equal(one('endswith_cs', [['string', 'Fabrikam'], ['string', 'Kam']], 'bool'), false);
  assert.equal(one('!endswith', [['string', 'Fabrikam'], ['string', 'brik']], 'bool'), true);
});

test('=~ and !~ are case-insensitive equality', () => {
  assert.equal(one('=~', [['string', 'abc'], ['string', 'ABC']], 'bool'), true);
  assert.equal(one('!~', [['string', 'aBc'], ['string', 'xyz']], 'bool'), true);
});

test('string operators with a varying right operand', () => {
  const needles = col('string', ['a', 'ac', 'bc', 'BC']);
  assert.deepEqual(run('contains', [lit('string', 'abcd', 4), needles], 'bool'), [true, false, true, true]);
  assert.deepEqual(run('contains_cs', [lit('string', 'abcd', 4), needles], 'bool'), [true, false, true, false]);
});

test('string operators on a dynamic value use its string form (null is empty)', () => {
  const text = col('dynamic', ['Error: disk', null, 42]);
  assert.deepEqual(run('has', [text, lit('string', 'error', 3)], 'bool'), [true, false, false]);
  assert.deepEqual(run('!has', [text, lit('string', 'error', 3)], 'bool'), [false, true, true]);
});

test('matches regex (keyed matches_regex)', () => {
  const text = col('string', ['abc123', 'abc', 'ABC9']);
  assert.deepEqual(run('matches_regex', [text, lit('string', '[0-9]+$', 3)], 'bool'), [true, false, true]);
  assert.deepEqual(run('matches_regex', [text, lit('string', '^abc', 3)], 'bool'), [true, true, false]);
  assert.deepEqual(run('matches_regex', [text, lit('string', '(?i)^abc', 3)], 'bool'), [true, true, true]);
});

test('a function of one string runs once per dictionary entry, not once per row', () => {
  let calls = 0;
  const upper = stringFunction((s) => {
    calls++;
    return s.toUpperCase();
  });
  const text = col('string', ['a-b', 'c', 'a-b', 'c', 'a-b', 'c']);
  assert.deepEqual(values(upper.evaluate([text], 'string', 6, { now: 0 })), ['A-B', 'C', 'A-B', 'C', 'A-B', 'C']);
  assert.equal(calls, 2);
  calls = 0;
  assert.deepEqual(values(mapStrings(text as StringColumn, 'long', (s) => { calls++; return s.length; })), [3, 1, 3, 1, 3, 1]);
  assert.equal(calls, 2);
});

// ---- set operators ----------------------------------------------------------------------

test('in / !in are case-sensitive, in~ / !in~ case-insensitive', () => {
  const value = col('string', ['AAA', 'B', 'C']);
  const a = lit('string', 'AAA', 3);
  const b = lit('string', 'b', 3);
  assert.deepEqual(run('in', [value, a, b], 'bool'), [true, false, false]);
  assert.deepEqual(run('!in', [value, a, b], 'bool'), [false, true, true]);
  assert.deepEqual(run('in~', [value, a, b], 'bool'), [true, true, false]);
  assert.deepEqual(run('!in~', [value, a, b], 'bool'), [false, false, true]);
});

test('in: a dynamic array argument is flattened into its elements', () => {
  const value = col('string', ['x', 'y', 'z']);
  assert.deepEqual(run('in', [value, lit('dynamic', ['x', 'q'], 3), lit('string', 'z', 3)], 'bool'), [true, false, true]);
  const numbers = col('long', [1, 2, 3, null]);
  assert.deepEqual(run('in', [numbers, lit('dynamic', [2, 3], 4)], 'bool'), [false, true, true, false]);
  assert.deepEqual(run('!in', [numbers, lit('dynamic', [2, 3], 4)], 'bool'), [true, false, false, true]);
});

test('in: list items that vary by row', () => {
  assert.deepEqual(run('in', [col('long', [1, 2]), col('long', [1, 3]), col('long', [5, 2])], 'bool'), [true, true]);
});

test('has_any and has_all use term matching, case-insensitively', () => {
  const text = col('string', ['North Carolina', 'Newark', 'South Dakota storm']);
  const list = [lit('string', 'carolina', 3), lit('string', 'dakota', 3), lit('string', 'new', 3)];
  assert.deepEqual(run('has_any', [text, ...list], 'bool'), [true, false, true]);
  assert.deepEqual(run('has_any', [text, lit('dynamic', ['STORM'], 3)], 'bool'), [false, false, true]);
  assert.deepEqual(run('has_all', [text, lit('string', 'south', 3), lit('string', 'storm', 3)], 'bool'), [false, false, true]);
  assert.deepEqual(run('has_all', [text, lit('dynamic', ['north', 'carolina'], 3)], 'bool'), [true, false, false]);
});

test('between / !between are inclusive; a timespan high bound is a length', () => {
  const x = col('long', [49, 50, 55, 56, null]);
  assert.deepEqual(run('between', [x, lit('long', 50, 5), lit('long', 55, 5)], 'bool'), [false, true, true, false, null]);
  assert.deepEqual(run('!between', [x, lit('long', 50, 5), lit('long', 55, 5)], 'bool'), [true, false, false, true, null]);
  const days = col('datetime', [dt('2023-01-09'), dt('2023-01-10'), dt('2023-01-13'), dt('2023-01-14')]);
  assert.deepEqual(run('between', [days, lit('datetime', dt('2023-01-10'), 4), lit('timespan', ts('3d'), 4)], 'bool'),
    [false, true, true, false]);
});

// ---- kernel helpers ---------------------------------------------------------------------

test('constantValue detects literal columns', () => {
  assert.deepEqual(constantValue(lit('string', 'x', 3)), { value: 'x' });
  assert.deepEqual(constantValue(lit('long', null, 3)), { value: null });
  assert.equal(constantValue(col('long', [1, 2])), undefined);
  assert.equal(constantValue(col('long', [1, null])), undefined);
});

test('a string result keeps a de-duplicated dictionary', () => {
  const lower = call('tolower', [col('string', ['A', 'a', 'B', 'A'])], 'string') as StringColumn;
  assert.deepEqual(values(lower), ['a', 'a', 'b', 'a']);
  assert.deepEqual([...lower.dictionary].sort(), ['a', 'b']);
});
