// Ingestion benchmark (npm run bench:ingest): the whole incremental pipeline, Graph message trace
// to the Logs Ingestion API, against the local protocol-faithful HTTPS servers, each figure with
// a baseline measured in the same run.
//
//  1. Throughput. The parent generates the synthetic tenant's rows (bench/ingest/data.ts: 33,000
//     a day, so 1,000,000 rows are 30 days) and serves them from the Graph server
//     (test/support/servers) with a budget that never binds. A child process runs
//     runIngestion: GraphTraceSource (pages of 5,000, one query per day) -> de-duplication ->
//     shaping -> LogsIngestionSink (gzipped requests under 1 MB, each recorded in the state's
//     journal before it goes and once it is in) -> the Logs Ingestion server. Rows per second,
//     from the first request to the last row accepted, and the CPU time per row of the client
//     and of the servers. Baseline: the floor (bench/ingest/floor.ts), another child that
//     fetches and JSON-parses the same pages and gzips and POSTs the same rows with nothing
//     else. Target: >= 50,000 rows/s for 1,000,000 rows. (On a 2-core machine shared with other
//     work, expect a spread of 10-15% between runs: the floor moves with it.)
//  2. Peak memory. VmHWM of the pipeline child of step 1, and of the same pipeline over a run a
//     tenth as long (same density), and their ratio. The target is memory bounded by a batch and
//     the overlap window, not by the length of the run. VmHWM alone does not settle it: V8 lets
//     garbage pile up to several times the live data between full collections and takes a while
//     to settle on how much, and a run of 100,000 rows (3 days) spends most of its time filling
//     the overlap window's keys (48 hours and a window), so it peaks lower; runs of 1 and 2
//     million rows peak within a few percent of each other. So the children also record the heap
//     in use right after each full collection, the live data (bench/ingest/memory-sampler.ts), and
//     the verdict is whether the long run's live data grows as it goes once the overlap window's
//     keys are in (after its first fifth): the median over the last two fifths of the run against
//     the two fifths before.
//  3. Throttled. Graph's budget (100 requests per 5 minutes) scaled down to 10 requests per few
//     seconds, the same on the server and in the client's limiter, over one day of exactly full
//     pages, with the limiter's own margin (it waits 1% of the interval more after a slot frees,
//     for the time between booking a request and the server stamping it; 2 s for Graph's budget).
//     The throttle-bound maximum is budget x 5,000 rows; the achieved rate counts the rows after
//     the budget's opening burst (the first 10 pages cost no wait in any sliding window, so
//     counting them would flatter the run). Target: >= 95% of the maximum.
//
// Every run checks that the Logs Ingestion server accepted each row exactly once. Children run
// one after the other; the servers live in this process, so a child's memory is its own.
//
// Options: --rows N (default 1,000,000; the throttled run scales with it), --profile dcr|classic
// (default dcr, the one that also splits domains out), --throttle-seconds S (default 50: the
// length of the throttled run at the bound), --only floor|pipeline|memory|throttled[,...] (parts
// to run; the default is all of them).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ingestProfile, type IngestProfileName } from '../src/ingest';
import { repoRoot } from '../test/support/paths';
import { benchData, dataSpec, ROWS_PER_DAY, type BenchData } from './ingest/data';
import { CHILD_FLAG, type ChildConfig, type ChildMode, type ChildReport } from './ingest/protocol';
import { percentile } from './stats';
import { acceptedIdentity, startBenchServers, type BenchServers } from './ingest/servers';

const PAGE_ROWS = 5_000;
const BATCH_ROWS = 5_000;
const UNLIMITED = { limit: 1_000_000, intervalMs: 1_000 };
const THROTTLE_LIMIT = 10;
/** Pages of the throttled run at 1,000,000 rows (400,000 rows in one day). */
const THROTTLE_PAGES = 80;

const TARGET_ROWS_PER_S = 50_000;
const TARGET_THROTTLE_SHARE = 0.95;
/** "Bounded by a batch": the long run may use at most this much more memory than the short one. */
const MEMORY_RATIO_BOUND = 1.25;

const PARTS = ['floor', 'pipeline', 'memory', 'throttled'] as const;
type Part = (typeof PARTS)[number];

