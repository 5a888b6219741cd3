// The Azure sink: message trace rows into a Log Analytics table through the Logs Ingestion API
// (a data collection rule), with the ingestion state in a local file and its journal.
//
// The API has no idempotency, so the state records each request before it is sent (its row keys
// and identities as `inFlight`, plus the rows themselves) and again once the service accepted
// it: one journal line each (state-journal.ts); a whole snapshot only when the pipeline saves a
// state. A run that stops in between leaves exactly one request whose fate is unknown; the next
// run resolves it (resolveInFlight): asks the workspace which rows arrived, when it can, and
// sends the others again.
import type { TokenCredential } from '@azure/core-auth';
import { ingestProfile, type IngestProfile, type IngestProfileName, type JsonRow } from '../ingest/profiles';
import type { InFlightResolution, IngestSink, SinkWriteOptions } from '../ingest/sink';
import { emptyState, rowKey, StateError, type InFlightBatch, type IngestState } from '../ingest/state';
import type { TraceRecord } from '../trace/record';
import { AzureError, httpFailure } from './errors';
import { WorkspaceReconciler, type ReconcileOptions } from './reconcile';
import { gzipChunks, jsonArray, pendingRow, RequestShaper, requestsOf, type Chunk, type PendingRow } from './pending-rows';
import { MAX_REQUEST_BYTES } from './request-batches';
import { decideRetry, retryOptions, sleep, type RetryOptions } from './retry';
import { StateFile } from './state-file';
import { StateRecorder } from './state-recorder';
import { uploadError, type UploadTarget } from './upload-errors';
import { StreamPoster } from './upload-request';

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

export class LogsIngestionSink implements IngestSink {
  readonly kind = 'azure' as const;
  readonly target: string;
  readonly stats: IngestionStats = { requests: 0, rowsAccepted: 0, retries: 0, ambiguousResends: 0 };

