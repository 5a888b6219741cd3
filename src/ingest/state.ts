// The ingestion state: where the last run got to and which rows near that point were already
// accepted, so that the overlap the next run re-reads is not written twice.
//
// Keys are a 96-bit hash of the row identity (trace/record.ts traceKey; key-set.ts), kept only
// for rows received at or after `checkpoint - overlap`: those are the only rows a later run can read
// again, so the state stays the size of the overlap window, whatever the length of the run.
import { hash } from 'node:crypto';
import { traceKey } from '../trace/record';
import { KeySet } from './key-set';

export const STATE_VERSION = 1;

export interface InFlightBatch {
  /** Keys of the rows of a batch sent to a sink with no idempotency (Azure) and not yet confirmed. */
  keys: string[];
  /** Identity columns of those rows, for asking the workspace whether they arrived (--reconcile). */
  rows: { messageTraceId: string; recipientAddress: string; status: string; received: string }[];
  /** When the batch was recorded (ISO). */
  at: string;
}

export interface IngestState {
  version: typeof STATE_VERSION;
  /** The table the rows go to (profile's table). */
  table: string;
  profile: string;
  /** Every row received before this instant (ISO, UTC) has been read as of the run that set it. */
  checkpoint: string | null;
  /** Keys (rowKey) of rows received at or after checkpoint - overlap, with their received times. */
  keys: KeySet;
  inFlight?: InFlightBatch;
}

export class StateError extends Error {}

export function emptyState(table: string, profile: string): IngestState {
  return { version: STATE_VERSION, table, profile, checkpoint: null, keys: new KeySet() };
}

/** A compact, fixed-size key for a row identity. */
export function rowKey(record: { messageTraceId: string; recipientAddress: string; status: string }): string {
  return hash('sha1', traceKey(record), 'base64').slice(0, 16);
}

/** Checks a state read back from disk; `where` names the file for the error. */
export function parseState(value: unknown, where: string): IngestState {
  const fail = (what: string): never => {
    throw new StateError(`${where}: the ingestion state is not valid (${what}); move it aside to start over from --since`);
  };
  if (typeof value !== 'object' || value === null) fail('not an object');
  const state = value as Partial<IngestState>;
  if (state.version !== STATE_VERSION) fail(`version ${String(state.version)}, expected ${STATE_VERSION}`);
  if (typeof state.table !== 'string' || typeof state.profile !== 'string') fail('no table or profile');
  if (state.checkpoint !== null && (typeof state.checkpoint !== 'string' || Number.isNaN(Date.parse(state.checkpoint)))) fail('bad checkpoint');
  const keys = KeySet.fromJSON(state.keys);
  if (!keys) fail('its keys are not a key list');
  return { ...(state as IngestState), keys: keys! };
}
