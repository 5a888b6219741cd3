import type { Table } from '../data/table';
import type { EvalContext } from '../functions/types';

/** Where scans read their tables: the local workspace, or tables given by a test. */
export interface TableSource {
  /** Table names the source has (for error messages). */
  tableNames(): string[];
  read(name: string): Promise<Table>;
}

export interface ExecContext extends EvalContext {
  /** Tables read by the query's scans, loaded before execution starts. */
  readonly tables: ReadonlyMap<string, Table>;
  /** Results of shared plans and scalar subqueries, by id: each runs once per query. */
  readonly memo: Map<number, unknown>;
}
