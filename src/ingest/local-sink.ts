// The local workspace as an ingestion sink: each batch's rows and the new ingestion state are
// one commit of the workspace (src/store), so a cancel or a crash at any point leaves both as
// before or both as after. The state lives in the manifest as { ingest: { <table>: state } }.
import { columnBuilder } from '../engine/data/builder';
import { Table } from '../engine/data/table';
import { parseDatetime } from '../engine/data/temporal';
import { LocalWorkspace, type OpenOptions } from '../store';
import type { TraceRecord } from '../trace/record';
import { ingestProfile, type IngestProfile } from './profiles';
import type { IngestSink } from './sink';
import { KeySet } from './key-set';
import { parseState, rowKey, type IngestState } from './state';

/** Tables with more part files than this are rewritten as one at the end of a run. */
const COMPACT_AFTER_PARTS = 200;

interface ManifestState {
  ingest?: Record<string, unknown>;
  [other: string]: unknown;
}

export class LocalSink implements IngestSink {
  readonly kind = 'local';

  private constructor(private readonly workspace: LocalWorkspace) {}

  /** `options` are the workspace's (tests use its onCommitStep hook to crash a commit). */
  static async open(dir: string, options: Omit<OpenOptions, 'create'> = {}): Promise<LocalSink> {
    return new LocalSink(await LocalWorkspace.open(dir, { ...options, create: true }));
  }

  get target(): string {
    return this.workspace.dir;
  }

  async loadState(table: string): Promise<IngestState | undefined> {
    await this.workspace.refresh();
    const saved = this.manifestState().ingest?.[table];
    return saved === undefined ? undefined : parseState(saved, `${this.workspace.dir} (ingestion state of ${table})`);
  }

  /** Data and state commit together: a local run never leaves a batch in flight. */
  resolveInFlight(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  async write(rows: readonly TraceRecord[], next: IngestState): Promise<void> {
    const profile = ingestProfile(next.profile);
    const exists = this.workspace.tables().some((t) => t.name === profile.table);
    await this.workspace.commit({
      create: exists ? [] : [{ name: profile.table, columns: profile.columns }],
      appends: rows.length > 0 ? [{ table: profile.table, data: recordsToTable(profile, rows) }] : [],
      state: this.withTableState(next),
    });
  }

  async knownKeys(profileName: string, start: Date, end: Date): Promise<KeySet> {
    const profile = ingestProfile(profileName);
    const keys = new KeySet();
    if (!this.workspace.tables().some((t) => t.name === profile.table)) return keys;
    const { id, recipient, status, received } = profile.identityColumns;
    const table = await this.workspace.read(profile.table, { columns: [id, recipient, status, received] });
    const [ids, recipients, statuses, times] = [id, recipient, status, received].map((name) => table.column(name)!);
    const from = start.getTime() * 1000;
    const to = end.getTime() * 1000;
    for (let i = 0; i < table.rowCount; i++) {
      const micros = times.get(i) as number | null;
      if (micros === null || micros < from || micros >= to) continue;
      const key = rowKey({ messageTraceId: String(ids.get(i)), recipientAddress: String(recipients.get(i)), status: profile.traceStatus(String(statuses.get(i))) });
      keys.add(key, Math.floor(micros / 1_000_000));
    }
    return keys;
  }

  async saveState(next: IngestState): Promise<void> {
    await this.workspace.commit({ state: this.withTableState(next) });
  }

  async close(): Promise<void> {
    for (const table of this.workspace.tables()) {
      if (table.parts > COMPACT_AFTER_PARTS) await this.workspace.compact(table.name);
    }
  }

  private manifestState(): ManifestState {
    const state = this.workspace.state();
    return typeof state === 'object' && state !== null ? (state as ManifestState) : {};
  }

  private withTableState(next: IngestState): ManifestState {
    const current = this.manifestState();
    return { ...current, ingest: { ...current.ingest, [next.table]: next } };
  }
}

/** The records as a table of the profile's columns (datetimes parsed, everything typed). */
export function recordsToTable(profile: IngestProfile, records: readonly TraceRecord[]): Table {
  const builders = profile.columns.map((column) => columnBuilder(column.type, records.length));
  for (const record of records) {
    const row = profile.toJson(record);
    profile.columns.forEach((column, i) => {
      const value = row[column.name];
      builders[i].add(column.type === 'datetime' ? parseDatetime(String(value)) : value);
    });
  }
  return new Table(profile.columns.map((c) => c.name), builders.map((b) => b.finish()), records.length);
}
