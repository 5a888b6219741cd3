// The local engine's limits: a query that would exceed them stops with a clear error instead
// of exhausting the process's memory.
import { EngineLimitError } from '../errors';

/** Rows one operator may produce (a join or mv-expand that explodes is usually a mistake). */
export const MAX_OPERATOR_ROWS = 20_000_000;

export function checkRowCount(rows: number, operator: string): void {
  if (rows > MAX_OPERATOR_ROWS) {
    throw new EngineLimitError(`${operator} would produce more than ${MAX_OPERATOR_ROWS.toLocaleString('en-US')} rows, the local engine's limit; filter first or use more selective keys`);
  }
}
