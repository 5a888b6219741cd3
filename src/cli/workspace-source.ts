// The local workspace as the engine's table source, timing its reads for `--timing`.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { TableSource } from '../engine';
import type { Table } from '../engine/data/table';
import type { WorkspaceSchema } from '../kql/schema';
import { LocalWorkspace, MANIFEST_FILE } from '../store';

export interface WorkspaceSource extends TableSource {
  readonly schema: WorkspaceSchema;
  /** Time spent reading tables so far. */
  readMs(): number;
}

/**
 * The workspace in `dir`; with no `dir`, the current folder when it is a workspace, else no
 * tables at all (so `query 'print 1'` works anywhere).
 */
export async function openWorkspaceSource(dir: string | undefined): Promise<WorkspaceSource> {
  if (dir === undefined && !existsSync(MANIFEST_FILE)) return emptySource();
  const workspace = await LocalWorkspace.open(dir ?? '.');
  let readMs = 0;
  // A command that runs several queries (hunt --all, demo) reads each table once.
  const tables = new Map<string, Promise<Table>>();
  return {
    schema: workspace.schema(),
    tableNames: () => workspace.tables().map((t) => t.name),
    async read(name: string): Promise<Table> {
      const started = performance.now();
      try {
        let table = tables.get(name);
        if (!table) tables.set(name, table = workspace.read(name));
        return await table;
      } finally {
        readMs += performance.now() - started;
      }
    },
    readMs: () => readMs,
  };
}

function emptySource(): WorkspaceSource {
  return {
    schema: { tables: [], functions: [], complete: true },
    tableNames: () => [],
    read: (name: string) => Promise.reject(new Error(`internal: no table ${name} without a workspace`)),
    readMs: () => 0,
  };
}
