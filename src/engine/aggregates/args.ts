// Reading aggregate arguments: the value column, and constant arguments (maxSize, a
// percentile, a predicate) that arrive as columns repeating one value.
import { BoolColumn, NumberColumn, type Column, type DynamicValue } from '../data/column';

/** The argument at `index`, or a TypeError naming the function. */
export function argAt(args: readonly Column[], index: number, fn: string): Column {
  const column = args[index];
  if (column === undefined) throw new TypeError(`${fn}() needs at least ${index + 1} argument(s)`);
  return column;
}

/** A numeric argument (int, long, real, decimal, datetime, timespan). */
export function numberArg(args: readonly Column[], index: number, fn: string): NumberColumn {
  const column = argAt(args, index, fn);
  if (!(column instanceof NumberColumn)) throw new TypeError(`${fn}() cannot aggregate a ${column.type} value`);
  return column;
}

export function boolArg(args: readonly Column[], index: number, fn: string): BoolColumn {
  const column = argAt(args, index, fn);
  if (!(column instanceof BoolColumn)) throw new TypeError(`${fn}() needs a bool predicate, not ${column.type}`);
  return column;
}

/**
 * The value of a constant numeric argument (its first row), or `fallback` when the argument
 * is absent. With no input rows the column is empty: the fallback stands in, harmlessly,
 * since no group has a value then.
 */
export function constantNumber(args: readonly Column[], index: number, fallback: number, fn: string): number {
  const column = args[index];
  if (column === undefined || column.length === 0) return fallback;
  if (!(column instanceof NumberColumn) || column.isNull(0)) throw new TypeError(`${fn}(): argument ${index + 1} must be a constant number`);
  return column.data[0];
}

/** A constant dynamic argument's value (its first row); undefined when absent or empty. */
export function constantDynamic(column: Column | undefined): DynamicValue | undefined {
  return column === undefined || column.length === 0 ? undefined : (column.get(0) as DynamicValue);
}
