// mv-expand: one row per element of the expanded arrays (property bags expand to one-key bags).
import { columnBuilder } from '../data/builder';
import type { DynamicValue, Value } from '../data/column';
import { gather } from '../data/gather';
import { Table } from '../data/table';
import { NotSupportedError } from '../errors';
import type { Plan } from '../ir/plan';
import type { ExecContext } from './context';
import { evaluate } from './evaluate';
import { checkRowCount } from './limits';

function elementsOf(value: Value): DynamicValue[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([k, v]) => ({ [k]: v }));
  return [value as DynamicValue];
}

function convert(value: DynamicValue, type: string): Value {
  if (type === 'dynamic' || value === null) return value;
  if (type === 'string') return typeof value === 'string' ? value : JSON.stringify(value);
  if ((type === 'long' || type === 'int' || type === 'real') && typeof value === 'number') return value;
  if (type === 'bool' && typeof value === 'boolean') return value;
  throw new NotSupportedError(`mv-expand to typeof(${type}) of ${JSON.stringify(value)}`);
}

type ExpandPlan = Pick<Extract<Plan, { kind: 'mv-expand' }>, 'columns' | 'limit'>;

export function mvExpand(input: Table, plan: ExpandPlan, context: ExecContext): Table {
  return expandRows(input, plan, context).table;
}

/** The expanded table, and for each of its rows the input row it came from (in order). */
export function expandRows(input: Table, plan: ExpandPlan, context: ExecContext): { table: Table; sourceRows: Int32Array } {
  const arrays = plan.columns.map((c) => evaluate(c.expr, input, context));
  const sourceRows: number[] = [];
  const builders = plan.columns.map((c) => columnBuilder(c.type));
  for (let row = 0; row < input.rowCount; row++) {
    const lists = arrays.map((a) => elementsOf(a.get(row)));
    const length = Math.min(Math.max(...lists.map((l) => l.length)), plan.limit ?? Infinity);
    checkRowCount(sourceRows.length + length, 'mv-expand');
    for (let i = 0; i < length; i++) {
      sourceRows.push(row);
      lists.forEach((list, c) => builders[c].add(i < list.length ? convert(list[i], plan.columns[c].type) : null));
    }
  }
  const rows = Int32Array.from(sourceRows);
  const names = [...input.names];
  const columns = input.columns.map((c) => gather(c, rows));
  plan.columns.forEach((c, i) => {
    const column = builders[i].finish();
    const at = names.indexOf(c.name);
    if (at >= 0) columns[at] = column; else { names.push(c.name); columns.push(column); }
  });
  return { table: new Table(names, columns, rows.length), sourceRows: rows };
}

