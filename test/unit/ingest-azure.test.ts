// The incremental pipeline into Log Analytics: runIngestion from the synthetic source (late
// arrivals, status changes) through LogsIngestionSink to the local Logs Ingestion server, runs
// at several moments, and processes that die while a request is at the server (accepted or
// not). The next run resumes from the state on disk, with or without --reconcile (the Log
// Analytics server answering over what the ingestion server accepted). The workspace must end
// up with every row the source ever showed exactly once, except that without reconciling, the
// rows of the batch in flight at a crash may be there twice, and then the run says so.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { TokenCredential } from '@azure/core-auth';
import fc from 'fast-check';
import { AzureError } from '../../src/azure/errors';
import { LogsIngestionSink, type IngestionEvent } from '../../src/azure/logs-ingestion-sink';
import { inputStreamName, streamDeclaration } from '../../src/azure/setup-template';
import { parseStateFiles } from '../../src/azure/state-journal';
import { ingestProfile, runIngestion, type IngestSummary } from '../../src/ingest';
import { traceKey } from '../../src/trace/record';
import { SyntheticTraceSource } from '../../src/trace/synthetic';
import { startLogAnalyticsServer, type LogAnalyticsServer } from '../support/servers/log-analytics-server';
import { startLogsIngestionServer, type HeldRequest, type LogsIngestionServer } from '../support/servers/logs-ingestion-server';

const HOUR = 3_600_000;
const TOKEN = 'ingest-azure-test-token';
const credential: TokenCredential = { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + HOUR }) };
const DCR = 'dcr-0000000000000000000000000000a2e1';
const profile = ingestProfile('dcr');
/** Small requests (about 200 rows each), so that a run makes dozens and any of them can be the one in flight. */
const MAX_REQUEST_BYTES = 100_000;

const source = new SyntheticTraceSource({
  domains: ['contoso.com', 'fabrikam.com'],
  days: 4,
  end: new Date('2026-01-10T00:00:00Z'),
  rows: 3000,
  mailboxes: 300,
  seed: 11,
  scenarios: ['late-arrivals', 'status-changes'],
});
const START = source.period.start.getTime();
const work = mkdtempSync(path.join(tmpdir(), 'sh-ingest-azure-'));
const servers: { close(): Promise<void> }[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

/** Every row key the source shows when read at `asOf`. */
async function visibleKeys(asOf: number): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const page of source.withAsOf(new Date(asOf)).read({ start: new Date(START), end: new Date(asOf) })) {
    for (const record of page) keys.add(traceKey(record));
  }
  return keys;
}

/** A Logs Ingestion server, and a workspace answering queries over the rows it accepted. */
async function services(): Promise<{ ingestion: LogsIngestionServer; workspace: LogAnalyticsServer }> {
  const ingestion = await startLogsIngestionServer({ token: TOKEN, rules: [{ immutableId: DCR, streams: { [inputStreamName(profile)]: streamDeclaration(profile) } }] });
  const workspace = await startLogAnalyticsServer({ token: TOKEN, tables: () => [{ name: profile.table, columns: profile.columns, rows: ingestion.workspaceRows() }] });
  servers.push(ingestion, workspace);
  return { ingestion, workspace };
}

interface RunOptions {
  stateFile: string;
  batchRows: number;
  reconcile?: LogAnalyticsServer;
  /** Retries off: the run that dies must fail at the request held, not try it again. */
  noRetries?: boolean;
  onEvent?: (event: IngestionEvent) => void;
}

function ingestAt(ingestion: LogsIngestionServer, asOf: number, options: RunOptions): Promise<IngestSummary> {
  const sink = new LogsIngestionSink({
    endpoint: ingestion.url, dcrImmutableId: DCR, streamName: inputStreamName(profile), credential, profile,
    stateFile: options.stateFile,
    maxRequestBytes: MAX_REQUEST_BYTES,
    retry: options.noRetries ? { maxRetries: 0 } : { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20 },
    reconcile: options.reconcile && { workspaceId: options.reconcile.workspaceId, logsQueryEndpoint: options.reconcile.endpoint, settleMs: 0 },
    onEvent: options.onEvent,
  });
  return runIngestion({
    source: source.withAsOf(new Date(asOf)),
    sink,
    profile: profile.name,
    now: new Date(asOf),
    firstRunStart: new Date(START),
    overlapMs: 48 * HOUR,
    batchRows: options.batchRows,
  });
}

