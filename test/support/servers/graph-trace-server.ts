// A protocol-faithful Microsoft Graph message trace endpoint for tests:
//   GET /v1.0/admin/exchange/tracing/messageTraces?$filter=...&$top=...&$skiptoken=...
// Bearer token required; $filter as Graph accepts it (graph-filter.ts); a query spans at most
// 10 days, starts at most 90 days back, ends no later than now; $top 1-5000 (default 1000);
// newest first; @odata.nextLink with an opaque skip token; a request budget (100 per 5 minutes
// by default, on the server's own clock) answered with 429 + Retry-After; injectable faults.
// Rows are whatever the test puts in `rows`, served in Graph's JSON shape (a query's pages come
// from a snapshot taken at its first page; changes show in the next query); every request is
// recorded.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TraceRecord } from '../../../src/trace/record';
import { FilterError, parseTraceFilter, type TraceFilter } from './graph-filter';
import { ServedRows } from './graph-rows';
import { startHttpsServer, type TestHttpsServer } from './https';

export const TRACE_PATH = '/v1.0/admin/exchange/tracing/messageTraces';
const DAY_MS = 86_400_000;

/** A row to serve: a TraceRecord, or a raw Graph item (to serve malformed data). */
export type ServedRow = TraceRecord | { graph: Record<string, unknown> };

export type GraphFault =
  /** Any status with a Graph error body, e.g. 503 with Retry-After. */
  | { kind: 'status'; status: number; retryAfter?: string; code?: string; message?: string }
  /** A 429 whatever the budget (another app in the tenant used it up). */
  | { kind: 'throttle'; retryAfter?: string }
  /** 401 "Service principal-less authentication failed" (tenant not onboarded yet). */
  | { kind: 'onboarding' }
  /** 403: the permission is missing. */
  | { kind: 'forbidden' }
  /** The connection is destroyed without an answer. */
  | { kind: 'drop' }
  /** A 200 whose body is cut off mid-way. */
  | { kind: 'truncate' };

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  query: Record<string, string>;
  authorization?: string;
  prefer?: string;
  /** Server clock, ms. */
  at: number;
  /** 0 when the connection was dropped. */
  status: number;
  fault?: GraphFault['kind'];
}

export interface GraphTraceServerOptions {
  /** The only bearer token accepted; default 'graph-test-token'. */
  token?: string;
  /** The server's clock (ms); default Date.now. */
  now?: () => number;
  /** Default 100 requests per 5 minutes. */
  budget?: { limit: number; intervalMs: number };
  defaultTop?: number;
  maxTop?: number;
  maxSpanMs?: number;
  maxLookbackMs?: number;
}

export interface GraphTraceServer {
  /** `https://127.0.0.1:<port>`: the Graph endpoint to give the source. */
  readonly url: string;
  readonly token: string;
  /** Served rows; mutate freely between (or during) reads. A frozen array is indexed by time once (see graph-rows.ts). */
  rows: ServedRow[];
  readonly requests: RecordedRequest[];
  /** 429s sent because the budget was spent (not counting `throttle` faults). */
  readonly throttled: number;
  /** Queue faults; each answers one request, in order. */
  fail(...faults: GraphFault[]): void;
  /** Forget the requests counted against the budget. */
  resetBudget(): void;
  close(): Promise<void>;
}

/** A query's rows, as Graph items, or (frozen rows: see graph-rows.ts) rows made into items page by page. */
interface Cursor {
  items: { length: number; slice(from: number, to: number): Record<string, unknown>[] };
  offset: number;
}

