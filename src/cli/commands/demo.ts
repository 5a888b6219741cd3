// `sentinel-hunt demo [--dir DIR] [--days N] [--seed S] [--domain D ...] [--profile classic|dcr]`
// The main job on the embedded default: a month of synthetic message trace for a fictional
// tenant with injected incidents, ingested into a local workspace, every hunt run over it, what
// they found checked against what was injected, an HTML report, and how to open it in VS Code.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Table } from '../../engine';
import { outputValue } from '../../engine/output';
import { LocalSink, runIngestion, DEFAULT_OVERLAP_MS, ingestProfile, type IngestProfileName } from '../../ingest';
import { runHunts, type HuntRun } from '../../hunts/run';
import { SyntheticTraceSource, type SyntheticIncidents } from '../../trace/synthetic';
import { UsageError } from '../usage-error';
import { openWorkspaceSource } from '../workspace-source';
import { writeHuntReport } from './hunt-report';

export const demoUsage = `sentinel-hunt demo [--dir DIR] [--days 30] [--rows N] [--seed 1] [--domain D ...] [--profile classic|dcr]
  Generates a month of realistic message trace for a fictional tenant (contoso.com and
  fabrikam.com) with injected incidents (an exfiltration burst, mail from lookalike domains,
  late rows, status changes), ingests it into a local workspace in DIR (default
  ./sentinel-hunt-demo), runs every hunt, prints what they found against what was injected,
  writes DIR/report.html and DIR/hunts/*.kql, and says how to open it all in VS Code.
  --rows N   ordinary rows over the period (default 33,000 a day); incidents add theirs`;

const SCENARIOS = ['exfiltration', 'lookalike', 'late-arrivals', 'status-changes'];
const DEMO_MARKER = '.sentinel-hunt-demo';

export async function runDemo(argv: string[], io: { out(text: string): void }): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: 'string', default: 'sentinel-hunt-demo' },
      days: { type: 'string', default: '30' },
      seed: { type: 'string', default: '1' },
      rows: { type: 'string' },
      domain: { type: 'string', multiple: true },
      profile: { type: 'string', default: 'classic' },
    },
  });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 8) throw new UsageError(`--days must be a whole number of at least 8 (a week of baseline and the last day), not ${values.days}`);
  const profile = values.profile as IngestProfileName;
  if (profile !== 'classic' && profile !== 'dcr') throw new UsageError(`--profile must be classic or dcr, not ${values.profile}`);
  const domains = values.domain ?? ['contoso.com', 'fabrikam.com'];
  const dir = path.resolve(values.dir);
  const workspaceDir = path.join(dir, 'workspace');

  await prepareDirectory(dir);
  const rows = values.rows === undefined ? undefined : Number(values.rows);
  if (rows !== undefined && (!Number.isInteger(rows) || rows < 1000 * days)) throw new UsageError(`--rows must be a whole number of at least 1,000 a day, not ${values.rows}`);
  // The data ends at the current hour, so hunts run later in VS Code (now() = the clock) see
  // the same last day as the demo's own run.
  const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const source = new SyntheticTraceSource({ domains, days, rows, end, seed: Number(values.seed), scenarios: SCENARIOS, exfiltrators: 1 });
  const { start } = source.period;
  io.out(`1. Ingesting ${days} days of synthetic message trace for ${domains.join(', ')} (${start.toISOString().slice(0, 10)} to ${end.toISOString().slice(0, 10)}) into ${workspaceDir}\n`);
  const started = performance.now();
  const summary = await runIngestion({
    source, sink: await LocalSink.open(workspaceDir), profile, now: end, firstRunStart: start, overlapMs: DEFAULT_OVERLAP_MS, batchRows: 50_000,
  });
  io.out(`   ${summary.written.toLocaleString('en-US')} rows written (${summary.duplicates} duplicates skipped) in ${((performance.now() - started) / 1000).toFixed(1)} s\n\n`);

  io.out(`2. Running every hunt (profile ${profile}, now = ${end.toISOString()})\n`);
  const workspace = await openWorkspaceSource(workspaceDir);
  const loadStarted = performance.now();
  await workspace.read(ingestProfile(profile).table);
  io.out(`   (table loaded from Parquet in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s; hunt times below are the queries alone)\n`);
  const runs = await runHunts(workspace, { profile, domains, now: end.getTime() * 1000 });
  for (const run of runs) io.out(describeRun(run));

  io.out('\n3. Checked against what was injected\n');
  const checks = checkFindings(runs, source.incidents());
  for (const check of checks) io.out(`   ${check.ok ? 'found' : 'MISSED'}: ${check.what}\n`);

  const report = path.join(dir, 'report.html');
  await writeHuntReport(report, runs, { title: `Sentinel Hunt demo: ${domains.join(', ')}`, subtitle: `${summary.written.toLocaleString('en-US')} message trace rows, ${start.toISOString().slice(0, 10)} to ${end.toISOString().slice(0, 10)}` });
  await writeHuntFiles(path.join(dir, 'hunts'), runs);
  io.out(`\n4. Report: ${report}\n`);
  io.out(`   Hunts as .kql files: ${path.join(dir, 'hunts')}\n`);
  io.out(`\nOpen it in VS Code with the Sentinel Hunt extension:\n  code ${dir}\n`);
  io.out('then open a file in hunts/ and press Ctrl+Enter to run it against the local workspace\n');
  io.out(`(setting "sentinelHunt.localWorkspace": "${workspaceDir}", written to ${path.join(dir, '.vscode', 'settings.json')}).\n`);
  await writeVsCodeSettings(dir, workspaceDir, domains, profile);
  return checks.every((c) => c.ok) ? 0 : 1;
}

