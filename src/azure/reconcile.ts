// Asks the Log Analytics workspace which rows of a batch left in flight it already holds
// (Log Analytics query API through @azure/monitor-query-logs), so that only the others are sent
// again.
import type { TokenCredential } from '@azure/core-auth';
import { LogsQueryClient, type LogsTable } from '@azure/monitor-query-logs';
import type { IngestProfile } from '../ingest/profiles';
import { AzureError, httpFailure, serviceMessage } from './errors';
import { identityColumns, identityOf, tableIdentity, type IdentityRow } from './identity-columns';
import type { RetryOptions } from './retry';

export interface ReconcileOptions {
  /** The workspace ID (a GUID, "Workspace ID" on the workspace's overview), not its name. */
  workspaceId: string;
  /** Log Analytics query endpoint, default https://api.loganalytics.io (`/v1` is added when missing). */
  logsQueryEndpoint?: string;
  /** Default: the sink's credential. Needs Log Analytics Reader (or Reader) on the workspace. */
  credential?: TokenCredential;
  /**
   * Rows usually become queryable within minutes of being accepted, sometimes up to 15. A
   * batch left in flight more recently than this can still arrive: rows not found are sent
   * again, but reported as possible duplicates. Default 15 minutes.
   */
  settleMs?: number;
}

/** Ids per query: keeps the query text small (the `in` list of GUIDs is most of it). */
const IDS_PER_QUERY = 200;
const HOUR_MS = 3_600_000;

export class WorkspaceReconciler {
  private readonly client: LogsQueryClient;

  constructor(private readonly options: ReconcileOptions, credential: TokenCredential, retry: RetryOptions) {
    const endpoint = queryBaseUrl(options.logsQueryEndpoint);
    this.client = new LogsQueryClient(options.credential ?? credential, {
      ...(endpoint ? { endpoint, credentials: { scopes: [`${new URL(endpoint).origin}/.default`] } } : {}),
      retryOptions: { maxRetries: retry.maxRetries, retryDelayInMs: retry.baseDelayMs, maxRetryDelayInMs: retry.maxDelayMs },
    });
  }

  /** For each row, whether the profile's table holds it. `since`: when the batch was sent. */
  async present(profile: IngestProfile, rows: readonly IdentityRow[], since: Date, signal?: AbortSignal): Promise<boolean[]> {
    if (rows.length === 0) return [];
    const found = new Set<string>();
    const ids = [...new Set(rows.map((r) => r.messageTraceId.toLowerCase()))];
    // TimeGenerated is the received time, or the ingestion time when that is over 2 days old.
    const earliest = Math.min(since.getTime(), ...rows.map((r) => Date.parse(r.received)).filter((t) => !Number.isNaN(t)));
    const timespan = { startTime: new Date(earliest - HOUR_MS), endTime: new Date(Date.now() + HOUR_MS) };
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      signal?.throwIfAborted();
      for (const identity of await this.query(profile, ids.slice(i, i + IDS_PER_QUERY), timespan, signal)) found.add(identity);
    }
    return rows.map((row) => found.has(tableIdentity(profile, row)));
  }

  private async query(profile: IngestProfile, ids: string[], timespan: { startTime: Date; endTime: Date }, signal?: AbortSignal): Promise<string[]> {
    const c = identityColumns(profile);
    const query = [
      profile.table,
      `| where tolower(tostring(${c.messageTraceId})) in (${ids.map((id) => JSON.stringify(id)).join(', ')})`,
      `| project Id = tostring(${c.messageTraceId}), Recipient = tostring(${c.recipientAddress}), Status = tostring(${c.status})`,
      '| distinct Id, Recipient, Status',
    ].join('\n');
    let result;
    try {
      result = await this.client.queryWorkspace(this.options.workspaceId, query, timespan, { abortSignal: signal, serverTimeoutInSeconds: 120 });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw reconcileError(error, this.options.workspaceId);
    }
    if (result.status !== 'Success') {
      const partial = result.partialError;
      throw new AzureError(`the workspace answered only in part (${partial.code}: ${partial.message}), so it cannot say which rows of the batch left in flight arrived; nothing was sent again; run again later`, 'reconcile');
    }
    return result.tables.flatMap((table: LogsTable) => table.rows.map((row) => identityOf(String(row[0]), String(row[1]), String(row[2]))));
  }
}

/** `endpoint` with the API version path the SDK leaves out when given an endpoint. */
export function queryBaseUrl(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  const trimmed = endpoint.replace(/\/+$/, '');
  return /\/v1$/i.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

function reconcileError(error: unknown, workspaceId: string): AzureError {
  const failure = httpFailure(error);
  const said = serviceMessage(failure);
  switch (failure.status) {
    case 401: return new AzureError(`the Log Analytics query API refused the token (401): ${said}`, 'unauthorized', 401);
    case 403: return new AzureError(`the Log Analytics query API refused the query (403): reconciling needs read access to workspace ${workspaceId} (Log Analytics Reader). ${said}`, 'forbidden', 403);
    case 404: return new AzureError(`no Log Analytics workspace ${workspaceId} (404): give the workspace ID (a GUID on the workspace's overview), not its name. ${said}`, 'not-found', 404);
    case undefined: return new AzureError(`could not reach the Log Analytics query API (${failure.code ?? 'network error'}): ${said}`, 'network');
    default: return new AzureError(`the workspace could not say which rows arrived (HTTP ${failure.status}): ${said}; nothing was sent again`, 'reconcile', failure.status);
  }
}
