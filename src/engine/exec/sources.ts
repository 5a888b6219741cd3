// Plans that make rows: scans, datatable, print, range.
import { columnFromValues } from '../data/builder';
import type { Value } from '../data/column';
import { Table } from '../data/table';
import { EngineLimitError, NotSupportedError } from '../errors';
import type { Plan } from '../ir/plan';
import type { ExecContext } from './context';
import { evaluate } from './evaluate';

const EMPTY_ROW = new Table([], [], 1);

export function scan(plan: Extract<Plan, { kind: 'scan' }>, context: ExecContext): Table {
  const table = context.tables.get(plan.table);
  if (!table) throw new Error(`internal: table ${plan.table} was not loaded`);
  if (plan.fields.length === table.columns.length) return table;
  // A pruned scan (ir/prune-columns.ts): only the columns the query reads.
  return new Table(plan.fields.map((f) => f.name), plan.fields.map((f) => table.column(f.name)!), table.rowCount);
}

export function values(plan: Extract<Plan, { kind: 'values' }>): Table {
  return new Table(
    plan.fields.map((f) => f.name),
    plan.fields.map((field, c) => columnFromValues(field.type, plan.rows.map((row) => row[c]))),
    plan.rows.length,
  );
}

export function print(plan: Extract<Plan, { kind: 'print' }>, context: ExecContext): Table {
  return new Table(plan.columns.map((c) => c.name), plan.columns.map((c) => evaluate(c.expr, EMPTY_ROW, context)), 1);
}

/** A scalar expression's single value (take's count, range's bounds ...). */
export function scalarValue(expr: Parameters<typeof evaluate>[0], context: ExecContext): Value {
  return evaluate(expr, EMPTY_ROW, context).get(0);
}

const MAX_RANGE_ROWS = 10_000_000;

export function range(plan: Extract<Plan, { kind: 'range' }>, context: ExecContext): Table {
  const from = scalarValue(plan.from, context);
  const to = scalarValue(plan.to, context);
  const step = scalarValue(plan.step, context);
  if (typeof from !== 'number' || typeof to !== 'number' || typeof step !== 'number') {
    throw new NotSupportedError('range with null or non-numeric bounds');
  }
  // A datetime range steps by a timespan (ticks) over microseconds.
  const increment = plan.type === 'datetime' ? step / 10 : step;
  if (increment === 0) throw new NotSupportedError('range with a step of 0');
  const count = Math.floor((to - from) / increment) + 1;
  if (count > MAX_RANGE_ROWS) throw new EngineLimitError(`range of ${count} rows (the local engine's limit is ${MAX_RANGE_ROWS})`);
  const rows: Value[] = [];
  for (let i = 0; i < Math.max(0, count); i++) rows.push(from + i * increment);
  return new Table([plan.name], [columnFromValues(plan.type, rows)], rows.length);
}