interface Options {
  rows: number;
  profile: IngestProfileName;
  throttleSeconds: number;
  only: Set<Part>;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { rows: 1_000_000, profile: 'dcr', throttleSeconds: 50, only: new Set(PARTS) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--rows': options.rows = positive(arg, value()); break;
      case '--throttle-seconds': options.throttleSeconds = positive(arg, value()); break;
      case '--only': {
        const parts = value().split(',');
        const unknown = parts.filter((part) => !(PARTS as readonly string[]).includes(part));
        if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`);
        options.only = new Set(parts as Part[]);
        break;
      }
      case '--profile': {
        const name = value();
        ingestProfile(name);
        options.profile = name as IngestProfileName;
        break;
      }
      default: throw new Error(`unknown option ${arg}`);
    }
  }
  return options;
}

function positive(name: string, text: string): number {
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} needs a positive whole number, not ${text}`);
  return n;
}

// ---------------------------------------------------------------- runs

interface Run {
  report: ChildReport;
  servers: BenchServers;
  /** 429s the Graph server sent because the budget was spent. */
  graphThrottled: number;
}

function spawnChild(config: ChildConfig): Promise<ChildReport> {
  const child = spawn(process.execPath, [...process.execArgv, path.join(__dirname, 'ingest', 'child.js'), CHILD_FLAG, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(repoRoot, 'test', 'fixtures', 'tls', 'ca.pem') },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => { out += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) { reject(new Error(`the ${config.mode} run exited with ${code}`)); return; }
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildReport);
      } catch (error) {
        reject(new Error(`the ${config.mode} run printed no report: ${String(error)}\n${out}`));
      }
    });
  });
}

/** One child run against fresh servers; the servers stay open for the checks. */
/** `budget`: the client's; the server's is its limit and interval. */
async function run(mode: ChildMode, data: BenchData, options: Options, work: string, budget: ChildConfig['budget'] = UNLIMITED): Promise<Run> {
  const servers = await startBenchServers(data.records, options.profile, { limit: budget.limit, intervalMs: budget.intervalMs });
  const cpu = process.cpuUsage();
  const report = await spawnChild({
    mode, ...servers.endpoints, profile: options.profile, start: data.start.toISOString(), end: data.end.toISOString(), budget, batchRows: BATCH_ROWS, work,
  });
  const used = process.cpuUsage(cpu);
  return { report: { ...report, serverCpuMs: (used.user + used.system) / 1000 }, servers, graphThrottled: servers.graph.throttled };
}

/** Throws unless the ingestion server accepted every row of `data` exactly once (or, for the floor, as many rows). */
function checkAccepted({ servers, report }: Run, data: BenchData, profileName: IngestProfileName): void {
  const what = `${report.mode} run`;
  const accepted = servers.accepted;
  if (accepted.length !== data.records.length) throw new Error(`${what}: the server accepted ${accepted.length} rows, not ${data.records.length}`);
  if (report.mode === 'floor') return;
  const distinct = new Set(accepted);
  if (distinct.size !== accepted.length) throw new Error(`${what}: ${accepted.length - distinct.size} rows were accepted twice`);
  const profile = ingestProfile(profileName);
  const missing = data.records.filter((r) => !distinct.has(acceptedIdentity(profile, profile.toJson(r)))).length;
  if (missing > 0) throw new Error(`${what}: ${missing} rows of the source were not accepted`);
}

async function measured(mode: ChildMode, data: BenchData, options: Options, work: string, budget: ChildConfig['budget'] = UNLIMITED): Promise<Run> {
  const result = await run(mode, data, options, work, budget);
  try {
    checkAccepted(result, data, options.profile);
  } finally {
    await result.servers.close();
  }
  return result;
}

// ---------------------------------------------------------------- printing

const n = (value: number): string => Math.round(value).toLocaleString('en-US');
const rate = (report: ChildReport): number => report.rows / (report.elapsedMs / 1000);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const mib = (value: number): string => `${value.toFixed(0)} MiB`;
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
const verdict = (met: boolean): string => (met ? 'met' : 'NOT MET');
const median = (values: number[]): number => (values.length === 0 ? Number.NaN : percentile(values, 50));

function describe(report: ChildReport): string {
  const perRow = (ms: number): string => `${((ms * 1000) / report.rows).toFixed(1)} µs/row`;
  const servers = report.serverCpuMs === undefined ? '' : `, servers ${perRow(report.serverCpuMs)}`;
  const parts = [`${n(report.rows)} rows in ${seconds(report.elapsedMs)} (CPU: client ${perRow(report.cpuMs)}${servers})`];
  if (report.graph) parts.push(`${report.graph.requests} Graph requests (${report.graph.retries} retries, ${report.graph.throttled} answered 429, ${seconds(report.graph.budgetWaitMs)} waiting for the budget)`);
  if (report.sink) parts.push(`${report.sink.requests} ingestion requests`);
  if (report.summary) parts.push(`${report.summary.windows} windows, ${n(report.summary.duplicates)} duplicates skipped`);
  return parts.join(', ');
}