function describeRun(run: HuntRun): string {
  const label = `   ${run.template.name.padEnd(22)}`;
  if (run.error) return `${label} could not run: ${run.error}\n`;
  const table = run.result!.table;
  const time = `${run.ms.toFixed(0)} ms`;
  if (run.template.kind === 'report') return `${label} ${table.rowCount} rows (${time})\n`;
  const first = keyColumnValues(table, 5);
  return `${label} ${table.rowCount} flagged (${time})${first.length > 0 ? `: ${first.join(', ')}${table.rowCount > first.length ? ', ...' : ''}` : ''}\n`;
}

/** The flagged senders (or the first column's values, as text), at most `max`. */
function keyColumnValues(table: Table, max: number): string[] {
  const index = Math.max(0, table.names.indexOf('Sender'));
  const { type } = table.schema[index];
  const column = table.columns[index];
  return Array.from({ length: Math.min(max, table.rowCount) }, (_, i) => String(outputValue(column.get(i), type)));
}

function columnValues(run: HuntRun | undefined, name: string): Set<string> {
  const table = run?.result?.table;
  const column = table?.column(name);
  if (!table || !column) return new Set();
  return new Set(Array.from({ length: table.rowCount }, (_, i) => String(column.get(i)).toLowerCase()));
}

interface FindingCheck {
  what: string;
  ok: boolean;
}

function checkFindings(runs: HuntRun[], incidents: SyntheticIncidents): FindingCheck[] {
  const byName = new Map(runs.map((r) => [r.template.name, r]));
  const checks: FindingCheck[] = [];
  const flagged = columnValues(byName.get('exfil-rate-per-sender'), 'Sender');
  for (const incident of incidents.exfiltration) {
    checks.push({ what: `exfiltration by ${incident.sender} (${incident.messages} messages out on the last day) flagged by exfil-rate-per-sender`, ok: flagged.has(incident.sender.toLowerCase()) });
  }
  const impersonators = columnValues(byName.get('impersonation'), 'Sender');
  for (const sender of incidents.lookalike?.senders ?? []) {
    checks.push({ what: `mail from lookalike sender ${sender} found by impersonation`, ok: impersonators.has(sender.toLowerCase()) });
  }
  return checks;
}

/** A demo folder is made afresh each time; a folder the demo did not make is never touched. */
async function prepareDirectory(dir: string): Promise<void> {
  const marker = path.join(dir, DEMO_MARKER);
  const entries = await readdir(dir).catch(() => [] as string[]);
  if (entries.length > 0 && !entries.includes(DEMO_MARKER)) {
    throw new UsageError(`${dir} exists and was not made by the demo; choose another --dir`);
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(marker, 'Made by sentinel-hunt demo; the next demo run replaces this folder.\n');
}

async function writeHuntFiles(dir: string, runs: HuntRun[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const run of runs) await writeFile(path.join(dir, `${run.template.name}.kql`), `${run.rendered.query}\n`);
}

async function writeVsCodeSettings(dir: string, workspaceDir: string, domains: readonly string[], profile: string): Promise<void> {
  await mkdir(path.join(dir, '.vscode'), { recursive: true });
  const settings = { 'sentinelHunt.localWorkspace': workspaceDir, 'sentinelHunt.tenantDomains': domains, 'sentinelHunt.profile': profile };
  await writeFile(path.join(dir, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}
