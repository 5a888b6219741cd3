// Row-wise relational operators that keep, compute or drop columns.
import { columnFromValues } from '../data/builder';
import { Table } from '../data/table';
import { NotSupportedError } from '../errors';
import type { Expr, Plan } from '../ir/plan';
import type { ExecContext } from './context';
import { evaluate } from './evaluate';
import { gatherTable, range, trueRows } from './gather';
import { groupRows } from './keys';
import { scalarValue } from './sources';

export function filter(input: Table, plan: Extract<Plan, { kind: 'filter' }>, context: ExecContext): Table {
  return gatherTable(input, trueRows(evaluate(plan.predicate, input, context)));
}

export function project(input: Table, plan: Extract<Plan, { kind: 'project' }>, context: ExecContext): Table {
  return new Table(plan.columns.map((c) => c.name), plan.columns.map((c) => evaluate(c.expr, input, context)), input.rowCount);
}

export function extend(input: Table, plan: Extract<Plan, { kind: 'extend' }>, context: ExecContext): Table {
  const names = [...input.names];
  const columns = [...input.columns];
  // Each expression sees the columns extended before it (Kusto evaluates left to right).
  for (const { name, expr } of plan.columns) {
    const current = new Table(names, columns, input.rowCount);
    const column = evaluate(expr, current, context);
    const index = names.indexOf(name);
    if (index >= 0) columns[index] = column;
    else { names.push(name); columns.push(column); }
  }
  return new Table(names, columns, input.rowCount);
}

/** A row count given by a scalar expression (take 10, top n ...). */
export function count(value: Expr, context: ExecContext): number {
  const n = scalarValue(value, context);
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new NotSupportedError(`a row count of ${String(n)}`);
  return Math.max(0, Math.floor(n));
}

export function take(input: Table, plan: Extract<Plan, { kind: 'take' }>, context: ExecContext): Table {
  const n = Math.min(count(plan.count, context), input.rowCount);
  return gatherTable(input, range(n));
}

export function countRows(input: Table, plan: Extract<Plan, { kind: 'count' }>): Table {
  return new Table([plan.name], [columnFromValues('long', [input.rowCount])], 1);
}

export function distinct(input: Table, plan: Extract<Plan, { kind: 'distinct' }>, context: ExecContext): Table {
  const projected = project(input, { kind: 'project', input: plan.input, columns: plan.columns }, context);
  return gatherTable(projected, groupRows(projected.columns, projected.rowCount).firstRows);
}

const DOTNET_TYPES: Record<string, string> = {
  bool: 'System.SByte', int: 'System.Int32', long: 'System.Int64', real: 'System.Double', decimal: 'System.Data.SqlTypes.SqlDecimal',
  string: 'System.String', datetime: 'System.DateTime', timespan: 'System.TimeSpan', guid: 'System.Guid', dynamic: 'System.Object',
};

export function getschema(input: Table): Table {
  const schema = input.schema;
  return new Table(['ColumnName', 'ColumnOrdinal', 'DataType', 'ColumnType'], [
    columnFromValues('string', schema.map((f) => f.name)),
    columnFromValues('int', schema.map((_, i) => i)),
    columnFromValues('string', schema.map((f) => DOTNET_TYPES[f.type])),
    columnFromValues('string', schema.map((f) => f.type)),
  ], schema.length);
}
