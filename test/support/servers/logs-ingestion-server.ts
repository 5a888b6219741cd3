// A protocol-faithful Azure Monitor Logs Ingestion API for tests:
//   POST /dataCollectionRules/{immutableId}/streams/{stream}?api-version=2023-01-01
// Bearer token required; body a JSON array, plain or `Content-Encoding: gzip`; at most 1 MB per
// call, compressed and uncompressed, else 413 (1 MiB: the SDK's own chunks, whose rows add up to
// under 1,000,000 bytes, run a little over 1,000,000 with brackets and commas); unknown rule or stream 404; rows must carry exactly the stream's
// declared columns with values of their types, else 400; 204 on success. Injectable faults
// (a status such as 429 with Retry-After or 500, a dropped connection, accept-then-drop, a held
// request the test releases). Every request and every accepted row is recorded.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startHttpsServer, type TestHttpsServer } from './https';

export const INGESTION_API_VERSION = '2023-01-01';
const DAY_MS = 86_400_000;

/** Column types of a DCR stream declaration. */
export type StreamColumnType = 'string' | 'int' | 'long' | 'real' | 'boolean' | 'datetime' | 'dynamic';

export interface StreamDeclaration {
  columns: readonly { name: string; type: StreamColumnType }[];
}

export interface DataCollectionRuleSpec {
  immutableId: string;
  /** Input streams by name, e.g. Custom-MessageTrace_CL. */
  streams: Record<string, StreamDeclaration>;
}

export type IngestionFault =
  /** Answered normally: lets a later fault hit a later request. */
  | { kind: 'pass' }
  /** Any status with an error body, e.g. 500, or 503 with Retry-After. */
  | { kind: 'status'; status: number; code?: string; message?: string; retryAfter?: string }
  /** 429 with Retry-After (seconds) or retry-after-ms. */
  | { kind: 'throttle'; retryAfter?: string; retryAfterMs?: number }
  /** The connection is destroyed after the body arrived; nothing is accepted. */
  | { kind: 'drop' }
  /** The rows are accepted, then the connection is destroyed before the answer (a crash after acceptance, as the client sees it). */
  | { kind: 'accept-drop' };

export interface IngestionRequestRecord {
  method: string;
  url: string;
  authorization?: string;
  contentEncoding?: string;
  /** Body bytes as received. */
  bytes: number;
  /** Body bytes after decompression, when it could be read. */
  uncompressedBytes?: number;
  /** Rows in the body, when it was a JSON array. */
  rows?: number;
  /** 0 when the connection was dropped. */
  status: number;
  fault?: IngestionFault['kind'] | 'hold';
  at: number;
}

export interface AcceptedRow {
  rule: string;
  stream: string;
  row: Record<string, unknown>;
  /** Server clock when accepted, ms. */
  at: number;
  /** Index of the request in `requests`. */
  request: number;
}

/** A request the server holds (see `hold`): it was received and checked, and waits for the test. */
export interface HeldRequest {
  /** Resolves once a request is held. */
  readonly received: Promise<void>;
  /** Accepts the rows and answers 204. */
  accept(): void;
  /** Accepts the rows and destroys the connection without an answer. */
  acceptAndDrop(): void;
  /** Destroys the connection without accepting anything. */
  drop(): void;
}

export interface LogsIngestionServerOptions {
  rules: readonly DataCollectionRuleSpec[];
  /** The only bearer token accepted; default 'test'. */
  token?: string;
  /** Largest body, compressed and uncompressed; default 1 MiB (1,048,576 bytes). */
  maxBodyBytes?: number;
  /** Server clock, ms; default Date.now. */
  now?: () => number;
  /**
   * Called with the rows of each request accepted. With `retainRows: false` the rows are not
   * kept in `accepted` (a benchmark's million rows would weigh on the server's own speed).
   */
  onAccepted?: (rows: readonly Record<string, unknown>[], stream: string) => void;
  retainRows?: boolean;
}

export interface LogsIngestionServer {
  /** `https://127.0.0.1:<port>`: the ingestion endpoint. */
  readonly url: string;
  readonly token: string;
  readonly requests: IngestionRequestRecord[];
  /** Empty with `retainRows: false`. */
  readonly accepted: AcceptedRow[];
  /** Queue faults; each answers one (routed, authorized) request, in order. */
  fail(...faults: IngestionFault[]): void;
  /** Holds the next valid request until the test releases it. */
  hold(): HeldRequest;
  /**
   * Accepted rows as the workspace table holds them: TimeGenerated more than 2 days before
   * acceptance or more than 1 day after is replaced with the acceptance time, as the service does.
   */
  workspaceRows(stream?: string): Record<string, unknown>[];
  close(): Promise<void>;
}

