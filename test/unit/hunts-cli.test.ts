// `sentinel-hunt hunt`, `templates` and `export-rule`, called as the CLI's main calls them, over
// real local workspaces (Parquet + manifest) holding a synthetic message trace.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { runExportRuleCommand } from '../../src/cli/commands/export-rule';
import { runHuntCommand } from '../../src/cli/commands/hunt';
import { runTemplatesCommand } from '../../src/cli/commands/templates';
import { UsageError } from '../../src/cli/usage-error';
import { HUNT_TEMPLATES, renderHunt } from '../../src/hunts';
import { recordsToTable } from '../../src/ingest/local-sink';
import { ingestProfile } from '../../src/ingest/profiles';
import { LocalWorkspace } from '../../src/store';
import type { TraceRecord } from '../../src/trace/record';
import { SyntheticTraceSource } from '../../src/trace/synthetic';

const END = '2025-06-05T00:00:00Z';
const root = mkdtempSync(path.join(tmpdir(), 'sh-hunts-'));
const classicDir = path.join(root, 'classic');
const dcrDir = path.join(root, 'dcr');
let exfiltrator = '';

before(async () => {
  const synthetic = new SyntheticTraceSource({
    domains: ['contoso.com'], days: 15, end: END, seed: 11, rows: 40_000, mailboxes: 2_000, scenarios: ['exfiltration'],
  });
  const records: TraceRecord[] = [];
  for (const page of synthetic.pages(synthetic.period)) records.push(...page);
  exfiltrator = synthetic.incidents().exfiltration[0].sender;
  for (const [dir, name] of [[classicDir, 'classic'], [dcrDir, 'dcr']] as const) {
    const profile = ingestProfile(name);
    const workspace = await LocalWorkspace.open(dir, { create: true });
    await workspace.commit({ create: [{ name: profile.table, columns: profile.columns }], appends: [{ table: profile.table, data: recordsToTable(profile, records) }] });
  }
});

function capture() {
  const io = { stdout: '', stderr: '', readStdin: () => '', out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
  return io;
}

test('hunt runs a template on a workspace and prints it as query does (json)', async () => {
  const io = capture();
  const code = await runHuntCommand(['exfil-rate-per-sender', '--domain', 'contoso.com', '--workspace', classicDir, '--now', END, '--format', 'json'], io);
  assert.equal(code, 0, io.stderr);
  const result = JSON.parse(io.stdout) as { columns: { name: string; type: string }[]; rows: unknown[][]; visualization: unknown };
  assert.deepEqual(result.columns.slice(0, 5).map((c) => c.name), ['Sender', 'ExternalMessages', 'Average', 'StdDev', 'Threshold']);
  assert.deepEqual(result.rows.map((r) => r[0]), [exfiltrator.toLowerCase()]);
  assert.equal(io.stderr, '');
});

test('hunt picks the profile of the workspace\'s table; --format table and csv; --timing', async () => {
  const io = capture();
  assert.equal(await runHuntCommand(['top-senders', '--workspace', dcrDir, '--now', END, '--format', 'csv', '--param', 'topN=3'], io), 0, io.stderr);
  assert.match(io.stdout, /^Sender,Messages,Recipients\r\n([^\r\n]+\r\n){3}$/);
  const table = capture();
  assert.equal(await runHuntCommand(['mail-flow', '--workspace', dcrDir, '--now', END, '--timing'], table), 0, table.stderr);
  assert.match(table.stdout, /^Received\s+Messages\n/);
  assert.match(table.stderr, /^timing: load=\d+ms analyze=\d+ms execute=\d+ms\n$/);
  // The wrong profile for the workspace: the engine's error, exit 2.
  const wrong = capture();
  assert.equal(await runHuntCommand(['top-senders', '--workspace', dcrDir, '--profile', 'classic'], wrong), 2);
  assert.match(wrong.stderr, /EmailEvents_CL/);
});

test('hunt --format kql prints the rendered query, no workspace needed', async () => {
  const io = capture();
  const code = await runHuntCommand(['impersonation', '--domain', 'Contoso.com', '--domain', 'fabrikam.co.uk', '--profile', 'mdo', '--param', 'lookback=3d', '--format', 'kql'], io);
  assert.equal(code, 0, io.stderr);
  assert.equal(io.stdout, `${renderHunt('impersonation', { profile: 'mdo', domains: ['contoso.com', 'fabrikam.co.uk'], params: { lookback: '3d' } }).query}\n`);
});

test('hunt: a bad domain, template or parameter is exit 2 with a clear message, nothing run', async () => {
  for (const [args, message] of [
    [['exfil-rate', '--domain', 'contoso.com") | union *'], /^sentinel-hunt: invalid tenant domain "contoso\.com\\"\) \| union \*": character "\\"" is not allowed/],
    [['exfil-rate'], /^sentinel-hunt: no tenant domain/],
    [['exfil', '--domain', 'contoso.com'], /^sentinel-hunt: unknown template "exfil"/],
    [['exfil-rate', '--domain', 'contoso.com', '--param', 'k=x'], /^sentinel-hunt: parameter k: "x" is not valid/],
    [['exfil-bytes', '--domain', 'contoso.com', '--profile', 'mdo'], /not available for profile mdo/],
  ] as const) {
    const io = capture();
    assert.equal(await runHuntCommand([...args, '--workspace', classicDir], io), 2, args.join(' '));
    assert.match(io.stderr, message);
    assert.equal(io.stdout, '');
  }
  await assert.rejects(runHuntCommand(['exfil-rate', '--domain', 'contoso.com', '--param', 'k'], capture()), UsageError);
  await assert.rejects(runHuntCommand(['exfil-rate', '--param', 'k=1', '--param', 'k=2'], capture()), /--param k given twice/);
  await assert.rejects(runHuntCommand(['exfil-rate', '--profile', 'x'], capture()), /unknown --profile x/);
  await assert.rejects(runHuntCommand(['exfil-rate', '--format', 'xml'], capture()), /unknown --format xml/);
  await assert.rejects(runHuntCommand([], capture()), /exactly one template NAME/);
});