  private readonly profile: IngestProfile;
  private readonly poster: StreamPoster;
  private readonly state: StateRecorder;
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
    this.poster = new StreamPoster(endpoint, options.dcrImmutableId, options.streamName, options.credential, audience);
    this.state = new StateRecorder(new StateFile(options.stateFile));
    if (options.reconcile) this.reconciler = new WorkspaceReconciler(options.reconcile, options.credential, this.retry);
    this.target = `${endpoint} (data collection rule ${options.dcrImmutableId}, stream ${options.streamName})`;
  }

  async loadState(table: string, profile: string): Promise<IngestState | undefined> {
    if (profile !== this.profile.name) {
      throw new AzureError(`the sink was set up for profile ${this.profile.name}, not ${profile}`, 'config');
    }
    const state = await this.state.read();
    if (state && (state.table !== table || state.profile !== profile)) {
      throw new StateError(`${this.state.file.file}: the ingestion state is for table ${state.table} (profile ${state.profile}), not ${table} (profile ${profile}); give each table its own state file`);
    }
    this.base = state && withoutInFlight(state);
    this.unresolved = state?.inFlight !== undefined;
    return state;
  }

  async resolveInFlight(state: IngestState, options: SinkWriteOptions = {}): Promise<{ state: IngestState; resolution: InFlightResolution } | undefined> {
    const inFlight = state.inFlight as AzureInFlightBatch | undefined;
    if (!inFlight) return undefined;
    if (!Array.isArray(inFlight.keys) || !Array.isArray(inFlight.rows) || inFlight.keys.length !== inFlight.rows.length || Number.isNaN(Date.parse(inFlight.at))) {
      throw new StateError(`${this.state.file.file}: the batch in flight is not valid; move the file aside to start over from --since`);
    }
    this.base = withoutInFlight(state);
    let present = inFlight.rows.map(() => false);
    let settled = true;
    if (this.reconciler) {
      present = await this.reconciler.present(this.profile, inFlight.rows, new Date(inFlight.at), options.signal);
      settled = Date.now() - Date.parse(inFlight.at) >= (this.options.reconcile?.settleMs ?? 15 * 60_000);
    }
    const rows = inFlight.rows.map((identity, i) => pendingRow(JSON.stringify(inFlight.payload?.[i] ?? {}), inFlight.keys[i], identity));
    const confirmed = rows.filter((_, i) => present[i]);
    const missing = rows.filter((_, i) => !present[i]);
    this.base = withKeys(this.base, confirmed, this.unaccepted);
    this.emit({ type: 'reconciled', confirmed: confirmed.length, missing: missing.length });
    // Without a copy of the rows (a state another tool wrote), the missing rows are left out of
    // the keys: the next read from the checkpoint sends them again.
    const resend = inFlight.payload?.length === inFlight.keys.length;
    const resolved = this.current();
    try {
      if (confirmed.length > 0) {
        // The confirmed rows join the keys, and the others stay in flight, in one step before any is sent again.
        const rest = resend && missing.length > 0 ? this.inFlightBatch(missing) : undefined;
        await this.state.record({ accepted: confirmed.map((row) => row.key), sent: rest }, () => withInFlight(this.current(), rest, missing), this.unaccepted, rest && jsonArray(missing));
      }
      if (resend) await this.sendAll(requestsOf(missing, this.maxRequestBytes), options.signal);
      await this.state.write(resolved, this.unaccepted);
    } finally {
      await this.state.release();
    }
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
    const keys = options.keys?.length === rows.length ? options.keys : rows.map(rowKey);
    this.unaccepted = new Set(keys);
    try {
      const shaper = new RequestShaper(rows, keys, this.profile, this.maxRequestBytes);
      await this.sendAll(() => shaper.request(), options.signal);
      this.unaccepted = new Set();
      await this.saveState(next);
    } finally {
      await this.state.release();
    }
  }

  async saveState(next: IngestState): Promise<void> {
    this.checkResolved();
    this.base = withoutInFlight(next);
    await this.state.save(this.base, this.unaccepted);
  }

  /**
   * Sends the requests `next` gives, one at a time. Each is made ready (its rows shaped, its
   * bodies gzipped) while the one before is at the service; it is recorded as in flight, and
   * sent, only once that one is in. Stops between requests when `signal` aborts.
   */
  private async sendAll(next: () => PendingRow[] | undefined, signal?: AbortSignal): Promise<void> {
    const prepare = (): Prepared | undefined => {
      const rows = next();
      return rows && { rows, chunks: gzipChunks(rows) };
    };
    let current = prepare();
    while (current) {
      signal?.throwIfAborted();
      const upcoming = whileWaiting(prepare);
      await this.sendRequest(current.rows, current.chunks, signal);
      current = await upcoming;
    }
  }

  /** `prepared`: the request's chunks, their bodies being gzipped (retries make their own). */
  private async sendRequest(request: PendingRow[], prepared: Chunk[], signal?: AbortSignal): Promise<void> {
    let pending = request;
    for (let attempt = 0; ; attempt++) {
      const batch = this.inFlightBatch(pending);
      const chunks = attempt === 0 ? prepared : gzipChunks(pending);
      await this.state.record({ sent: batch }, () => withInFlight(this.current(), batch, pending), this.unaccepted, chunks.length === 1 ? chunks[0].json : jsonArray(pending));
      this.stats.requests++;
      this.emit({ type: 'request', rows: pending.length, bytes: pending.reduce((sum, row) => sum + row.bytes, 0) + pending.length + 1 });
      const { failed, cause } = await this.upload(chunks);
      const failedSet = new Set(failed);
      const accepted = pending.filter((row) => !failedSet.has(row));
      this.base = withKeys(this.current(), accepted, this.unaccepted);
      this.stats.rowsAccepted += accepted.length;
      if (failed.length === 0) {
        await this.state.record({ accepted: 'all' }, () => this.current(), this.unaccepted);
        this.emit({ type: 'accepted', rows: accepted.length });
        return;
      }
      const decision = decideRetry(httpFailure(cause), attempt, this.retry);
      // Rows the service refused stay out of the state (the next read sends them); rows whose
      // request was cut off mid-way stay in flight.
      const again = decision.ambiguous ? this.inFlightBatch(failed) : undefined;
      await this.state.record({ accepted: accepted.map((row) => row.key), sent: again }, () => withInFlight(this.current(), again, failed), this.unaccepted, again && jsonArray(failed));
      if (accepted.length > 0) this.emit({ type: 'partial', accepted: accepted.length, failed: failed.length });
      if (!decision.retry) throw uploadError(cause, decision.reason, this.uploadTarget);
      this.stats.retries++;
      if (decision.ambiguous) this.stats.ambiguousResends += failed.length;
      this.emit({ type: 'retry', rows: failed.length, attempt: attempt + 1, delayMs: decision.delayMs, reason: decision.reason, ambiguous: decision.ambiguous });
      await sleep(decision.delayMs, signal);
      pending = failed;
    }
  }

  /**
   * One request: a call per chunk, one after the other, as LogsIngestionClient.upload() with
   * maxConcurrency 1 makes them (a request over one chunk is a test setting). The rows of the
   * chunks that failed, and the first failure's cause.
   */
  private async upload(chunks: readonly Chunk[]): Promise<{ failed: PendingRow[]; cause?: unknown }> {
    const failed: PendingRow[] = [];
    let cause: unknown;
    for (const chunk of chunks) {
      try {
        await this.poster.post(await chunk.body);
      } catch (error) {
        if (failed.length === 0) cause = error;
        failed.push(...chunk.rows);
      }
    }
    return { failed, cause };
  }

  /** Writing over a batch in flight would forget it: its rows could be lost or duplicated unnoticed. */
  private checkResolved(): void {
    if (this.unresolved) throw new Error('the state holds a batch in flight: call resolveInFlight() before writing');
  }

  private current(): IngestState {
    if (!this.base) throw new Error('no ingestion state: write() or resolveInFlight() sets it first');
    return this.base;
  }

  /** The batch as the journal records it; its payload goes beside it, as made (journalLine). */
  private inFlightBatch(rows: readonly PendingRow[]): AzureInFlightBatch {
    return {
      keys: rows.map((row) => row.key),
      rows: rows.map(({ identity: r }) => ({ messageTraceId: r.messageTraceId, recipientAddress: r.recipientAddress, status: r.status, received: r.received })),
      at: new Date().toISOString(),
    };
  }

  private emit(event: IngestionEvent): void {
    this.options.onEvent?.(event);
  }
}

