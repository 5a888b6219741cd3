// Where ingested rows go: the local workspace (local-sink.ts) or a Log Analytics workspace
// through the Logs Ingestion API (src/azure). The pipeline (run.ts) drives either the same way.
import type { TraceRecord } from '../trace/record';
import type { KeySet } from './key-set';
import type { IngestState } from './state';

export interface SinkWriteOptions {
  signal?: AbortSignal;
  /** The rows' keys (state.ts rowKey), in order, when the caller has them: saves hashing every row again. */
  keys?: readonly string[];
}

/** What a sink found when it resumed after a run that stopped with a batch in flight. */
export interface InFlightResolution {
  /** Rows of the in-flight batch found in the workspace (not sent again). */
  confirmed: number;
  /** Rows sent again because nobody could say whether they had arrived. */
  resent: number;
  /** Whether resending can have duplicated rows (true when `resent` > 0 without reconciliation). */
  mayDuplicate: boolean;
}

export interface IngestSink {
  readonly kind: 'local' | 'azure';
  /** A description for the summary: a folder, or endpoint + DCR + stream. */
  readonly target: string;
  /** The state of the last run for `table`, or undefined on the first run. */
  loadState(table: string, profile: string): Promise<IngestState | undefined>;
  /**
   * Makes a batch left in flight by a crashed run safe: confirmed or sent again. Returns
   * undefined when there was none. Sinks that write data and state atomically never have one.
   */
  resolveInFlight(state: IngestState, options?: SinkWriteOptions): Promise<{ state: IngestState; resolution: InFlightResolution } | undefined>;
  /**
   * Writes the rows (shaped by the sink for `state.profile`) and then records `next` as the
   * state. For the local sink both change together atomically; the Azure sink records the
   * batch as in flight first, and `next` once the service has accepted every row.
   */
  write(rows: readonly TraceRecord[], next: IngestState, options?: SinkWriteOptions): Promise<void>;
  /**
   * Keys (state.ts rowKey) of the rows the sink holds that were received in [start, end): lets
   * a run re-read a range older than the state's keys (an explicit --since) without writing
   * those rows twice. Sinks that cannot list their rows leave it out, and such runs are refused.
   */
  knownKeys?(profile: string, start: Date, end: Date): Promise<KeySet>;
  /** Records a state with no rows (the checkpoint moved over an empty window). */
  saveState(next: IngestState): Promise<void>;
  close?(): Promise<void>;
}
