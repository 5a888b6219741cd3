// Queries a Log Analytics workspace with LogsQueryClient (@azure/monitor-query-logs) and reads
// its schema (GET {endpoint}/workspaces/{id}/metadata) through the same client pipeline.
// No `vscode` here: the credential comes in from the caller.
import type { TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest, type HttpClient } from '@azure/core-rest-pipeline';
import { LogsQueryClient, LogsQueryResultStatus, type LogsTable } from '@azure/monitor-query-logs';
import type { ResultColumn, ResultVisualization } from '../../webview/protocol';
import { serviceErrorText } from './azure-errors';

export interface LogAnalyticsTarget {
  /** Query API base URL including `/v1` (LogsQueryClient's `endpoint` replaces the whole base). */
  endpoint: string;
  /** Token audience, e.g. https://api.loganalytics.io. */
  audience: string;
  workspaceId: string;
  credential: TokenCredential;
}

export interface LogAnalyticsQuery {
  query: string;
  /** ISO 8601 duration Log Analytics applies on top of the query's own time filters. */
  timespan: string;
  serverTimeoutSeconds: number;
  maxRows: number;
}

export interface LogAnalyticsResult {
  columns: ResultColumn[];
  rows: unknown[][];
  visualization: ResultVisualization | null;
  totalRows: number;
  /** The partial failure's message, when the service answered only in part. */
  warning?: string;
}

export class LogAnalyticsClient {
  private readonly client: LogsQueryClient;
  private httpClient: HttpClient | undefined;

  constructor(private readonly target: LogAnalyticsTarget) {
    this.client = new LogsQueryClient(target.credential, {
      endpoint: target.endpoint,
      credentials: { scopes: [`${target.audience}/.default`] },
    });
  }

  /**
   * Runs the query. LogsQueryClient 1.0.0 does not pass an abort signal on, so a cancelled
   * query is abandoned by the caller, not stopped.
   */
  async query(request: LogAnalyticsQuery): Promise<LogAnalyticsResult> {
    const result = await this.client.queryWorkspace(this.target.workspaceId, request.query, { duration: request.timespan }, {
      serverTimeoutInSeconds: request.serverTimeoutSeconds,
      includeVisualization: true,
    });
    const partial = result.status === LogsQueryResultStatus.PartialFailure;
    const tables = partial ? result.partialTables : result.tables;
    const primary = tables[0];
    const converted = primary ? convertTable(primary, request.maxRows) : { columns: [], rows: [], totalRows: 0 };
    const visualization = normalizeVisualization(result.visualization);
    const warning = partial ? `The query completed only in part: ${serviceErrorText({ details: { error: result.partialError } })}. The rows below are what Log Analytics returned.` : undefined;
    return { ...converted, visualization, ...(warning ? { warning } : {}) };
  }

  /** The workspace's tables, columns and functions as the metadata API lists them (raw JSON). */
  async metadata(): Promise<unknown> {
    const url = `${this.target.endpoint.replace(/\/+$/, '')}/workspaces/${encodeURIComponent(this.target.workspaceId)}/metadata`;
    const request = createPipelineRequest({ url, method: 'GET', headers: createHttpHeaders({ accept: 'application/json' }) });
    this.httpClient ??= createDefaultHttpClient();
    const response = await this.client.pipeline.sendRequest(this.httpClient, request);
    let body: unknown;
    try {
      body = response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined;
    } catch {
      body = undefined;
    }
    if (response.status !== 200) throw metadataError(response.status, body, response.headers.get('retry-after'));
    return body;
  }
}

/** An error shaped like the SDK's RestError, so that explainQueryFailure reads both alike. */
function metadataError(status: number, body: unknown, retryAfter: string | undefined): Error {
  const details = typeof body === 'object' && body !== null ? body : undefined;
  const message = (details as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${status}`;
  return Object.assign(new Error(message), {
    name: 'RestError',
    statusCode: status,
    details,
    response: { headers: { get: (name: string) => (name.toLowerCase() === 'retry-after' ? retryAfter : undefined) } },
  });
}

const PROTOCOL_KEYS = ['visualization', 'title', 'xcolumn', 'ycolumns', 'series', 'kind', 'xtitle', 'ytitle', 'legend', 'ysplit', 'accumulate'];

/**
 * The service's `render` in the protocol's (and the local engine's) shape: the service may spell
 * properties in camel case (xColumn, yColumns) and send nulls for those the query did not set.
 */
export function normalizeVisualization(value: unknown): ResultVisualization | null {
  if (typeof value !== 'object' || value === null) return null;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    const lower = key.toLowerCase();
    const name = PROTOCOL_KEYS.includes(lower) ? lower : key;
    out[name] = (name === 'ycolumns' || name === 'series') && typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v;
  }
  if (typeof out.visualization !== 'string' || out.visualization === '') return null;
  out.visualization = out.visualization.toLowerCase();
  return out as ResultVisualization;
}

/** The SDK's table in the CLI's JSON value forms: datetimes ISO 8601 with Z, dynamic as JSON. */
export function convertTable(table: LogsTable, maxRows: number): { columns: ResultColumn[]; rows: unknown[][]; totalRows: number } {
  const columns = table.columnDescriptors.map((c) => ({ name: c.name ?? '', type: String(c.type ?? 'string') }));
  const rows = table.rows.slice(0, Math.max(0, maxRows)).map((row) => row.map(outputValue));
  return { columns, rows, totalRows: table.rows.length };
}

function outputValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().replace(/\.000Z$/, 'Z');
  return value === undefined ? null : value;
}
