// src/lookalike: exact parity with dnstwist's reference outputs in ../shared/dnstwist, the
// fuzzers one by one, IDN and invalid input, the suffix rules and the three output formats.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { runQuery } from '../../src/engine';
import { MemorySource } from '../../src/engine/memory-source';
import { toJson as tableToJson } from '../../src/engine/output';
import { KqlLanguageService, builtinSchema } from '../../src/kql';
import {
  CSV_HEADER, InvalidDomainError, csvField, domainToAscii, kqlString, lookalikesOf, lookalikesOfAll, normaliseDomain, parseDictionary,
  parseTldList, splitDomain, toCsv, toJson, toKql, type FuzzerName, type Lookalike, type LookalikeOptions,
} from '../../src/lookalike';
import { sharedDir } from '../support/paths';

const referenceDir = path.join(sharedDir, 'dnstwist');

interface Pair {
  fuzzer: string;
  domain: string;
}

function reference(file: string): Pair[] {
  return JSON.parse(readFileSync(path.join(referenceDir, file), 'utf8')) as Pair[];
}

function referenceLists(): LookalikeOptions {
  return {
    dictionary: parseDictionary(readFileSync(path.join(referenceDir, 'inputs', 'dictionary.txt'), 'utf8')),
    tlds: parseTldList(readFileSync(path.join(referenceDir, 'inputs', 'tld.txt'), 'utf8')),
  };
}

/** Same pairs in the same order; otherwise a readable account of the first differences. */
function assertSamePairs(actual: readonly Pair[], expected: readonly Pair[], what: string): void {
  const key = (p: Pair) => `${p.fuzzer} ${p.domain}`;
  const got = actual.map(key);
  const want = expected.map(key);
  if (got.length === want.length && got.every((k, i) => k === want[i])) return;
  const gotSet = new Set(got);
  const wantSet = new Set(want);
  const missing = want.filter((k) => !gotSet.has(k));
  const extra = got.filter((k) => !wantSet.has(k));
  const at = got.findIndex((k, i) => k !== want[i]);
  assert.fail([
    `${what}: ${got.length} pairs, the reference has ${want.length}`,
    `  missing (${missing.length}, first 5): ${missing.slice(0, 5).join(' | ')}`,
    `  extra (${extra.length}, first 5): ${extra.slice(0, 5).join(' | ')}`,
    `  first differing position ${at}: got "${got[at]}", reference "${want[at]}"`,
  ].join('\n'));
}

function countsOf(items: readonly Pair[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.fuzzer] = (counts[item.fuzzer] ?? 0) + 1;
  return counts;
}

const pairs = (items: readonly Lookalike[]): Pair[] => items.map(({ fuzzer, domain }) => ({ fuzzer, domain }));
const domainsOf = (items: readonly Lookalike[], fuzzer: FuzzerName) => items.filter((i) => i.fuzzer === fuzzer).map((i) => i.domain);

test('contoso.com, default fuzzers: the same pairs in the same order as dnstwist', () => {
  assertSamePairs(pairs(lookalikesOf('contoso.com')), reference('contoso.com.json'), 'contoso.com');
});

test('contoso.com with the dictionary and TLD lists: the same pairs in the same order as dnstwist', () => {
  assertSamePairs(pairs(lookalikesOf('contoso.com', referenceLists())), reference('contoso.com+dictionary+tld.json'), 'contoso.com+dictionary+tld');
});

test('the reference is matched under both suffix rules', () => {
  assertSamePairs(pairs(lookalikesOf('contoso.com', { suffixRule: 'dnstwist' })), reference('contoso.com.json'), 'dnstwist rule');
  assertSamePairs(pairs(lookalikesOf('contoso.com', { ...referenceLists(), suffixRule: 'dnstwist' })), reference('contoso.com+dictionary+tld.json'), 'dnstwist rule, lists');
});

test('per-fuzzer counts for contoso.com are those of the reference README', () => {
  const expected = {
    '*original': 1, addition: 36, bitsquatting: 31, homoglyph: 2888, hyphenation: 6, insertion: 70, omission: 7, plural: 3,
    repetition: 4, replacement: 31, subdomain: 5, transposition: 6, 'vowel-swap': 9, various: 1,
  };
  const items = lookalikesOf('contoso.com');
  assert.deepEqual(countsOf(items), expected);
  assert.equal(items.length, 3098);
  assert.deepEqual(countsOf(lookalikesOf('contoso.com', referenceLists())), { ...expected, dictionary: 20, 'tld-swap': 5 });
});

