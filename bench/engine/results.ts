// Both engines' results as plain rows (numbers, strings, null), and their comparison. Our
// datetimes are microseconds since the epoch; DuckDB's TIMESTAMPTZ values carry the same
// microseconds, and its BIGINTs become numbers (all counts here are far below 2^53).
import type { DuckDBResultReader } from '@duckdb/node-api';
import type { Table } from '../../src/engine/data/table';

export type Cell = number | string | boolean | null;

export interface Rows {
  columns: string[];
  rows: Cell[][];
}

export function engineRows(table: Table): Rows {
  return { columns: [...table.names], rows: table.rows().map((row) => row.map(cell)) };
}

export function duckRows(result: DuckDBResultReader): Rows {
  return { columns: result.columnNames(), rows: result.getRows().map((row) => row.map(cell)) };
}

function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && 'micros' in value && typeof (value as { micros: unknown }).micros === 'bigint') {
    return Number((value as { micros: bigint }).micros);
  }
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

/** The differences between two results (empty when they agree), at most `limit` of them. */
export function differences(ours: Rows, duck: Rows, limit = 5): string[] {
  const problems: string[] = [];
  if (ours.columns.join(',') !== duck.columns.join(',')) {
    problems.push(`columns differ: ours [${ours.columns.join(', ')}], DuckDB [${duck.columns.join(', ')}]`);
    return problems;
  }
  if (ours.rows.length !== duck.rows.length) problems.push(`row counts differ: ours ${ours.rows.length}, DuckDB ${duck.rows.length}`);
  const n = Math.min(ours.rows.length, duck.rows.length);
  for (let r = 0; r < n && problems.length < limit; r++) {
    for (let c = 0; c < ours.columns.length; c++) {
      const a = ours.rows[r][c];
      const b = duck.rows[r][c];
      if (!same(a, b)) {
        problems.push(`row ${r + 1}, column ${ours.columns[c]}: ours ${show(a)}, DuckDB ${show(b)}\n      ours   ${JSON.stringify(ours.rows[r])}\n      DuckDB ${JSON.stringify(duck.rows[r])}`);
        break;
      }
    }
  }
  return problems;
}

function same(a: Cell, b: Cell): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

function show(value: Cell): string {
  return JSON.stringify(value);
}
