// The Azure sink against local Logs Ingestion and Log Analytics servers, through the real
// LogsIngestionClient and LogsQueryClient: requests under 1 MB with the state on disk after each,
// retries (partial failures, 429, 5xx), clear errors, and crashes resolved without losing rows.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { TokenCredential } from '@azure/core-auth';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { AzureError } from '../../src/azure/errors';
import { LogsIngestionSink, type IngestionEvent, type LogsIngestionSinkOptions } from '../../src/azure/logs-ingestion-sink';
import { queryBaseUrl } from '../../src/azure/reconcile';
import { parseStateFiles } from '../../src/azure/state-journal';
import { inputStreamName, streamDeclaration } from '../../src/azure/setup-template';
import { ingestProfile, type IngestProfile } from '../../src/ingest/profiles';
import { rowKey, type IngestState } from '../../src/ingest/state';
import { KeySet } from '../../src/ingest/key-set';
import type { TraceRecord } from '../../src/trace/record';
import { startLogAnalyticsServer, type LogAnalyticsServer } from '../support/servers/log-analytics-server';
import { startLogsIngestionServer, type LogsIngestionServer, type LogsIngestionServerOptions } from '../support/servers/logs-ingestion-server';

const TOKEN = 'secret-test-token-0123456789';
const credential: TokenCredential = { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3600e3 }) };
const DCR = 'dcr-00000000000000000000000000000001';
const FAST = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 };
const work = mkdtempSync(path.join(tmpdir(), 'sh-azure-sink-'));
const servers: { close(): Promise<void> }[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

let files = 0;
const stateFile = (): string => path.join(work, `state-${++files}.json`);
/** The state on disk now: the snapshot with its journal replayed. */
const readState = (file: string): IngestState => {
  const journal = `${file}.journal`;
  return parseStateFiles(readFileSync(file, 'utf8'), existsSync(journal) ? readFileSync(journal) : undefined, file).state;
};
/** The state's files as they are now (the snapshot, and the journal when there is one). */
const stateFiles = (file: string): { snapshot: string; journal?: string } => {
  const journal = `${file}.journal`;
  return { snapshot: readFileSync(file, 'utf8'), journal: existsSync(journal) ? readFileSync(journal, 'utf8') : undefined };
};
const keyList = (keys: KeySet): string[] => [...keys].map(([key]) => key);

function records(count: number, options: { from?: number; subjectLength?: number; start?: string } = {}): TraceRecord[] {
  const start = Date.parse(options.start ?? '2026-01-10T00:00:00Z');
  return Array.from({ length: count }, (_, n) => {
    const i = (options.from ?? 0) + n;
    return {
      messageTraceId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      messageId: `<m${i}@contoso.com>`,
      received: new Date(start + i * 1000).toISOString(),
      senderAddress: `sender${i % 7}@fabrikam.com`,
      recipientAddress: `User${i % 50}@Contoso.com`,
      subject: `Invoice ${i} ${'x'.repeat(options.subjectLength ?? 20)}`,
      status: i % 5 === 0 ? 'filteredAsSpam' : 'delivered',
      size: 1000 + i,
      fromIP: '203.0.113.5',
      toIP: '198.51.100.7',
    };
  });
}

/** The state a pipeline would pass: every row's key, the checkpoint past the last row. */
function nextState(profile: IngestProfile, rows: readonly TraceRecord[], base?: IngestState): IngestState {
  const keys = new KeySet(base?.keys);
  for (const row of rows) keys.add(rowKey(row), Math.floor(Date.parse(row.received) / 1000));
  const last = rows.reduce((max, row) => Math.max(max, Date.parse(row.received)), 0);
  return { version: 1, table: profile.table, profile: profile.name, checkpoint: new Date(last + 1000).toISOString(), keys };
}

async function ingestionServer(profile: IngestProfile, options: Partial<LogsIngestionServerOptions> = {}): Promise<LogsIngestionServer> {
  const server = await startLogsIngestionServer({
    token: TOKEN,
    rules: [{ immutableId: DCR, streams: { [inputStreamName(profile)]: streamDeclaration(profile) } }],
    ...options,
  });
  servers.push(server);
  return server;
}

/** A workspace whose table holds what the ingestion server accepted. */
async function workspaceOver(ingestion: LogsIngestionServer, profile: IngestProfile): Promise<LogAnalyticsServer> {
  const server = await startLogAnalyticsServer({
    token: TOKEN,
    tables: () => [{ name: profile.table, columns: profile.columns, rows: ingestion.workspaceRows() }],
  });
  servers.push(server);
  return server;
}

function sink(server: LogsIngestionServer, profile: IngestProfile, options: Partial<LogsIngestionSinkOptions> = {}): LogsIngestionSink {
  return new LogsIngestionSink({
    endpoint: server.url, dcrImmutableId: DCR, streamName: inputStreamName(profile), credential, stateFile: stateFile(),
    profile, retry: FAST, ...options,
  });
}

function acceptedIds(server: LogsIngestionServer, profile: IngestProfile): string[] {
  const column = profile.name === 'classic' ? 'MessageTraceId_g' : 'MessageTraceId';
  return server.accepted.map((a) => String(a.row[column])).sort();
}

const ids = (rows: readonly TraceRecord[]): string[] => rows.map((r) => r.messageTraceId).sort();

test('rows go in requests under 1 MB, gzipped, with the state on disk before and after each', async () => {
  const profile = ingestProfile('dcr');
  const server = await ingestionServer(profile);
  const file = stateFile();
  const rows = records(6000, { subjectLength: 400 });
  const seen: string[] = [];
  let acceptedSoFar = 0;
  const onEvent = (event: IngestionEvent): void => {
    const state = readState(file);
    if (event.type === 'request') {
      assert.equal(state.inFlight?.keys.length, event.rows, 'the request is recorded as in flight before it is sent');
      assert.equal(keyList(state.keys).length, acceptedSoFar);
      assert.ok(event.bytes <= 1_000_000, `${event.bytes} bytes`);
    }
    if (event.type === 'accepted') {
      acceptedSoFar += event.rows;
      assert.equal(state.inFlight, undefined, 'accepted: nothing in flight');
      assert.equal(keyList(state.keys).length, acceptedSoFar, 'accepted rows are in the state at once');
      assert.equal(state.checkpoint, null, 'the checkpoint moves only with the whole batch');
    }
    seen.push(event.type);
  };
  const target = sink(server, profile, { stateFile: file, onEvent });
  assert.equal(await target.loadState(profile.table, profile.name), undefined);
  const next = nextState(profile, rows);
  await target.write(rows, next);

  assert.ok(server.requests.length >= 4, `${server.requests.length} requests`);
  for (const request of server.requests) {
    assert.equal(request.status, 204);
    assert.equal(request.contentEncoding, 'gzip');
    assert.ok(request.uncompressedBytes! <= 1_000_000 && request.bytes < request.uncompressedBytes!, `${request.uncompressedBytes} bytes`);
  }
  assert.equal(server.requests.filter((r) => r.status === 413).length, 0);
  assert.deepEqual(acceptedIds(server, profile), ids(rows));
  assert.deepEqual(seen.filter((t) => t === 'request').length, server.requests.length);
  assert.deepEqual(readState(file), next, 'the pipeline\'s state once everything was accepted');
  assert.deepEqual(target.stats, { requests: server.requests.length, rowsAccepted: 6000, retries: 0, ambiguousResends: 0 });
  const row = server.accepted[0].row;
  assert.deepEqual(Object.keys(row), profile.columns.map((c) => c.name));
  assert.equal(row.SenderDomain, 'fabrikam.com');
  assert.equal(row.TimeGenerated, rows[0].received);
});

test('after each batch the state on disk is what the pipeline passed; the snapshot is rewritten only when the journal alone would not say it', async () => {
  const profile = ingestProfile('dcr');
  const server = await ingestionServer(profile);
  const file = stateFile();
  const target = sink(server, profile, { stateFile: file });
  // As the pipeline does: one key set, shared by every state, that grows batch by batch.
  const keys = new KeySet();
  let state: IngestState = { version: 1, table: profile.table, profile: profile.name, checkpoint: null, keys };
  const batch = async (rows: TraceRecord[], change: (s: IngestState) => IngestState = (s) => s): Promise<string> => {
    for (const row of rows) keys.add(rowKey(row), Math.floor(Date.parse(row.received) / 1000));
    state = change({ ...state });
    await target.write(rows, state);
    assert.deepEqual(readState(file), state);
    return readFileSync(file, 'utf8');
  };
  const first = await batch(records(300, { subjectLength: 3000 }));
  const second = await batch(records(300, { from: 300, subjectLength: 3000 }));
  assert.equal(second, first, 'the same checkpoint and only keys journaled since: the snapshot stays');
  const third = await batch(records(10, { from: 600 }), (s) => ({ ...s, checkpoint: '2026-01-10T01:00:00.000Z' }));
  assert.notEqual(third, second, 'the checkpoint moved: a new snapshot');
  keys.prune(Date.parse('2026-01-10T00:05:00Z'));
  const fourth = await batch(records(10, { from: 610 }));
  assert.notEqual(fourth, third, 'keys forgotten: a new snapshot');
  assert.equal(keys.size, 620 - 300);
  await target.saveState(state);
  assert.equal(readFileSync(file, 'utf8'), fourth, 'nothing new: nothing written');
  assert.deepEqual(readState(file), state);
});

test('429 waits as Retry-After says; 500 backs off; both send the same rows again', async () => {
  const profile = ingestProfile('dcr');
  const server = await ingestionServer(profile);
  server.fail({ kind: 'throttle', retryAfter: '1' }, { kind: 'status', status: 500 }, { kind: 'throttle', retryAfter: '30', retryAfterMs: 150 });
  const retries: IngestionEvent[] = [];
  const target = sink(server, profile, { onEvent: (e) => e.type === 'retry' && retries.push(e) });
  const rows = records(20);
  await target.write(rows, nextState(profile, rows));

  assert.deepEqual(server.requests.map((r) => r.status), [429, 500, 429, 204]);
  const gaps = server.requests.slice(1).map((r, i) => r.at - server.requests[i].at);
  assert.ok(gaps[0] >= 950, `Retry-After: 1 honoured (${gaps[0]} ms)`);
  assert.ok(gaps[2] >= 140 && gaps[2] < 1000, `retry-after-ms preferred (${gaps[2]} ms)`);
  const delays = retries.map((e) => (e.type === 'retry' ? [e.reason, e.delayMs] : []));
  assert.deepEqual(delays.map(([reason]) => reason), ['HTTP 429', 'HTTP 500', 'HTTP 429']);
  assert.equal(delays[0][1], 1000);
  assert.ok((delays[1][1] as number) <= FAST.maxDelayMs, 'backoff');
  assert.equal(delays[2][1], 150);
  assert.deepEqual(acceptedIds(server, profile), ids(rows));
});

test('a Retry-After longer than allowed, or retries spent, stop the run with the rows left for the next', async () => {
  const profile = ingestProfile('dcr');
  const server = await ingestionServer(profile);
  server.fail({ kind: 'throttle', retryAfter: '3600' });
  const file = stateFile();
  const target = sink(server, profile, { stateFile: file });
  const rows = records(10);
  await assert.rejects(target.write(rows, nextState(profile, rows)), (error: AzureError) =>
    error.kind === 'throttled' && /throttled \(HTTP 429 asking to wait 3600 s/.test(error.message) && /run again later/.test(error.message));
  const state = readState(file);
  assert.equal(state.inFlight, undefined, 'refused rows are not in flight: the next read sends them');
  assert.equal(state.keys.size, 0);

  server.fail(...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 503 })));
  await assert.rejects(target.write(rows, nextState(profile, rows)), (error: AzureError) => error.kind === 'server' && /3 retries spent/.test(error.message));
  assert.equal(server.accepted.length, 0);
});

