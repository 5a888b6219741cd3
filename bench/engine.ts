// Engine benchmark (npm run bench:engine): the embedded KQL engine against DuckDB on the same
// rows, in the same run.
//
//  1. A synthetic message trace (bench/engine/data.ts: 1,000,000 rows of EmailEvents_CL in
//     the classic profile, ~5,000 senders, ~50,000 recipients, 30 days, seeded) and a
//     3,000-row table of lookalike domains are written with LocalWorkspace into a workspace
//     folder (Parquet parts, one per day).
//  2. Two child processes of this script, one after the other, each load the workspace and
//     run every query: `--engine-only` reads the tables with LocalWorkspace.read and runs the
//     KQL with runQuery (now() fixed to the end of the data); `--duckdb-only` has DuckDB
//     (@duckdb/node-api, a dev dependency used here only) read the same Parquet part files
//     into tables and runs the equivalent SQL. Separate processes keep each engine's timings
//     free of the other's threads and garbage collection, and make each one's VmHWM its own
//     peak memory. Each process times its load (from disk, in a fresh process), then per
//     query one warm-up run and --runs timed runs.
//  3. This process prints, per query (bench/engine/queries.ts), both medians and the ratio
//     ours/DuckDB against the target (<= 5x), after checking that both engines returned the
//     same result (columns, row count, every value): a difference, or a query our engine
//     cannot run, is printed loudly and the run exits 1. Then the load times (target: ours
//     < 3 s for 1M rows) and the peak memory (target: ours < 1.5 GiB).
//
// Options: --rows N (default 1,000,000), --runs N (default 5), --data DIR (generate there,
// or reuse a workspace this benchmark generated there before; kept), --keep (keep the
// temporary workspace), --only NAME[,NAME] (queries to run), --threads N (DuckDB's threads;
// default: DuckDB's own, one per core).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { runQuery, type Table } from '../src/engine';
import { MemorySource } from '../src/engine/memory-source';
import type { WorkspaceSchema } from '../src/kql/schema';
import { LocalWorkspace, MANIFEST_FILE, type Manifest } from '../src/store';
import { LOOKALIKE_COLUMNS, LOOKALIKE_TABLE, TRACE_PROFILE, TRACE_TABLE, dayTable, lookalikeTable, traceSource } from './engine/data';
import { benchQueries, type BenchQuery } from './engine/queries';
import { differences, duckRows, engineRows, type Rows } from './engine/results';
import { ms, percentile } from './stats';

const END = Date.UTC(2025, 5, 1) * 1000; // 2025-06-01T00:00:00Z: now() of every query
const DAYS = 30;
const SEED = 20_250_601;
/** Bump when the generator changes: a kept --data workspace of another version is refused. */
const DATA_VERSION = 3;

const TARGET_RATIO = 5;
const TARGET_LOAD_MS = 3_000;
const TARGET_PEAK_MIB = 1_536; // 1.5 GiB

interface Options {
  mode: 'main' | 'engine-only' | 'duckdb-only';
  rows: number;
  runs: number;
  data?: string;
  keep: boolean;
  only?: string[];
  threads?: number;
}

interface DataState {
  benchmark: 'engine';
  version: number;
  seed: number;
  rows: number;
  /** The mailboxes the generator made exfiltrate on the last day (informative). */
  exfiltrating?: readonly string[];
}

