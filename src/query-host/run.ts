// One query on the embedded engine: the answer in the CLI's JSON value forms, or an error the
// extension can show as it is.
import { performance } from 'node:perf_hooks';
import { EngineLimitError, KqlError, NotSupportedError, runQuery } from '../engine';
import type { Table } from '../engine/data/table';
import { outputValue } from '../engine/output';
import { StoreError } from '../store';
import type { HostError, HostResult, RunRequest } from './protocol';
import type { WorkspaceCache } from './workspace-cache';

export async function runRequest(request: RunRequest, cache: WorkspaceCache): Promise<HostResult | HostError> {
  const fail = (kind: HostError['kind'], message: string, diagnostics?: HostError['diagnostics']): HostError =>
    ({ type: 'error', id: request.id, kind, message, ...(diagnostics ? { diagnostics } : {}) });
  try {
    const loadStarted = performance.now();
    const source = await cache.source(request.workspace);
    const loadMs = performance.now() - loadStarted;
    const result = await runQuery(request.query, source.schema, source, { now: request.now * 1000 });
    return {
      type: 'result',
      id: request.id,
      columns: result.table.schema.map(({ name, type }) => ({ name, type })),
      rows: outputRows(result.table, request.maxRows),
      visualization: result.visualization,
      totalRows: result.table.rowCount,
      timing: {
        loadMs: loadMs + source.readMs(),
        analyzeMs: result.timing.analyzeMs,
        executeMs: Math.max(0, result.timing.executeMs - source.readMs()),
      },
    };
  } catch (error) {
    if (error instanceof KqlError) return fail('kql', error.message, error.diagnostics);
    if (error instanceof NotSupportedError) return fail('not-supported', error.message);
    if (error instanceof EngineLimitError) return fail('limit', error.message);
    if (error instanceof StoreError) return fail('workspace', error.message);
    process.stderr.write(`query ${request.id} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return fail('internal', `the local engine failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function outputRows(table: Table, maxRows: number): unknown[][] {
  const count = Math.min(table.rowCount, Math.max(0, Math.floor(maxRows)));
  const types = table.columns.map((column) => column.type);
  const rows: unknown[][] = new Array(count);
  for (let r = 0; r < count; r++) rows[r] = table.columns.map((column, c) => outputValue(column.get(r), types[c]));
  return rows;
}