/** The state's files as they are (the snapshot, and its journal when there is one). */
function captureFiles(file: string): [string, Buffer | undefined] {
  return [readFileSync(file, 'utf8'), existsSync(`${file}.journal`) ? readFileSync(`${file}.journal`) : undefined];
}

function restoreFiles(file: string, [snapshot, journal]: [string, Buffer | undefined]): void {
  writeFileSync(file, snapshot);
  if (journal === undefined) rmSync(`${file}.journal`, { force: true });
  else writeFileSync(`${file}.journal`, journal);
}

interface Crash {
  /** Row keys (trace/record.ts traceKey) of the batch in flight when the process died. */
  inFlight: Set<string>;
  reconciled: boolean;
  resumed: IngestSummary;
}

/**
 * A run whose process dies while its `request`-th request is at the server: the server then
 * accepts it or not, the sink object is abandoned, and the state files are put back as they were
 * at that moment. Undefined when the run made fewer requests and completed.
 */
async function runThatDies(ingestion: LogsIngestionServer, asOf: number, request: number, accepted: boolean, options: RunOptions): Promise<Set<string> | undefined> {
  let requests = 0;
  let held!: (hold: HeldRequest) => void;
  const holding = new Promise<HeldRequest>((resolve) => {
    held = resolve;
  });
  const onEvent = (event: IngestionEvent): void => {
    // The request is recorded as in flight and is about to go: hold it at the server.
    if (event.type === 'request' && ++requests === request) {
      const hold = ingestion.hold();
      void hold.received.then(() => held(hold));
    }
  };
  const run = ingestAt(ingestion, asOf, { ...options, noRetries: true, onEvent });
  const first = await Promise.race([run.then((summary) => ({ summary })), holding.then((hold) => ({ hold }))]);
  if ('summary' in first) return undefined;
  const files = captureFiles(options.stateFile);
  if (accepted) first.hold.acceptAndDrop();
  else first.hold.drop();
  await assert.rejects(run, (error: AzureError) => error.kind === 'network');
  restoreFiles(options.stateFile, files);
  const inFlight = parseStateFiles(files[0], files[1], options.stateFile).state.inFlight;
  assert.ok(inFlight, 'the request held is on disk as in flight');
  return new Set(inFlight.rows.map((row) => traceKey(row)));
}

