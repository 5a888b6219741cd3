// "Export as Sentinel Analytics Rule": every detection template x profile exports a rule that
// passes the Azure-Sentinel repository's checks, its YAML reads back (js-yaml) as the same
// rule, its entity and custom-detail columns are columns of the query's result, and rules
// that break the repository's rules are reported field by field.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { constantColumn } from '../../src/engine/data/builder';
import { Table } from '../../src/engine/data/table';
import { runQuery } from '../../src/engine';
import { MemorySource } from '../../src/engine/memory-source';
import {
  exportHuntRule, exportQueryRule, HUNT_TEMPLATES, HuntError, validateRule, type AnalyticsRule, type EntityMapping, type ProfileName,
} from '../../src/hunts';
import { yamlString } from '../../src/hunts/rules/yaml';
import { messageTraceTables } from '../../src/kql/schemas/message-trace';

// js-yaml (a dev dependency) reads the YAML back as another parser would.
const { load } = createRequire(__filename)('js-yaml') as { load(text: string): unknown };

const DETECTIONS = HUNT_TEMPLATES.filter((t) => t.rule !== undefined);
const DOMAINS = ['contoso.com', 'fabrikam.co.uk'];

function emptySource(profile: ProfileName): MemorySource {
  const columns = messageTraceTables[profile].columns;
  const table = new Table(columns.map((c) => c.name), columns.map((c) => constantColumn(c.type, null, 0)), 0);
  return new MemorySource(new Map([[messageTraceTables[profile].name, table]]));
}

/** What the YAML should read back as: the rule, with the `|` blocks' final newline. */
function expectedObject(rule: AnalyticsRule): unknown {
  const plain = JSON.parse(JSON.stringify(rule)) as Record<string, unknown>;
  return { ...plain, query: `${rule.query}\n`, description: `${rule.description}\n` };
}

test('the detection templates are the ones with rule defaults', () => {
  assert.deepEqual(DETECTIONS.map((t) => t.name), ['exfil-rate', 'exfil-rate-per-sender', 'exfil-bytes', 'impersonation']);
  assert.throws(() => exportHuntRule('top-senders', { domains: DOMAINS }), (e: unknown) => e instanceof HuntError
    && /top-senders is a report .*rules are exported from exfil-rate, exfil-rate-per-sender, exfil-bytes, impersonation/.test(e.message));
});

for (const template of DETECTIONS) {
  for (const profile of template.profiles) {
    test(`${template.name} / ${profile}: the exported rule validates and its YAML reads back`, async () => {
      const { rule, yaml, problems } = exportHuntRule(template, { profile, domains: DOMAINS });
      assert.deepEqual(problems, []);
      assert.deepEqual(load(yaml), expectedObject(rule));
      assert.equal(rule.kind, 'Scheduled');
      assert.equal(rule.triggerOperator, 'gt');
      assert.equal(rule.triggerThreshold, 0);
      assert.deepEqual(rule.requiredDataConnectors, profile === 'mdo' ? [{ connectorId: 'MicrosoftThreatProtection', dataTypes: ['EmailEvents'] }] : []);
      // Entity and custom-detail columns are result columns of the query, whatever the profile.
      const source = emptySource(profile);
      const result = await runQuery(rule.query, source.schema, source, { now: Date.now() * 1000 });
      const columns = result.table.schema.map((f) => f.name);
      for (const m of rule.entityMappings ?? []) for (const f of m.fieldMappings) assert.ok(columns.includes(f.columnName), `${f.columnName} not in ${columns.join(', ')}`);
      for (const column of Object.values(rule.customDetails ?? {})) assert.ok(columns.includes(column), column);
    });
  }
}