export async function startGraphTraceServer(options: GraphTraceServerOptions = {}): Promise<GraphTraceServer> {
  const token = options.token ?? 'graph-test-token';
  const now = options.now ?? Date.now;
  const budget = options.budget ?? { limit: 100, intervalMs: 5 * 60_000 };
  const defaultTop = options.defaultTop ?? 1000;
  const maxTop = options.maxTop ?? 5000;
  const maxSpanMs = options.maxSpanMs ?? 10 * DAY_MS;
  const maxLookbackMs = options.maxLookbackMs ?? 90 * DAY_MS;

  const faults: GraphFault[] = [];
  const counted: number[] = [];
  const cursors = new Map<string, Cursor>();
  const requests: RecordedRequest[] = [];
  let throttled = 0;
  const served = new ServedRows();
  // Set once listening; requests cannot arrive before.
  const state = { rows: [] as ServedRow[], url: '' };

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', state.url);
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key.toLowerCase()] = value;
    const record: RecordedRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      query,
      authorization: request.headers.authorization,
      prefer: headerText(request.headers.prefer),
      at: now(),
      status: 0,
    };
    requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      const text = JSON.stringify(body);
      response.writeHead(status, {
        'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
        'content-length': Buffer.byteLength(text),
        'request-id': randomUUID(),
        ...(request.headers['client-request-id'] ? { 'client-request-id': headerText(request.headers['client-request-id']) as string } : {}),
        ...headers,
      });
      response.end(text);
    };
    const error = (status: number, code: string, message: string, headers?: Record<string, string>): void =>
      send(status, { error: { code, message, innerError: { date: new Date(now()).toISOString().slice(0, 19), 'request-id': randomUUID() } } }, headers);

    if (url.pathname !== TRACE_PATH) return error(404, 'ResourceNotFound', `Resource not found for the segment '${url.pathname}'.`);
    if (request.method !== 'GET') return error(405, 'MethodNotAllowed', `The ${request.method} method is not allowed on this resource.`);

    const authorization = request.headers.authorization ?? '';
    const challenge = { 'www-authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"' };
    if (!authorization) return error(401, 'InvalidAuthenticationToken', 'Access token is empty.', challenge);
    if (authorization !== `Bearer ${token}`) return error(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.', challenge);

    const fault = faults.shift();
    if (fault) {
      record.fault = fault.kind;
      return injectFault(fault, request, response, record, error, challenge);
    }

    const at = now();
    while (counted.length > 0 && counted[0] + budget.intervalMs <= at) counted.shift();
    if (counted.length >= budget.limit) {
      throttled++;
      const seconds = Math.max(1, Math.ceil((counted[0] + budget.intervalMs - at) / 1000));
      return error(429, 'TooManyRequests', 'Too many requests. The message trace API allows 100 requests per 5 minutes per tenant.', { 'retry-after': String(seconds) });
    }
    counted.push(at);

    for (const key of Object.keys(query)) {
      if (key.startsWith('$') && !['$filter', '$top', '$skiptoken'].includes(key)) {
        return error(400, 'BadRequest', `Query option '${key}' is not allowed. Allowed: $filter, $top, $skipToken.`);
      }
    }
    let top = defaultTop;
    if (query.$top !== undefined) {
      top = /^\d+$/.test(query.$top) ? Number(query.$top) : NaN;
      if (!(top >= 1 && top <= maxTop)) return error(400, 'BadRequest', `Invalid $top value '${query.$top}': the page size must be between 1 and ${maxTop}.`);
    }

    let cursor: Cursor;
    if (query.$skiptoken !== undefined) {
      const found = cursors.get(query.$skiptoken);
      if (!found) return error(400, 'BadRequest', 'The $skipToken is invalid or has expired.');
      cursor = found;
    } else {
      let filter: TraceFilter;
      try {
        filter = query.$filter === undefined ? { equals: [], subject: [] } : parseTraceFilter(query.$filter);
      } catch (failure) {
        if (failure instanceof FilterError) return error(400, 'BadRequest', failure.message);
        throw failure;
      }
      const problem = checkRange(filter, at);
      if (problem) return error(400, 'BadRequest', problem);
      const rows = served.newestFirst(state.rows, filter);
      if (rows) {
        const includeUnknown = /include-unknown-enum-members/i.test(record.prefer ?? '');
        cursor = { items: { length: rows.length, slice: (from, to) => rows.slice(from, to).map((row) => graphItem(row, includeUnknown)) }, offset: 0 };
      } else {
        cursor = { items: select(filter, at, record.prefer), offset: 0 };
      }
    }

    const page = cursor.items.slice(cursor.offset, cursor.offset + top);
    const body: Record<string, unknown> = { '@odata.context': `${state.url}/v1.0/$metadata#admin/exchange/tracing/messageTraces` };
    if (cursor.offset + top < cursor.items.length) {
      const skiptoken = randomUUID().replace(/-/g, '');
      cursors.set(skiptoken, { items: cursor.items, offset: cursor.offset + top });
      // Like Graph: the whole query again, `$` unescaped, plus the skip token.
      const filter = query.$filter === undefined ? '' : `$filter=${encodeURIComponent(query.$filter)}&`;
      body['@odata.nextLink'] = `${state.url}${TRACE_PATH}?${filter}$top=${top}&$skiptoken=${skiptoken}`;
    }
    body.value = page;
    send(200, body);
  }

  function checkRange(filter: TraceFilter, at: number): string | undefined {
    const nowTicks = BigInt(at) * 10_000n;
    if (!filter.lower && !filter.upper) {
      filter.lower = { ticks: nowTicks - BigInt(2 * DAY_MS) * 10_000n, inclusive: true };
      filter.upper = { ticks: nowTicks, inclusive: true };
    }
    if (!filter.lower || !filter.upper) return 'The receivedDateTime range must be specified with both a start (ge) and an end (le).';
    if (filter.lower.ticks > filter.upper.ticks) return 'The start date must not be later than the end date.';
    if (filter.upper.ticks - filter.lower.ticks > BigInt(maxSpanMs) * 10_000n) return `The time range between the start and end dates cannot exceed ${maxSpanMs / DAY_MS} days.`;
    if (filter.lower.ticks < nowTicks - BigInt(maxLookbackMs) * 10_000n) return `The start date cannot be more than ${maxLookbackMs / DAY_MS} days before the current date.`;
    if (filter.upper.ticks > nowTicks) return 'The end date cannot be later than the current date.';
    return undefined;
  }

  /** The matching rows as Graph items, newest first. */
  function select(filter: TraceFilter, at: number, prefer: string | undefined): Record<string, unknown>[] {
    const includeUnknown = /include-unknown-enum-members/i.test(prefer ?? '');
    const picked: { item: Record<string, unknown>; ticks: bigint; index: number }[] = [];
    for (const { row, ticks, index } of served.candidates(state.rows, filter.lower?.ticks, filter.upper?.ticks)) {
      // An unreadable date is served in every query, so that clients meet it.
      if (ticks !== undefined && !inRange(ticks, filter)) continue;
      const item = 'graph' in row ? { ...row.graph } : toGraphItem(row);
      if (!filter.equals.every(({ property, value }) => String(item[property] ?? '').toLowerCase() === value.toLowerCase())) continue;
      if (!filter.subject.every(({ fn, value }) => matchesSubject(String(item.subject ?? ''), fn, value))) continue;
      if (!includeUnknown && item.status === 'recalled') item.status = 'unknownFutureValue';
      picked.push({ item, ticks: ticks ?? BigInt(at) * 10_000n, index });
    }
    // Newest first; rows received at the same time stay in the order of `rows`.
    picked.sort((a, b) => (a.ticks === b.ticks ? a.index - b.index : a.ticks > b.ticks ? -1 : 1));
    return picked.map((p) => p.item);
  }

  function injectFault(
    fault: GraphFault,
    request: IncomingMessage,
    response: ServerResponse,
    record: RecordedRequest,
    error: (status: number, code: string, message: string, headers?: Record<string, string>) => void,
    challenge: Record<string, string>,
  ): void {
    switch (fault.kind) {
      case 'status':
        return error(fault.status, fault.code ?? (fault.status === 503 ? 'ServiceUnavailable' : fault.status === 504 ? 'GatewayTimeout' : 'UnknownError'),
          fault.message ?? 'The service is temporarily unavailable.', fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      case 'throttle':
        return error(429, 'TooManyRequests', 'Too many requests.', { 'retry-after': fault.retryAfter ?? '1' });
      case 'onboarding':
        return error(401, 'UnknownError', 'Service principal-less authentication failed. The service principal for the calling application was not found in the tenant.', challenge);
      case 'forbidden':
        return error(403, 'Forbidden', "Missing role permissions on the request. API requires one of 'ExchangeMessageTrace.Read.All'.");
      case 'drop':
        record.status = 0;
        request.socket.destroy();
        return;
      case 'truncate':
        record.status = 200;
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
        response.write('{"value":[{"id":"');
        setImmediate(() => request.socket.destroy());
        return;
    }
  }

  const http: TestHttpsServer = await startHttpsServer(handle);
  state.url = http.url;

  return {
    get url() {
      return state.url;
    },
    token,
    get rows() {
      return state.rows;
    },
    set rows(rows: ServedRow[]) {
      state.rows = rows;
      served.prepare(rows);
    },
    requests,
    get throttled() {
      return throttled;
    },
    fail: (...more) => {
      faults.push(...more);
    },
    resetBudget: () => {
      counted.length = 0;
    },
    close: () => http.close(),
  };
}

