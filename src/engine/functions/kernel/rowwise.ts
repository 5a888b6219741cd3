// The general (slow) path: evaluate a function of boxed values row by row.
import type { Column, KqlType, Value } from '../../data/column';
import { columnBuilder } from '../../data/builder';

/** Builds a column of `type` from a per-row function returning boxed values. */
export function buildRows(type: KqlType, rowCount: number, fn: (row: number) => Value): Column {
  const builder = columnBuilder(type, rowCount);
  for (let i = 0; i < rowCount; i++) builder.add(fn(i));
  return builder.finish();
}

/** The boxed values of every column at one row. */
export function valuesAt(columns: readonly Column[], row: number): Value[] {
  return columns.map((column) => column.get(row));
}