test('suggested tactics, techniques and schedules per template', () => {
  const rule = (name: string, params: Record<string, string> = {}) => exportHuntRule(name, { domains: DOMAINS, params }).rule;
  const exfil = rule('exfil-rate');
  assert.deepEqual([exfil.tactics, exfil.relevantTechniques, exfil.queryFrequency, exfil.queryPeriod], [['Exfiltration'], ['T1048'], '1d', '8d']);
  assert.equal(rule('exfil-rate-per-sender').queryPeriod, '14d');
  assert.equal(rule('exfil-bytes', { baselineDays: '6' }).queryPeriod, '7d');
  const imp = rule('impersonation');
  assert.deepEqual([imp.tactics, imp.relevantTechniques], [['InitialAccess', 'ResourceDevelopment'], ['T1566', 'T1583.001']]);
  // A rule looks at the last day unless told otherwise; a hunt looks at a week.
  assert.deepEqual([imp.queryFrequency, imp.queryPeriod], ['1d', '1d']);
  assert.match(imp.query, /^let lookback = 1d;/m);
  assert.deepEqual([rule('impersonation', { lookback: '4h' }).queryFrequency, rule('impersonation', { lookback: '4h' }).queryPeriod], ['4h', '4h']);
  assert.deepEqual(imp.entityMappings?.map((m) => m.entityType), ['Account', 'DNS']);
});

test('rule ids are GUIDs, stable for the same template, profile and domains', () => {
  const a = exportHuntRule('exfil-rate', { domains: ['contoso.com'] }).rule.id;
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(exportHuntRule('exfil-rate', { domains: ['CONTOSO.com'], params: { k: '2' } }).rule.id, a);
  assert.notEqual(exportHuntRule('exfil-rate', { domains: ['fabrikam.com'] }).rule.id, a);
  assert.notEqual(exportHuntRule('exfil-rate', { domains: ['contoso.com'], profile: 'dcr' }).rule.id, a);
  assert.equal(exportHuntRule('exfil-rate', { domains: ['contoso.com'], id: '11111111-2222-3333-4444-555555555555' }).rule.id, '11111111-2222-3333-4444-555555555555');
});

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

test('a rule that breaks the repository\'s rules is reported: schedule', () => {
  const broken = exportHuntRule('exfil-rate', { domains: DOMAINS, queryFrequency: '1m' });
  assert.deepEqual(broken.problems, [
    { field: 'queryFrequency', message: '1m is outside 5m to 14d' },
    { field: 'queryFrequency', message: 'with a queryPeriod of 2 days or more (8d) the frequency must be at least 1h, not 1m' },
  ]);
  assert.deepEqual(fields(exportHuntRule('exfil-rate', { domains: DOMAINS, params: { baselineDays: '20' } }).problems), ['queryPeriod']);
  assert.deepEqual(exportHuntRule('exfil-rate', { domains: DOMAINS, queryFrequency: '2d', queryPeriod: '1d' }).problems,
    [{ field: 'queryPeriod', message: '1d is shorter than queryFrequency 2d' }]);
  assert.deepEqual(fields(exportHuntRule('exfil-rate', { domains: DOMAINS, queryFrequency: '1 day' }).problems), ['queryFrequency']);
  assert.deepEqual(exportHuntRule('impersonation', { domains: DOMAINS, queryFrequency: '5m', queryPeriod: '5m', params: { lookback: '5m' } }).problems, []);
  assert.deepEqual(exportHuntRule('exfil-rate', { domains: DOMAINS, queryFrequency: '14d', queryPeriod: '14d' }).problems, []);
  assert.deepEqual(fields(exportHuntRule('exfil-rate', { domains: DOMAINS, queryPeriod: '15d' }).problems), ['queryPeriod']);
});