/** How often the workspace holds each row key. */
function acceptedCounts(ingestion: LogsIngestionServer): Map<string, number> {
  const { id, recipient, status } = profile.identityColumns;
  const counts = new Map<string, number>();
  for (const { row } of ingestion.accepted) {
    const key = traceKey({ messageTraceId: String(row[id]), recipientAddress: String(row[recipient]), status: String(row[status]) });
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function assertOutcome(ingestion: LogsIngestionServer, runTimes: number[], crashes: Crash[]): Promise<void> {
  const expected = new Set<string>();
  for (const at of runTimes) for (const key of await visibleKeys(at)) expected.add(key);
  const counts = acceptedCounts(ingestion);
  const missing = [...expected].filter((key) => !counts.has(key));
  assert.deepEqual(missing.slice(0, 5), [], `no row is lost (${missing.length} missing)`);
  assert.deepEqual([...counts.keys()].filter((key) => !expected.has(key)).slice(0, 5), [], 'nothing the source never showed');

  // Duplicates only among the rows in flight at a crash resumed without reconciling, which said so.
  const mayRepeat = new Set<string>();
  for (const crash of crashes) {
    const resolution = crash.resumed.inFlight;
    assert.ok(resolution, 'the resumed run reports the batch left in flight');
    assert.equal(resolution.confirmed + resolution.resent, crash.inFlight.size, 'every row of it confirmed or sent again');
    const repeated = [...crash.inFlight].filter((key) => (counts.get(key) ?? 0) > 1);
    if (crash.reconciled) {
      assert.equal(resolution.mayDuplicate, false, 'reconciled: no duplicates to warn of');
    } else {
      assert.equal(resolution.confirmed, 0);
      if (repeated.length > 0) assert.equal(resolution.mayDuplicate, true, 'rows sent twice: the run says they may be duplicated');
      for (const key of crash.inFlight) mayRepeat.add(key);
    }
  }
  for (const [key, count] of counts) {
    if (count === 1) continue;
    assert.ok(mayRepeat.has(key) && count === 2, `${key} is in the workspace ${count} times`);
  }
}

test('a crash with the request accepted, resumed with and without reconciling', async () => {
  for (const reconcile of [false, true]) {
    const { ingestion, workspace } = await services();
    const stateFile = path.join(mkdtempSync(path.join(work, 'one-')), 'state.json');
    const at = START + 60 * HOUR;
    const inFlight = await runThatDies(ingestion, at, 3, true, { stateFile, batchRows: 800 });
    assert.ok(inFlight && inFlight.size > 0);
    const resumed = await ingestAt(ingestion, at, { stateFile, batchRows: 800, reconcile: reconcile ? workspace : undefined });
    assert.deepEqual(resumed.inFlight, reconcile
      ? { confirmed: inFlight.size, resent: 0, mayDuplicate: false }
      : { confirmed: 0, resent: inFlight.size, mayDuplicate: true });
    const counts = acceptedCounts(ingestion);
    assert.equal([...inFlight].filter((key) => counts.get(key) === 2).length, reconcile ? 0 : inFlight.size);
    await assertOutcome(ingestion, [at], [{ inFlight, reconciled: reconcile, resumed }]);
  }
});

test('property: any schedule of runs, batch sizes and crashes leaves each row in the workspace once, or twice only where the run said so', async () => {
  const seen = { crashes: 0, reconciled: 0, duplicated: 0 };
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(fc.integer({ min: 2, max: 100 }), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 150, max: 2500 }),
      // For each run: whether its process dies, at which of its requests, with the request accepted or not, and how it resumes.
      fc.array(fc.option(fc.record({ request: fc.integer({ min: 1, max: 10 }), accepted: fc.boolean(), reconcile: fc.boolean() }), { nil: undefined, freq: 3 }), { minLength: 3, maxLength: 3 }),
      async (hours, batchRows, deaths) => {
        const times = [...hours].sort((a, b) => a - b).map((h) => START + h * HOUR);
        const { ingestion, workspace } = await services();
        const stateFile = path.join(mkdtempSync(path.join(work, 'run-')), 'state.json');
        const crashes: Crash[] = [];
        for (const [i, at] of times.entries()) {
          const death = deaths[i];
          if (death) {
            const inFlight = await runThatDies(ingestion, at, death.request, death.accepted, { stateFile, batchRows });
            if (inFlight) {
              const resumed = await ingestAt(ingestion, at, { stateFile, batchRows, reconcile: death.reconcile ? workspace : undefined });
              crashes.push({ inFlight, reconciled: death.reconcile, resumed });
              continue;
            }
          } else {
            const summary = await ingestAt(ingestion, at, { stateFile, batchRows });
            assert.equal(summary.inFlight, undefined);
          }
        }
        await assertOutcome(ingestion, times, crashes);
        seen.crashes += crashes.length;
        seen.reconciled += crashes.filter((c) => c.reconciled).length;
        if ([...acceptedCounts(ingestion).values()].some((n) => n > 1)) seen.duplicated++;
      },
    ),
    { numRuns: 30, seed: 20261127 },
  );
  // The schedules drawn did exercise what the property is about.
  assert.ok(seen.crashes >= 4 && seen.reconciled >= 1 && seen.reconciled < seen.crashes && seen.duplicated >= 1, JSON.stringify(seen));
});
