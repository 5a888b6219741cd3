// The Azure sink's state as it is on disk: a snapshot (the ingestion state as JSON, its keys
// packed) and a journal of what happened since, one JSON line per step, appended before each
// request goes and again once the service accepted it. A request then costs two small appends
// instead of two rewrites of the whole state (whose keys cover the overlap window: megabytes).
//
// Each snapshot carries a generation id that the journal's first line names: a journal left
// over from an older snapshot (a crash between writing a snapshot and starting its journal) is
// ignored. Replaying applies the entries in order; a torn last line (a crash mid-append) is
// ignored, an unreadable line before it is an error.
import { parseState, StateError, type InFlightBatch, type IngestState } from '../ingest/state';

/**
 * One step, applied in this order: `accepted` (keys of the batch in flight, or all of them, join
 * the state's keys; the batch is no longer in flight, so rows of it not listed are out of the
 * state), then `sent` (this batch is now in flight). One line, so one atomic step.
 */
export interface JournalEntry {
  accepted?: 'all' | string[];
  sent?: InFlightBatch;
}

interface JournalHeader {
  snapshot: string;
}

export interface ParsedState {
  state: IngestState;
  /** The snapshot's generation; undefined for a snapshot written without a journal. */
  generation?: string;
  /**
   * Bytes of the journal that belong to this snapshot and were read whole; undefined when
   * there is no journal for this snapshot (none, an older one's, or only a torn first line).
   */
  journalBytes?: number;
}

/**
 * The snapshot, with the generation that starts its journal: the state as JSON, `keys` (its
 * packed keys, which need no escaping) spliced in as they are rather than copied into a string.
 */
export function snapshotBytes(state: IngestState, keys: Buffer, generation: string): Buffer {
  const head = JSON.stringify({ ...state, keys: undefined, journal: generation });
  return Buffer.concat([Buffer.from(`${head.slice(0, -1)},"keys":"`), keys, Buffer.from('"}\n')]);
}

export function journalHeader(generation: string): Buffer {
  return Buffer.from(`${JSON.stringify({ snapshot: generation } satisfies JournalHeader)}\n`);
}

/**
 * The entry as one line, in pieces to write one after the other. `payload`, when given, is the
 * batch's rows as a JSON array (the very bytes of the request body the sink made), written as the
 * batch's `payload` as it is rather than serialized again.
 */
export function journalLine(entry: JournalEntry, payload?: Buffer): Buffer[] {
  if (!entry.sent || !payload) return [Buffer.from(`${JSON.stringify(entry)}\n`)];
  const { keys, rows, at } = entry.sent;
  const accepted = entry.accepted === undefined ? '' : `"accepted":${JSON.stringify(entry.accepted)},`;
  return [Buffer.from(`{${accepted}"sent":{"keys":${JSON.stringify(keys)},"rows":${JSON.stringify(rows)},"at":${JSON.stringify(at)},"payload":`), payload, Buffer.from('}}\n')];
}

/** The state a snapshot and its journal (when there is one) hold. `file` names them in errors. */
export function parseStateFiles(snapshot: string, journal: Buffer | undefined, file: string): ParsedState {
  let value: unknown;
  try {
    value = JSON.parse(snapshot);
  } catch {
    throw new StateError(`${file}: the ingestion state is not valid (not JSON); move it aside to start over from --since`);
  }
  let generation: string | undefined;
  if (typeof value === 'object' && value !== null && 'journal' in value) {
    const { journal: id, ...rest } = value as { journal: unknown };
    if (typeof id !== 'string') throw new StateError(`${file}: the ingestion state is not valid (bad journal id); move it aside to start over from --since`);
    generation = id;
    value = rest;
  }
  const state = parseState(value, file);
  if (generation === undefined || journal === undefined) return { state, generation };
  return { state, generation, journalBytes: replay(state, journal, generation, `${file}.journal`) };
}

/** Applies the journal's entries to `state`; the bytes read whole, or undefined when the journal is not this snapshot's. */
function replay(state: IngestState, journal: Buffer, generation: string, file: string): number | undefined {
  // Whole lines end with '\n'; what follows the last one is a torn append.
  const whole = journal.lastIndexOf(0x0a) + 1;
  if (whole === 0) return undefined;
  const header = parseLine(journal.subarray(0, journal.indexOf(0x0a)).toString('utf8')) as Partial<JournalHeader> | undefined;
  if (typeof header?.snapshot !== 'string') {
    throw new StateError(`${file}: the journal's first line is not valid; move the state file and its journal aside to start over from --since`);
  }
  if (header.snapshot !== generation) return undefined;
  const lines = journal.subarray(0, whole).toString('utf8').split('\n');
  lines.pop();
  for (let i = 1; i < lines.length; i++) {
    const entry = parseLine(lines[i]) as JournalEntry | undefined;
    // A complete last line that does not parse is a torn append too (the file grew, its bytes did not all land).
    if (entry === undefined && i === lines.length - 1) return whole - Buffer.byteLength(lines[i]) - 1;
    if (entry === undefined || !apply(state, entry)) {
      throw new StateError(`${file}: line ${i + 1} of the journal is not valid; move the state file and its journal aside to start over from --since`);
    }
  }
  return whole;
}

function parseLine(line: string): unknown {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** False when the entry does not fit the state (accepted with nothing in flight, a malformed batch). */
function apply(state: IngestState, entry: JournalEntry): boolean {
  if (entry.accepted !== undefined) {
    const batch = state.inFlight;
    if (!batch) return false;
    const received = new Map(batch.keys.map((key, i) => [key, batch.rows[i]?.received]));
    for (const key of entry.accepted === 'all' ? batch.keys : entry.accepted) {
      const time = Date.parse(String(received.get(key)));
      if (Number.isNaN(time)) return false;
      state.keys.add(key, Math.floor(time / 1000));
    }
    delete state.inFlight;
  }
  if (entry.sent !== undefined) {
    const batch = entry.sent;
    if (!Array.isArray(batch.keys) || !Array.isArray(batch.rows) || batch.keys.length !== batch.rows.length) return false;
    state.inFlight = batch;
  }
  return true;
}
