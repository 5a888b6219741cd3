// String, regular expression, encoding and conversion functions of the embedded engine.
// Expected values come from Microsoft's KQL documentation examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotSupportedError } from '../../src/engine/functions';
import { translateRe2 } from '../../src/engine/functions/regex';
import { call, col, dt, lit, one, run, ts } from './engine-functions-support.test';

const str = (value: string): ['string', string] => ['string', value];
const long = (value: number): ['long', number] => ['long', value];

test('tolower, toupper, strlen, reverse', () => {
  assert.deepEqual(run('tolower', [col('string', ['ABCdef', ''])], 'string'), ['abcdef', '']);
  assert.deepEqual(run('toupper', [col('string', ['ABCdef'])], 'string'), ['ABCDEF']);
  assert.deepEqual(run('strlen', [col('string', ['hello', '', '⒦⒰⒮⒯⒪'])], 'long'), [5, 0, 5]);
  assert.equal(one('reverse', [str('abc')], 'string'), 'cba');
});

test('substring (documentation examples)', () => {
  assert.equal(one('substring', [str('123456'), long(1)], 'string'), '23456');
  assert.equal(one('substring', [str('123456'), long(2), long(2)], 'string'), '34');
  assert.equal(one('substring', [str('ABCD'), long(0), long(2)], 'string'), 'AB');
  assert.equal(one('substring', [str('123456'), long(-2), long(2)], 'string'), '56');
  assert.equal(one('substring', [str('abc'), long(10), long(5)], 'string'), '');
  assert.deepEqual(run('substring', [col('string', ['0', '01', '012', '0123']), lit('long', 1, 4), lit('long', 2, 4)], 'string'),
    ['', '1', '12', '12']);
});

test('indexof (documentation examples)', () => {
  const idx = (...args: [string, unknown][]) => one('indexof', args as never, 'long');
  assert.equal(idx(str('abcdefg'), str('cde')), 2);
  assert.equal(idx(str('abcdefg'), str('cde'), long(1), long(4)), 2);
  assert.equal(idx(str('abcdefg'), str('cde'), long(1), long(2)), -1);
  assert.equal(idx(str('abcdefg'), str('cde'), long(3), long(4)), -1);
  assert.equal(idx(str('abcdefg'), str('cde'), long(-5)), 2);
  assert.equal(idx(long(1234567), long(5), long(1), long(4)), 4);
  assert.equal(idx(str('abcdefg'), str('cde'), long(2), long(-1)), 2);
  assert.equal(idx(str('abcdefgabcdefg'), str('cde'), long(1), long(10), long(2)), 9);
  assert.equal(idx(str('abcdefgabcdefg'), str('cde'), long(1), long(-1), long(3)), -1);
  assert.equal(idx(str('abcdefg'), str('cde'), long(1), long(-2)), null);
});

test('split (documentation examples)', () => {
  assert.deepEqual(one('split', [str('aa_bb'), str('_')], 'dynamic'), ['aa', 'bb']);
  assert.deepEqual(one('split', [str('aaa_bbb_ccc'), str('_'), long(1)], 'dynamic'), ['bbb']);
  assert.deepEqual(one('split', [str(''), str('_')], 'dynamic'), ['']);
  assert.deepEqual(one('split', [str('a__b'), str('_')], 'dynamic'), ['a', '', 'b']);
  assert.deepEqual(one('split', [str('aabbcc'), str('bb')], 'dynamic'), ['aa', 'cc']);
});

test('strcat converts every argument; strcat_delim and strcat_array join', () => {
  assert.deepEqual(run('strcat', [col('string', ['a', 'b']), lit('string', '-', 2), col('long', [123, 456])], 'string'), ['a-123', 'b-456']);
  assert.deepEqual(run('strcat', [lit('string', 'x=', 3), col('string', ['1', '2', '1'])], 'string'), ['x=1', 'x=2', 'x=1']);
  assert.equal(one('strcat_delim', [str('-'), long(1), str('2'), str('A'), ['timespan', ts('1s')]], 'string'), '1-2-A-00:00:01');
  assert.equal(one('strcat_array', [['dynamic', [1, 2, 3]], str('->')], 'string'), '1->2->3');
  assert.equal(one('strcat', [['datetime', dt('2023-08-30 23:00')], ['bool', true], ['real', 1.5]], 'string'),
    '2023-08-30T23:00:00.0000000Ztrue1.5');
});

