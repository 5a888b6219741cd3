// The embedded KQL engine: compile (Kusto.Language -> IR) and execute (column-wise).
import type { WorkspaceSchema } from '../kql/schema';
import { compile } from './frontend/compile';
import { execute, type QueryResult } from './exec/execute';
import type { TableSource } from './exec/context';

export { EngineLimitError, KqlError, NotSupportedError, type QueryDiagnostic } from './errors';
export type { QueryResult } from './exec/execute';
export type { TableSource } from './exec/context';
export type { Visualization } from './ir/plan';
export { Table } from './data/table';

export interface RunOptions {
  /** now() for the whole query, microseconds since the epoch. */
  now: number;
}

export interface TimedResult extends QueryResult {
  timing: { analyzeMs: number; executeMs: number };
}

export async function runQuery(query: string, schema: WorkspaceSchema, source: TableSource, options: RunOptions): Promise<TimedResult> {
  const started = performance.now();
  const plan = compile(query, schema);
  const analyzed = performance.now();
  const result = await execute(plan, source, options.now);
  return { ...result, timing: { analyzeMs: analyzed - started, executeMs: performance.now() - analyzed } };
}
