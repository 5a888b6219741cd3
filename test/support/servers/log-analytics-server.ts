// A protocol-faithful Log Analytics query API for tests, answering with the project's own engine:
//   POST /v1/workspaces/{workspaceId}/query   {"query": "...", "timespan": "ISO 8601 interval"}
//   GET  /v1/workspaces/{workspaceId}/metadata (tables and their columns)
// Bearer token required. The answer is the API's: {"tables":[{"name":"PrimaryResult","columns":
// [{"name","type"}],"rows":[[...]]}]}, datetimes as ISO strings, dynamic values as JSON text;
// `Prefer: include-render=true` adds `render`, `include-statistics=true` adds `statistics`;
// `wait=N` is recorded. The timespan restricts TimeGenerated, as the service does. KQL errors
// are 400 with the service's error shape; injectable faults (429 with Retry-After, any status,
// a partial failure: tables plus an `error` beside them, a dropped connection).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EngineLimitError, KqlError, NotSupportedError, runQuery, Table } from '../../../src/engine';
import { columnFromValues } from '../../../src/engine/data/builder';
import { MemorySource } from '../../../src/engine/memory-source';
import { toJson } from '../../../src/engine/output';
import type { KustoType } from '../../../src/kql/schema';
import { coerce } from '../../../src/store/values';
import { readBody, startHttpsServer, type TestHttpsServer } from './https';

export interface WorkspaceTable {
  name: string;
  columns: readonly { name: string; type: KustoType }[];
  /** Rows as objects keyed by column name, or as arrays in column order; values as JSON gives them. */
  rows: readonly (Readonly<Record<string, unknown>> | readonly unknown[])[];
}

export type QueryFault =
  | { kind: 'status'; status: number; code?: string; message?: string; retryAfter?: string }
  | { kind: 'throttle'; retryAfter?: string }
  /** The query runs, and the answer carries an error beside the tables (LogsQueryResultStatus.PartialFailure). */
  | { kind: 'partial'; code?: string; message?: string }
  | { kind: 'drop' };

export interface QueryRequestRecord {
  method: string;
  url: string;
  workspaceId?: string;
  query?: string;
  timespan?: string;
  /** Prefer header entries, e.g. { 'include-render': 'true', wait: '600' }. */
  prefer: Record<string, string>;
  authorization?: string;
  /** 0 when the connection was dropped. */
  status: number;
  fault?: QueryFault['kind'];
  at: number;
}

export interface LogAnalyticsServerOptions {
  /** Workspace ids served; default one, 11111111-1111-1111-1111-111111111111. */
  workspaceIds?: readonly string[];
  /** The only bearer token accepted; default 'test'. */
  token?: string;
  /** The tables, or a function giving them at each query (e.g. rows an ingestion server accepted). */
  tables?: readonly WorkspaceTable[] | (() => readonly WorkspaceTable[]);
  /** now() of queries and the server's clock, ms; default Date.now. */
  now?: () => number;
}

export interface LogAnalyticsServer {
  /** `https://127.0.0.1:<port>`. */
  readonly url: string;
  /** `url` + `/v1`: what LogsQueryClient's `endpoint` option takes. */
  readonly endpoint: string;
  readonly token: string;
  readonly workspaceId: string;
  tables: readonly WorkspaceTable[] | (() => readonly WorkspaceTable[]);
  readonly requests: QueryRequestRecord[];
  fail(...faults: QueryFault[]): void;
  close(): Promise<void>;
}

export const DEFAULT_WORKSPACE_ID = '11111111-1111-1111-1111-111111111111';