test('templates lists every template with its parameters; --format json', () => {
  const text = capture();
  assert.equal(runTemplatesCommand([], text), 0);
  for (const t of HUNT_TEMPLATES) {
    assert.match(text.stdout, new RegExp(`^${t.name}: `, 'm'));
    for (const p of t.parameters) assert.ok(text.stdout.includes(`--param ${p.name}=${p.default}`), `${t.name} ${p.name}`);
  }
  const json = capture();
  assert.equal(runTemplatesCommand(['--format', 'json'], json), 0);
  const list = JSON.parse(json.stdout) as { name: string; profiles: string[]; parameters: { name: string }[]; rule: { tactics: string[] } | null }[];
  assert.deepEqual(list.map((t) => t.name), HUNT_TEMPLATES.map((t) => t.name));
  assert.deepEqual(list.find((t) => t.name === 'exfil-bytes')?.profiles, ['classic', 'dcr']);
  assert.deepEqual(list.find((t) => t.name === 'impersonation')?.rule?.tactics, ['InitialAccess', 'ResourceDevelopment']);
  assert.throws(() => runTemplatesCommand(['--format', 'xml'], capture()), UsageError);
});

test('export-rule writes the YAML to stdout or --out; a rule that would fail the checks is not written', async () => {
  const io = capture();
  assert.equal(await runExportRuleCommand(['exfil-rate-per-sender', '--domain', 'contoso.com', '--severity', 'High'], io), 0, io.stderr);
  assert.match(io.stdout, /^id: [0-9a-f-]{36}\nname: "Exfiltration: message rate against each sender's own history"\n/);
  assert.match(io.stdout, /\nseverity: High\n/);
  assert.match(io.stdout, /\nquery: \|\n {2}\/\/ Sentinel Hunt template exfil-rate-per-sender, profile classic/);

  const file = path.join(root, 'rule.yaml');
  const out = capture();
  assert.equal(await runExportRuleCommand(['impersonation', '--domain', 'contoso.com', '--profile', 'dcr', '--out', file], out), 0, out.stderr);
  assert.equal(out.stdout, '');
  assert.match(readFileSync(file, 'utf8'), /\nkind: Scheduled\n$/);

  const bad = path.join(root, 'bad.yaml');
  const broken = capture();
  assert.equal(await runExportRuleCommand(['exfil-rate', '--domain', 'contoso.com', '--frequency', '1m', '--out', bad], broken), 1);
  assert.match(broken.stderr, /not written:\n {2}queryFrequency: 1m is outside 5m to 14d\n/);
  assert.equal(existsSync(bad), false);

  const report = capture();
  assert.equal(await runExportRuleCommand(['mail-flow', '--domain', 'contoso.com'], report), 2);
  assert.match(report.stderr, /mail-flow is a report/);
  await assert.rejects(runExportRuleCommand(['exfil-rate', '--domain', 'contoso.com', '--severity', 'Critical'], capture()), /unknown --severity Critical/);
});