function parseOptions(argv: string[]): Options {
  const options: Options = { mode: 'main', rows: 1_000_000, runs: 5, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--engine-only': options.mode = 'engine-only'; break;
      case '--duckdb-only': options.mode = 'duckdb-only'; break;
      case '--rows': options.rows = positive(arg, value()); break;
      case '--runs': options.runs = positive(arg, value()); break;
      case '--data': options.data = path.resolve(value()); break;
      case '--keep': options.keep = true; break;
      case '--only': options.only = value().split(','); break;
      case '--threads': options.threads = positive(arg, value()); break;
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

// ---------------------------------------------------------------- data

/** Generates the workspace in `dir` unless it holds this benchmark's data of the same shape. */
async function prepareData(dir: string, rows: number): Promise<void> {
  const wanted: DataState = { benchmark: 'engine', version: DATA_VERSION, seed: SEED, rows };
  if (existsSync(path.join(dir, MANIFEST_FILE))) {
    const workspace = await LocalWorkspace.open(dir);
    const state = workspace.state() as DataState | null;
    if (state && state.benchmark === wanted.benchmark && state.version === wanted.version && state.seed === wanted.seed && state.rows === wanted.rows) {
      console.log(`data: reusing ${dir}`);
      printShape(workspace, state);
      return;
    }
    throw new Error(`${dir} holds other data than this benchmark generates (state ${JSON.stringify(workspace.state())}); remove it or choose another --data`);
  }
  if (existsSync(dir) && (await readdir(dir)).length > 0) throw new Error(`${dir} is not empty and not a workspace`);

  let started = performance.now();
  const source = traceSource({ seed: SEED, rows, days: DAYS, endMs: END / 1000 });
  const lookalikes = lookalikeTable();
  let generateMs = performance.now() - started;
  let writeMs = 0;
  const workspace = await LocalWorkspace.open(dir, { create: true });
  started = performance.now();
  await workspace.commit({
    create: [{ name: TRACE_TABLE, columns: TRACE_PROFILE.columns }, { name: LOOKALIKE_TABLE, columns: LOOKALIKE_COLUMNS }],
    appends: [{ table: LOOKALIKE_TABLE, data: lookalikes }],
  });
  writeMs += performance.now() - started;
  // One commit per day, as a daily ingestion would leave it.
  for (let day = 0; day < DAYS; day++) {
    started = performance.now();
    const table = dayTable(source, day);
    generateMs += performance.now() - started;
    started = performance.now();
    const last = day === DAYS - 1;
    const state: DataState | undefined = last ? { ...wanted, exfiltrating: source.incidents().exfiltration.map((e) => e.sender) } : undefined;
    await workspace.commit({ appends: [{ table: TRACE_TABLE, data: table }], state });
    writeMs += performance.now() - started;
  }
  console.log(`data: generated in ${ms(generateMs)}, written with LocalWorkspace in ${ms(writeMs)} to ${dir}`);
  printShape(workspace, workspace.state() as DataState);
}

function printShape(workspace: LocalWorkspace, state: DataState): void {
  const trace = workspace.table(TRACE_TABLE);
  const n = (value: number): string => value.toLocaleString('en-US');
  console.log(`data: ${TRACE_TABLE} ${n(trace.rowCount)} rows in ${trace.parts} Parquet parts (${(trace.bytes / 1048576).toFixed(1)} MiB), `
    + `${DAYS} days to ${new Date(END / 1000).toISOString()} (src/trace/synthetic); ${LOOKALIKE_TABLE} ${n(workspace.table(LOOKALIKE_TABLE).rowCount)} rows (src/lookalike)`);
  if (state.exfiltrating) console.log(`data: exfiltrating mailboxes (last day): ${state.exfiltrating.join(', ')}`);
}

/** The Parquet part files of a table, from the manifest (paths relative to the workspace). */
function partFiles(dir: string, table: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
  const entry = manifest.tables.find((t) => t.name === table);
  if (!entry) throw new Error(`no table ${table} in ${dir}`);
  return entry.parts.map((part) => {
    const file = path.join(dir, part.file);
    if (!existsSync(file)) throw new Error(`part file ${file} listed in the manifest is missing`);
    return file;
  });
}

// ---------------------------------------------------------------- the two engines

interface Ours {
  source: MemorySource;
  schema: WorkspaceSchema;
  rows: number;
  loadMs: number;
}

async function loadOurs(dir: string): Promise<Ours> {
  const started = performance.now();
  const workspace = await LocalWorkspace.open(dir);
  const tables = new Map<string, Table>();
  for (const name of [TRACE_TABLE, LOOKALIKE_TABLE]) tables.set(name, await workspace.read(name));
  const loadMs = performance.now() - started;
  return { source: new MemorySource(tables), schema: workspace.schema(), rows: tables.get(TRACE_TABLE)!.rowCount, loadMs };
}

interface Duck {
  connection: DuckDBConnection;
  version: string;
  threads: string;
  rows: number;
  loadMs: number;
}

async function loadDuck(dir: string, threads: number | undefined): Promise<Duck> {
  // Built-in extensions only (parquet, icu): nothing is downloaded.
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    ...(threads ? { threads: String(threads) } : {}),
  });
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'UTC'`);
  const started = performance.now();
  for (const table of [TRACE_TABLE, LOOKALIKE_TABLE]) {
    const files = partFiles(dir, table).map((f) => `'${f.replace(/'/g, "''")}'`).join(', ');
    // Our datetime columns are TIMESTAMP(MICROS, isAdjustedToUTC=true), which DuckDB reads as
    // TIMESTAMPTZ; its time_bucket() and comparisons on TIMESTAMPTZ go through ICU and are
    // 10-20x slower than on TIMESTAMP. Held as TIMESTAMP (UTC, exact), DuckDB is at its best.
    const replace = table === TRACE_TABLE ? ' REPLACE (TimeGenerated::TIMESTAMP AS TimeGenerated, Received_t::TIMESTAMP AS Received_t)' : '';
    await connection.run(`CREATE TABLE ${table} AS SELECT *${replace} FROM read_parquet([${files}])`);
  }
  const loadMs = performance.now() - started;
  const settings = (await connection.runAndReadAll(`SELECT version(), current_setting('threads'), (SELECT count(*) FROM ${TRACE_TABLE})`)).getRows()[0];
  return { connection, version: String(settings[0]), threads: String(settings[1]), rows: Number(settings[2]), loadMs };
}

