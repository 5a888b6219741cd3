// The incremental ingestion pipeline: source -> window filter -> de-duplication -> sink. The
// source is read a page ahead (read-ahead.ts) and a batch fills while the one before is written,
// so that the source's and the sink's round trips overlap the pipeline's own work.
//
// A run reads [checkpoint - overlap, now) (or --since/--until) window by window, in time
// order. A row is identified by (MessageTraceId, RecipientAddress, Status): a row whose key the
// state holds, or that the run already took, is skipped. Rows go to the sink in batches; each
// batch carries the state as it will be once the batch is in, and the checkpoint moves to a
// window's end only after all of that window's rows are in. So a run stopped anywhere resumes
// by re-reading from the last checkpoint minus the overlap, and the keys skip what is in.
import type { RejectedRecord, TraceRecord, TraceSource, TraceWindow } from '../trace/record';
import { ingestProfile, type IngestProfileName } from './profiles';
import type { InFlightResolution, IngestSink } from './sink';
import { readAhead } from './read-ahead';
import { emptyState, rowKey, type IngestState } from './state';
import { DEFAULT_WINDOW_MS, runRange, splitRange, type RunRange } from './windows';

export interface IngestOptions {
  source: TraceSource;
  sink: IngestSink;
  profile: IngestProfileName;
  now: Date;
  since?: Date;
  until?: Date;
  overlapMs: number;
  /** How far back a first run reads with no --since (default 48 h). */
  firstRunMs?: number;
  /** Where a first run starts with no --since (a synthetic source's period); later runs ignore it. */
  firstRunStart?: Date;
  /** Span of one window of a windowed source (default 1 day; Graph allows up to 10). */
  windowMs?: number;
  /** Rows per sink write (default 5,000). */
  batchRows?: number;
  signal?: AbortSignal;
  onProgress?: (progress: IngestProgress) => void;
  onReject?: (rejected: RejectedRecord) => void;
}

export interface IngestCounts {
  read: number;
  written: number;
  duplicates: number;
  /** Rows of a file source outside the run's range. */
  outOfRange: number;
  rejected: number;
}

export interface IngestProgress extends IngestCounts {
  window: number;
  windows: number;
}

export interface IngestSummary extends IngestCounts {
  range: RunRange;
  windows: number;
  checkpoint: string | null;
  inFlight?: InFlightResolution;
}

export class IngestError extends Error {}

