// What the Azure sink's state on disk says, and adding to it: whole snapshots and journal steps
// (state-file.ts, state-journal.ts). It remembers what it wrote, to tell when the state on disk
// is a given state already: after each batch of a window the state is the last snapshot plus the
// requests journaled since, and rewriting the snapshot (the overlap window's keys, megabytes)
// would only say it again. Unless the journal has grown long: a restart would have to replay it.
import type { KeySetMark } from '../ingest/key-set';
import type { IngestState } from '../ingest/state';
import type { StateFile } from './state-file';
import type { JournalEntry } from './state-journal';

/** A journal longer than this is folded into a new snapshot when a state is saved. */
export const MAX_JOURNAL_BYTES = 32 * 1024 * 1024;

export class StateRecorder {
  /** The last snapshot written here, when it holds all its state's keys. */
  private snapshot?: { state: IngestState; mark: KeySetMark };
  /** Keys journaled as accepted since that snapshot. */
  private journaled = new Set<string>();
  /** Keys added to the snapshot's key set already found in `journaled` (they are checked once). */
  private checked = 0;
  /** The keys of the batch the journal has in flight, if it has one. */
  private journaledInFlight?: readonly string[];

  constructor(readonly file: StateFile, private readonly maxJournalBytes = MAX_JOURNAL_BYTES) {}

  /** The state on disk (forgetting what this recorder wrote: it compares with snapshots of its own only). */
  read(): Promise<IngestState | undefined> {
    this.snapshot = undefined;
    return this.file.read();
  }

  /** A whole new snapshot of `state`, its keys in `without` left out (its journal starts empty). */
  async write(state: IngestState, without: ReadonlySet<string>): Promise<void> {
    await this.file.write(state, without);
    this.snapshot = without.size === 0 && !state.inFlight ? { state: { ...state }, mark: state.keys.mark() } : undefined;
    this.journaled = new Set();
    this.checked = 0;
    this.journaledInFlight = state.inFlight?.keys;
  }

  /** Records `state` unless the state on disk is that already (and its journal not too long). */
  async save(state: IngestState, without: ReadonlySet<string>): Promise<void> {
    if (!this.holds(state) || this.file.journalBytes > this.maxJournalBytes) await this.write(state, without);
  }

  /**
   * One step in the journal; a snapshot of `whole()` instead when there is no snapshot to
   * journal against yet. `payload`: the rows of `entry.sent` as a JSON array, as made.
   */
  async record(entry: JournalEntry, whole: () => IngestState, without: ReadonlySet<string>, payload?: Buffer): Promise<void> {
    if (!this.file.ready) {
      await this.write(whole(), without);
      return;
    }
    await this.file.append(entry, payload);
    // What the journal now says, as replaying it would (state-journal.ts).
    if (entry.accepted !== undefined) {
      for (const key of entry.accepted === 'all' ? this.journaledInFlight ?? [] : entry.accepted) this.journaled.add(key);
      this.journaledInFlight = undefined;
    }
    if (entry.sent) this.journaledInFlight = entry.sent.keys;
  }

  release(): Promise<void> {
    return this.file.release();
  }

  /**
   * Whether the state on disk (the last snapshot and the steps journaled since) replays to
   * `state`: the same checkpoint and table, nothing in flight, and its keys the snapshot's plus
   * only keys journaled as accepted since (none forgotten, none changed).
   */
  private holds(state: IngestState): boolean {
    const snapshot = this.snapshot;
    if (!snapshot || this.journaledInFlight || state.keys !== snapshot.state.keys) return false;
    const { version, table, profile, checkpoint } = snapshot.state;
    if (state.version !== version || state.table !== table || state.profile !== profile || state.checkpoint !== checkpoint || state.inFlight) return false;
    const added = state.keys.addedSince(snapshot.mark, this.checked);
    if (added === undefined || !added.every((key) => this.journaled.has(key))) return false;
    this.checked += added.length;
    return true;
  }
}