test('replace_string, replace_regex, strrep, countof', () => {
  assert.equal(one('replace_string', [str('A magic trick can turn a cat into a dog'), str('cat'), str('hamster')], 'string'),
    'A magic trick can turn a hamster into a dog');
  assert.equal(one('replace_regex', [str('Number is 5 and 7'), str('is (\\d+)'), str('was: \\1')], 'string'), 'Number was: 5 and 7');
  assert.equal(one('replace_regex', [str('abc'), str('b'), str('$\\0$')], 'string'), 'a$b$c');
  assert.equal(one('strrep', [str('ABC'), long(2)], 'string'), 'ABCABC');
  assert.equal(one('strrep', [str('ABC'), long(2), str(',')], 'string'), 'ABC,ABC');
  // countof doc: plain matches may overlap, regex matches don't
  assert.equal(one('countof', [str('aaa'), str('a')], 'long'), 3);
  assert.equal(one('countof', [str('aaaa'), str('aa')], 'long'), 3);
  assert.equal(one('countof', [str('ababa'), str('ab'), str('normal')], 'long'), 2);
  assert.equal(one('countof', [str('ababa'), str('aba')], 'long'), 2);
  assert.equal(one('countof', [str('ababa'), str('aba'), str('regex')], 'long'), 1);
  assert.equal(one('countof', [str('abcabc'), str('a.c'), str('regex')], 'long'), 2);
});

test('trim, trim_start, trim_end remove matches of a regular expression', () => {
  assert.equal(one('trim', [str('--'), str('--https://bing.com--')], 'string'), 'https://bing.com');
  assert.equal(one('trim', [str('[^\\w]+'), str('- Te st1// $')], 'string'), 'Te st1');
  assert.equal(one('trim_start', [str('https://'), str('https://bing.com')], 'string'), 'bing.com');
  assert.equal(one('trim_start', [str('[^\\w]+'), str('- Te st1// $')], 'string'), 'Te st1// $');
  assert.equal(one('trim_end', [str('[^\\w]+'), str('- Te st1// $')], 'string'), '- Te st1');
  assert.equal(one('trim', [str('\\s+'), str('  Hello, world!  ')], 'string'), 'Hello, world!');
});

test('extract returns a group of the first match, converted to the requested type', () => {
  assert.equal(one('extract', [str('x=([0-9.]+)'), long(1), str('hello x=456|wo')], 'string'), '456');
  assert.equal(one('extract', [str('x=([0-9.]+)'), long(1), str('hello x=4.5|wo')], 'real'), 4.5);
  const pattern = lit('string', '([0-9.]+) (s|ms)$', 3);
  const input = col('string', ['Operation took 127.5 ms', 'Another operation took 234.75 s', '']);
  assert.deepEqual(run('extract', [pattern, lit('long', 1, 3), input], 'string'), ['127.5', '234.75', '']);
  assert.deepEqual(run('extract', [pattern, lit('long', 0, 3), input], 'string'), ['127.5 ms', '234.75 s', '']);
  assert.deepEqual(run('extract', [pattern, lit('long', 3, 3), input], 'string'), ['', '', '']);
});

test('extract_all (documentation examples)', () => {
  assert.deepEqual(one('extract_all', [str('(\\d+)'), str('a set of numbers: 123, 567 and 789')], 'dynamic'), ['123', '567', '789']);
  const id = str('82b8be2d-dfa7-4bd1-8f63-24ad26d31449');
  assert.deepEqual(one('extract_all', [str('(\\w)(\\w+)(\\w)'), id], 'dynamic'),
    [['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']]);
  assert.deepEqual(one('extract_all', [str('(\\w)(\\w+)(\\w)'), ['dynamic', [1, 3]], id], 'dynamic'),
    [['8', 'd'], ['d', '7'], ['4', '1'], ['8', '3'], ['2', '9']]);
  assert.deepEqual(one('extract_all', [str('(?P<first>\\w)(?P<middle>\\w+)(?P<last>\\w)'), ['dynamic', ['first', 2, 'last']], id], 'dynamic'),
    [['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']]);
  assert.equal(one('extract_all', [str('(\\d+)'), str('none')], 'dynamic'), null);
});

test('regular expressions: RE2 syntax translated, unsupported constructs refused', () => {
  assert.deepEqual(translateRe2('(?i)a.b'), { source: 'a[^\\n]b', flags: 'i' });
  assert.equal(translateRe2('(?P<x>a)\\z').source, '(?<x>a)(?![\\s\\S])');
  assert.equal(translateRe2('[[:digit:]]+\\Q.*\\E').source, '[0-9]+\\.\\*');
  assert.throws(() => one('matches_regex', [str('a'), str('a(?=b)')], 'bool'), NotSupportedError);
  assert.throws(() => one('matches_regex', [str('a'), str('(a)\\1')], 'bool'), NotSupportedError);
  assert.throws(() => one('matches_regex', [str('a'), str('\\p{Greek}')], 'bool'), NotSupportedError);
});

test('url_encode, url_encode_component, url_decode', () => {
  assert.equal(one('url_encode', [str('https://www.bing.com/hello world')], 'string'), 'https%3a%2f%2fwww.bing.com%2fhello+world');
  assert.equal(one('url_encode_component', [str('https://example.com?a=b')], 'string'), 'https%3A%2F%2Fexample.com%3Fa%3Db');
  assert.equal(one('url_encode_component', [str('hello world')], 'string'), 'hello%20world');
  assert.equal(one('url_decode', [str('https%3a%2f%2fwww.bing.com%2f')], 'string'), 'https://www.bing.com/');
  assert.equal(one('url_decode', [str('caf%C3%A9+bar')], 'string'), 'café bar');
});