test('a connection lost after the service accepted is retried in the run and counted as a possible duplicate', async () => {
  const profile = ingestProfile('dcr');
  const server = await ingestionServer(profile);
  server.fail({ kind: 'accept-drop' });
  const retries: IngestionEvent[] = [];
  const target = sink(server, profile, { onEvent: (e) => e.type === 'retry' && retries.push(e) });
  const rows = records(25);
  await target.write(rows, nextState(profile, rows));
  assert.equal(server.accepted.length, 50);
  assert.equal(retries.length, 1);
  assert.ok(retries[0].type === 'retry' && retries[0].ambiguous && /connection failed/.test(retries[0].reason));
  assert.equal(target.stats.ambiguousResends, 25);
});

test('a partial failure sends again only the chunk that failed', async () => {
  const profile = ingestProfile('dcr');
  const server = await ingestionServer(profile);
  // Requests larger than one chunk (a test setting): the SDK splits them and one chunk fails.
  server.fail({ kind: 'pass' }, { kind: 'status', status: 500 });
  const events: IngestionEvent[] = [];
  const file = stateFile();
  const target = sink(server, profile, { stateFile: file, maxRequestBytes: 2_500_000, onEvent: (e) => events.push(e) });
  const rows = records(5000, { subjectLength: 300 });
  await target.write(rows, nextState(profile, rows));

  const statuses = server.requests.map((r) => r.status);
  assert.deepEqual(statuses.slice(0, 2), [204, 500]);
  assert.ok(statuses.slice(2).every((s) => s === 204));
  // The first request went as three chunks: 204, 500, 204; then only the failed one again.
  assert.equal(server.requests[3].rows, server.requests[1].rows, 'the retry carries exactly the failed chunk');
  assert.deepEqual(acceptedIds(server, profile), ids(rows), 'every row once');
  const partial = events.find((e) => e.type === 'partial');
  assert.ok(partial && partial.type === 'partial' && partial.failed === server.requests[1].rows);
});