test('each fuzzer on its own, checked by hand on short labels', () => {
  const only = (domain: string, fuzzer: FuzzerName, options: LookalikeOptions = {}) => domainsOf(lookalikesOf(domain, { ...options, fuzzers: [fuzzer] }), fuzzer);
  assert.deepEqual(only('abc.com', 'omission'), ['ab.com', 'ac.com', 'bc.com']);
  assert.deepEqual(only('abc.com', 'transposition'), ['acb.com', 'bac.com']);
  assert.deepEqual(only('abc.com', 'repetition'), ['aabc.com', 'abbc.com', 'abcc.com']);
  assert.deepEqual(only('abc.com', 'hyphenation'), ['a-bc.com', 'ab-c.com']);
  assert.deepEqual(only('abcd.com', 'subdomain'), ['a.bcd.com', 'ab.cd.com']); // never before the last letter
  assert.deepEqual(only('boxes.com', 'plural'), ['boxeses.com']);
  // Without *original selected, the unchanged name is a vowel-swap result (as with dnstwist --fuzzers).
  assert.deepEqual(only('tax.com', 'vowel-swap'), ['tax.com', 'tex.com', 'tix.com', 'tox.com', 'tux.com']);
  assert.deepEqual(only('a-b.com', 'addition').slice(0, 3), ['a-b0.com', 'a-b1.com', 'a-b2.com']);
  assert.ok(only('a-b.com', 'addition').includes('az-b.com'));
  assert.deepEqual(only('paypal.com', 'cyrillic'), ['xn--80aa0cbo65f.com']); // раураӏ
  assert.deepEqual(only('contoso.com', 'cyrillic'), []); // n has no Cyrillic twin
  assert.deepEqual(only('a.com', 'bitsquatting'), ['c.com', 'e.com', 'i.com', 'q.com']);
  // Keys next to q and 1 on QWERTY, QWERTZ and AZERTY: q 12wa, 12wa, zswa; 1 2q, 2q, 2a.
  assert.deepEqual(only('q1.com', 'replacement'), ['11.com', '21.com', 'a1.com', 'q2.com', 'qa.com', 'qq.com', 's1.com', 'w1.com', 'z1.com']);
  // Next to a: qwsz, qwsy, 2zq1; nothing is inserted around the last letter.
  assert.deepEqual(only('ab.com', 'insertion'), [
    '1ab.com', '2ab.com', 'a1b.com', 'a2b.com', 'aqb.com', 'asb.com', 'awb.com', 'ayb.com', 'azb.com', 'qab.com', 'sab.com', 'wab.com', 'yab.com', 'zab.com',
  ]);
  assert.deepEqual(only('login-portal.com', 'dictionary', { dictionary: ['mail'] }), [
    'login-mail.com', 'login-portal-mail.com', 'login-portalmail.com', 'mail-login-portal.com', 'mail-portal.com', 'maillogin-portal.com',
  ]);
  assert.deepEqual(only('contoso.com', 'tld-swap', { tlds: ['com', 'net', 'co.uk'] }), ['contoso.co.uk', 'contoso.net']);
  assert.deepEqual(only('www.example.de', 'various'), ['www-example.de', 'www.example-de.com', 'www.examplede.com', 'www.examplede.de', 'wwwexample.de']);
  assert.deepEqual(only('example.co.uk', 'various'), ['example.uk', 'exampleco.uk']);
});

test('homoglyphs: two rounds, two-letter keys, a doubled letter replaced in both places at once', () => {
  const homoglyphs = (domain: string) => new Set(domainsOf(lookalikesOf(domain, { fuzzers: ['homoglyph'] }), 'homoglyph'));
  const modern = homoglyphs('modern.com');
  assert.ok(modern.has('rnodern.com'), 'm -> rn');
  assert.ok(modern.has('modem.com'), 'rn -> m');
  assert.ok(modern.has('rnodem.com'), 'both, one in each round');
  assert.ok(!modern.has('rnodem0.com'), 'no third round');
  // Three replacements need the doubled-letter window: oo -> öö in one step, then g -> q.
  assert.ok(homoglyphs('google.com').has(domainToAscii('qöögle.com')!));
});