/** A served row as a page shows it (`recalled` only to a client that asks for all enum members). */
function graphItem(row: ServedRow, includeUnknown: boolean): Record<string, unknown> {
  const item = 'graph' in row ? { ...row.graph } : toGraphItem(row);
  if (!includeUnknown && item.status === 'recalled') item.status = 'unknownFutureValue';
  return item;
}

/** A TraceRecord in Graph's exchangeMessageTrace JSON shape. */
export function toGraphItem(row: TraceRecord): Record<string, unknown> {
  return {
    id: row.messageTraceId,
    messageId: row.messageId,
    receivedDateTime: row.received,
    senderAddress: row.senderAddress,
    recipientAddress: row.recipientAddress,
    subject: row.subject,
    status: row.status,
    size: row.size,
    fromIP: row.fromIP,
    toIP: row.toIP,
  };
}

function inRange(ticks: bigint, filter: TraceFilter): boolean {
  const { lower, upper } = filter;
  if (lower && (lower.inclusive ? ticks < lower.ticks : ticks <= lower.ticks)) return false;
  if (upper && (upper.inclusive ? ticks > upper.ticks : ticks >= upper.ticks)) return false;
  return true;
}

function matchesSubject(subject: string, fn: 'contains' | 'startswith', value: string): boolean {
  const s = subject.toLowerCase();
  const v = value.toLowerCase();
  return fn === 'contains' ? s.includes(v) : s.startsWith(v);
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
