// Hunt templates: the registry, rendering per profile, every template x profile analysed by
// Kusto.Language (the project's KQL service) with no error or warning against that profile's
// schema, and parameter validation: bad domains and injection attempts are clear errors,
// never a broken or injectable query.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  HUNT_TEMPLATES, HuntError, huntTemplate, normaliseTenantDomain, normaliseTenantDomains, PROFILE_NAMES, renderHunt,
  type HuntTemplate, type ProfileName, type RenderOptions,
} from '../../src/hunts';
import { KqlLanguageService, builtinSchema, type KqlDiagnostic } from '../../src/kql';

const services = new Map<ProfileName, KqlLanguageService>(
  PROFILE_NAMES.map((p) => [p, new KqlLanguageService({ ...builtinSchema([p]), complete: true })]),
);

function problems(query: string, profile: ProfileName): string[] {
  const describe = (d: KqlDiagnostic) => `${d.severity} ${d.code} line ${query.slice(0, d.start).split('\n').length}: ${d.message} [${query.slice(d.start, Math.max(d.end, d.start + 1))}]`;
  return services.get(profile)!.diagnostics(query).filter((d) => d.severity === 'error' || d.severity === 'warning').map(describe);
}

/** Parameter variants worth analysing on their own (other code paths of a template). */
const VARIANTS: Record<string, RenderOptions[]> = {
  impersonation: [{ params: { lookalikes: 'watchlist', watchlist: 'Lookalikes_2024' } }, { params: { maxLookalikes: '0' } }, { params: { maxLookalikes: '2000' } }],
  'exfil-rate': [{ params: { baselineDays: '1', k: '0' } }],
  'mail-flow': [{ params: { lookback: '7d', binSize: '1h' } }],
};

const DOMAINS = ['contoso.com', 'Fabrikam.co.uk', 'bücher.de'];

test('the registry: the issue\'s templates, unique names, every parameter with a valid default', () => {
  const names = HUNT_TEMPLATES.map((t) => t.name);
  for (const name of ['exfil-rate', 'exfil-rate-per-sender', 'exfil-bytes', 'impersonation', 'top-senders', 'top-recipients',
    'mail-flow', 'direction-summary', 'largest-messages', 'latest-ingested']) assert.ok(names.includes(name), name);
  assert.equal(new Set(names).size, names.length);
  for (const t of HUNT_TEMPLATES) {
    assert.ok(t.title.length > 5 && t.description.length > 20, t.name);
    assert.ok(t.profiles.length > 0);
    for (const missing of PROFILE_NAMES.filter((p) => !t.profiles.includes(p))) assert.ok(t.unavailable?.[missing], `${t.name}: why not ${missing}?`);
    assert.equal(t.kind === 'detection', t.rule !== undefined, `${t.name}: detections (only) have rule defaults`);
    renderHunt(t, { domains: ['contoso.com'] }); // the defaults validate
  }
  assert.throws(() => huntTemplate('exfil'), /unknown template "exfil"; the templates are exfil-rate, /);
});

for (const template of HUNT_TEMPLATES) {
  for (const profile of template.profiles) {
    test(`${template.name} / ${profile}: one query block, no KQL error or warning`, () => {
      for (const variant of [{}, ...(VARIANTS[template.name] ?? [])]) {
        const { query } = renderHunt(template, { profile, domains: DOMAINS, ...variant });
        assert.ok(!/\n\s*\n/.test(query), 'a blank line would split the query in an editor');
        assert.equal(services.get(profile)!.blocks(query).length, 1);
        assert.deepEqual(problems(query, profile), [], `${JSON.stringify(variant)}\n${query}`);
      }
    });
  }
}

