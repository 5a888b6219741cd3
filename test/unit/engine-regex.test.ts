// Regular expressions: RE2 semantics through the translation to JavaScript RegExp
// (src/engine/functions/regex.ts). Expected values are RE2's (checked against RE2 itself),
// including where JavaScript alone would read the pattern differently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery, Table } from '../../src/engine';
import { columnFromValues } from '../../src/engine/data/builder';
import { MemorySource } from '../../src/engine/memory-source';
import { toJson } from '../../src/engine/output';
import { NotSupportedError } from '../../src/engine/functions';
import { compileRegex, Re2SyntaxError } from '../../src/engine/functions/regex';
import { one } from './engine-functions-support.test';

const str = (value: string): ['string', string] => ['string', value];
const matches = (text: string, pattern: string): boolean => one('matches_regex', [str(text), str(pattern)], 'bool') as boolean;
const extract = (pattern: string, group: number, text: string): unknown => one('extract', [str(pattern), ['long', group], str(text)], 'string');
const replace = (text: string, pattern: string, rewrite: string): unknown => one('replace_regex', [str(text), str(pattern), str(rewrite)], 'string');

test('RE2 `.`: any character but \\n (JavaScript would also stop at \\r, \\u2028); (?s) takes \\n too', () => {
  assert.equal(matches('a\rb', '^a.b$'), true);
  assert.equal(matches('a\u2028b', '^a.b$'), true);
  assert.equal(matches('a\nb', '^a.b$'), false);
  assert.equal(matches('a\nb', '(?s)^a.b$'), true);
});

test('RE2 \\s is [\\t\\n\\f\\r ] and \\S its complement, also inside classes, for every UTF-16 code unit', () => {
  const re2Space = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20]);
  const [s, S, inS, inNotS, negS] = ['^\\s$', '^\\S$', '^[\\s]$', '^[\\S]$', '^[^\\S]$'].map((p) => compileRegex(p));
  for (let code = 0; code <= 0xffff; code++) {
    const c = String.fromCharCode(code);
    const space = re2Space.has(code);
    if (s.test(c) !== space || inS.test(c) !== space || negS.test(c) !== space || S.test(c) === space || inNotS.test(c) === space) {
      assert.fail(`\\s / \\S disagree with RE2 at U+${code.toString(16).padStart(4, '0')}`);
    }
  }
  assert.equal(extract('([\\s\\S]+)', 1, 'a\u000b\u00a0b'), 'a\u000b\u00a0b');
});

test('(?m): ^ and $ break lines at \\n only, as RE2 (JavaScript\'s m flag also breaks at \\r)', () => {
  assert.equal(matches('a\nb', '(?m)^b$'), true);
  assert.equal(matches('a\rb', '(?m)^b'), false);
  assert.equal(matches('a\r\nb', '(?m)a$'), false);
  assert.equal(matches('a\nb', '^b'), false);
  assert.equal(one('countof', [str('x\ny\r\nz'), str('(?m)^'), str('regex')], 'long'), 3, 'not after the \r');
});

test('inline flags at the start: (?i), several groups (?i)(?s)', () => {
  assert.equal(matches('HELLO world', '(?i)^hello'), true);
  assert.equal(matches('HELLO world', '^hello'), false);
  assert.equal(matches('A\nB', '(?i)(?s)a.b'), true);
  assert.equal(extract('(?is)(a.b)', 1, 'xA\nBx'), 'A\nB');
});

test('POSIX classes [[:alpha:]], negated [[:^alpha:]], [[:punct:]], [[:space:]] (with \\v, unlike \\s)', () => {
  assert.equal(extract('([[:alpha:]]+)', 1, '12abc34'), 'abc');
  assert.equal(extract('([[:^alpha:]]+)', 1, 'ab12,é'), '12,é');
  assert.equal(extract('([[:punct:]]+)', 1, 'a!-/:@[`{~b'), '!-/:@[`{~');
  assert.equal(matches('\u000b', '^[[:space:]]$'), true);
  assert.equal(matches('\u000b', '^\\s$'), false);
  assert.equal(extract('([^[:digit:][:space:]]+)', 1, '12 ab3'), 'ab');
  assert.equal(matches('x[[:alpha]', '[[:alpha]'), true, 'an unterminated [: is a literal [');
});

test('non-greedy repetition and named groups (?P<name>...)', () => {
  assert.equal(extract('(a.*?b)', 1, 'aXbYb'), 'aXb');
  assert.equal(extract('(a.*b)', 1, 'aXbYb'), 'aXbYb');
  assert.equal(extract('(a{2,3}?)', 1, 'aaaa'), 'aa');
  assert.deepEqual(one('extract_all', [str('(?P<user>[a-z]+)@(?P<domain>[a-z.]+)'), ['dynamic', ['domain', 'user']], str('bob@contoso.com, eve@fabrikam.com')], 'dynamic'),
    [['contoso.com', 'bob'], ['fabrikam.com', 'eve']]);
});