test('a rule that breaks the repository\'s rules is reported: entity mappings', () => {
  const { rule } = exportHuntRule('exfil-rate', { domains: DOMAINS });
  const account = { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Sender' }] };
  const six = { ...rule, entityMappings: Array.from({ length: 6 }, () => account) };
  assert.deepEqual(validateRule(six), [{ field: 'entityMappings', message: 'has 6 entity mappings; 1 to 5 are allowed' }]);
  assert.deepEqual(fields(validateRule({ ...rule, entityMappings: [] })), ['entityMappings']);
  const four = { entityType: 'Account', fieldMappings: ['FullName', 'Name', 'UPNSuffix', 'NTDomain'].map((identifier) => ({ identifier, columnName: 'Sender' })) };
  assert.deepEqual(fields(validateRule({ ...rule, entityMappings: [four] })), ['entityMappings[0].fieldMappings']);
  const cases: [EntityMapping, RegExp][] = [
    [{ entityType: 'Mailbox', fieldMappings: [{ identifier: 'Address', columnName: 'Sender' }] }, /"Address" is not an identifier of Mailbox|Mailbox needs one of: MailboxPrimaryAddress/],
    [{ entityType: 'Account', fieldMappings: [{ identifier: 'UPNSuffix', columnName: 'Sender' }] }, /Account needs one of: FullName; Sid; Name; AadUserId; PUID; ObjectGuid/],
    [{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Sender Address' }] }, /"Sender Address" is not a column name/],
    [{ entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Sender' }, { identifier: 'FullName', columnName: 'Sender' }] }, /FullName is mapped twice/],
    [{ entityType: 'Mail', fieldMappings: [{ identifier: 'Sender', columnName: 'Sender' }] }, /"Mail" is not a Sentinel entity type/],
    [{ entityType: 'FileHash', fieldMappings: [{ identifier: 'Value', columnName: 'Hash' }] }, /FileHash needs one of: Algorithm \+ Value/],
  ];
  for (const [mapping, message] of cases) {
    const problems = validateRule({ ...rule, entityMappings: [mapping] });
    assert.ok(problems.some((p) => message.test(p.message)), `${JSON.stringify(mapping)}: ${JSON.stringify(problems)}`);
  }
});

test('a rule that breaks the repository\'s rules is reported: query', () => {
  const long = exportHuntRule('impersonation', { domains: ['northwindtraders.com'], params: { maxLookalikes: '2000' } });
  assert.ok(long.rule.query.length > 10_000);
  assert.deepEqual(long.problems, [{ field: 'query', message: `has ${long.rule.query.length.toLocaleString('en-US')} characters; at most 10,000` }]);
  // The watchlist variant is the way out for long lookalike lists.
  assert.deepEqual(exportHuntRule('impersonation', { domains: ['northwindtraders.com'], params: { lookalikes: 'watchlist' } }).problems, []);

  const rule = (query: string) => exportQueryRule({ name: 'Test rule', query, tactics: ['Exfiltration'], techniques: ['T1048'] });
  assert.deepEqual(rule('search "password" | take 10').problems, [{ field: 'query', message: 'a Scheduled rule may not use the search operator' }]);
  assert.deepEqual(fields(rule('EmailEvents_CL | search "x"').problems), ['query']);
  assert.deepEqual(rule('union * | count').problems, [{ field: 'query', message: 'a Scheduled rule may not use union * (or wildcard table names in union)' }]);
  assert.deepEqual(fields(rule('union withsource=T isfuzzy=true * | count').problems), ['query']);
  assert.deepEqual(fields(rule('union Email* | count').problems), ['query']);
  assert.deepEqual(rule('EmailEvents_CL | where Subject_s == "search union *" // search, union *\n| extend x = 2 * 3 | count').problems, []);
  assert.deepEqual(rule('union isfuzzy=true (EmailEvents_CL | count), (print Count = 0)').problems, []);
  assert.deepEqual(fields(rule('').problems), ['query']);
  assert.deepEqual(fields(rule('SecurityEvent | project AccountCustomEntity = Account').problems), ['entityMappings']);
  // A chart request means nothing to a rule: it is dropped.
  assert.equal(rule('EmailEvents_CL\n| summarize count() by bin(TimeGenerated, 1h)\n| render timechart').rule.query, 'EmailEvents_CL\n| summarize count() by bin(TimeGenerated, 1h)');
});

test('a rule that breaks the repository\'s rules is reported: metadata', () => {
  const { rule } = exportHuntRule('impersonation', { domains: DOMAINS });
  const check = (change: Partial<AnalyticsRule>) => fields(validateRule({ ...rule, ...change }));
  assert.deepEqual(check({ tactics: ['InitialAccess'] }), ['relevantTechniques[1]']); // T1583.001 needs ResourceDevelopment
  assert.deepEqual(validateRule({ ...rule, tactics: ['ResourceDevelopment'] }), [{ field: 'relevantTechniques[0]', message: 'T1566 needs the tactic InitialAccess in tactics' }]);
  assert.deepEqual(check({ relevantTechniques: ['T1566', 'T15'] }), ['relevantTechniques[1]']);
  assert.deepEqual(check({ tactics: ['InitialAccess', 'ResourceDevelopment', 'Phishing' as never] }), ['tactics[2]']);
  assert.deepEqual(check({ id: 'not-a-guid' }), ['id']);
  assert.deepEqual(check({ name: '' }), ['name']);
  assert.deepEqual(check({ name: 'x'.repeat(257) }), ['name']);
  assert.deepEqual(check({ description: 'x'.repeat(5001) }), ['description']);
  assert.deepEqual(check({ severity: 'Critical' as never }), ['severity']);
  assert.deepEqual(check({ version: '1.0' }), ['version']);
  assert.deepEqual(check({ triggerThreshold: 10_001 }), ['triggerThreshold']);
  assert.deepEqual(check({ triggerOperator: 'ge' as never }), ['triggerOperator']);
  assert.deepEqual(check({ requiredDataConnectors: [{ connectorId: 'MicrosoftThreatProtection', dataTypes: [] }] }), ['requiredDataConnectors[0].dataTypes']);
  const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`Detail${i}`, 'Sender']));
  assert.deepEqual(check({ customDetails: many }), ['customDetails']);
  assert.deepEqual(check({ customDetails: { '1Sender': 'Sender' } }), ['customDetails.1Sender']);
  assert.deepEqual(check({ customDetails: { AVeryLongCustomDetailKey: 'Sender' } }), ['customDetails.AVeryLongCustomDetailKey']);
  assert.deepEqual(check({ customDetails: { Sender: 'Sender-Address' } }), ['customDetails.Sender']);
});

test('YAML scalars read back as the same string', () => {
  const tricky = [
    'Exfiltration', 'yes', 'No', 'ON', 'null', '~', 'true', '1.5', '1e3', '0x1F', '012', '.5', '1_000', '12:30', '- a', 'a: b', 'a #b', '#x', '@x',
    '`x', '"quoted"', "it's", '  lead', 'trail ', 'two\nlines', 'tab\there', 'ünïcödé ✓', 'line\u2028separator', 'bell\u0007', 'del\u007f',
    '[x]', '{x}', '*x', '&x', '!x', '%x', '|', '>', '?', ',x', 'x,', '', ' ', '1d', '14d', '1.0.0', '0a1b2c3d-0000-4000-8000-000000000000',
    'Impersonation: mail from lookalike and punycode domains', 'Exfiltration (recipe)', 'back\\slash', '\ud83d\ude00 emoji',
  ];
  for (const value of tricky) assert.deepEqual(load(`key: ${yamlString(value)}\n`), { key: value }, JSON.stringify(value));
  assert.equal(yamlString('Exfiltration'), 'Exfiltration');
  assert.equal(yamlString('1d'), '1d');
  assert.equal(yamlString('yes'), '"yes"');
});

test('queries of any shape survive the | block', () => {
  const queries = [
    '  EmailEvents_CL\n| take 1', // leading spaces: needs an indentation indicator
    'EmailEvents_CL\n\n| take 1', // a blank line
    'EmailEvents_CL   \n| take 1', // trailing spaces
    'EmailEvents_CL\n# not a comment in YAML\n---\n...\n| take 1',
    'EmailEvents_CL\n|\ttake 1',
    'print s = "a: b # c", t = @\'x\\y\'',
    'print s = "\u0007"', // a control character: double-quoted instead of a block
  ];
  for (const query of queries) {
    const { rule, yaml } = exportQueryRule({ name: 'Q', query });
    const read = load(yaml) as { query: string };
    assert.equal(read.query.replace(/\n$/, ''), rule.query.replace(/\s+$/, ''), JSON.stringify(query));
  }
});