export async function startLogAnalyticsServer(options: LogAnalyticsServerOptions = {}): Promise<LogAnalyticsServer> {
  const token = options.token ?? 'test';
  const now = options.now ?? Date.now;
  const workspaceIds = new Set((options.workspaceIds ?? [DEFAULT_WORKSPACE_ID]).map((id) => id.toLowerCase()));
  const faults: QueryFault[] = [];
  const requests: QueryRequestRecord[] = [];
  const state = { tables: options.tables ?? ([] as readonly WorkspaceTable[]) };
  const currentTables = (): readonly WorkspaceTable[] => (typeof state.tables === 'function' ? state.tables() : state.tables);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const record: QueryRequestRecord = {
      method: request.method ?? '',
      url: request.url ?? '',
      prefer: parsePrefer(request.headers.prefer),
      authorization: request.headers.authorization,
      status: 0,
      at: now(),
    };
    requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      const text = JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
      response.end(text);
    };
    const error = (status: number, code: string, message: string, inner?: unknown, headers?: Record<string, string>): void =>
      send(status, { error: { message, code, correlationId: randomUUID(), ...(inner ? { innererror: inner } : {}) } }, headers);

    const text = await readBody(request);
    const route = /^\/v1\/workspaces\/([^/]+)\/(query|metadata)$/.exec(url.pathname);
    if (!route) return error(404, 'PathNotFoundError', `The requested path does not exist: ${url.pathname}`);
    const [workspaceId, operation] = [decodeURIComponent(route[1]), route[2]];
    record.workspaceId = workspaceId;
    const authorization = request.headers.authorization ?? '';
    if (!authorization.startsWith('Bearer ')) return error(401, 'AuthorizationRequiredError', 'Valid authentication was not provided', undefined, { 'www-authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common"' });
    if (authorization !== `Bearer ${token}`) return error(403, 'InsufficientAccessError', 'The provided credentials have insufficient access to perform the requested operation');
    if (!workspaceIds.has(workspaceId.toLowerCase())) return error(404, 'WorkspaceNotFoundError', `Workspace ${workspaceId} was not found`);

    const fault = faults.shift();
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'status') return error(fault.status, fault.code ?? 'ServiceError', fault.message ?? 'The service failed.', undefined, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
    if (fault?.kind === 'throttle') return error(429, 'ThrottledError', 'Your request was throttled: too many requests.', undefined, { 'retry-after': fault.retryAfter ?? '1' });
    if (fault?.kind === 'drop') {
      request.socket.destroy();
      return;
    }

    if (operation === 'metadata') {
      if (request.method !== 'GET') return error(405, 'MethodNotAllowed', `${request.method} is not allowed`);
      return send(200, metadata(currentTables(), workspaceId));
    }
    if (request.method !== 'POST') return error(405, 'MethodNotAllowed', `${request.method} is not allowed; POST the query`);
    let body: { query?: unknown; timespan?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return error(400, 'BadArgumentError', 'The request body is not valid JSON');
    }
    if (typeof body.query !== 'string' || body.query.trim() === '') return error(400, 'BadArgumentError', 'The request had some invalid properties', { code: 'QueryMissing', message: 'A query is required' });
    record.query = body.query;
    record.timespan = typeof body.timespan === 'string' ? body.timespan : undefined;
    const started = now();
    const window = record.timespan === undefined ? undefined : parseInterval(record.timespan, started);
    if (window === null) return error(400, 'BadArgumentError', `Invalid timespan ${record.timespan}`);

    let result;
    try {
      const source = new MemorySource(new Map(currentTables().map((t) => [t.name, engineTable(t, window)])));
      result = await runQuery(body.query, source.schema, source, { now: started * 1000 });
    } catch (failure) {
      if (failure instanceof KqlError) {
        const first = failure.diagnostics[0];
        return error(400, 'BadArgumentError', 'The request had some invalid properties', {
          code: 'SemanticError', message: 'A semantic error occurred.',
          innererror: { code: 'SEM0100', message: first ? `${first.line}:${first.column}: ${first.message}` : failure.message },
        });
      }
      if (failure instanceof NotSupportedError || failure instanceof EngineLimitError) return error(400, 'BadArgumentError', failure.message);
      throw failure;
    }
    const output = JSON.parse(toJson(result.table, result.visualization)) as { columns: { name: string; type: string }[]; rows: unknown[][]; visualization: Record<string, unknown> | null };
    const rows = output.rows.map((row) => row.map((value, c) => (output.columns[c].type === 'dynamic' && value !== null ? JSON.stringify(value) : value)));
    const answer: Record<string, unknown> = { tables: [{ name: 'PrimaryResult', columns: output.columns, rows }] };
    if (record.prefer['include-render'] === 'true' && output.visualization) {
      answer.render = { accumulate: false, isQuerySorted: false, kind: 'default', annotation: '', by: null, ...output.visualization };
    }
    if (record.prefer['include-statistics'] === 'true') answer.statistics = { query: { executionTime: (now() - started) / 1000 } };
    if (fault?.kind === 'partial') {
      answer.error = {
        code: 'PartialError', message: 'There were some errors when processing your query.',
        details: [{ code: fault.code ?? 'EngineError', message: fault.message ?? 'Something went wrong processing your query on the server.' }],
      };
    }
    send(200, answer);
  }

  const http: TestHttpsServer = await startHttpsServer(handle);
  return {
    url: http.url,
    endpoint: `${http.url}/v1`,
    token,
    workspaceId: [...workspaceIds][0],
    get tables() {
      return state.tables;
    },
    set tables(tables) {
      state.tables = tables;
    },
    requests,
    fail: (...more) => {
      faults.push(...more);
    },
    close: () => http.close(),
  };
}