test('patterns JavaScript alone would read differently', () => {
  // []a] is a class of ']' and 'a' in RE2; in JavaScript an empty class followed by "a]"
  assert.equal(extract('([]a]+)', 1, 'x]a]y'), ']a]');
  assert.equal(extract('([^]a]+)', 1, ']]bc]'), 'bc');
  // \a is BEL and \0 \101 are octal codes in RE2; in JavaScript 'a', NUL and a back reference
  assert.equal(matches('\u0007', '^\\a$'), true);
  assert.equal(matches('a', '^\\a$'), false);
  assert.equal(matches('A', '^\\101$'), true);
  assert.equal(matches('x\u0000', '\\0$'), true);
  // \x{...} (one to six hex digits, beyond U+FFFF too), \Q...\E literals, \A \z
  assert.equal(matches('é😀', '^\\x{e9}\\x{1F600}$'), true);
  assert.equal(matches('a.b*', '^\\Qa.b*\\E$'), true);
  assert.equal(matches('axb', '\\Qa.b\\E'), false);
  assert.equal(matches('ab\n', 'b\\z'), false);
  assert.equal(matches('ab\n', '\\Aab'), true);
  // $ without (?m) is the end of the text, not before a final \n
  assert.equal(matches('ab\n', 'b$'), false);
  // a{,2} is literal in RE2 (and JavaScript); counts up to 1000 are fine
  assert.equal(matches('a{,2}', '^a{,2}$'), true);
  assert.equal(matches('a'.repeat(1000), '^a{1000}$'), true);
});

test('replace_regex follows RE2 GlobalReplace: \\0..\\9, \\\\, no empty match right after a match', () => {
  assert.equal(replace('baaac', 'a*', '-'), '-b-c-');
  assert.equal(replace('abc', 'x*', '-'), '-a-b-c-');
  assert.equal(replace('Number is 5 and 7', 'is (\\d+)', 'was: \\1'), 'Number was: 5 and 7');
  assert.equal(replace('abc', 'b', '$\\0$'), 'a$b$c');
  assert.equal(replace('abc', 'b', '\\\\'), 'a\\c');
  assert.equal(replace('abc', '(x)?b', '[\\1]'), 'a[]c');
  assert.equal(replace('abc', '(b)', '\\2'), 'abc', 'a rewrite naming a missing group changes nothing');
});

test('what RE2 rejects is refused as "not supported in KQL/RE2", naming the construct', () => {
  const cases: [string, RegExp][] = [
    ['a(?=b)', /lookahead \(\?=/], ['a(?!b)', /lookahead \(\?!/], ['(?<=a)b', /lookbehind \(\?<=/], ['(?<!a)b', /lookbehind/],
    ['(a)\\1', /back reference \\1/], ['(?P<n>a)(?P=n)', /back reference \(\?P=name\)/], ['(?>a)', /atomic group/],
    ['(?#note)a', /comment/], ['(?x)a b', /flag \(\?x\)/], ['a\\Z', /escape \\Z/], ['\\u0041', /escape \\u/],
    ['(?<n>a)\\k<n>', /escape \\k/], ['[\\b]', /escape \\b inside a character class/], ['\\x4', /escape \\x4/],
    ['a{1001}', /repetition count above 1000/], ['[[:alpah:]]', /character class \[:alpah:\]/], ['a\\', /trailing backslash/],
  ];
  for (const [pattern, what] of cases) {
    assert.throws(() => matches('ab', pattern), (error: Error) => {
      assert.ok(error instanceof Re2SyntaxError, `${pattern}: ${error.message}`);
      assert.ok(error instanceof NotSupportedError, 'the CLI reports it like any refusal');
      assert.match(error.message, /^not supported in KQL\/RE2: /);
      assert.match(error.message, what);
      assert.ok(error.message.includes(JSON.stringify(pattern)), error.message);
      return true;
    });
  }
});

test('valid RE2 that the translation cannot render is refused as "not supported by the local engine"', () => {
  for (const [pattern, what] of [['\\pL', /\\pL/], ['\\p{Greek}+', /\\p\{Greek\}/], ['\\PN', /\\PN/], ['(?U)a+', /\(\?U\)/],
    ['a(?i)b', /\(\?i\)/], ['(?i:a)b', /\(\?i:/], ['\\C', /\\C/], ['[\\x{1F600}]', /beyond U\+FFFF/]] as const) {
    assert.throws(() => matches('a', pattern), (error: Error) => {
      assert.ok(error instanceof NotSupportedError && !(error instanceof Re2SyntaxError), `${pattern}: ${error.message}`);
      assert.match(error.message, /^not supported by the local engine: /);
      assert.match(error.message, what);
      return true;
    });
  }
});

test('through a query: matches regex, extract, and a refusal with its message', async () => {
  const mail = new Table(['Sender'], [columnFromValues('string', ['bob@contoso.com', 'Bob@contoso.com', 'eve@fabrikam.com', 'ann@contoso.com'])]);
  const source = new MemorySource(new Map([['Mail', mail]]));
  const rows = async (query: string) => (JSON.parse(toJson((await runQuery(query, source.schema, source, { now: 0 })).table, null)) as { rows: unknown[][] }).rows;
  assert.deepEqual(await rows('Mail | where Sender matches regex @"^[a-z]+@contoso\\.com$" | project Sender'), [['bob@contoso.com'], ['ann@contoso.com']]);
  assert.deepEqual(await rows('Mail | where Sender matches regex @"(?i)^BOB@" | project User = extract(@"^(?P<u>[[:alpha:]]+)@", 1, Sender)'), [['bob'], ['Bob']]);
  await assert.rejects(runQuery('Mail | where Sender matches regex @"bob(?=@)"', source.schema, source, { now: 0 }),
    /not supported in KQL\/RE2: lookahead \(\?=\.\.\.\) in regular expression "bob\(\?=@\)"/);
});