test('templates say so when a profile lacks their columns', () => {
  assert.throws(() => renderHunt('exfil-bytes', { profile: 'mdo', domains: ['contoso.com'] }), /exfil-bytes is not available for profile mdo \(Defender's EmailEvents has no message size\); use classic or dcr/);
  assert.throws(() => renderHunt('top-senders', { profile: 'splunk' }), /unknown profile "splunk"; expected classic, dcr, mdo/);
});

test('rendering: header, parameters as let statements, tenant domains as one dynamic list', () => {
  const { query, params } = renderHunt('exfil-rate-per-sender', { profile: 'dcr', domains: DOMAINS, params: { k: 2.5, baselineDays: '10' } });
  const lines = query.split('\n');
  assert.match(lines[0], /^\/\/ Sentinel Hunt template exfil-rate-per-sender, profile dcr \(MessageTrace_CL\)\.$/);
  assert.ok(lines.includes('let tenantDomains = dynamic(["contoso.com", "fabrikam.co.uk", "xn--bcher-kva.de", "bücher.de"]);'));
  assert.ok(lines.some((l) => l.startsWith('let k = 2.5; //')));
  assert.ok(lines.some((l) => l.startsWith('let baselineDays = 10; //')));
  assert.ok(lines.some((l) => l.startsWith('let minMessages = 20; //')));
  assert.deepEqual(params.toRecord(), { baselineDays: '10', k: '2.5', minMessages: '20' });
  assert.match(query, /\bMessageTrace_CL\b/);
  assert.doesNotMatch(query, /EmailEvents_CL|Received_t/);
});

test('no template tells tenant addresses with endswith, has or has_any', () => {
  for (const t of HUNT_TEMPLATES) {
    for (const profile of t.profiles) {
      const code = renderHunt(t, { profile, domains: ['contoso.com'] }).query.split('\n').filter((l) => !l.trimStart().startsWith('//')).join('\n');
      assert.doesNotMatch(code, /\b(endswith|hassuffix|has_any|has|contains)(_cs)?\b/, `${t.name}/${profile}`);
    }
  }
});

test('tenant domains are normalised: IDNA to ASCII, lower case, trailing dot, duplicates', () => {
  assert.equal(normaliseTenantDomain('Contoso.COM'), 'contoso.com');
  assert.equal(normaliseTenantDomain(' contoso.com. '), 'contoso.com');
  assert.equal(normaliseTenantDomain('Bücher.de'), 'xn--bcher-kva.de');
  assert.equal(normaliseTenantDomain('xn--bcher-kva.de'), 'xn--bcher-kva.de');
  assert.equal(normaliseTenantDomain('ｃｏｎｔｏｓｏ．ｃｏｍ'), 'contoso.com');
  assert.equal(normaliseTenantDomain('mail.contoso.co.uk'), 'mail.contoso.co.uk');
  assert.deepEqual(normaliseTenantDomains(['contoso.com', 'CONTOSO.com', 'fabrikam.com']), ['contoso.com', 'fabrikam.com']);
  assert.throws(() => normaliseTenantDomains([]), /no tenant domain: give at least one \(e\.g\. --domain contoso\.com\)/);
  assert.throws(() => renderHunt('exfil-rate', {}), /no tenant domain/);
});

test('bad domains and injection attempts are clear errors', () => {
  const cases: [string, RegExp][] = [
    ['contoso.com") | union *', /character "\\"" is not allowed/],
    ['contoso.com"); print 1; //', /character "\\"" is not allowed/],
    ['contoso.com\n| take 1', /character "\\n" is not allowed/],
    ["contoso.com' or 1==1", /character "'" is not allowed/],
    ['contoso.com|evil.net', /character "\|" is not allowed/],
    ['con toso.com', /character " " is not allowed/],
    ['user@contoso.com', /character "@" is not allowed/],
    ['https://contoso.com', /character ":" is not allowed/],
    ['*.contoso.com', /character "\*" is not allowed/],
    ['contoso.com\\', /character "\\\\" is not allowed/],
    ['(contoso).com', /character "\(" is not allowed/],
    ['', /empty/],
    ['contoso', /two labels/],
    ['co.uk', /co\.uk is a public suffix, not an organisation's domain/],
    ['com', /./],
    ['-contoso.com', /hyphen/],
    ['contoso..com', /empty label/],
    [`${'a'.repeat(64)}.com`, /longer than 63/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => normaliseTenantDomain(input), (error: unknown) => {
      assert.ok(error instanceof HuntError, `${JSON.stringify(input)}: ${String(error)}`);
      assert.ok(error.message.startsWith(`invalid tenant domain ${JSON.stringify(input)}: `), error.message);
      assert.match(error.message, message);
      return true;
    });
    // Through rendering too, whatever the template.
    assert.throws(() => renderHunt('impersonation', { domains: ['contoso.com', input] }), HuntError);
    assert.throws(() => renderHunt('top-senders', { domains: [input] }), HuntError);
  }
});

test('bad parameters and injection attempts through parameters are clear errors', () => {
  const cases: [string, Record<string, string | number>, RegExp][] = [
    ['exfil-rate', { k: '3; union *' }, /parameter k: "3; union \*" is not valid; expected a number such as 3\.0 from 0 to 100/],
    ['exfil-rate', { k: -1 }, /parameter k: -1 is not valid/],
    ['exfil-rate', { k: '1e3' }, /parameter k/],
    ['exfil-rate', { k: Number.NaN }, /parameter k/],
    ['exfil-rate', { baselineDays: '7 | take 1' }, /parameter baselineDays: .* expected a whole number from 1 to 60/],
    ['exfil-rate', { baselineDays: '2.5' }, /parameter baselineDays/],
    ['exfil-rate', { baselineDays: 61 }, /parameter baselineDays/],
    ['exfil-rate-per-sender', { baselineDays: '1' }, /from 2 to 60/],
    ['impersonation', { lookback: '1d) | union *' }, /parameter lookback: .* expected a duration such as 30m, 12h or 7d from 5m to 90d/],
    ['impersonation', { lookback: '7' }, /parameter lookback/],
    ['impersonation', { lookback: '1w' }, /parameter lookback/],
    ['impersonation', { lookback: '0d' }, /parameter lookback/],
    ['impersonation', { watchlist: "x') | union *" }, /parameter watchlist: .* expected a name of letters, digits/],
    ['impersonation', { watchlist: '' }, /parameter watchlist/],
    ['impersonation', { lookalikes: 'both' }, /parameter lookalikes: "both" is not valid; expected one of inline, watchlist/],
    ['top-senders', { topN: '10 | union *' }, /parameter topN/],
    ['top-senders', { topn: '10' }, /unknown parameter "topn" for template top-senders; its parameters are lookback, topN/],
    ['latest-ingested', { k: '3' }, /unknown parameter "k" for template latest-ingested/],
  ];
  for (const [template, params, message] of cases) {
    assert.throws(() => renderHunt(template, { domains: ['contoso.com'], params }), (error: unknown) => {
      assert.ok(error instanceof HuntError, String(error));
      assert.match(error.message, message);
      return true;
    }, `${template} ${JSON.stringify(params)}`);
  }
});

test('valid parameters are rendered canonically', () => {
  const q = (t: string, params: Record<string, string | number>) => renderHunt(t, { domains: ['contoso.com'], params }).query;
  assert.match(q('exfil-rate', { k: 2 }), /^let k = 2\.0;/m);
  assert.match(q('exfil-rate', { k: ' 1.25 ' }), /^let k = 1\.25;/m);
  assert.match(q('impersonation', { lookback: '036h' }), /^let lookback = 36h;/m);
  assert.match(q('impersonation', { lookalikes: 'watchlist', watchlist: 'My.Lookalikes-1' }), /_GetWatchlist\("My\.Lookalikes-1"\)/);
  assert.match(q('mail-flow', { binSize: '5m' }), /^let binSize = 5m;/m);
});

/** The domains of an impersonation query's inlined datatable. */
const inlined = (query: string) => [...query.matchAll(/^ {8}(".*)$/gm)].flatMap((m) => [...m[1].matchAll(/"([^"]+)"/g)].map((d) => d[1]));

test('impersonation inlines a capped lookalike list and says so', () => {
  const capped = renderHunt('impersonation', { domains: ['northwindtraders.com'], params: { maxLookalikes: '50' } }).query;
  assert.match(capped, /50 of \d+ ASCII permutations inlined \(maxLookalikes=50\)/);
  assert.equal(inlined(capped).length, 50);
  // Single-letter edits come first; punycode permutations are never inlined.
  assert.match(capped, /"northwindtraders\.com", "omission", dynamic/);
  assert.doesNotMatch(capped, /"xn--/);
  // The tenant's own domains (and subdomains) are never lookalikes of each other.
  const two = inlined(renderHunt('impersonation', { domains: ['contoso.com', 'contosso.com'], params: { maxLookalikes: '2000' } }).query);
  assert.ok(two.length > 300 && two.includes('cntoso.com') && two.includes('contoss.com'), String(two.length));
  assert.deepEqual(two.filter((d) => /(^|\.)(contoso|contosso)\.com$/.test(d)), []);
  const watchlist = renderHunt('impersonation', { domains: ['contoso.com'], params: { lookalikes: 'watchlist' } }).query;
  assert.match(watchlist, /let lookalikes = _GetWatchlist\("LookalikeDomains"\)/);
  assert.doesNotMatch(watchlist, /datatable/);
});

test('templates that do not need domains still check the ones given', () => {
  const template: HuntTemplate = huntTemplate('top-senders');
  assert.equal(template.usesTenantDomains, false);
  assert.doesNotThrow(() => renderHunt(template, {}));
  assert.doesNotThrow(() => renderHunt(template, { domains: ['contoso.com'] }));
});