test('errors a user can act on: 403 names the role, 404 the ids, 400 the columns; no token in them', async () => {
  const profile = ingestProfile('dcr');
  const server = await ingestionServer(profile);
  const rows = records(3);
  server.fail({ kind: 'status', status: 403, code: 'OperationFailed', message: `The authentication token provided does not have access to ingest data for the data collection rule with immutable Id '${DCR}'. Bearer ${TOKEN}` });
  await assert.rejects(sink(server, profile).write(rows, nextState(profile, rows)), (error: AzureError) =>
    error.kind === 'forbidden' && /Monitoring Metrics Publisher role on data collection rule dcr-0+1/.test(error.message)
    && /OperationFailed: The authentication token provided does not have access/.test(error.message) && !error.message.includes(TOKEN));

  await assert.rejects(sink(server, profile, { dcrImmutableId: 'dcr-ffff' }).write(rows, nextState(profile, rows)), (error: AzureError) =>
    error.kind === 'not-found' && /no data collection rule dcr-ffff with stream Custom-MessageTrace_CL/.test(error.message) && /not found/.test(error.message));
  await assert.rejects(sink(server, profile, { streamName: 'Custom-Other_CL' }).write(rows, nextState(profile, rows)), (error: AzureError) => error.kind === 'not-found');

  // A rule whose stream lacks a column the profile sends.
  const declaration = streamDeclaration(profile);
  const narrow = await ingestionServer(profile, { rules: [{ immutableId: DCR, streams: { 'Custom-MessageTrace_CL': { columns: declaration.columns.filter((c) => c.name !== 'SenderDomain') } } }] });
  const file = stateFile();
  await assert.rejects(sink(narrow, profile, { stateFile: file }).write(rows, nextState(profile, rows)), (error: AzureError) =>
    error.kind === 'bad-request' && /not declared in stream 'Custom-MessageTrace_CL': SenderDomain/.test(error.message) && /SenderDomain\. The dcr profile sends the columns TimeGenerated, Received/.test(error.message));
  assert.equal(readState(file).inFlight, undefined);
  assert.equal(narrow.requests.length, 1, '400 is not retried');

  const wrongToken: TokenCredential = { getToken: async () => ({ token: 'another-token', expiresOnTimestamp: Date.now() + 3600e3 }) };
  await assert.rejects(sink(server, profile, { credential: wrongToken }).write(rows, nextState(profile, rows)), (error: AzureError) =>
    error.kind === 'unauthorized' && /audience must be https:\/\/monitor.azure.com/.test(error.message) && !error.message.includes('another-token'));

  const failing: TokenCredential = { getToken: async () => { throw Object.assign(new Error('no account signed in'), { name: 'CredentialUnavailableError' }); } };
  await assert.rejects(sink(server, profile, { credential: failing }).write(rows, nextState(profile, rows)), (error: AzureError) =>
    error.kind === 'unauthorized' && /could not get a token for https:\/\/monitor.azure.com: no account signed in/.test(error.message));

  assert.throws(() => sink(server, profile, { dcrImmutableId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Insights/dataCollectionRules/z' }), /immutable id/);
  assert.throws(() => sink(server, profile, { endpoint: server.url.replace('https', 'http') }), /must use https/);
  assert.equal(server.accepted.length, 0);
});

test('an unreachable endpoint is a network error naming it', async () => {
  const profile = ingestProfile('dcr');
  const server = await ingestionServer(profile);
  await server.close();
  const rows = records(2);
  await assert.rejects(sink(server, profile, { retry: { maxRetries: 1, baseDelayMs: 1 } }).write(rows, nextState(profile, rows)), (error: AzureError) =>
    error.kind === 'network' && error.message.includes(server.url) && /ECONNREFUSED/.test(error.message));
});

test('an abort stops between requests; the accepted requests are in the state', async () => {
  const profile = ingestProfile('dcr');
  const server = await ingestionServer(profile);
  const file = stateFile();
  const controller = new AbortController();
  const target = sink(server, profile, { stateFile: file, onEvent: (e) => e.type === 'accepted' && controller.abort() });
  const rows = records(4000, { subjectLength: 400 });
  await assert.rejects(target.write(rows, nextState(profile, rows), { signal: controller.signal }), { name: 'AbortError' });
  assert.equal(server.requests.length, 1);
  const state = readState(file);
  assert.equal(state.inFlight, undefined);
  assert.equal(state.checkpoint, null);
  assert.equal(keyList(state.keys).length, server.accepted.length);
});

/**
 * Runs a write that a crash interrupts while its request is at the server: the state files as
 * they were then (in flight) are what the next run finds. `outcome` says what the server did with it.
 */
async function crashInFlight(profile: IngestProfile, server: LogsIngestionServer, rows: TraceRecord[], outcome: 'accepted' | 'lost'): Promise<{ file: string; snapshot: ReturnType<typeof stateFiles> }> {
  const file = stateFile();
  const held = server.hold();
  const write = sink(server, profile, { stateFile: file, retry: { maxRetries: 0 } }).write(rows, nextState(profile, rows));
  await held.received;
  const snapshot = stateFiles(file);
  if (outcome === 'accepted') held.acceptAndDrop();
  else held.drop();
  await assert.rejects(write, (error: AzureError) => error.kind === 'network');
  writeFileSync(file, snapshot.snapshot);
  if (snapshot.journal === undefined) rmSync(`${file}.journal`, { force: true });
  else writeFileSync(`${file}.journal`, snapshot.journal);
  return { file, snapshot };
}

test('crash after the service accepted: reconciling confirms the rows and sends nothing again', async () => {
  for (const name of ['dcr', 'classic'] as const) {
    const profile = ingestProfile(name);
    const server = await ingestionServer(profile);
    const workspace = await workspaceOver(server, profile);
    // Rows over 2 days old: the table's TimeGenerated is then the ingestion time.
    const rows = records(300, { start: new Date(Date.now() - 5 * 86_400_000).toISOString() });
    const { file } = await crashInFlight(profile, server, rows, 'accepted');
    const inFlight = readState(file).inFlight!;
    assert.equal(inFlight.keys.length, 300);
    assert.deepEqual(inFlight.rows[0], { messageTraceId: rows[0].messageTraceId, recipientAddress: rows[0].recipientAddress, status: rows[0].status, received: rows[0].received });

    const next = sink(server, profile, { stateFile: file, reconcile: { workspaceId: workspace.workspaceId, logsQueryEndpoint: workspace.url, settleMs: 0 } });
    const state = (await next.loadState(profile.table, profile.name))!;
    const resolved = await next.resolveInFlight(state);
    assert.deepEqual(resolved?.resolution, { confirmed: 300, resent: 0, mayDuplicate: false }, name);
    assert.deepEqual(acceptedIds(server, profile), ids(rows), `${name}: no duplicates`);
    assert.equal(readState(file).inFlight, undefined);
    assert.deepEqual(keyList(readState(file).keys).sort(), rows.map(rowKey).sort());
    assert.deepEqual(resolved?.state, readState(file));
    const query = workspace.requests.at(-1)!;
    assert.match(query.query!, new RegExp(`^${profile.table}\\n\\| where tolower\\(tostring\\(`));
    assert.ok(query.timespan && Date.parse(query.timespan.split('/')[0]) < Date.parse(rows[0].received));
  }
});

test('crash after acceptance without reconciling: the rows are sent again and reported as possible duplicates', async () => {
  const profile = ingestProfile('dcr');
  const server = await ingestionServer(profile);
  const rows = records(120);
  const { file } = await crashInFlight(profile, server, rows, 'accepted');
  const next = sink(server, profile, { stateFile: file });
  const state = (await next.loadState(profile.table, profile.name))!;
  await assert.rejects(next.write(rows, nextState(profile, rows, state)), /call resolveInFlight\(\) before writing/);
  const resolved = await next.resolveInFlight(state);
  assert.deepEqual(resolved?.resolution, { confirmed: 0, resent: 120, mayDuplicate: true });
  assert.equal(server.accepted.length, 240, 'each row twice: what mayDuplicate warns of');
  assert.deepEqual([...new Set(acceptedIds(server, profile))], ids(rows));
  assert.equal(readState(file).inFlight, undefined);
});

test('crash before the service accepted: nothing lost, with or without reconciling', async () => {
  const profile = ingestProfile('dcr');
  for (const reconcile of [false, true]) {
    const server = await ingestionServer(profile);
    const workspace = await workspaceOver(server, profile);
    const rows = records(80);
    const { file } = await crashInFlight(profile, server, rows, 'lost');
    assert.equal(server.accepted.length, 0);
    const next = sink(server, profile, {
      stateFile: file,
      reconcile: reconcile ? { workspaceId: workspace.workspaceId, logsQueryEndpoint: workspace.endpoint, settleMs: 0 } : undefined,
    });
    const resolved = await next.resolveInFlight((await next.loadState(profile.table, profile.name))!);
    assert.deepEqual(resolved?.resolution, { confirmed: 0, resent: 80, mayDuplicate: !reconcile });
    assert.deepEqual(acceptedIds(server, profile), ids(rows), 'every row exactly once');

    // The run goes on from the resolved state.
    const more = records(10, { from: 80 });
    await next.write(more, nextState(profile, more, resolved!.state));
    assert.equal(server.accepted.length, 90);
    assert.equal(keyList(readState(file).keys).length, 90);
  }
});

test('reconciling a batch sent minutes ago: rows not found yet are sent again, reported as possible duplicates', async () => {
  const profile = ingestProfile('dcr');
  const server = await ingestionServer(profile);
  const workspace = await workspaceOver(server, profile);
  const rows = records(40);
  const { file } = await crashInFlight(profile, server, rows, 'lost');
  const next = sink(server, profile, { stateFile: file, reconcile: { workspaceId: workspace.workspaceId, logsQueryEndpoint: workspace.endpoint } });
  const resolved = await next.resolveInFlight((await next.loadState(profile.table, profile.name))!);
  assert.deepEqual(resolved?.resolution, { confirmed: 0, resent: 40, mayDuplicate: true });
});

test('a partial answer from the workspace sends nothing again and keeps the batch in flight', async () => {
  const profile = ingestProfile('dcr');
  const server = await ingestionServer(profile);
  const workspace = await workspaceOver(server, profile);
  const rows = records(30);
  const { file, snapshot } = await crashInFlight(profile, server, rows, 'accepted');
  workspace.fail({ kind: 'partial' });
  const next = sink(server, profile, { stateFile: file, reconcile: { workspaceId: workspace.workspaceId, logsQueryEndpoint: workspace.endpoint, settleMs: 0 } });
  await assert.rejects(next.resolveInFlight((await next.loadState(profile.table, profile.name))!), (error: AzureError) =>
    error.kind === 'reconcile' && /answered only in part \(PartialError/.test(error.message));
  assert.equal(server.accepted.length, 30);
  assert.deepEqual(stateFiles(file), snapshot);

  workspace.fail({ kind: 'status', status: 404, code: 'WorkspaceNotFoundError' });
  const wrong = sink(server, profile, { stateFile: file, reconcile: { workspaceId: 'not-a-workspace', logsQueryEndpoint: workspace.endpoint, settleMs: 0 } });
  await assert.rejects(wrong.resolveInFlight((await wrong.loadState(profile.table, profile.name))!), (error: AzureError) => error.kind === 'not-found' && /workspace ID/.test(error.message));
});

test('the state file belongs to one table and profile; the query endpoint gets its /v1', async () => {
  const profile = ingestProfile('dcr');
  const server = await ingestionServer(profile);
  const file = stateFile();
  const rows = records(2);
  const target = sink(server, profile, { stateFile: file });
  await target.write(rows, nextState(profile, rows));
  await assert.rejects(sink(server, profile, { stateFile: file }).loadState('EmailEvents_CL', 'dcr'), /is for table MessageTrace_CL \(profile dcr\), not EmailEvents_CL/);
  await assert.rejects(sink(server, profile, { stateFile: file }).loadState('MessageTrace_CL', 'classic'), /set up for profile dcr, not classic/);
  assert.equal(queryBaseUrl('https://api.loganalytics.us/'), 'https://api.loganalytics.us/v1');
  assert.equal(queryBaseUrl('https://api.loganalytics.io/v1'), 'https://api.loganalytics.io/v1');
});

test('the Log Analytics test server answers as the service does (for LogsQueryClient)', async () => {
  const workspace = await startLogAnalyticsServer({
    token: TOKEN,
    tables: [{
      name: 'Mail',
      columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Sender', type: 'string' }, { name: 'Tags', type: 'dynamic' }],
      rows: [['2026-01-10T01:00:00Z', 'a@contoso.com', { x: 1 }], { TimeGenerated: '2026-01-12T01:00:00Z', Sender: 'b@contoso.com', Tags: [1, 2] }],
    }],
  });
  servers.push(workspace);
  const client = new LogsQueryClient(credential, { endpoint: workspace.endpoint, retryOptions: { maxRetries: 1, retryDelayInMs: 5 } });
  const window = { startTime: new Date('2026-01-10T00:00:00Z'), endTime: new Date('2026-01-11T00:00:00Z') };
  const result = await client.queryWorkspace(workspace.workspaceId, 'Mail | project Sender, Tags | render table with (title="t")', window, { includeVisualization: true, serverTimeoutInSeconds: 30 });
  assert.equal(result.status, 'Success');
  if (result.status !== 'Success') return;
  assert.deepEqual(result.tables[0].columnDescriptors, [{ name: 'Sender', type: 'string' }, { name: 'Tags', type: 'dynamic' }]);
  assert.deepEqual(result.tables[0].rows, [['a@contoso.com', { x: 1 }]], 'the timespan filters TimeGenerated; dynamic comes back parsed');
  assert.equal(result.visualization?.visualization, 'table');
  assert.equal(result.visualization?.title, 't');
  assert.deepEqual(workspace.requests[0].prefer, { wait: '30', 'include-render': 'true' });

  workspace.fail({ kind: 'throttle', retryAfter: '0' });
  const all = await client.queryWorkspace(workspace.workspaceId, 'Mail | summarize n = count(), latest = max(TimeGenerated)', { duration: 'P30D' });
  assert.deepEqual(workspace.requests.slice(1).map((r) => r.status), [429, 200], 'the SDK retries a 429');
  assert.ok(all.status === 'Success' && all.tables[0].rows[0][0] === 0, 'P30D ends now: nothing from January 2026 is newer');
  await assert.rejects(client.queryWorkspace(workspace.workspaceId, 'Mail | where Nope == 1', { duration: 'P1D' }), (error: Error & { statusCode?: number }) =>
    error.statusCode === 400 && /request had some invalid properties/.test(error.message));

  const metadata = await fetch(`${workspace.endpoint}/workspaces/${workspace.workspaceId}/metadata`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const body = await metadata.json() as { tables: { name: string; columns: unknown[] }[] };
  assert.deepEqual(body.tables.map((t) => [t.name, t.columns.length]), [['Mail', 3]]);
});
