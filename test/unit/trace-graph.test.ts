// GraphTraceSource against the protocol-faithful Graph server, through the real Azure SDK
// pipeline over HTTPS, on virtual time.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { test } from 'node:test';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createHttpHeaders, type HttpClient } from '@azure/core-rest-pipeline';
import { GraphTraceError, GraphTraceSource, type GraphTraceSourceOptions } from '../../src/trace/graph';
import { MESSAGE_TRACE_APP_ID } from '../../src/trace/graph/constants';
import { traceKey, type RejectedRecord, type TraceRecord, type TraceWindow } from '../../src/trace/record';
import { startGraphTraceServer, TRACE_PATH, type GraphTraceServer, type GraphTraceServerOptions } from '../support/servers/graph-trace-server';
import { StuckClock, VirtualClock } from '../support/servers/virtual-clock';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function guid(n: number): string {
  return `0000abcd-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function row(n: number, received: number | string, extra: Partial<TraceRecord> = {}): TraceRecord {
  return {
    messageTraceId: guid(n),
    messageId: `<m${n}@contoso.com>`,
    received: typeof received === 'number' ? new Date(received).toISOString().replace('.000Z', 'Z') : received,
    senderAddress: `sender${n % 7}@fabrikam.com`,
    recipientAddress: `user${n % 5}@contoso.com`,
    subject: `subject ${n}`,
    status: 'delivered',
    size: 1000 + n,
    fromIP: '203.0.113.7',
    toIP: '',
    ...extra,
  };
}

function credentialFor(token: string): TokenCredential & { calls: number } {
  const credential = {
    calls: 0,
    async getToken(): Promise<AccessToken> {
      credential.calls++;
      return { token, expiresOnTimestamp: Date.now() + HOUR };
    },
  };
  return credential;
}

interface Setup {
  server: GraphTraceServer;
  clock: VirtualClock;
  source: GraphTraceSource;
}

async function setup(
  sourceOptions: Partial<GraphTraceSourceOptions> = {},
  serverOptions: GraphTraceServerOptions = {},
): Promise<Setup> {
  const clock = new VirtualClock(NOW);
  const server = await startGraphTraceServer({ now: () => clock.now(), ...serverOptions });
  const source = new GraphTraceSource({
    credential: credentialFor(server.token),
    endpoint: server.url,
    clock,
    random: () => 0.5,
    ...sourceOptions,
  });
  return { server, clock, source };
}

async function collect(source: GraphTraceSource, window: TraceWindow, onReject?: (r: RejectedRecord) => void): Promise<TraceRecord[]> {
  const rows: TraceRecord[] = [];
  for await (const page of source.read(window, { onReject })) rows.push(...page);
  return rows;
}

const window = (start: number | string, end: number | string): TraceWindow => ({ start: new Date(start), end: new Date(end) });
const keys = (rows: TraceRecord[]): string[] => rows.map(traceKey).sort();
const filterOf = (server: GraphTraceServer, i: number): string | undefined => server.requests[i].query.$filter;

test('a 25-day read is 3 Graph queries of at most 10 days, and every row comes once', async () => {
  const { server, source } = await setup();
  try {
    const start = NOW - 30 * DAY;
    const end = NOW - 5 * DAY;
    // One row every 6 hours, so rows sit exactly on both inner span boundaries.
    const all = Array.from({ length: 4 * 27 }, (_, i) => row(i, NOW - 31 * DAY + i * 6 * HOUR));
    server.rows = all;
    const expected = all.filter((r) => Date.parse(r.received) >= start && Date.parse(r.received) < end);
    const rows = await collect(source, window(start, end));
    assert.deepEqual(keys(rows), keys(expected));
    assert.equal(new Set(rows.map(traceKey)).size, rows.length, 'no row twice');
    assert.equal(server.requests.length, 3);
    assert.deepEqual(server.requests.map((_, i) => filterOf(server, i)), [
      'receivedDateTime ge 2026-10-21T12:00:00Z and receivedDateTime le 2026-10-31T12:00:00Z',
      'receivedDateTime ge 2026-10-31T12:00:00Z and receivedDateTime le 2026-11-10T12:00:00Z',
      'receivedDateTime ge 2026-11-10T12:00:00Z and receivedDateTime le 2026-11-15T12:00:00Z',
    ]);
    assert.ok(server.requests.every((r) => r.query.$top === '5000'));
    assert.equal(source.stats.windows, 3);
    assert.equal(source.stats.rows, expected.length);
  } finally {
    await server.close();
  }
});

test('paging follows @odata.nextLink with $top until it is absent', async () => {
  const { server, source } = await setup({ top: 7 });
  try {
    server.rows = Array.from({ length: 30 }, (_, i) => row(i, NOW - DAY + i * 60_000));
    const pages: TraceRecord[][] = [];
    for await (const page of source.read(window(NOW - 2 * DAY, NOW))) pages.push(page);
    assert.deepEqual(pages.map((p) => p.length), [7, 7, 7, 7, 2]);
    assert.deepEqual(keys(pages.flat()), keys(server.rows as TraceRecord[]));
    assert.equal(server.requests[0].query.$skiptoken, undefined);
    for (const request of server.requests.slice(1)) {
      assert.ok(request.query.$skiptoken, 'later pages carry the skip token');
      assert.equal(request.query.$top, '7');
      assert.equal(request.query.$filter, server.requests[0].query.$filter);
    }
    // Graph returns newest first; the source passes rows on as they come.
    assert.equal(pages[0][0].messageTraceId, guid(29));
    assert.deepEqual({ ...source.stats, budgetWaitMs: 0 }, {
      windows: 1, pages: 5, rows: 30, rejected: 0, requests: 5, retries: 0, throttled: 0, budgetWaitMs: 0,
    });
  } finally {
    await server.close();
  }
});

test('the window is half-open at full precision: [start, end), whatever Graph\'s inclusive le', async () => {
  const { server, source } = await setup();
  try {
    const a = '2026-11-10T00:00:00.500Z';
    const b = '2026-11-12T00:00:00Z';
    server.rows = [
      row(1, '2026-11-10T00:00:00.4999999Z'), // before start
      row(2, '2026-11-10T00:00:00.5Z'), // = start: in
      row(3, '2026-11-11T08:00:00+02:00'), // offset form, in
      row(4, '2026-11-11T23:59:59.9999999Z'), // last tick before end: in
      row(5, '2026-11-12T00:00:00Z'), // = end: out
      row(6, '2026-11-12T00:00:00.0000001Z'), // after end
    ];
    const first = await collect(source, window(a, b));
    assert.deepEqual(first.map((r) => r.messageTraceId).sort(), [guid(2), guid(3), guid(4)]);
    assert.equal(first.find((r) => r.messageTraceId === guid(3))?.received, '2026-11-11T06:00:00Z');
    assert.equal(first.find((r) => r.messageTraceId === guid(4))?.received, '2026-11-11T23:59:59.9999999Z');
    // The query itself is in whole seconds, covering the window.
    assert.equal(filterOf(server, 0), 'receivedDateTime ge 2026-11-10T00:00:00Z and receivedDateTime le 2026-11-12T00:00:00Z');
    const second = await collect(source, window(b, '2026-11-13T00:00:00Z'));
    assert.deepEqual(second.map((r) => r.messageTraceId).sort(), [guid(5), guid(6)]);
  } finally {
    await server.close();
  }
});

test('a window starting more than 90 days back fails before any request; one ending in the future stops at now', async () => {
  const { server, source } = await setup();
  try {
    await assert.rejects(collect(source, window(NOW - 91 * DAY, NOW - 85 * DAY)), (error: unknown) => {
      assert.ok(error instanceof GraphTraceError);
      assert.equal(error.reason, 'window');
      assert.match(error.message, /more than 90 days before now/);
      assert.match(error.message, /start at 2026-08-22T12:00:00\.000Z or later/);
      return true;
    });
    assert.throws(() => source.plan(window(NOW - 91 * DAY, NOW)), /90 days/);
    assert.throws(() => source.plan(window(NOW, NOW - DAY)), /ends .* before it starts/);
    assert.equal(server.requests.length, 0);

    server.rows = [row(1, NOW - HOUR), row(2, NOW - 2 * HOUR)];
    const rows = await collect(source, window(NOW - DAY, NOW + DAY));
    assert.equal(rows.length, 2);
    assert.equal(filterOf(server, 0), 'receivedDateTime ge 2026-11-19T12:00:00Z and receivedDateTime le 2026-11-20T12:00:00Z');
    assert.deepEqual(await collect(source, window(NOW + HOUR, NOW + DAY)), [], 'a window wholly in the future reads nothing');
    assert.equal(server.requests.length, 1);
  } finally {
    await server.close();
  }
});

test('429 and 503 are retried after Retry-After (seconds or HTTP date)', async () => {
  const { server, source, clock } = await setup();
  try {
    server.rows = [row(1, NOW - HOUR)];
    server.fail(
      { kind: 'throttle', retryAfter: '120' },
      { kind: 'status', status: 503, retryAfter: new Date(NOW + 120_000 + 30_000).toUTCString() },
    );
    const rows = await collect(source, window(NOW - DAY, NOW));
    assert.equal(rows.length, 1);
    assert.deepEqual(clock.sleeps, [120_000, 30_000]);
    assert.deepEqual(server.requests.map((r) => r.status), [429, 503, 200]);
    const { requests, retries, throttled } = source.stats;
    assert.deepEqual({ requests, retries, throttled }, { requests: 3, retries: 2, throttled: 1 });
  } finally {
    await server.close();
  }
});

test('503, 504, dropped connections and cut-off bodies are retried with jittered exponential back-off', async () => {
  const { server, source, clock } = await setup();
  try {
    server.rows = [row(1, NOW - HOUR), row(2, NOW - 2 * HOUR)];
    server.fail({ kind: 'status', status: 503 }, { kind: 'drop' }, { kind: 'truncate' }, { kind: 'status', status: 504 });
    const rows = await collect(source, window(NOW - DAY, NOW));
    assert.equal(rows.length, 2);
    // random() = 0.5: half of the ceiling fixed plus a quarter, the ceiling doubling from 1 s.
    assert.deepEqual(clock.sleeps, [750, 1500, 3000, 6000]);
    assert.equal(source.stats.retries, 4);
    assert.equal(source.stats.requests, 5);
  } finally {
    await server.close();
  }
});

test('after the last attempt the error says what Graph kept answering', async () => {
  const { server, source } = await setup({ retry: { maxAttempts: 3 } });
  try {
    server.fail(...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 503 })));
    await assert.rejects(collect(source, window(NOW - DAY, NOW)), (error: unknown) => {
      assert.ok(error instanceof GraphTraceError);
      assert.equal(error.reason, 'retries');
      assert.equal(error.attempts, 3);
      assert.match(error.message, /still answered 503 after 3 attempts.*ServiceUnavailable/);
      return true;
    });
    server.fail(...Array.from({ length: 3 }, () => ({ kind: 'drop' as const })));
    await assert.rejects(collect(source, window(NOW - DAY, NOW)), /could not reach Graph after 3 attempts/);
  } finally {
    await server.close();
  }
});

test('the proactive budget keeps a reader under the server\'s limit: no 429 at all', async () => {
  const budget = { limit: 5, intervalMs: 3000 };
  const { server, source } = await setup({ top: 2, budget: { ...budget, marginMs: 0 } }, { budget });
  try {
    server.rows = Array.from({ length: 40 }, (_, i) => row(i, NOW - DAY + i * 60_000));
    const rows = await collect(source, window(NOW - DAY, NOW));
    assert.equal(rows.length, 40);
    assert.equal(server.requests.length, 20);
    assert.equal(server.throttled, 0);
    assert.equal(source.stats.retries, 0);
    assert.equal(source.stats.budgetWaitMs, 3 * 3000);
    for (let i = 0; i + budget.limit < server.requests.length; i++) {
      assert.ok(server.requests[i + budget.limit].at - server.requests[i].at >= budget.intervalMs);
    }
  } finally {
    await server.close();
  }
});

test('without a matching budget the server throttles, and Retry-After still gets the read through', async () => {
  const budget = { limit: 5, intervalMs: 3000 };
  const { server, source } = await setup({ top: 2 }, { budget });
  try {
    server.rows = Array.from({ length: 20 }, (_, i) => row(i, NOW - DAY + i * 60_000));
    const rows = await collect(source, window(NOW - DAY, NOW));
    assert.equal(rows.length, 20);
    assert.ok(server.throttled > 0);
    assert.equal(source.stats.throttled, server.throttled);
    assert.equal(source.stats.retries, server.throttled);
  } finally {
    await server.close();
  }
});

test('401 explains onboarding (service principal for the message trace app), 403 the permission, 400 shows Graph\'s message', async () => {
  const { server, source } = await setup({}, { maxSpanMs: DAY });
  try {
    server.fail({ kind: 'onboarding' });
    await assert.rejects(collect(source, window(NOW - HOUR, NOW)), (error: unknown) => {
      assert.ok(error instanceof GraphTraceError);
      assert.equal(error.reason, 'onboarding');
      assert.equal(error.status, 401);
      assert.ok(error.message.includes(MESSAGE_TRACE_APP_ID));
      assert.match(error.message, /not yet enabled for this tenant.*propagate.*hours/);
      assert.match(error.message, /Service principal-less authentication failed/);
      return true;
    });
    assert.equal(server.requests.length, 1, '401 is not retried');

    server.fail({ kind: 'forbidden' });
    await assert.rejects(collect(source, window(NOW - HOUR, NOW)), (error: unknown) => {
      assert.ok(error instanceof GraphTraceError);
      assert.equal(error.reason, 'forbidden');
      assert.match(error.message, /ExchangeMessageTrace\.Read\.All.*admin consent/);
      return true;
    });

    // This server only allows 1-day spans, so the source's 10-day query is refused.
    await assert.rejects(collect(source, window(NOW - 5 * DAY, NOW)), (error: unknown) => {
      assert.ok(error instanceof GraphTraceError);
      assert.equal(error.reason, 'bad-request');
      assert.match(error.message, /\(400\): BadRequest: The time range between the start and end dates cannot exceed 1 days/);
      assert.ok(error.url?.startsWith(`${server.url}${TRACE_PATH}?$filter=`));
      return true;
    });
  } finally {
    await server.close();
  }
});

test('any other 401 still mentions onboarding and does not retry', async () => {
  const { server, source } = await setup({ credential: credentialFor('someone-elses-token') });
  try {
    await assert.rejects(collect(source, window(NOW - HOUR, NOW)), (error: unknown) => {
      assert.ok(error instanceof GraphTraceError);
      assert.equal(error.reason, 'onboarding');
      assert.match(error.message, /refused the token \(401\).*8bd644d1-64a1-4d4b-ae52-2e0cbf64e373.*InvalidAuthenticationToken/);
      return true;
    });
    assert.equal(server.requests.length, 1);
  } finally {
    await server.close();
  }
});

test('aborting stops the read while it waits for Retry-After, for the budget, or before it starts', { timeout: 5000 }, async () => {
  const clock = new StuckClock(NOW);
  const server = await startGraphTraceServer({ now: () => NOW });
  try {
    const base = { credential: credentialFor(server.token), endpoint: server.url, clock };
    server.fail({ kind: 'status', status: 503, retryAfter: '300' });
    const controller = new AbortController();
    const reading = collect2(new GraphTraceSource(base), window(NOW - HOUR, NOW), controller.signal);
    assert.equal(await clock.waiting, 300_000);
    controller.abort();
    await assert.rejects(reading, { name: 'AbortError' });

    const budgetClock = new StuckClock(NOW);
    server.rows = [row(1, NOW - HOUR), row(2, NOW - 2 * HOUR)];
    const limited = new GraphTraceSource({ ...base, clock: budgetClock, top: 1, budget: { limit: 1, intervalMs: 60_000 } });
    const second = new AbortController();
    const pages: TraceRecord[][] = [];
    const budgetRead = (async () => {
      for await (const page of limited.read(window(NOW - DAY, NOW), { signal: second.signal })) pages.push(page);
    })();
    assert.ok((await budgetClock.waiting) > 59_000);
    second.abort();
    await assert.rejects(budgetRead, { name: 'AbortError' });
    assert.equal(pages.length, 1, 'the first page arrived before the wait');

    const before = server.requests.length;
    await assert.rejects(collect2(new GraphTraceSource(base), window(NOW - HOUR, NOW), AbortSignal.abort()), { name: 'AbortError' });
    assert.equal(server.requests.length, before);
  } finally {
    await server.close();
  }
});

async function collect2(source: GraphTraceSource, w: TraceWindow, signal: AbortSignal): Promise<TraceRecord[]> {
  const rows: TraceRecord[] = [];
  for await (const page of source.read(w, { signal })) rows.push(...page);
  return rows;
}

test('unreadable items go to onReject with the request URL and item index; the rest is read', async () => {
  const { server, source } = await setup();
  try {
    const good = row(1, NOW - HOUR, { messageTraceId: guid(1).toUpperCase() as string, status: 'recalled' });
    server.rows = [
      good,
      { graph: { id: 42, receivedDateTime: new Date(NOW - 2 * HOUR).toISOString(), recipientAddress: 'a@contoso.com', status: 'delivered' } },
      { graph: { id: guid(3), receivedDateTime: new Date(NOW - 3 * HOUR).toISOString(), recipientAddress: 'b@contoso.com' } },
      row(4, NOW - 4 * HOUR, { subject: null as unknown as string, status: 'Delivered' as TraceRecord['status'] }),
    ];
    const rejected: RejectedRecord[] = [];
    const rows = await collect(source, window(NOW - DAY, NOW), (r) => rejected.push(r));
    assert.deepEqual(rows.map((r) => r.messageTraceId), [guid(1), guid(4)]);
    assert.equal(rows[0].status, 'recalled', 'the source asks for all enum members');
    assert.equal(server.requests[0].prefer, 'include-unknown-enum-members');
    assert.equal(rows[1].subject, '');
    assert.equal(rows[1].status, 'delivered');
    assert.deepEqual(rejected.map((r) => [r.line, r.message]), [
      [2, 'message trace item 2: id 42 is not a GUID'],
      [3, 'message trace item 3: status (absent) is missing'],
    ]);
    assert.ok(rejected.every((r) => r.where.startsWith(`${server.url}${TRACE_PATH}?$filter=receivedDateTime%20ge%20`)));
    assert.equal(source.stats.rejected, 2);
  } finally {
    await server.close();
  }
});

test('rows that arrive late or change status are read on the next run', async () => {
  const { server, source } = await setup();
  try {
    server.rows = [row(1, NOW - 3 * HOUR, { status: 'pending' })];
    const first = await collect(source, window(NOW - DAY, NOW));
    server.rows = [row(1, NOW - 3 * HOUR, { status: 'delivered' }), row(2, NOW - 5 * HOUR)];
    const second = await collect(source, window(NOW - DAY, NOW));
    assert.deepEqual(first.map((r) => r.status), ['pending']);
    assert.deepEqual(second.map((r) => [r.messageTraceId, r.status]), [[guid(1), 'delivered'], [guid(2), 'delivered']]);
    assert.notEqual(traceKey(first[0]), traceKey(second[0]));
  } finally {
    await server.close();
  }
});

test('the token is sent as a bearer token and appears in no error', async () => {
  const secret = 'eyJ0eXAiOiJKV1QifQ.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl';
  const { server, source } = await setup({ retry: { maxAttempts: 2 } }, { token: secret, maxSpanMs: HOUR });
  const errors: unknown[] = [];
  const attempt = async (w: TraceWindow) => {
    try {
      await collect(source, w);
    } catch (error) {
      errors.push(error);
    }
  };
  try {
    server.fail({ kind: 'onboarding' });
    await attempt(window(NOW - HOUR, NOW));
    server.fail({ kind: 'forbidden' });
    await attempt(window(NOW - HOUR, NOW));
    await attempt(window(NOW - DAY, NOW)); // 400: span too long for this server
    server.fail({ kind: 'drop' }, { kind: 'drop' });
    await attempt(window(NOW - HOUR, NOW));
    server.fail({ kind: 'throttle' }, { kind: 'throttle' });
    await attempt(window(NOW - HOUR, NOW));
    assert.equal(errors.length, 5);
    assert.equal(server.requests[0].authorization, `Bearer ${secret}`);
    for (const error of errors) {
      assert.ok(error instanceof GraphTraceError);
      for (const text of [String(error), error.stack ?? '', inspect(error, { depth: 10 }), JSON.stringify(error)]) {
        assert.ok(!text.includes(secret) && !text.includes('c2VjcmV0LXBheWxvYWQ'), `token leaked: ${text}`);
      }
    }
  } finally {
    await server.close();
  }
});

test('a credential failure is reported as such and not retried', async () => {
  const failing: TokenCredential = {
    getToken: async () => {
      throw new Error('AADSTS7000215: Invalid client secret provided.');
    },
  };
  const { server, source } = await setup({ credential: failing });
  try {
    await assert.rejects(collect(source, window(NOW - HOUR, NOW)), (error: unknown) => {
      assert.ok(error instanceof GraphTraceError);
      assert.equal(error.reason, 'credential');
      assert.match(error.message, /could not get an access token for https:\/\/graph\.microsoft\.com\/\.default: AADSTS7000215/);
      return true;
    });
    assert.equal(server.requests.length, 0);
    assert.equal(source.stats.requests, 0);
  } finally {
    await server.close();
  }
});

test('an @odata.nextLink to another origin is not followed with the token', async () => {
  const httpClient: HttpClient = {
    sendRequest: async (request) => ({
      request,
      status: 200,
      headers: createHttpHeaders(),
      bodyAsText: JSON.stringify({ value: [], '@odata.nextLink': 'https://graph.example.net/v1.0/admin/exchange/tracing/messageTraces?$skiptoken=x' }),
    }),
  };
  const source = new GraphTraceSource({ credential: credentialFor('t'), clock: new VirtualClock(NOW), httpClient });
  await assert.rejects(collect(source, window(NOW - HOUR, NOW)), /another origin \(https:\/\/graph\.example\.net\); not sending the token there/);
});

test('options are checked when the source is made', () => {
  const credential = credentialFor('t');
  assert.throws(() => new GraphTraceSource({ credential, top: 0 }), /top must be an integer from 1 to 5000/);
  assert.throws(() => new GraphTraceSource({ credential, top: 5001 }), /top must be/);
  assert.throws(() => new GraphTraceSource({ credential, endpoint: 'http://127.0.0.1:1' }), /must use https/);
  assert.throws(() => new GraphTraceSource({ credential, budget: { limit: 0, intervalMs: 1000 } }), /positive integer/);
  const source = new GraphTraceSource({ credential, endpoint: 'https://graph.microsoft.us/' });
  assert.equal(source.endpoint, 'https://graph.microsoft.us');
  assert.equal(source.kind, 'graph');
  assert.equal(source.windowed, true);
});
