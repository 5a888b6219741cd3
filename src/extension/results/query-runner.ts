// Runs one query at a time against a connection and tells the results panel what happens:
// running, then a result, an error or "cancelled". A new run cancels the one before it.
import { randomBytes } from 'node:crypto';
import type { ExtensionToWebview, QueryResultPayload } from '../../webview/protocol';
import { explainQueryFailure } from './azure-errors';
import { describeTarget, type Connection, type LocalConnection, type LogAnalyticsConnection } from './connection';
import type { HistoryEntry, QueryHistory } from './history';
import type { LogAnalyticsClients } from './log-analytics-clients';
import { QueryCancelledError, type QueryHostClient } from './query-host-client';
import { relocateMessage } from './query-text';
import type { ResultStore } from './result-store';
import { querySettings, type QuerySettings } from './settings';

export interface ResultsSink {
  post(message: ExtensionToWebview): void;
}

export interface RunRequest {
  query: string;
  connection: Connection;
  /** Where the query starts in its document (0-based), so that errors name document positions. */
  origin?: { line: number; character: number };
}

export type RunOutcome =
  | { status: 'ok'; id: string; result: QueryResultPayload }
  | { status: 'error'; id: string; message: string }
  | { status: 'cancelled'; id: string };

interface Answer {
  columns: QueryResultPayload['columns'];
  rows: unknown[][];
  visualization: QueryResultPayload['visualization'];
  totalRows: number;
  warning?: string;
}

class RunError extends Error {}

interface CurrentRun {
  id: string;
  connection: Connection;
  cancel(): void;
}

export interface QueryRunnerDeps {
  host: QueryHostClient;
  logAnalytics: LogAnalyticsClients;
  sink: ResultsSink;
  history: QueryHistory;
  results: ResultStore;
  log(line: string): void;
  /** Called when a run starts and when the last one ends (for the `sentinelHunt.queryRunning` context key). */
  runningChanged?(running: boolean): void;
}

export class QueryRunner {
  private current: CurrentRun | undefined;

  constructor(private readonly deps: QueryRunnerDeps) {}

  /** The id of the running query, if any. */
  running(): string | undefined {
    return this.current?.id;
  }

  /** Cancels the running query (or the one with this id); false when there was none. */
  cancel(id?: string): boolean {
    const current = this.current;
    if (!current || (id !== undefined && current.id !== id)) return false;
    current.cancel();
    return true;
  }

  async run(request: RunRequest): Promise<RunOutcome> {
    this.cancel();
    const id = randomBytes(6).toString('hex');
    const settings = querySettings();
    const target = describeTarget(request.connection);
    const started = Date.now();
    let cancel!: () => void;
    const cancelled = new Promise<never>((_resolve, reject) => {
      cancel = () => reject(new QueryCancelledError());
    });
    cancelled.catch(() => undefined); // observed through the race below
    const current: CurrentRun = {
      id,
      connection: request.connection,
      cancel: () => {
        if (request.connection.type === 'local') this.deps.host.cancel(id);
        cancel();
      },
    };
    this.current = current;
    this.deps.runningChanged?.(true);
    this.deps.sink.post({ type: 'running', id, target, query: request.query });
    this.deps.log(`Query ${id} on ${target}`);

    let outcome: RunOutcome;
    try {
      const answer = await Promise.race([this.execute(id, request, settings), cancelled]);
      const result: QueryResultPayload = {
        id,
        columns: answer.columns,
        rows: answer.rows,
        visualization: answer.visualization,
        target,
        query: request.query,
        durationMs: Date.now() - started,
        ...(answer.totalRows > answer.rows.length ? { truncated: { shown: answer.rows.length, total: answer.totalRows } } : {}),
        ...(answer.warning ? { warning: answer.warning } : {}),
      };
      outcome = { status: 'ok', id, result };
    } catch (error) {
      if (error instanceof QueryCancelledError) outcome = { status: 'cancelled', id };
      else outcome = { status: 'error', id, message: this.message(error, request) };
    } finally {
      if (this.current === current) {
        this.current = undefined;
        this.deps.runningChanged?.(false);
      }
    }

    if (outcome.status === 'ok') {
      this.deps.results.add(outcome.result);
      this.deps.sink.post({ type: 'result', result: outcome.result });
    } else if (outcome.status === 'error') {
      this.deps.sink.post({ type: 'error', id, message: outcome.message });
    } else {
      this.deps.sink.post({ type: 'cancelled', id });
    }
    this.deps.log(`Query ${id}: ${outcome.status === 'ok' ? `${outcome.result.rows.length} rows in ${outcome.result.durationMs} ms` : outcome.status === 'error' ? outcome.message : 'cancelled'}`);
    await this.remember(outcome, request, target, started);
    return outcome;
  }