// ---------------------------------------------------------------- main

interface Figures {
  floor?: ChildReport;
  pipeline?: ChildReport;
  memory?: { long: ChildReport; short: ChildReport; ratio: number; firstHalf: number; secondHalf: number; liveRatio: number };
  throttled?: { share: number; steady: number; bound: number };
}

/** 1. Rows per second through the whole pipeline, and through the floor. */
async function throughput(options: Options, work: string, figures: Figures): Promise<void> {
  let started = performance.now();
  const full = benchData(dataSpec(options.rows));
  console.log(`data: ${n(full.records.length)} synthetic rows over ${full.days} days (${n(ROWS_PER_DAY)} a day; ${full.repeats} rows repeating an identity dropped) to ${full.end.toISOString()}, generated in ${seconds(performance.now() - started)}; `
    + `profile ${options.profile}, Graph pages of ${n(PAGE_ROWS)}, batches of ${n(BATCH_ROWS)} rows`);
  if (options.only.has('floor')) {
    figures.floor = (await measured('floor', full, options, work)).report;
    console.log(`floor    (fetch + JSON.parse the pages, shape, gzip + POST; nothing else): ${n(rate(figures.floor))} rows/s; ${describe(figures.floor)}`);
  }
  if (options.only.has('pipeline') || options.only.has('memory')) {
    started = performance.now();
    figures.pipeline = (await measured('pipeline', full, options, work)).report;
    const pipeline = figures.pipeline;
    console.log(`pipeline (GraphTraceSource -> dedup -> shape -> LogsIngestionSink):       ${n(rate(pipeline))} rows/s; ${describe(pipeline)}`);
    const ratio = figures.floor ? ` = ${(rate(pipeline) / rate(figures.floor)).toFixed(2)}x the floor` : '';
    console.log(`  throughput ${n(rate(pipeline))} rows/s${ratio} (target >= ${n(TARGET_ROWS_PER_S)} rows/s: ${verdict(rate(pipeline) >= TARGET_ROWS_PER_S)})`);
  }
}

/** 2. Peak memory of the long run against a run a tenth as long, at the same density. */
async function memory(options: Options, work: string, figures: Figures): Promise<void> {
  const long = figures.pipeline!;
  const short = benchData(dataSpec(Math.max(ROWS_PER_DAY, Math.round(options.rows / 10))));
  const shortRun = (await measured('pipeline', short, options, work)).report;
  const ratio = long.hwmMiB / shortRun.hwmMiB;
  const live = long.liveHeap;
  // Past the first fifth of the run the overlap window's keys are in (3 days of 30): then halves by time.
  const during = (from: number, to: number): number[] => live.filter((s) => s.atMs >= from * long.elapsedMs && s.atMs < to * long.elapsedMs).map((s) => s.mib);
  const firstHalf = median(during(0.2, 0.6));
  const secondHalf = median(during(0.6, 1.01));
  const liveRatio = secondHalf / firstHalf;
  figures.memory = { long, short: shortRun, ratio, firstHalf, secondHalf, liveRatio };
  console.log(`pipeline over ${short.days} days: ${n(rate(shortRun))} rows/s; ${describe(shortRun)}`);
  console.log(`  peak memory (VmHWM of the pipeline process): ${n(long.rows)} rows ${mib(long.hwmMiB)}, ${n(shortRun.rows)} rows ${mib(shortRun.hwmMiB)}, ratio ${ratio.toFixed(2)}x `
    + `(${mib(long.hwmBeforeMiB)} and ${mib(shortRun.hwmBeforeMiB)} before the runs; largest heap in use ${mib(long.heapUsedMiB)} and ${mib(shortRun.heapUsedMiB)}, `
    + `external memory ${mib(long.externalMiB)} and ${mib(shortRun.externalMiB)})`);
  console.log(`  live heap (in use right after a full collection): ${n(long.rows)} rows: ${live.map((s) => s.mib.toFixed(0)).join(', ')} MiB; median ${mib(firstHalf)} from a fifth to three fifths `
    + `of the run, ${mib(secondHalf)} after, ratio ${liveRatio.toFixed(2)}x; ${n(shortRun.rows)} rows: ${shortRun.liveHeap.map((s) => s.mib.toFixed(0)).join(', ')} MiB `
    + `(target: bounded by a batch and the overlap window, not by the run: the later part <= ${MEMORY_RATIO_BOUND}x the earlier: ${verdict(liveRatio <= MEMORY_RATIO_BOUND)})`);
}