interface Hold {
  handle: HeldRequest;
  arrived: () => void;
  release?: (action: 'accept' | 'accept-drop' | 'drop') => void;
}

export async function startLogsIngestionServer(options: LogsIngestionServerOptions): Promise<LogsIngestionServer> {
  const token = options.token ?? 'test';
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const now = options.now ?? Date.now;
  const rules = new Map(options.rules.map((rule) => [rule.immutableId, rule]));
  const faults: IngestionFault[] = [];
  const holds: Hold[] = [];
  const requests: IngestionRequestRecord[] = [];
  const accepted: AcceptedRow[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const record: IngestionRequestRecord = {
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      contentEncoding: request.headers['content-encoding'],
      bytes: 0,
      status: 0,
      at: now(),
    };
    const index = requests.push(record) - 1;
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      const text = body === undefined ? '' : JSON.stringify(body);
      response.writeHead(status, {
        ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        'content-length': String(Buffer.byteLength(text)),
        'x-ms-request-id': randomUUID(),
        ...headers,
      });
      response.end(text);
    };
    const error = (status: number, code: string, message: string, headers?: Record<string, string>): void =>
      send(status, { error: { code, message } }, { 'x-ms-error-code': code, ...headers });

    const body = await readRaw(request);
    record.bytes = body.length;

    const route = /^\/dataCollectionRules\/([^/]+)\/streams\/([^/]+)$/.exec(url.pathname);
    if (!route) return error(404, 'NotFound', `No route for ${url.pathname}.`);
    if (request.method !== 'POST') return error(405, 'MethodNotAllowed', `The ${request.method} method is not allowed.`);
    const apiVersion = url.searchParams.get('api-version');
    if (apiVersion !== INGESTION_API_VERSION) return error(400, 'InvalidApiVersion', `The api-version '${apiVersion ?? ''}' is not supported; use ${INGESTION_API_VERSION}.`);
    const authorization = request.headers.authorization ?? '';
    if (!authorization.startsWith('Bearer ')) return error(401, 'InvalidToken', 'An authentication token is required.');
    if (authorization !== `Bearer ${token}`) return error(401, 'InvalidToken', 'The authentication token is invalid or expired.');
    const [ruleId, stream] = [decodeURIComponent(route[1]), decodeURIComponent(route[2])];
    const rule = rules.get(ruleId);
    if (!rule) return error(404, 'NotFound', `Data collection rule with immutable Id '${ruleId}' not found.`);
    const declaration = rule.streams[stream];
    if (!declaration) return error(404, 'InvalidStream', `Stream '${stream}' is not declared in data collection rule '${ruleId}'.`);

    // Read the body first, so that faulted requests are recorded with their rows too.
    const parsed = parseBody(body, request.headers['content-encoding'], maxBodyBytes);
    record.uncompressedBytes = parsed.uncompressedBytes;
    record.rows = parsed.rows?.length;

    const fault = faults.shift();
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'status') {
      return error(fault.status, fault.code ?? (fault.status >= 500 ? 'ServiceError' : 'BadRequest'), fault.message ?? 'The service failed to process the request.',
        fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
    }
    if (fault?.kind === 'throttle') {
      const headers: Record<string, string> = { 'retry-after': fault.retryAfter ?? '1' };
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      return error(429, 'TooManyRequests', 'The request rate for this data collection rule is over its limit.', headers);
    }
    if (fault?.kind === 'drop') {
      request.socket.destroy();
      return;
    }
    if (parsed.problem) return error(...parsed.problem);
    const rows = parsed.rows!;
    const problem = checkRows(rows, declaration, stream);
    if (problem) return error(400, 'InvalidPayload', problem);

    const accept = (): void => {
      const at = now();
      options.onAccepted?.(rows as Record<string, unknown>[], stream);
      if (options.retainRows === false) return;
      for (const row of rows as Record<string, unknown>[]) accepted.push({ rule: ruleId, stream, row, at, request: index });
    };
    if (fault?.kind === 'accept-drop') {
      accept();
      request.socket.destroy();
      return;
    }
    const held = holds.shift();
    if (held) {
      record.fault = 'hold';
      const action = await new Promise<'accept' | 'accept-drop' | 'drop'>((resolve) => {
        held.release = resolve;
        held.arrived();
      });
      if (action !== 'drop') accept();
      if (action === 'accept') return send(204);
      request.socket.destroy();
      return;
    }
    accept();
    send(204);
  }

  const http: TestHttpsServer = await startHttpsServer(handle);

  return {
    url: http.url,
    token,
    requests,
    accepted,
    fail: (...more) => {
      faults.push(...more);
    },
    hold: () => {
      let arrived!: () => void;
      const received = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const release = (action: 'accept' | 'accept-drop' | 'drop'): void => {
        if (!hold.release) throw new Error('no request is held yet; await `received` first');
        hold.release(action);
      };
      const hold: Hold = {
        arrived,
        handle: { received, accept: () => release('accept'), acceptAndDrop: () => release('accept-drop'), drop: () => release('drop') },
      };
      holds.push(hold);
      return hold.handle;
    },
    workspaceRows: (stream) =>
      accepted.filter((a) => stream === undefined || a.stream === stream).map(({ row, at }) => {
        const time = typeof row.TimeGenerated === 'string' ? Date.parse(row.TimeGenerated) : NaN;
        const replace = Number.isNaN(time) || time < at - 2 * DAY_MS || time > at + DAY_MS;
        return replace ? { ...row, TimeGenerated: new Date(at).toISOString() } : { ...row };
      }),
    close: () => http.close(),
  };
}