  private execute(id: string, request: RunRequest, settings: QuerySettings): Promise<Answer> {
    const timeoutMs = settings.queryTimeoutSeconds * 1000;
    if (request.connection.type === 'local') {
      return this.withTimeout(this.runLocal(id, request.query, request.connection, settings), timeoutMs, () => this.deps.host.cancel(id), settings);
    }
    // The server stops at its own timeout; give its answer time to arrive before giving up.
    return this.withTimeout(this.runLogAnalytics(request.query, request.connection, settings), timeoutMs + 30_000, () => undefined, settings);
  }

  private async runLocal(id: string, query: string, connection: LocalConnection, settings: QuerySettings): Promise<Answer> {
    const answer = await this.deps.host.run({ id, workspace: connection.folder, query, now: Date.now(), maxRows: settings.maxRows });
    if (answer.type === 'error') {
      const text = answer.kind === 'kql' && answer.diagnostics?.length
        ? answer.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n')
        : answer.message;
      throw new RunError(text);
    }
    return { columns: answer.columns, rows: answer.rows, visualization: answer.visualization, totalRows: answer.totalRows };
  }

  private async runLogAnalytics(query: string, connection: LogAnalyticsConnection, settings: QuerySettings): Promise<Answer> {
    const { client, endpoint } = this.deps.logAnalytics.get(connection);
    try {
      return await client.query({
        query,
        timespan: settings.queryTimespan,
        serverTimeoutSeconds: Math.min(600, settings.queryTimeoutSeconds),
        maxRows: settings.maxRows,
      });
    } catch (error) {
      throw new RunError(explainQueryFailure(error, {
        workspaceId: connection.workspaceId, endpoint, connectionName: connection.name, tenant: connection.tenant,
        serverTimeoutSeconds: Math.min(600, settings.queryTimeoutSeconds),
      }));
    }
  }

  private withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void, settings: QuerySettings): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        // Reject first: stopping the work rejects it too, and the race must report the timeout.
        reject(new RunError(`The query ran longer than ${settings.queryTimeoutSeconds} s (sentinelHunt.queryTimeoutSeconds) and was stopped.`));
        onTimeout();
      }, ms);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private message(error: unknown, request: RunRequest): string {
    const text = error instanceof Error ? error.message : String(error);
    if (!(error instanceof RunError)) this.deps.log(`Query failed: ${error instanceof Error ? error.stack ?? text : text}`);
    return relocateMessage(text, request.origin);
  }

  private async remember(outcome: RunOutcome, request: RunRequest, target: string, started: number): Promise<void> {
    const entry: HistoryEntry = {
      id: outcome.id,
      query: request.query,
      connection: request.connection.name,
      target,
      at: new Date(started).toISOString(),
      status: outcome.status,
      ...(outcome.status === 'ok' ? { rows: outcome.result.rows.length, durationMs: outcome.result.durationMs } : {}),
      ...(outcome.status === 'error' ? { message: outcome.message.slice(0, 500) } : {}),
    };
    try {
      await this.deps.history.add(entry);
    } catch (error) {
      this.deps.log(`Could not save the query history: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
