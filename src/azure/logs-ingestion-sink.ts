// The Azure sink: message trace rows into a Log Analytics table through the Logs Ingestion API
// (a data collection rule), with the ingestion state in a local JSON file.
//
// The API has no idempotency, so the state records each request before it is sent (its row keys
// and identities as `inFlight`, plus the rows themselves) and again once the service accepted
// it. A run that stops in between leaves exactly one request whose fate is unknown; the next run
// resolves it (resolveInFlight): asks the workspace which rows arrived, when it can, and sends
// the others again.
import type { TokenCredential } from '@azure/core-auth';
import { isAggregateLogsUploadError, LogsIngestionClient } from '@azure/monitor-ingestion';
import { ingestProfile, type IngestProfile, type IngestProfileName, type JsonRow } from '../ingest/profiles';
import type { InFlightResolution, IngestSink, SinkWriteOptions } from '../ingest/sink';
import { emptyState, rowKey, StateError, type InFlightBatch, type IngestState } from '../ingest/state';
import type { TraceRecord } from '../trace/record';
import { AzureError, httpFailure } from './errors';
import type { IdentityRow } from './identity-columns';
import { WorkspaceReconciler, type ReconcileOptions } from './reconcile';
import { cutRequests, jsonBytes, MAX_REQUEST_BYTES } from './request-batches';
import { decideRetry, retryOptions, sleep, type RetryOptions } from './retry';
import { StateFile } from './state-file';
import { uploadError, type UploadTarget } from './upload-errors';

export interface LogsIngestionSinkOptions {
  /** The DCR's logs ingestion endpoint (or a DCE's), e.g. https://my-dcr-abcd.eastus-1.ingest.monitor.azure.com. */
  endpoint: string;
  /** The DCR's immutable id, dcr-... (not its resource id). */
  dcrImmutableId: string;
  /** The DCR's input stream, e.g. Custom-MessageTrace_CL. */
  streamName: string;
  credential: TokenCredential;
  /** The JSON file holding the ingestion state (one per table). */
  stateFile: string;
  profile: IngestProfile | IngestProfileName;
  /** Token audience; default from the endpoint's cloud (https://monitor.azure.com, .us, .cn). */
  audience?: string;
  /** Ask the workspace which rows of a batch left in flight arrived, instead of sending them all again. */
  reconcile?: ReconcileOptions;
  retry?: Partial<RetryOptions>;
  /** Bytes of JSON per request, at most; default (and at most, for one chunk per call) 1,000,000. */
  maxRequestBytes?: number;
  /** Progress, for the CLI and tests; called after the state it describes is on disk. */
  onEvent?: (event: IngestionEvent) => void;
}

export type IngestionEvent =
  /** The state records the request as in flight; it is being sent. */
  | { type: 'request'; rows: number; bytes: number }
  /** The service accepted the rows and the state records them. */
  | { type: 'accepted'; rows: number }
  /** Some chunks of a request were accepted, others failed (only when a request spans several chunks). */
  | { type: 'partial'; accepted: number; failed: number }
  | { type: 'retry'; rows: number; attempt: number; delayMs: number; reason: string; ambiguous: boolean }
  | { type: 'reconciled'; confirmed: number; missing: number };

export interface IngestionStats {
  requests: number;
  rowsAccepted: number;
  retries: number;
  /** Rows sent again after a connection failed mid-request: they may be in the table twice. */
  ambiguousResends: number;
}

/** The in-flight batch as this sink records it: the contract's fields plus the rows to send again. */
interface AzureInFlightBatch extends InFlightBatch {
  payload?: JsonRow[];
}

interface PendingRow {
  json: JsonRow;
  key: string;
  identity: IdentityRow;
  bytes: number;
}

export class LogsIngestionSink implements IngestSink {
  readonly kind = 'azure' as const;
  readonly target: string;
  readonly stats: IngestionStats = { requests: 0, rowsAccepted: 0, retries: 0, ambiguousResends: 0 };

  private readonly profile: IngestProfile;
  private readonly client: LogsIngestionClient;
  private readonly file: StateFile;
  private readonly retry: RetryOptions;
  private readonly maxRequestBytes: number;
  private readonly uploadTarget: UploadTarget;
  private readonly reconciler?: WorkspaceReconciler;
  /** The last state loaded or written, without an in-flight batch. */
  private base?: IngestState;
  /** loadState found a batch in flight that resolveInFlight has not resolved yet. */
  private unresolved = false;
  /**
   * Keys of the batch being written that the service has not accepted yet. The pipeline's key
   * set already holds them (it is shared with `base`), so they are left out of every state saved
   * until their request is accepted.
   */
  private unaccepted = new Set<string>();