/** The table as the engine holds it, only rows whose TimeGenerated is in the window (when both exist). */
function engineTable(table: WorkspaceTable, window: { start: number; end: number } | undefined): Table {
  const timeIndex = table.columns.findIndex((c) => c.name === 'TimeGenerated');
  const cell = (row: WorkspaceTable['rows'][number], c: number): unknown => (Array.isArray(row) ? row[c] : (row as Record<string, unknown>)[table.columns[c].name]);
  const rows = table.rows.filter((row) => {
    if (!window || timeIndex < 0) return true;
    const time = Date.parse(String(cell(row, timeIndex)));
    return time >= window.start && time <= window.end;
  });
  const columns = table.columns.map((column, c) => columnFromValues(column.type, rows.map((row) => coerce(cell(row, c), column.type))));
  return new Table(table.columns.map((c) => c.name), columns, rows.length);
}

/** An ISO 8601 interval (start/end, start/duration, duration/end, or a duration ending now) in ms; null when invalid. */
export function parseInterval(text: string, now: number): { start: number; end: number } | null {
  const [a, b] = text.split('/');
  if (b === undefined) {
    const duration = parseDuration(a);
    return duration === null ? null : { start: now - duration, end: now };
  }
  const [startDate, endDate] = [Date.parse(a), Date.parse(b)];
  const [startDuration, endDuration] = [parseDuration(a), parseDuration(b)];
  if (!Number.isNaN(startDate) && !Number.isNaN(endDate)) return { start: startDate, end: endDate };
  if (!Number.isNaN(startDate) && endDuration !== null) return { start: startDate, end: startDate + endDuration };
  if (startDuration !== null && !Number.isNaN(endDate)) return { start: endDate - startDuration, end: endDate };
  return null;
}

function parseDuration(text: string): number | null {
  const m = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [w, d, h, min, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
}

function parsePrefer(header: string | string[] | undefined): Record<string, string> {
  const prefer: Record<string, string> = {};
  for (const part of (Array.isArray(header) ? header.join(',') : header ?? '').split(/[,;]/)) {
    const [key, value] = part.split('=').map((s) => s.trim());
    if (key) prefer[key.toLowerCase()] = value ?? 'true';
  }
  return prefer;
}

function metadata(tables: readonly WorkspaceTable[], workspaceId: string): unknown {
  return {
    tables: tables.map((t) => ({
      id: `t/${t.name}`,
      name: t.name,
      timespanColumn: t.columns.some((c) => c.name === 'TimeGenerated') ? 'TimeGenerated' : undefined,
      columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
    })),
    functions: [],
    workspaces: [{ id: workspaceId, resourceId: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/test/providers/Microsoft.OperationalInsights/workspaces/test`, name: 'test', region: 'eastus' }],
  };
}
