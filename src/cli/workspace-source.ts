// The local workspace as the engine's table source, timing its reads for `--timing`.
import { performance } from 'node:perf_hooks';
import type { TableSource } from '../engine';
import type { Table } from '../engine/data/table';
import type { WorkspaceSchema } from '../kql/schema';
import { LocalWorkspace } from '../store';

export interface WorkspaceSource extends TableSource {
  readonly schema: WorkspaceSchema;
  /** Time spent reading tables so far. */
  readMs(): number;
}

export async function openWorkspaceSource(dir: string): Promise<WorkspaceSource> {
  const workspace = await LocalWorkspace.open(dir);
  let readMs = 0;
  return {
    schema: workspace.schema(),
    tableNames: () => workspace.tables().map((t) => t.name),
    async read(name: string): Promise<Table> {
      const started = performance.now();
      try {
        return await workspace.read(name);
      } finally {
        readMs += performance.now() - started;
      }
    },
    readMs: () => readMs,
  };
}