  constructor(private readonly options: LogsIngestionSinkOptions) {
    this.profile = typeof options.profile === 'string' ? ingestProfile(options.profile) : options.profile;
    const endpoint = checkEndpoint(options.endpoint);
    checkRule(options.dcrImmutableId, options.streamName);
    this.retry = retryOptions(options.retry);
    this.maxRequestBytes = options.maxRequestBytes ?? MAX_REQUEST_BYTES;
    const audience = options.audience ?? monitorAudience(endpoint);
    this.uploadTarget = { endpoint, dcrImmutableId: options.dcrImmutableId, streamName: options.streamName, profile: this.profile, audience };
    // The SDK's retries are off: see retry.ts.
    this.client = new LogsIngestionClient(endpoint, options.credential, { audience, retryOptions: { maxRetries: 0 } });
    this.file = new StateFile(options.stateFile);
    if (options.reconcile) this.reconciler = new WorkspaceReconciler(options.reconcile, options.credential, this.retry);
    this.target = `${endpoint} (data collection rule ${options.dcrImmutableId}, stream ${options.streamName})`;
  }

  async loadState(table: string, profile: string): Promise<IngestState | undefined> {
    if (profile !== this.profile.name) {
      throw new AzureError(`the sink was set up for profile ${this.profile.name}, not ${profile}`, 'config');
    }
    const state = await this.file.read();
    if (state && (state.table !== table || state.profile !== profile)) {
      throw new StateError(`${this.file.file}: the ingestion state is for table ${state.table} (profile ${state.profile}), not ${table} (profile ${profile}); give each table its own state file`);
    }
    this.base = state && withoutInFlight(state);
    this.unresolved = state?.inFlight !== undefined;
    return state;
  }

  async resolveInFlight(state: IngestState, options: SinkWriteOptions = {}): Promise<{ state: IngestState; resolution: InFlightResolution } | undefined> {
    const inFlight = state.inFlight as AzureInFlightBatch | undefined;
    if (!inFlight) return undefined;
    if (!Array.isArray(inFlight.keys) || !Array.isArray(inFlight.rows) || inFlight.keys.length !== inFlight.rows.length || Number.isNaN(Date.parse(inFlight.at))) {
      throw new StateError(`${this.file.file}: the batch in flight is not valid; move the file aside to start over from --since`);
    }
    this.base = withoutInFlight(state);
    let present = inFlight.rows.map(() => false);
    let settled = true;
    if (this.reconciler) {
      present = await this.reconciler.present(this.profile, inFlight.rows, new Date(inFlight.at), options.signal);
      settled = Date.now() - Date.parse(inFlight.at) >= (this.options.reconcile?.settleMs ?? 15 * 60_000);
    }
    const rows = inFlight.rows.map((identity, i): PendingRow => {
      const json = inFlight.payload?.[i] ?? {};
      return { json, key: inFlight.keys[i], identity, bytes: jsonBytes(json) };
    });
    const confirmed = rows.filter((_, i) => present[i]);
    const missing = rows.filter((_, i) => !present[i]);
    this.base = withKeys(this.base, confirmed, this.unaccepted);
    this.emit({ type: 'reconciled', confirmed: confirmed.length, missing: missing.length });
    // Without a copy of the rows (a state another tool wrote), the missing rows are left out of
    // the keys: the next read from the checkpoint sends them again.
    if (inFlight.payload?.length === inFlight.keys.length) await this.sendAll(missing, options.signal);
    const resolved = this.current();
    await this.persist(resolved);
    this.unresolved = false;
    return {
      state: resolved,
      resolution: { confirmed: confirmed.length, resent: missing.length, mayDuplicate: missing.length > 0 && (!this.reconciler || !settled) },
    };
  }

  async write(rows: readonly TraceRecord[], next: IngestState, options: SinkWriteOptions = {}): Promise<void> {
    options.signal?.throwIfAborted();
    this.checkResolved();
    this.base ??= emptyState(next.table, next.profile);
    const pending = rows.map((record): PendingRow => {
      const json = this.profile.toJson(record);
      const identity = { messageTraceId: record.messageTraceId, recipientAddress: record.recipientAddress, status: record.status, received: record.received };
      return { json, key: rowKey(record), identity, bytes: jsonBytes(json) };
    });
    this.unaccepted = new Set(pending.map((row) => row.key));
    await this.sendAll(pending, options.signal);
    this.unaccepted = new Set();
    await this.saveState(next);
  }

  async saveState(next: IngestState): Promise<void> {
    this.checkResolved();
    this.base = withoutInFlight(next);
    await this.persist(this.base);
  }

  /** Sends rows request by request; stops between requests when `signal` aborts. */
  private async sendAll(rows: readonly PendingRow[], signal?: AbortSignal): Promise<void> {
    for (const request of cutRequests(rows, this.maxRequestBytes)) {
      signal?.throwIfAborted();
      await this.sendRequest(request, signal);
    }
  }

