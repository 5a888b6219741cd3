// A child process of the ingestion benchmark (bench/ingest.ts): runs one measured client
// against the parent's local servers and prints a ChildReport. A process of its own, so that
// its peak memory (VmHWM) is the client's alone, not the servers'.
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TokenCredential } from '@azure/core-auth';
import { LogsIngestionSink } from '../../src/azure/logs-ingestion-sink';
import { runIngestion } from '../../src/ingest';
import { GraphTraceSource } from '../../src/trace/graph';
import { procStatusMiB } from '../stats';
import { runFloor } from './floor';
import { MemorySampler } from './memory-sampler';
import { CHILD_FLAG, type ChildConfig, type ChildReport } from './protocol';

const HOUR_MS = 3_600_000;

const staticToken = (token: string): TokenCredential => ({
  getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + HOUR_MS }),
});

async function runPipeline(config: ChildConfig, hwmBeforeMiB: number): Promise<ChildReport> {
  const source = new GraphTraceSource({ credential: staticToken(config.graph.token), endpoint: config.graph.url, budget: config.budget });
  const sink = new LogsIngestionSink({
    endpoint: config.ingestion.url,
    dcrImmutableId: config.ingestion.dcr,
    streamName: config.ingestion.stream,
    credential: staticToken(config.ingestion.token),
    stateFile: path.join(mkdtempSync(path.join(config.work, 'state-')), 'state.json'),
    profile: config.profile,
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const memory = new MemorySampler();
  const summary = await runIngestion({
    source,
    sink,
    profile: config.profile,
    now: new Date(config.end),
    firstRunStart: new Date(config.start),
    overlapMs: 48 * HOUR_MS,
    batchRows: config.batchRows,
  });
  const elapsedMs = performance.now() - started;
  const cpuMs = cpuSince(cpu);
  const sampled = memory.stop();
  const { requests, pages, retries, throttled, budgetWaitMs } = source.stats;
  return {
    mode: 'pipeline',
    rows: summary.written,
    elapsedMs,
    cpuMs,
    hwmBeforeMiB,
    hwmMiB: procStatusMiB('VmHWM'),
    ...sampled,
    summary: { read: summary.read, written: summary.written, duplicates: summary.duplicates, rejected: summary.rejected, windows: summary.windows },
    graph: { requests, pages, retries, throttled, budgetWaitMs },
    sink: { requests: sink.stats.requests, rowsAccepted: sink.stats.rowsAccepted, retries: sink.stats.retries },
  };
}

export function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf(CHILD_FLAG);
  if (at < 0 || process.argv[at + 1] === undefined) throw new Error(`usage: node child.js ${CHILD_FLAG} CONFIG_JSON (started by bench/ingest.js)`);
  const config = JSON.parse(process.argv[at + 1]) as ChildConfig;
  const hwmBeforeMiB = procStatusMiB('VmHWM');
  const report = config.mode === 'pipeline' ? await runPipeline(config, hwmBeforeMiB) : await runFloor(config, hwmBeforeMiB);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exitCode = 1;
});