test('the homoglyph table depends on the public suffix', () => {
  // Expected counts: dnstwist's algorithm under CPython 3.11's idna codec (checked out of tree).
  const homoglyphs = (domain: string) => domainsOf(lookalikesOf(domain), 'homoglyph');
  assert.equal(homoglyphs('contoso.de').length, 1065); // eu/de/pl table
  assert.equal(homoglyphs('contoso.fr').length, 233); // be/fr/... table
  const uk = homoglyphs('contoso.co.uk'); // no IDN at .co.uk: ASCII lookalikes only
  assert.equal(uk.length, 22);
  assert.ok(uk.every((d) => !d.includes('xn--')));
  assert.ok(homoglyphs('contoso.com').some((d) => d.startsWith('xn--')));
});

test('IDN input: Unicode and punycode give the same ASCII results; IDNA 2003 maps ß to ss', () => {
  const unicode = lookalikesOf('bücher.de');
  assert.deepEqual(unicode, lookalikesOf('xn--bcher-kva.de'));
  assert.deepEqual(unicode, lookalikesOf('BÜCHER.DE'));
  assert.deepEqual(unicode[0], { fuzzer: '*original', domain: 'xn--bcher-kva.de', original: 'xn--bcher-kva.de' });
  assert.equal(unicode.length, 428); // dnstwist's algorithm under CPython 3.11's idna codec (checked out of tree)
  assert.ok(unicode.every((item) => /^[a-z0-9.-]+$/.test(item.domain)));
  assert.ok(domainsOf(unicode, 'omission').includes('xn--bher-0ra.de')); // büher
  assert.equal(normaliseDomain('straße.de'), 'strasse.de');
  assert.equal(normaliseDomain('ＣＯＮＴＯＳＯ。com'), 'contoso.com'); // full-width letters, ideographic full stop
});

test('a URL, an e-mail address or a trailing dot: the host is used', () => {
  assert.equal(normaliseDomain('https://user@WWW.Contoso.com:443/path?q#f'), 'www.contoso.com');
  assert.equal(normaliseDomain('alice@contoso.com'), 'contoso.com');
  assert.equal(normaliseDomain(' contoso.com. '), 'contoso.com');
});

test('invalid domains are rejected with an InvalidDomainError naming the input and the reason', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /empty/],
    ['contoso', /at least two labels/],
    ['contoso..com', /empty label/],
    ['-contoso.com', /"-contoso" starts or ends with a hyphen/],
    ['conto_so.com', /character "_" is not allowed/],
    ['a.c', /shorter than 4/],
    ['contoso.c', /last label "c" must have 2 to 63/],
    [`${'x'.repeat(64)}.com`, /longer than 63/],
    [`${'abcdefghi.'.repeat(26)}com`, /longer than 253/],
    ['ftp://contoso.com', /unsupported URL scheme "ftp"/],
    ['xn--zz.com', /not valid punycode/],
    ['xn--strae-oqa.de', /does not round-trip/],
    ['\ue000.com', /U\+E000 is not allowed/],
    ['שלוםabc.com', /mixes right-to-left and left-to-right/],
  ];
  for (const [input, reason] of cases) {
    assert.throws(() => lookalikesOf(input), (error: unknown) => {
      assert.ok(error instanceof InvalidDomainError, `${input}: ${String(error)}`);
      assert.equal(error.input, input);
      assert.ok(error.message.startsWith(`invalid domain name ${JSON.stringify(input)}: `), error.message);
      assert.match(error.message, reason);
      return true;
    });
  }
});

test('suffix rules: the Public Suffix List and dnstwist\'s own rule agree on common names and differ elsewhere', () => {
  for (const domain of ['contoso.com', 'example.co.uk', 'www.example.com.au', 'a.b.example.com']) {
    assert.deepEqual(splitDomain(domain, 'public-suffix'), splitDomain(domain, 'dnstwist'), domain);
  }
  assert.deepEqual(splitDomain('example.ltd.uk', 'public-suffix'), { subdomain: '', label: 'example', suffix: 'ltd.uk' });
  assert.deepEqual(splitDomain('example.ltd.uk', 'dnstwist'), { subdomain: 'example', label: 'ltd', suffix: 'uk' });
  assert.deepEqual(splitDomain('example.github.io', 'public-suffix'), { subdomain: '', label: 'example', suffix: 'github.io' });
  assert.deepEqual(splitDomain('co.uk', 'public-suffix'), { subdomain: '', label: 'co', suffix: 'uk' });
  assert.ok(domainsOf(lookalikesOf('example.ltd.uk'), 'omission').includes('xample.ltd.uk'));
  assert.ok(domainsOf(lookalikesOf('example.ltd.uk', { suffixRule: 'dnstwist' }), 'omission').includes('example.td.uk'));
});