export async function runIngestion(options: IngestOptions): Promise<IngestSummary> {
  const profile = ingestProfile(options.profile);
  const { sink, source, signal } = options;
  let state = (await sink.loadState(profile.table, profile.name)) ?? emptyState(profile.table, profile.name);
  if (state.profile !== profile.name) {
    throw new IngestError(`${profile.table} in ${sink.target} was ingested with profile ${state.profile}, not ${profile.name}`);
  }
  let inFlight: InFlightResolution | undefined;
  if (state.inFlight) {
    const resolved = await sink.resolveInFlight(state, { signal });
    if (resolved) ({ state, resolution: inFlight } = resolved);
  }

  const since = options.since ?? (state.checkpoint === null ? options.firstRunStart : undefined);
  const range = source.windowed
    ? runRange({ checkpoint: state.checkpoint, since, until: options.until, now: options.now, overlapMs: options.overlapMs, firstRunMs: options.firstRunMs })
    : { start: since ?? new Date(-8.64e15), end: options.until ?? new Date(8.64e15) };
  const earlierKeys = await keysBeforeHorizon(state, range, options, sink);
  source.validate?.(range);
  const windows = source.windowed ? splitRange(range, options.windowMs ?? DEFAULT_WINDOW_MS) : [range];
  const counts: IngestCounts = { read: 0, written: 0, duplicates: 0, outOfRange: 0, rejected: 0 };
  const batchRows = options.batchRows ?? 5000;
  const onReject = (rejected: RejectedRecord) => {
    counts.rejected++;
    options.onReject?.(rejected);
  };

  // One batch is written while the next fills (never two sink calls at once). A row's key joins
  // the state's keys when its batch goes to the sink, so the state written with a batch holds the
  // keys of the rows written and of no row still waiting; should a batch not get written, the
  // run stops and no later state is saved.
  let writing: Promise<void> | undefined;
  let writeFailed = false;
  const settle = async (): Promise<void> => {
    const write = writing;
    writing = undefined;
    await write;
  };
  try {
    for (const [index, window] of windows.entries()) {
      let batch: TraceRecord[] = [];
      /** The keys of `batch`, in its order, with the rows' received times (epoch seconds). */
      let batchKeys = new Map<string, number>();
      const flush = async (checkpoint: string | null, windowDone: boolean) => {
        await settle();
        signal?.throwIfAborted();
        for (const [key, seconds] of batchKeys) state.keys.add(key, seconds);
        // Keys are kept while a later read can return their rows again: until the window is done,
        // and after it while they are within the overlap before the checkpoint.
        const horizon = checkpoint === null ? -Infinity : Date.parse(checkpoint) - options.overlapMs;
        state.keys.prune(windowDone ? horizon : Math.min(horizon, window.start.getTime()));
        const next: IngestState = { ...state, checkpoint };
        delete next.inFlight;
        const rows = batch;
        const keys = [...batchKeys.keys()];
        batch = [];
        batchKeys = new Map();
        const write = rows.length > 0 ? sink.write(rows, next, { signal, keys }) : sink.saveState(next);
        state = next;
        writing = write.then(() => {
          counts.written += rows.length;
          options.onProgress?.({ ...counts, window: index + 1, windows: windows.length });
        });
        // Seen at the next page or flush, which stop the run.
        writing.catch(() => {
          writeFailed = true;
        });
      };

      for await (const page of readAhead((readSignal) => source.read(window, { signal: readSignal, onReject }), signal)) {
        signal?.throwIfAborted();
        if (writeFailed) await settle();
        for (const record of page) {
          counts.read++;
          const received = Date.parse(record.received);
          if (!inWindow(received, window)) { counts.outOfRange++; continue; }
          const key = rowKey(record);
          if (state.keys.has(key) || batchKeys.has(key) || earlierKeys.has(key)) { counts.duplicates++; continue; }
          batchKeys.set(key, Math.floor(received / 1000));
          batch.push(record);
          if (batch.length >= batchRows) await flush(state.checkpoint, false);
        }
      }
      await flush(source.windowed ? laterOf(state.checkpoint, window.end) : state.checkpoint, true);
    }
    await settle();
  } finally {
    // A run that stops leaves no write going on behind it.
    await writing?.catch(() => undefined);
  }
  await sink.close?.();
  return { ...counts, range, windows: windows.length, checkpoint: state.checkpoint, inFlight };
}

/**
 * The state's keys cover rows from checkpoint - overlap on. A run that starts earlier (an
 * explicit --since, a file source) also needs the keys of the rows the sink holds before that,
 * or it would write them again. They are only read here, never saved in the state.
 */
async function keysBeforeHorizon(state: IngestState, range: RunRange, options: IngestOptions, sink: IngestSink): Promise<{ has(key: string): boolean }> {
  if (state.checkpoint === null) return new Set();
  const horizon = new Date(Date.parse(state.checkpoint) - options.overlapMs);
  if (range.start.getTime() >= horizon.getTime()) return new Set();
  if (!sink.knownKeys) {
    throw new IngestError(`the run starts at ${range.start.toISOString()}, before what ${sink.target} can de-duplicate (from ${horizon.toISOString()}, the checkpoint minus the overlap): rows ingested before then would be sent again; start at ${horizon.toISOString()} or later`);
  }
  return sink.knownKeys(state.profile, range.start, horizon);
}

function inWindow(received: number, window: TraceWindow): boolean {
  return received >= window.start.getTime() && received < window.end.getTime();
}

function laterOf(checkpoint: string | null, end: Date): string {
  return checkpoint !== null && Date.parse(checkpoint) > end.getTime() ? checkpoint : end.toISOString();
}
