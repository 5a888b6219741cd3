// Hunt templates benchmark (node out/bench/hunts.js): each template, rendered for a profile,
// run by the embedded engine on a synthetic message trace of 1,000,000 rows held in memory
// (src/trace/synthetic with the exfiltration and lookalike scenarios, 30 days, seeded; the
// table built as ingestion builds it). Per query: one warm-up run, then the median of --runs
// runs, split into Kusto.Language analysis and execution. The baseline, measured in the same
// run on the same table, is a plain full scan: distinct messages per sender over every row
// (`summarize dcount(message id) by tolower(sender)`): each template's time is printed as a
// ratio to it. The detections' findings are checked against the injected incidents.
//
// Options: --rows N (default 1,000,000), --runs N (default 5), --profile classic|dcr (the
// ingestion profiles; default classic).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { runQuery, type Table } from '../src/engine';
import { MemorySource } from '../src/engine/memory-source';
import { HUNT_TEMPLATES, huntProfile, renderHunt, type HuntTemplate } from '../src/hunts';
import { recordsToTable } from '../src/ingest/local-sink';
import { ingestProfile, type IngestProfileName } from '../src/ingest/profiles';
import type { TraceRecord } from '../src/trace/record';
import { SyntheticTraceSource, type SyntheticIncidents } from '../src/trace/synthetic';
import { ms, percentile } from './stats';

const DOMAINS = ['contoso.com', 'fabrikam.co.uk'];
const END = '2025-06-01T00:00:00Z';
const SEED = 20_250_601;

interface Options {
  rows: number;
  runs: number;
  profile: IngestProfileName;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { rows: 1_000_000, runs: 5, profile: 'classic' };
  for (let i = 0; i < argv.length; i++) {
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    switch (argv[i]) {
      case '--rows': options.rows = positive('--rows', value()); break;
      case '--runs': options.runs = positive('--runs', value()); break;
      case '--profile': {
        const profile = value();
        if (profile !== 'classic' && profile !== 'dcr') throw new Error('--profile is classic or dcr');
        options.profile = profile;
        break;
      }
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return options;
}

function positive(name: string, text: string): number {
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} needs a positive whole number, not ${text}`);
  return n;
}

interface Data {
  source: MemorySource;
  incidents: SyntheticIncidents;
  rows: number;
}

function generate(options: Options): Data {
  let started = performance.now();
  const synthetic = new SyntheticTraceSource({
    domains: DOMAINS, days: 30, end: END, seed: SEED, rows: options.rows, scenarios: ['exfiltration', 'lookalike'], exfiltrators: 2,
  });
  let records: TraceRecord[] = [];
  for (const page of synthetic.pages(synthetic.period)) records = records.concat(page);
  const generateMs = performance.now() - started;
  started = performance.now();
  const profile = ingestProfile(options.profile);
  const table: Table = recordsToTable(profile, records);
  console.log(`data: ${table.rowCount.toLocaleString('en-US')} rows of ${profile.table} (profile ${options.profile}), 30 days to ${END}, `
    + `seed ${SEED}: generated in ${ms(generateMs)}, table built in ${ms(performance.now() - started)}`);
  return { source: new MemorySource(new Map([[profile.table, table]])), incidents: synthetic.incidents(), rows: table.rowCount };
}

interface Timing {
  totals: number[];
  analyze: number[];
  execute: number[];
  rows: number;
  first: Table;
}

async function time(query: string, data: Data, runs: number): Promise<Timing> {
  const now = Date.parse(END) * 1000;
  const timing: Timing = { totals: [], analyze: [], execute: [], rows: 0, first: undefined as unknown as Table };
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    const result = await runQuery(query, data.source.schema, data.source, { now });
    const total = performance.now() - started;
    if (run === 0) {
      timing.first = result.table;
      timing.rows = result.table.rowCount;
      continue; // warm-up
    }
    timing.totals.push(total);
    timing.analyze.push(result.timing.analyzeMs);
    timing.execute.push(result.timing.executeMs);
  }
  return timing;
}

const median = (values: number[]): number => percentile(values, 50);

/** What a detection found against what was injected, for the printed line. */
function findings(template: HuntTemplate, table: Table, incidents: SyntheticIncidents): string {
  if (template.kind !== 'detection') return '';
  const senderColumn = table.schema.findIndex((f) => f.name === 'Sender');
  const found = new Set(table.rows().map((row) => String(row[senderColumn])));
  const expected = template.name === 'impersonation'
    ? incidents.lookalike?.senders ?? []
    : incidents.exfiltration.map((e) => e.sender);
  const hit = expected.filter((s) => found.has(s.toLowerCase())).length;
  return `; found ${hit} of ${expected.length} injected, ${found.size - hit} other`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const data = generate(options);
  const profile = huntProfile(options.profile);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; `
    + `per query 1 warm-up run, then the median of ${options.runs}; now() = ${END}`);

  const baselineQuery = `${profile.table} | summarize Messages = dcount(${profile.messageKey}) by Sender = tolower(${profile.sender})`;
  const baseline = await time(baselineQuery, data, options.runs);
  const base = median(baseline.totals);
  console.log(`baseline "full scan: dcount(message) by sender over all ${data.rows.toLocaleString('en-US')} rows": ${ms(base)} `
    + `(analysis ${ms(median(baseline.analyze))}, execution ${ms(median(baseline.execute))}; ${baseline.rows.toLocaleString('en-US')} senders)`);
  console.log('');

  for (const template of HUNT_TEMPLATES) {
    if (!template.profiles.includes(options.profile)) continue;
    const { query } = renderHunt(template, { profile: options.profile, domains: DOMAINS });
    const t = await time(query, data, options.runs);
    const total = median(t.totals);
    console.log(`${template.name.padEnd(22)} ${ms(total).padStart(10)}  ratio ${(total / base).toFixed(2)}x the baseline  `
      + `(analysis ${ms(median(t.analyze))}, execution ${ms(median(t.execute))}, runs ${t.totals.map((v) => v.toFixed(0)).join('/')} ms; `
      + `${t.rows} rows${findings(template, t.first, data.incidents)})`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