async function runOurs(query: BenchQuery, ours: Ours): Promise<{ ms: number; analyzeMs: number; rows: Rows }> {
  const started = performance.now();
  const result = await runQuery(query.kql, ours.schema, ours.source, { now: END });
  const elapsed = performance.now() - started;
  return { ms: elapsed, analyzeMs: result.timing.analyzeMs, rows: engineRows(result.table) };
}

async function runDuck(query: BenchQuery, duck: Duck): Promise<{ ms: number; rows: Rows }> {
  const started = performance.now();
  const result = await duck.connection.runAndReadAll(query.sql);
  const elapsed = performance.now() - started;
  return { ms: elapsed, rows: duckRows(result) };
}

// ---------------------------------------------------------------- measuring (child processes)

/** A field of /proc/self/status in MiB (VmHWM: peak resident set). */
function procStatusMiB(field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return field === 'VmRSS' ? process.memoryUsage().rss / 1048576 : Number.NaN;
}

interface QueryReport {
  name: string;
  /** The first run's time (cold: for our engine's first query it includes Kusto.Language's start). */
  firstMs?: number;
  /** The timed runs after the warm-up. */
  times: number[];
  analyzeTimes: number[];
  /** Garbage collection pauses of the process (main thread) per timed run, on average. */
  gcMs?: number;
  result?: Rows;
  error?: string;
}

interface ChildReport {
  engine: string;
  loadMs: number;
  rows: number;
  hwmAfterLoadMiB: number;
  hwmMiB: number;
  queries: QueryReport[];
}

/**
 * `--engine-only` / `--duckdb-only`: load the workspace, run every query once to warm up and
 * then --runs times, and print one JSON line. Each engine runs in a process of its own, one
 * after the other: its timings are not disturbed by the other's threads or garbage
 * collection, and its VmHWM is its own peak memory.
 */
async function childRun(options: Options): Promise<void> {
  const dir = options.data;
  if (!dir) throw new Error(`${options.mode} needs --data DIR`);
  const queries = selectQueries(options);
  const report: ChildReport = { engine: '', loadMs: 0, rows: 0, hwmAfterLoadMiB: 0, hwmMiB: 0, queries: [] };
  let run: (query: BenchQuery) => Promise<{ ms: number; analyzeMs?: number; rows: Rows }>;
  if (options.mode === 'engine-only') {
    const ours = await loadOurs(dir);
    Object.assign(report, { engine: `ours (Node ${process.versions.node}, one thread)`, loadMs: ours.loadMs, rows: ours.rows });
    run = (query) => runOurs(query, ours);
  } else {
    const duck = await loadDuck(dir, options.threads);
    Object.assign(report, { engine: `DuckDB ${duck.version} (@duckdb/node-api, threads=${duck.threads})`, loadMs: duck.loadMs, rows: duck.rows });
    run = (query) => runDuck(query, duck);
  }
  report.hwmAfterLoadMiB = procStatusMiB('VmHWM');
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => { for (const entry of list.getEntries()) gcMs += entry.duration; });
  gcObserver.observe({ entryTypes: ['gc'] });
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20)); // lets GC entries arrive
  for (const query of queries) {
    const entry: QueryReport = { name: query.name, times: [], analyzeTimes: [] };
    report.queries.push(entry);
    try {
      let gcBefore = 0;
      for (let i = 0; i <= options.runs; i++) {
        const result = await run(query);
        if (i === 0) {
          entry.firstMs = result.ms;
          await settle();
          gcBefore = gcMs;
        } else {
          entry.times.push(result.ms);
          if (result.analyzeMs !== undefined) entry.analyzeTimes.push(result.analyzeMs);
        }
        entry.result = result.rows;
      }
      await settle();
      entry.gcMs = (gcMs - gcBefore) / options.runs;
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
      entry.result = undefined;
    }
  }
  gcObserver.disconnect();
  report.hwmMiB = procStatusMiB('VmHWM');
  // JSON has no NaN or Infinity: such numbers travel as text (and compare as text).
  process.stdout.write(`${JSON.stringify(report, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}\n`);
}