test('base64_encode_tostring and base64_decode_tostring', () => {
  assert.equal(one('base64_encode_tostring', [str('Kusto')], 'string'), 'S3VzdG8=');
  assert.equal(one('base64_decode_tostring', [str('S3VzdG8=')], 'string'), 'Kusto');
  // decoding bytes that are not UTF-8 gives null (an empty string)
  assert.equal(one('base64_decode_tostring', [str('U3RyaW5n0KHR0tGA0L7Rh9C60LA=')], 'string'), '');
});

test('tostring of every type', () => {
  assert.deepEqual(run('tostring', [col('long', [123, null])], 'string'), ['123', '']);
  assert.deepEqual(run('tostring', [col('real', [1.5, 1e20, 0.00001, 0.0001])], 'string'), ['1.5', '1E+20', '1E-05', '0.0001']);
  assert.deepEqual(run('tostring', [col('timespan', [ts('10s'), ts('-1.02:00:00')])], 'string'), ['00:00:10', '-1.02:00:00']);
  assert.deepEqual(run('tostring', [col('datetime', [dt('2023-08-30 23:00'), null])], 'string'), ['2023-08-30T23:00:00.0000000Z', '']);
  assert.deepEqual(run('tostring', [col('bool', [true, false])], 'string'), ['true', 'false']);
  assert.deepEqual(run('tostring', [col('dynamic', ['abc def', 123, 1.5, null, [1, 2], { a: 1 }])], 'string'),
    ['abc def', '123', '1.5', '', '[1,2]', '{"a":1}']);
  assert.deepEqual(run('tostring', [col('guid', ['74be27de-1e4e-49d9-b579-fe0b331d3642', null])], 'string'),
    ['74be27de-1e4e-49d9-b579-fe0b331d3642', '']);
});

test('toint, tolong, toreal, todecimal: failures are null', () => {
  assert.deepEqual(run('toint', [col('string', ['42', 'notanumber', '', ' 7 '])], 'int'), [42, null, null, 7]);
  assert.deepEqual(run('tolong', [col('string', ['42', '0xa0'])], 'long'), [42, 160]);
  assert.deepEqual(run('tolong', [col('real', [2.7, -2.7, NaN])], 'long'), [2, -2, null]);
  assert.deepEqual(run('toint', [col('long', [2 ** 31])], 'int'), [null]);
  assert.deepEqual(run('tolong', [col('timespan', [ts('1s')])], 'long'), [10_000_000]);
  assert.deepEqual(run('toreal', [col('string', ['3.14', '1e3', 'x'])], 'real'), [3.14, 1000, null]);
  assert.deepEqual(run('todouble', [col('bool', [true, null])], 'real'), [1, null]);
  assert.deepEqual(run('todecimal', [col('string', ['3.14'])], 'decimal'), [3.14]);
  assert.deepEqual(run('tolong', [col('dynamic', [5, '6', true, null, [1]])], 'long'), [5, 6, 1, null, null]);
  assert.throws(() => run('tolong', [col('datetime', [dt('2024-01-01')])], 'long'), NotSupportedError);
});

test('tobool, toguid, todatetime, totimespan', () => {
  assert.deepEqual(run('tobool', [col('string', ['true', 'FALSE', 'yes'])], 'bool'), [true, false, null]);
  assert.deepEqual(run('tobool', [col('long', [1, 0, 123])], 'bool'), [true, false, true]);
  assert.deepEqual(run('toguid', [col('string', ['D3C1A1E2-5B6A-4C2A-8E2B-1A2B3C4D5E6F', 'nope'])], 'guid'),
    ['d3c1a1e2-5b6a-4c2a-8e2b-1a2b3c4d5e6f', null]);
  assert.deepEqual(run('todatetime', [col('string', ['2023-01-01', 'not-a-date'])], 'datetime'), [dt('2023-01-01'), null]);
  assert.deepEqual(run('totimespan', [col('string', ['1.02:04:45', '01:00:00', 'x'])], 'timespan'), [ts('1.02:04:45'), ts('1h'), null]);
});

test('todynamic / parse_json: JSON text parsed, other text kept as a string', () => {
  assert.deepEqual(run('parse_json', [col('string', ['{"a": "b"}', '[1, 2]', 'null', '', ' ', 'invalid', "{'a': 'b'}"])], 'dynamic'),
    [{ a: 'b' }, [1, 2], null, null, ' ', 'invalid', "{'a': 'b'}"]);
  assert.deepEqual(run('todynamic', [col('long', [5])], 'dynamic'), [5]);
});

test('a conversion applies once per distinct string', () => {
  const result = call('toint', [col('string', ['1', '2', '1', '2'])], 'int');
  assert.deepEqual([0, 1, 2, 3].map((i) => result.get(i)), [1, 2, 1, 2]);
});
