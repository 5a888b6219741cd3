// Window functions over the serialized row order (the order of the operator's input):
// prev(), next(), row_cumsum(), row_number().
import { columnBuilder } from '../data/builder';
import type { Column, KqlType } from '../data/column';
import type { Table } from '../data/table';
import { NotSupportedError } from '../errors';

/** A constant argument (offset, start): the value of the first row. */
function constantNumber(column: Column | undefined, fallback: number, what: string): number {
  if (!column || column.length === 0) return fallback;
  const value = column.get(0);
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new NotSupportedError(`${what} of ${String(value)}`);
  return value;
}

/** The value `shift` rows away (prev: -offset, next: +offset), else the default (else null). */
function shifted(table: Table, args: Column[], type: KqlType, direction: -1 | 1, name: string): Column {
  const [column, offsetColumn, defaults] = args;
  const offset = constantNumber(offsetColumn, 1, `${name}() with an offset`);
  if (offset < 0) throw new NotSupportedError(`${name}() with a negative offset`);
  const out = columnBuilder(type, table.rowCount);
  for (let row = 0; row < table.rowCount; row++) {
    const source = row + direction * offset;
    out.add(source >= 0 && source < table.rowCount ? column.get(source) : defaults ? defaults.get(row) : null);
  }
  return out.finish();
}

export function prev(table: Table, args: Column[], type: KqlType): Column {
  return shifted(table, args, type, -1, 'prev');
}

export function next(table: Table, args: Column[], type: KqlType): Column {
  return shifted(table, args, type, 1, 'next');
}

/** row_cumsum(term [, restart]): the running sum, back to 0 before each row where restart is true. */
export function rowCumsum(table: Table, args: Column[], type: KqlType): Column {
  const [term, restart] = args;
  const out = columnBuilder(type, table.rowCount);
  let sum = 0;
  for (let row = 0; row < table.rowCount; row++) {
    if (restart?.get(row) === true) sum = 0;
    const value = term.get(row);
    if (typeof value !== 'number') throw new NotSupportedError('row_cumsum() over a null value');
    sum += value;
    out.add(sum);
  }
  return out.finish();
}

/** row_number([start [, restart]]): the row's position, back to `start` where restart is true. */
export function rowNumber(table: Table, args: Column[], type: KqlType): Column {
  const start = constantNumber(args[0], 1, 'row_number() with a start');
  const restart = args[1];
  const out = columnBuilder(type, table.rowCount);
  let n = start;
  for (let row = 0; row < table.rowCount; row++) {
    if (row > 0 && restart?.get(row) === true) n = start;
    out.add(n++);
  }
  return out.finish();
}
