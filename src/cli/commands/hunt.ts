// `sentinel-hunt hunt NAME --domain D [--domain D2 ...] [--workspace DIR] [--now ISO] [--profile P] [--param k=v] [--format json|table|csv|kql]`
// Renders a hunt template for the tenant and runs it like `query` (same output and exit codes).
import { parseArgs } from 'node:util';
import { parseDatetime } from '../../engine/data/temporal';
import { HuntError, PROFILE_NAMES, huntProfile, huntTemplate, isProfileName, renderHunt, type HuntTemplate, type ProfileName } from '../../hunts';
import { runHunts, type HuntRun } from '../../hunts/run';
import { writeHuntReport } from './hunt-report';
import { UsageError } from '../usage-error';
import { openWorkspaceSource } from '../workspace-source';
import { runQueryCommand, type QueryIo } from './query';

export const huntUsage = `sentinel-hunt hunt (NAME | --all [--report FILE.html]) --domain D [--domain D2 ...] [--workspace DIR] [--now ISO]
    [--profile P] [--param k=v ...] [--format json|table|csv|kql] [--timing]
  Renders a hunt template (see \`sentinel-hunt templates\`) for the tenant's domains and runs it on
  the embedded engine over a local workspace, as \`query\` does; --format kql prints the query.
  --domain D     a tenant domain (Unicode or ASCII; its subdomains are the tenant's too); repeatable
  --profile P    classic (EmailEvents_CL), dcr (MessageTrace_CL) or mdo (Defender EmailEvents);
                 default: the profile whose table the workspace has (classic if none)
  --param k=v    a template parameter, e.g. --param baselineDays=10 --param k=2.5; repeatable
  --now, --workspace, --timing, --format json|table|csv: as for \`query\`
  --all          every template for the profile, one line each (what it found); --report
                 writes one self-contained HTML file with each hunt's table and chart
  Exit 2 on an unknown template, a bad domain or parameter, or a query error.`;

/** --param k=v options as a record; a malformed or repeated one is a usage error. */
export function parseParamOptions(options: readonly string[] | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const option of options ?? []) {
    const eq = option.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param ${option}: expected NAME=VALUE, e.g. --param k=2.5`);
    const name = option.slice(0, eq).trim();
    if (Object.prototype.hasOwnProperty.call(params, name)) throw new UsageError(`--param ${name} given twice`);
    params[name] = option.slice(eq + 1);
  }
  return params;
}

export function profileOption(value: string | undefined): ProfileName | undefined {
  if (value === undefined) return undefined;
  if (!isProfileName(value)) throw new UsageError(`unknown --profile ${value}; expected classic, dcr or mdo`);
  return value;
}

/** The first of the template's profiles whose table the workspace has; classic when none has. */
async function workspaceProfile(dir: string | undefined, template: HuntTemplate): Promise<ProfileName> {
  const source = await openWorkspaceSource(dir);
  const tables = new Set(source.schema.tables.map((t) => t.name));
  return template.profiles.find((p) => tables.has(huntProfile(p).table)) ?? 'classic';
}

const FORMATS = ['json', 'table', 'csv', 'kql'];

export async function runHuntCommand(argv: string[], io: QueryIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      domain: { type: 'string', multiple: true },
      workspace: { type: 'string' },
      now: { type: 'string' },
      profile: { type: 'string' },
      param: { type: 'string', multiple: true },
      format: { type: 'string', default: 'table' },
      timing: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      report: { type: 'string' },
    },
  });
  if (values.all) {
    if (positionals.length > 0) throw new UsageError('hunt --all runs every template: give no NAME');
    return runAllHunts(values, io);
  }
  if (values.report !== undefined) throw new UsageError('--report goes with --all');
  if (positionals.length !== 1) throw new UsageError('hunt needs exactly one template NAME (see sentinel-hunt templates), or --all');
  const format = values.format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown --format ${format}; expected ${FORMATS.join(', ')}`);
  const params = parseParamOptions(values.param);
  const requested = profileOption(values.profile);
  try {
    const template = huntTemplate(positionals[0]);
    const profile = requested ?? (format === 'kql' ? 'classic' : await workspaceProfile(values.workspace, template));
    const rendered = renderHunt(template, { profile, domains: values.domain ?? [], params });
    if (format === 'kql') {
      io.out(`${rendered.query}\n`);
      return 0;
    }
    const queryArgs = ['--format', format];
    if (values.workspace !== undefined) queryArgs.push('--workspace', values.workspace);
    if (values.now !== undefined) queryArgs.push('--now', values.now);
    if (values.timing) queryArgs.push('--timing');
    return await runQueryCommand([...queryArgs, '-'], { ...io, readStdin: () => rendered.query });
  } catch (error) {
    if (error instanceof HuntError) {
      io.err(`sentinel-hunt: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

interface AllValues {
  domain?: string[];
  workspace?: string;
  now?: string;
  profile?: string;
  report?: string;
}

async function runAllHunts(values: AllValues, io: QueryIo): Promise<number> {
  const source = await openWorkspaceSource(values.workspace);
  const tables = new Set(source.schema.tables.map((t) => t.name));
  const profile = profileOption(values.profile) ?? PROFILE_NAMES.find((p) => tables.has(huntProfile(p).table)) ?? 'classic';
  const now = values.now === undefined ? Date.now() * 1000 : parseDatetime(values.now);
  if (now === null) throw new UsageError(`--now ${values.now} is not a datetime (use ISO 8601, e.g. 2024-05-01T00:00:00Z)`);
  let runs: HuntRun[];
  try {
    runs = await runHunts(source, { profile, domains: values.domain ?? [], now });
  } catch (error) {
    if (!(error instanceof HuntError)) throw error;
    io.err(`sentinel-hunt: ${error.message}\n`);
    return 2;
  }
  for (const run of runs) {
    const found = run.error ? `could not run: ${run.error}` : `${run.result!.table.rowCount} rows`;
    io.out(`${run.template.name.padEnd(24)} ${run.template.kind.padEnd(9)} ${found} (${run.ms.toFixed(0)} ms)\n`);
  }
  if (values.report !== undefined) {
    await writeHuntReport(values.report, runs, { title: `Sentinel Hunt: ${(values.domain ?? []).join(', ')}`, subtitle: `profile ${profile}` });
    io.out(`report: ${values.report}\n`);
  }
  return runs.some((run) => run.error) ? 1 : 0;
}
