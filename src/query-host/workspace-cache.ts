// Keeps the tables of recently queried local workspaces in memory between queries, and drops
// them when another writer commits (the manifest's generation changes).
import { performance } from 'node:perf_hooks';
import type { TableSource } from '../engine';
import type { Table } from '../engine/data/table';
import type { WorkspaceSchema } from '../kql/schema';
import { LocalWorkspace } from '../store';

/** Workspaces kept open at once; the least recently used one is forgotten first. */
const MAX_WORKSPACES = 2;

interface Entry {
  workspace: LocalWorkspace;
  tables: Map<string, Promise<Table>>;
}

export interface CachedSource extends TableSource {
  readonly schema: WorkspaceSchema;
  /** Time spent reading tables from disk for this query (cache hits cost nothing). */
  readMs(): number;
}

export class WorkspaceCache {
  private readonly entries = new Map<string, Entry>();

  async source(dir: string): Promise<CachedSource> {
    const entry = await this.entry(dir);
    let readMs = 0;
    return {
      schema: entry.workspace.schema(),
      tableNames: () => entry.workspace.tables().map((t) => t.name),
      read: async (name: string) => {
        let table = entry.tables.get(name);
        if (!table) {
          const started = performance.now();
          table = entry.workspace.read(name).finally(() => {
            readMs += performance.now() - started;
          });
          entry.tables.set(name, table);
          table.catch(() => entry.tables.delete(name));
        }
        return table;
      },
      readMs: () => readMs,
    };
  }

  private async entry(dir: string): Promise<Entry> {
    let entry = this.entries.get(dir);
    if (entry) {
      this.entries.delete(dir); // re-inserted below: most recently used last
      if (await entry.workspace.refresh()) entry.tables.clear();
    } else {
      entry = { workspace: await LocalWorkspace.open(dir), tables: new Map() };
    }
    this.entries.set(dir, entry);
    while (this.entries.size > MAX_WORKSPACES) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}