function spawnChild(mode: 'engine-only' | 'duckdb-only', options: Options, dir: string): Promise<ChildReport> {
  const args = [__filename, `--${mode}`, '--data', dir, '--runs', String(options.runs)];
  if (options.only) args.push('--only', options.only.join(','));
  if (options.threads) args.push('--threads', String(options.threads));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => { out += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) { reject(new Error(`the ${mode} run exited with ${code}`)); return; }
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildReport);
      } catch (error) {
        reject(new Error(`the ${mode} run printed no report: ${String(error)}\n${out}`));
      }
    });
  });
}

// ---------------------------------------------------------------- main

function selectQueries(options: Options): BenchQuery[] {
  const all = benchQueries(END);
  if (!options.only) return all;
  const unknown = options.only.filter((name) => !all.some((q) => q.name === name));
  if (unknown.length > 0) throw new Error(`unknown queries ${unknown.join(', ')}; the queries are ${all.map((q) => q.name).join(', ')}`);
  return all.filter((q) => options.only!.includes(q.name));
}

const mib = (value: number): string => `${value.toFixed(0)} MiB`;
const verdict = (met: boolean): string => (met ? 'met' : 'NOT MET');
const median = (values: number[]): number => (values.length === 0 ? Number.NaN : percentile(values, 50));
const spread = (values: number[]): string => `[${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)}]`;