  private async sendRequest(request: PendingRow[], signal?: AbortSignal): Promise<void> {
    let pending = request;
    for (let attempt = 0; ; attempt++) {
      await this.persist(this.inFlight(pending));
      this.stats.requests++;
      this.emit({ type: 'request', rows: pending.length, bytes: pending.reduce((sum, row) => sum + row.bytes, 0) + pending.length + 1 });
      const { failed, cause } = await this.upload(pending);
      const failedSet = new Set(failed);
      const accepted = pending.filter((row) => !failedSet.has(row));
      this.base = withKeys(this.current(), accepted, this.unaccepted);
      this.stats.rowsAccepted += accepted.length;
      if (failed.length === 0) {
        await this.persist(this.base);
        this.emit({ type: 'accepted', rows: accepted.length });
        return;
      }
      const decision = decideRetry(httpFailure(cause), attempt, this.retry);
      // Rows the service refused stay out of the state (the next read sends them); rows whose
      // request was cut off mid-way stay in flight.
      await this.persist(decision.ambiguous ? this.inFlight(failed) : this.base);
      if (accepted.length > 0) this.emit({ type: 'partial', accepted: accepted.length, failed: failed.length });
      if (!decision.retry) throw uploadError(cause, decision.reason, this.uploadTarget);
      this.stats.retries++;
      if (decision.ambiguous) this.stats.ambiguousResends += failed.length;
      this.emit({ type: 'retry', rows: failed.length, attempt: attempt + 1, delayMs: decision.delayMs, reason: decision.reason, ambiguous: decision.ambiguous });
      await sleep(decision.delayMs, signal);
      pending = failed;
    }
  }

  /** One upload call; the rows of the chunks that failed, and the first failure's cause. */
  private async upload(rows: PendingRow[]): Promise<{ failed: PendingRow[]; cause?: unknown }> {
    try {
      await this.client.upload(this.options.dcrImmutableId, this.options.streamName, rows.map((row) => row.json), { maxConcurrency: 1 });
      return { failed: [] };
    } catch (error) {
      // upload() reports every failure this way, with the very log objects it was given.
      if (!isAggregateLogsUploadError(error) || error.errors.length === 0) throw error;
      const failedLogs = new Set<object>(error.errors.flatMap((e) => e.failedLogs));
      return { failed: rows.filter((row) => failedLogs.has(row.json)), cause: error.errors[0].cause };
    }
  }

  /** Writing over a batch in flight would forget it: its rows could be lost or duplicated unnoticed. */
  private checkResolved(): void {
    if (this.unresolved) throw new Error('the state holds a batch in flight: call resolveInFlight() before writing');
  }

  private current(): IngestState {
    if (!this.base) throw new Error('no ingestion state: write() or resolveInFlight() sets it first');
    return this.base;
  }

  private inFlight(rows: readonly PendingRow[]): IngestState {
    const inFlight: AzureInFlightBatch = {
      keys: rows.map((row) => row.key),
      rows: rows.map((row) => row.identity),
      at: new Date().toISOString(),
      payload: rows.map((row) => row.json),
    };
    return { ...this.current(), inFlight };
  }

  private async persist(state: IngestState): Promise<void> {
    await this.file.write(state, this.unaccepted);
  }

  private emit(event: IngestionEvent): void {
    this.options.onEvent?.(event);
  }
}

function withoutInFlight(state: IngestState): IngestState {
  const copy = { ...state };
  delete copy.inFlight;
  return copy;
}

function withKeys(state: IngestState, rows: readonly PendingRow[], unaccepted: Set<string>): IngestState {
  for (const row of rows) {
    state.keys.add(row.key, Math.floor(Date.parse(row.identity.received) / 1000));
    unaccepted.delete(row.key);
  }
  return state;
}

function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new AzureError(`the ingestion endpoint must be a URL such as https://my-dcr-abcd.eastus-1.ingest.monitor.azure.com, not ${JSON.stringify(endpoint)}`, 'config');
  }
  if (url.protocol !== 'https:') throw new AzureError(`the ingestion endpoint must use https (tokens are never sent over ${url.protocol})`, 'config');
  return endpoint.replace(/\/+$/, '');
}

function checkRule(dcrImmutableId: string, streamName: string): void {
  if (dcrImmutableId.startsWith('/subscriptions/')) {
    throw new AzureError(`${dcrImmutableId} is the data collection rule's resource id; give its immutable id (dcr-..., "immutableId" in its JSON view)`, 'config');
  }
  if (!/^dcr-[A-Za-z0-9]+$/.test(dcrImmutableId)) throw new AzureError(`the data collection rule's immutable id looks like dcr-0123abcd..., not ${JSON.stringify(dcrImmutableId)}`, 'config');
  if (!/^(Custom|Microsoft)-[A-Za-z0-9_.-]+$/.test(streamName)) throw new AzureError(`stream names look like Custom-MessageTrace_CL, not ${JSON.stringify(streamName)}`, 'config');
}

/** The token audience of the cloud an ingestion endpoint belongs to. */
export function monitorAudience(endpoint: string): string {
  const host = new URL(endpoint).hostname.toLowerCase();
  if (host.endsWith('.azure.us')) return 'https://monitor.azure.us';
  if (host.endsWith('.azure.cn')) return 'https://monitor.azure.cn';
  return 'https://monitor.azure.com';
}