interface ParsedBody {
  uncompressedBytes?: number;
  rows?: unknown[];
  problem?: [status: number, code: string, message: string];
}

function parseBody(body: Buffer, encoding: string | undefined, maxBodyBytes: number): ParsedBody {
  if (body.length > maxBodyBytes) return { problem: [413, 'ContentLengthLimitExceeded', `The request body is ${body.length} bytes; the limit is ${maxBodyBytes}.`] };
  let text: string;
  try {
    text = ((encoding ?? '').toLowerCase() === 'gzip' ? gunzipSync(body) : body).toString('utf8');
  } catch {
    return { problem: [400, 'InvalidContentEncoding', 'The body is not valid gzip.'] };
  }
  const uncompressedBytes = Buffer.byteLength(text);
  if (uncompressedBytes > maxBodyBytes) {
    return { uncompressedBytes, problem: [413, 'ContentLengthLimitExceeded', `The uncompressed request body is ${uncompressedBytes} bytes; the limit is ${maxBodyBytes}.`] };
  }
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    return { uncompressedBytes, problem: [400, 'InvalidJson', 'The request body is not valid JSON.'] };
  }
  if (!Array.isArray(rows)) return { uncompressedBytes, problem: [400, 'InvalidPayload', 'The request body must be a JSON array.'] };
  return { uncompressedBytes, rows };
}

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The first way `rows` do not match the stream declaration, or undefined. */
function checkRows(rows: unknown[], declaration: StreamDeclaration, stream: string): string | undefined {
  const declared = new Map(declaration.columns.map((c) => [c.name, c.type]));
  const declaredNames = [...declared.keys()];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return `Item ${i} is not a JSON object.`;
    // Most rows are right: tell so without building lists; the checks below say what is wrong.
    if (fitsDeclaration(row as Record<string, unknown>, declared)) continue;
    const names = Object.keys(row);
    const extra = names.filter((name) => !declared.has(name));
    if (extra.length > 0) return `Item ${i} has columns not declared in stream '${stream}': ${extra.join(', ')}.`;
    const missing = declaredNames.filter((name) => !(name in row));
    if (missing.length > 0) return `Item ${i} lacks columns declared in stream '${stream}': ${missing.join(', ')}.`;
    for (const [name, type] of declared) {
      const value = (row as Record<string, unknown>)[name];
      if (value !== null && !fits(value, type)) return `Item ${i}: the value of column '${name}' (${JSON.stringify(value).slice(0, 60)}) is not of type ${type}.`;
    }
  }
  return undefined;
}

/** Exactly the declared columns, each value of its type (or null). */
function fitsDeclaration(row: Record<string, unknown>, declared: ReadonlyMap<string, StreamColumnType>): boolean {
  let columns = 0;
  for (const name of Object.keys(row)) {
    const type = declared.get(name);
    const value = row[name];
    if (type === undefined || (value !== null && !fits(value, type))) return false;
    columns++;
  }
  return columns === declared.size;
}

function fits(value: unknown, type: StreamColumnType): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'int': return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31;
    case 'long': return Number.isSafeInteger(value);
    case 'real': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'datetime': return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'dynamic': return true;
  }
}