interface Outcome {
  name: string;
  ours?: number;
  duck: number;
  ratio: number;
  /** A failure on our engine, or a difference between the results: the ratio means nothing. */
  problem?: string;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.mode !== 'main') {
    await childRun(options);
    return;
  }
  const benchStart = performance.now();
  const dir = options.data ?? await mkdtemp(path.join(os.tmpdir(), 'sentinel-hunt-bench-'));
  const temporary = options.data === undefined;
  try {
    await prepareData(dir, options.rows);
    const trace = (await LocalWorkspace.open(dir)).table(TRACE_TABLE);
    console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) before the runs`);
    const ours = await spawnChild('engine-only', options, dir);
    const duck = await spawnChild('duckdb-only', options, dir);
    console.log(`engines: ${ours.engine} vs ${duck.engine}, each in a process of its own, one after the other; `
      + `per query 1 warm-up run, then the median of ${options.runs}; now() = ${new Date(END / 1000).toISOString()}`);
    console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) at the end of the runs`);
    console.log('');

    const outcomes: Outcome[] = [];
    for (const query of selectQueries(options)) {
      const o = ours.queries.find((q) => q.name === query.name)!;
      const d = duck.queries.find((q) => q.name === query.name)!;
      if (d.error) throw new Error(`DuckDB failed on ${query.name}: ${d.error}\n${query.sql}`);
      const outcome: Outcome = { name: query.name, duck: median(d.times), ratio: Number.NaN };
      outcomes.push(outcome);
      const label = `${query.name}:`.padEnd(17);
      if (o.error || !o.result) {
        outcome.problem = /not supported by the local engine/.test(o.error ?? '') ? o.error : `our engine failed: ${o.error}`;
        console.log(`${label} ours FAILED, DuckDB ${ms(outcome.duck)}\n    *** ${outcome.problem}`);
        continue;
      }
      outcome.ours = median(o.times);
      outcome.ratio = outcome.ours / outcome.duck;
      const diff = differences(o.result, d.result!);
      if (diff.length > 0) outcome.problem = `results differ from DuckDB's:\n      ${diff.join('\n      ')}`;
      console.log(`${label} ours ${ms(outcome.ours)}, DuckDB ${ms(outcome.duck)}, ratio ${outcome.ratio.toFixed(1)}x `
        + `(target <= ${TARGET_RATIO}x: ${outcome.problem ? 'INVALID' : verdict(outcome.ratio <= TARGET_RATIO)}); `
        + `${o.result.rows.length} rows, ${outcome.problem ? 'RESULTS DIFFER' : 'same results'}`);
      console.log(`${''.padEnd(label.length)} ours: runs ${spread(o.times)} ms, Kusto.Language analysis ${ms(median(o.analyzeTimes))}, `
        + `GC pauses ${ms(o.gcMs ?? Number.NaN)}/run, first run ${ms(o.firstMs!)}; DuckDB: runs ${spread(d.times)} ms, first run ${ms(d.firstMs!)}`);
      if (outcome.problem) console.log(`    *** MISMATCH: ${outcome.problem}`);
    }

    const loadMet = ours.loadMs < TARGET_LOAD_MS;
    const memoryMet = ours.hwmMiB < TARGET_PEAK_MIB;
    console.log('');
    console.log(`load ${ours.rows.toLocaleString('en-US')} rows (+ ${LOOKALIKE_TABLE}, 3,000 rows) from ${trace.parts} Parquet parts (${(trace.bytes / 1048576).toFixed(1)} MiB), fresh process: `
      + `ours ${ms(ours.loadMs)}, DuckDB ${ms(duck.loadMs)}, ratio ${(ours.loadMs / duck.loadMs).toFixed(1)}x (target: ours < ${TARGET_LOAD_MS} ms: ${verdict(loadMet)})`);
    console.log(`peak memory (VmHWM of the process: load, then every query ${options.runs + 1} times): ours ${mib(ours.hwmMiB)} (${mib(ours.hwmAfterLoadMiB)} after loading; `
      + `target < ${mib(TARGET_PEAK_MIB)}: ${verdict(memoryMet)}), DuckDB ${mib(duck.hwmMiB)} (${mib(duck.hwmAfterLoadMiB)} after loading)`);

    console.log('');
    console.log('summary');
    console.log(`  ${'query'.padEnd(17)}${'ours'.padStart(11)}${'DuckDB'.padStart(11)}${'ratio'.padStart(8)}  target`);
    for (const o of outcomes) {
      const status = o.ours === undefined ? 'FAILED on our engine' : o.problem ? 'RESULTS DIFFER' : `<= ${TARGET_RATIO}x ${verdict(o.ratio <= TARGET_RATIO)}`;
      console.log(`  ${o.name.padEnd(17)}${(o.ours === undefined ? '-' : ms(o.ours)).padStart(11)}${ms(o.duck).padStart(11)}${(Number.isNaN(o.ratio) ? '-' : `${o.ratio.toFixed(1)}x`).padStart(8)}  ${status}`);
    }
    console.log(`  ${'load'.padEnd(17)}${ms(ours.loadMs).padStart(11)}${ms(duck.loadMs).padStart(11)}${`${(ours.loadMs / duck.loadMs).toFixed(1)}x`.padStart(8)}  < ${TARGET_LOAD_MS} ms ${verdict(loadMet)}`);
    console.log(`  ${'peak memory'.padEnd(17)}${mib(ours.hwmMiB).padStart(11)}${mib(duck.hwmMiB).padStart(11)}${''.padStart(8)}  < ${mib(TARGET_PEAK_MIB)} ${verdict(memoryMet)}`);
    console.log(`benchmark time ${((performance.now() - benchStart) / 1000).toFixed(0)} s`);

    const failed = outcomes.filter((o) => o.problem !== undefined);
    if (failed.length > 0) {
      console.error(`\nFAILED: ${failed.map((o) => `${o.name} (${o.ours === undefined ? 'did not run on our engine' : 'results differ from DuckDB'})`).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    if (temporary && !options.keep) await rm(dir, { recursive: true, force: true });
    else console.log(`data kept in ${dir}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exitCode = 1;
});