/** 3. Under Graph's request budget, scaled down: one day of full pages, the run taking about --throttle-seconds. */
async function throttled(options: Options, work: string, figures: Figures): Promise<void> {
  const pages = Math.max(4 * THROTTLE_LIMIT, Math.round((THROTTLE_PAGES * options.rows) / 1_000_000));
  const intervalMs = Math.round((options.throttleSeconds * 1000 * THROTTLE_LIMIT) / (pages - THROTTLE_LIMIT));
  const budget = { limit: THROTTLE_LIMIT, intervalMs };
  // A few rows more than the pages hold, cut back once repeated identities are dropped: every page is full.
  const day = benchData({ ...dataSpec(pages * PAGE_ROWS + 100, 1), keep: pages * PAGE_ROWS });
  const { report, graphThrottled } = await measured('pipeline', day, options, work, budget);
  const bound = (budget.limit / (budget.intervalMs / 1000)) * PAGE_ROWS;
  const steady = (report.rows - budget.limit * PAGE_ROWS) / (report.elapsedMs / 1000);
  figures.throttled = { share: steady / bound, steady, bound };
  console.log(`throttled: budget ${budget.limit} requests per ${seconds(budget.intervalMs)} on the Graph server and in the client's limiter (Graph's: 100 per 300 s; the limiter's margin ${(budget.intervalMs / 100).toFixed(0)} ms); `
    + `${n(day.records.length)} rows received in one day = ${pages} full pages; ${describe(report)}; ${graphThrottled} requests over the server's budget`);
  console.log(`  throttle-bound maximum ${n(bound)} rows/s (budget x ${n(PAGE_ROWS)} rows per full page); achieved ${n(steady)} rows/s after the opening burst of ${budget.limit} pages `
    + `(${n(rate(report))} rows/s counting it) = ${percent(steady / bound)} of the maximum (target >= ${percent(TARGET_THROTTLE_SHARE)}: ${verdict(steady / bound >= TARGET_THROTTLE_SHARE)})`);
}

function printSummary(figures: Figures): void {
  console.log('summary');
  const { floor, pipeline, memory: mem, throttled: thr } = figures;
  if (pipeline) {
    const ratio = floor ? `floor ${n(rate(floor))} rows/s, ratio ${(rate(pipeline) / rate(floor)).toFixed(2)}x` : 'floor not run';
    console.log(`  throughput    ${n(rate(pipeline)).padStart(9)} rows/s  ${ratio}   target >= ${n(TARGET_ROWS_PER_S)} rows/s ${verdict(rate(pipeline) >= TARGET_ROWS_PER_S)}`);
  } else if (floor) {
    console.log(`  floor         ${n(rate(floor)).padStart(9)} rows/s`);
  }
  if (thr) console.log(`  throttled     ${percent(thr.share).padStart(9)}         of ${n(thr.bound)} rows/s (${n(thr.steady)} rows/s)   target >= ${percent(TARGET_THROTTLE_SHARE)} ${verdict(thr.share >= TARGET_THROTTLE_SHARE)}`);
  if (mem) {
    console.log(`  peak memory   ${mib(mem.long.hwmMiB).padStart(9)}         VmHWM; ${n(mem.short.rows)}-row run ${mib(mem.short.hwmMiB)}, ratio ${mem.ratio.toFixed(2)}x`);
    console.log(`  live heap     ${mib(mem.secondHalf).padStart(9)}         median, last two fifths of the run; the two before ${mib(mem.firstHalf)}, ratio ${mem.liveRatio.toFixed(2)}x   target <= ${MEMORY_RATIO_BOUND}x ${verdict(mem.liveRatio <= MEMORY_RATIO_BOUND)}`);
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const benchStart = performance.now();
  const work = await mkdtemp(path.join(os.tmpdir(), 'sentinel-hunt-bench-ingest-'));
  const figures: Figures = {};
  try {
    console.log(`machine: ${os.cpus().length} cores, Node ${process.versions.node}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min)`);
    if (options.only.has('floor') || options.only.has('pipeline') || options.only.has('memory')) {
      await throughput(options, work, figures);
      console.log('');
    }
    if (options.only.has('memory')) {
      await memory(options, work, figures);
      console.log('');
    }
    if (options.only.has('throttled')) {
      await throttled(options, work, figures);
      console.log('');
    }
    printSummary(figures);
    console.log(`machine: load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) at the end`);
    console.log(`benchmark time ${seconds(performance.now() - benchStart)}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exitCode = 1;
});
