// snippets/kql.json: structure, and every snippet, expanded with its defaults, analysed by
// the project's own KQL service (Kusto.Language with the built-in schema) with no error or
// warning. The 2020 recipe's queries must all be there, and must tell tenant addresses by
// their domain part, never with `endswith "contoso.com"` on the raw address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KqlLanguageService, builtinSchema, type KqlDiagnostic } from '../../src/kql';
import { expandSnippet, loadSnippets, prefixes, readSnippetFile, type Snippet } from '../support/snippets';

/** The queries of the original recipe, by the prefix of the snippet that replaces each. */
const RECIPE: Record<string, RegExp[]> = {
  'sh-latest-received': [/union isfuzzy=true/, /arg_max\(Received_t/, /ago\(30d\)/, /max\(Received_t\)/],
  'sh-exfil-baseline': [/bin\(Received_t, 1d\)/, /avg\(/, /stdev\(/, /Average \+ k \* StdDev/],
  'sh-exfil-detect': [/bin\(Received_t, 1d\)/, /avg\(/, /stdev\(/, /let k = 3/, /> Threshold/],
  'sh-top-senders': [/by SenderAddress_s/, /top 10 by/],
  'sh-top-recipients': [/by RecipientAddress_s/, /top 10 by/],
  'sh-mail-flow': [/bin\(Received_t, 30m\)/, /render timechart/],
  'sh-mail-direction': [/bin_at\(Received_t, 1h,/, /"Internal"/, /"Inbound"/, /"Outbound"/, /render timechart/],
  'sh-largest-messages': [/top 10 by Size_d desc/],
};

/** Hunting idioms that must be offered too. */
const IDIOMS: Record<string, RegExp[]> = {
  'sh-let-lookback': [/let lookback = 14d;/],
  'sh-arg-max': [/arg_max\(/],
  'sh-make-series': [/make-series .* from ago\(.+\) to now\(\) step /],
  'sh-join-leftanti': [/join kind=leftanti/],
  'sh-watchlist': [/_GetWatchlist\('.+'\) \| project SearchKey/],
  'sh-timechart': [/by bin\(TimeGenerated, 1h\)/, /render timechart/],
  'sh-where-ago': [/where TimeGenerated > ago\(/],
};

/** A snippet that starts with `|` continues a query; it is analysed after this table. */
const FRAGMENT_HOST = 'EmailEvents_CL\n';

const snippets = loadSnippets();
const service = new KqlLanguageService(builtinSchema());

function byPrefix(prefix: string): Snippet {
  const snippet = snippets.find((s) => prefixes(s).includes(prefix));
  assert.ok(snippet, `no snippet with prefix ${prefix}`);
  return snippet;
}

/** The query a snippet inserts with its defaults, as it is analysed. */
function query(snippet: Snippet): string {
  const text = expandSnippet(snippet.body);
  return text.trimStart().startsWith('|') ? FRAGMENT_HOST + text : text;
}

function describe(text: string, d: KqlDiagnostic): string {
  const line = text.slice(0, d.start).split('\n').length;
  return `${d.severity} ${d.code} line ${line}: ${d.message} [${text.slice(d.start, Math.max(d.end, d.start + 1))}]`;
}

const usesTenant = (snippet: Snippet) => /\btenantDomains\b/.test(snippet.body);

test('snippets/kql.json: every entry has a sh- prefix, a description and a body', () => {
  const raw = readSnippetFile();
  assert.ok(Object.keys(raw).length > 0, 'no snippets');
  for (const [name, value] of Object.entries(raw)) {
    assert.ok(name.trim(), 'empty snippet name');
    assert.equal(typeof value, 'object', name);
    const entry = value as Record<string, unknown>;
    const prefixList = Array.isArray(entry.prefix) ? entry.prefix : [entry.prefix];
    assert.ok(prefixList.length > 0, `${name}: no prefix`);
    for (const prefix of prefixList) {
      assert.equal(typeof prefix, 'string', `${name}: prefix`);
      assert.match(prefix as string, /^sh-[a-z0-9-]+$/, `${name}: prefix ${String(prefix)}`);
    }
    assert.equal(typeof entry.description, 'string', `${name}: description`);
    assert.ok((entry.description as string).trim().length > 10, `${name}: description too short`);
    const body = entry.body;
    assert.ok(typeof body === 'string' || (Array.isArray(body) && body.every((line) => typeof line === 'string')), `${name}: body must be a string or an array of strings`);
    assert.ok((Array.isArray(body) ? body.join('\n') : body).trim(), `${name}: empty body`);
    const known = new Set(['prefix', 'body', 'description', 'scope', 'isFileTemplate']);
    for (const key of Object.keys(entry)) assert.ok(known.has(key), `${name}: unknown key ${key}`);
  }
});

test('snippet prefixes are unique', () => {
  const seen = new Map<string, string>();
  for (const snippet of snippets) {
    for (const prefix of prefixes(snippet)) {
      assert.ok(!seen.has(prefix), `prefix ${prefix} used by "${seen.get(prefix)}" and "${snippet.name}"`);
      seen.set(prefix, snippet.name);
    }
  }
});

test('every query of the 2020 recipe and the common idioms have a snippet', () => {
  for (const [prefix, patterns] of Object.entries({ ...RECIPE, ...IDIOMS })) {
    const text = query(byPrefix(prefix));
    for (const pattern of patterns) assert.match(text, pattern, `${prefix} should match ${pattern}`);
  }
});

test('expandSnippet: placeholders, nesting, mirrors, choices, variables and escapes', () => {
  assert.equal(expandSnippet('a ${1:x} b $1 c ${2} d $0'), 'a x b x c  d ');
  assert.equal(expandSnippet('${1:outer ${2:inner} end} $2'), 'outer inner end inner');
  assert.equal(expandSnippet('where S == "${1|Failed,Delivered|}" or S == "$1"'), 'where S == "Failed" or S == "Failed"');
  assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
  assert.equal(expandSnippet('${TM_SELECTED_TEXT:T} $TM_FILENAME x'), 'T  x');
  assert.equal(expandSnippet('@"\\.(x)\\$" \\} \\\\ $ 5'), '@"\\.(x)$" } \\ $ 5');
  assert.equal(expandSnippet('${1:a \\} b}'), 'a } b');
  assert.throws(() => expandSnippet('${1:open'), /unterminated/);
});

for (const snippet of snippets) {
  const label = prefixes(snippet).join(', ');

  test(`${label}: expands to one query block with no KQL error or warning`, () => {
    const text = query(snippet);
    assert.ok(!/\$\{|\$\d/.test(text), `${label}: placeholder left after expansion:\n${text}`);
    assert.equal(service.blocks(text).length, 1, `${label}: a blank line splits the snippet into several queries:\n${text}`);
    const problems = service.diagnostics(text).filter((d) => d.severity === 'error' || d.severity === 'warning');
    assert.deepEqual(problems.map((d) => describe(text, d)), [], `${label}:\n${text}`);
  });
}

test('no snippet decides internal/external with endswith on a raw address', () => {
  for (const snippet of snippets) {
    const text = query(snippet);
    assert.doesNotMatch(text, /Address\w*\s*!?(endswith|hassuffix)(_cs)?\b/i, `${snippet.name} tests an address with endswith`);
    if (usesTenant(snippet)) {
      assert.doesNotMatch(text, /!?(endswith|hassuffix)(_cs)?\s*"/i, `${snippet.name} uses endswith "..."`);
    }
  }
});

test('recipe snippets that filter by the tenant take its domains from one placeholder', () => {
  const tenantSnippets = snippets.filter(usesTenant);
  for (const prefix of ['sh-exfil-baseline', 'sh-exfil-detect', 'sh-mail-direction']) {
    assert.ok(tenantSnippets.includes(byPrefix(prefix)), `${prefix} should classify addresses with tenantDomains`);
  }
  for (const snippet of tenantSnippets) {
    assert.match(snippet.body, /let tenantDomains = dynamic\(\["\$\{1:contoso\.com\}"\]\);/, snippet.name);
    // The tenant's domain is typed once: no other hard-coded contoso.com in a filter.
    const others = snippet.body.replace('${1:contoso.com}', '').split('\n').filter((line) => !line.trim().startsWith('//'));
    assert.ok(!others.some((line) => /contoso\.com/i.test(line)), `${snippet.name} hard-codes the tenant domain`);
  }
});

/**
 * The tenant test of the snippets, `Address matches regex tenantAddress`, with the pattern the
 * snippets build from tenantDomains, rebuilt here from the snippet's own literals. RE2 (Kusto)
 * and JavaScript agree on this pattern's constructs (classes, groups, `?`, anchors).
 */
test('the tenant pattern: the domains and their subdomains, nothing else', () => {
  const tenantSnippets = snippets.filter(usesTenant);
  const lines = new Set(tenantSnippets.map((s) => query(s).split('\n').find((line) => line.startsWith('let tenantAddress = '))));
  assert.equal(lines.size, 1, `the snippets should share one tenantAddress definition: ${[...lines].join(' | ')}`);
  const [line] = [...lines];
  const shape = /^let tenantAddress = strcat\(@"\(\?i\)([^"]*)", replace_string\(strcat_array\(tenantDomains, "\|"\), "\.", @"\\\."\), @"([^"]*)"\);$/.exec(line ?? '');
  assert.ok(shape, `unexpected tenantAddress definition: ${line}`);
  const [, before, after] = shape;
  const pattern = (domains: string[]) => new RegExp(before + domains.join('|').replaceAll('.', '\\.') + after, 'i');

  const one = pattern(['contoso.com']);
  for (const address of ['user@contoso.com', 'User@CONTOSO.com', 'user@mail.contoso.com', 'a.b@eu.mail.contoso.com']) {
    assert.ok(one.test(address), `${address} should be the tenant's`);
  }
  for (const address of ['user@notcontoso.com', 'user@contoso.com.evil.net', 'user@contosoxcom', 'user@evil-contoso.com',
    'contoso.com@evil.net', 'user@contoso.co', 'user@fabrikam.com', '', 'contoso.com']) {
    assert.ok(!one.test(address), `${address} should not be the tenant's`);
  }
  const two = pattern(['contoso.com', 'fabrikam.co.uk']);
  assert.ok(two.test('user@fabrikam.co.uk') && two.test('user@sales.fabrikam.co.uk') && two.test('user@contoso.com'));
  assert.ok(!two.test('user@notfabrikam.co.uk') && !two.test('user@fabrikam.co.uk.example') && !two.test('user@fabrikamxcoxuk'));
});