interface Prepared {
  rows: PendingRow[];
  chunks: Chunk[];
}

/**
 * `work`, run on a later turn of the event loop: after the request being sent has gone out, while
 * it waits for the journal's disk and the service. A failure is seen when awaited (if ever).
 */
function whileWaiting<T>(work: () => T): Promise<T> {
  const later = new Promise<T>((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error);
      }
    });
  });
  later.catch(() => undefined);
  return later;
}

/** `state` with `batch` in flight, its payload `rows` (for a snapshot: a journal line carries the payload beside the batch). */
function withInFlight(state: IngestState, batch: AzureInFlightBatch | undefined, rows: readonly PendingRow[]): IngestState {
  if (!batch) return state;
  const inFlight: AzureInFlightBatch = { ...batch, payload: rows.map((row) => JSON.parse(row.text) as JsonRow) };
  return { ...state, inFlight };
}

function withoutInFlight(state: IngestState): IngestState {
  const copy = { ...state };
  delete copy.inFlight;
  return copy;
}

function withKeys(state: IngestState, rows: readonly PendingRow[], unaccepted: Set<string>): IngestState {
  for (const row of rows) {
    // The pipeline's rows are in its key set already (the state's): only other callers' need adding.
    if (!state.keys.has(row.key)) state.keys.add(row.key, Math.floor(Date.parse(row.identity.received) / 1000));
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