test('an empty label drops out of the name, as in dnstwist', () => {
  assert.deepEqual(domainsOf(lookalikesOf('www.a.com', { fuzzers: ['omission'] }), 'omission'), ['www.com']);
});

test('word and suffix lists are read as dnstwist reads them', () => {
  assert.deepEqual(parseDictionary('Login\r\nlogin\nsecure\u2028bad word\n\nxn--abc\n'), ['login', 'secure', 'xn--abc']);
  assert.deepEqual(parseTldList('COM\nco.uk\na\nx.y.z\nnet\n'), ['com', 'co.uk', 'net']);
});

test('several domains: one list, each domain once, an input stays *original', () => {
  const items = lookalikesOfAll(['contoso.com', 'contosso.com']);
  const originals = items.filter((i) => i.fuzzer === '*original');
  assert.deepEqual(originals.map((i) => i.domain), ['contoso.com', 'contosso.com']);
  assert.equal(new Set(items.map((i) => i.domain)).size, items.length);
  assert.deepEqual(items.filter((i) => i.domain === 'contoso.com' || i.domain === 'contosso.com').map((i) => i.original), ['contoso.com', 'contosso.com']);
  const sorted = [...items].sort((a, b) => (a.fuzzer !== b.fuzzer ? (a.fuzzer < b.fuzzer ? -1 : 1) : a.domain < b.domain ? -1 : 1));
  assert.deepEqual(items, sorted);
});

test('JSON: an array of {fuzzer, domain}, *original first, equal to the reference file', () => {
  const text = toJson(lookalikesOf('contoso.com'));
  assert.deepEqual(JSON.parse(text), reference('contoso.com.json'));
  assert.ok(text.startsWith('[\n{"fuzzer":"*original","domain":"contoso.com"},\n'));
  assert.equal(toJson([]), '[]\n');
});

test('CSV: a header for a Sentinel watchlist, one row per domain, with the Unicode form', () => {
  const items = lookalikesOf('bücher.de');
  const rows = parseCsv(toCsv(items)) as string[][];
  assert.deepEqual(rows[0], [...CSV_HEADER]);
  assert.equal(rows.length, items.length + 1);
  assert.deepEqual(rows[1], ['xn--bcher-kva.de', '*original', 'xn--bcher-kva.de', 'bücher.de']);
  assert.deepEqual(rows.slice(1).map((r) => r[0]), items.map((i) => i.domain));
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('plain'), 'plain');
});

test('KQL: the datatable analyses without errors and its strings escape correctly', () => {
  const service = new KqlLanguageService(builtinSchema());
  const kql = toKql(lookalikesOf('contoso.com'));
  assert.ok(kql.startsWith('datatable(Domain:string, Fuzzer:string, Original:string)[\n    "contoso.com", "*original", "contoso.com",\n'));
  assert.equal(service.blocks(kql).length, 1, 'one query block (no blank line)');
  assert.deepEqual(service.diagnostics(kql).filter((d) => d.severity === 'error'), []);
  assert.equal(kqlString('x"y\\z'), '"x\\"y\\\\z"');
});

test('KQL: values, odd characters included, come back unchanged from the embedded engine', async () => {
  const service = new KqlLanguageService(builtinSchema());
  const odd = ['a"b', 'c\\d', 'e\nf', 'g\th', 'i\rj', "k'l", 'ü€😀'];
  const items: Lookalike[] = [
    ...lookalikesOf('abc.com', { fuzzers: ['*original', 'omission'] }),
    ...odd.map((domain): Lookalike => ({ fuzzer: 'various', domain, original: domain })),
  ];
  const query = toKql(items);
  assert.deepEqual(service.diagnostics(query).filter((d) => d.severity === 'error'), []);
  const source = new MemorySource(new Map());
  const result = await runQuery(query, source.schema, source, { now: 0 });
  const { rows } = JSON.parse(tableToJson(result.table, null)) as { rows: string[][] };
  assert.deepEqual(rows, items.map((i) => [i.domain, i.fuzzer, i.original]));
});
