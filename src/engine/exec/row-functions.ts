// Functions that need the whole row or the row's position, not just their arguments.
import { columnFromValues } from '../data/builder';
import type { Column, DynamicValue, KqlType, Value } from '../data/column';
import { dynamicReader } from '../data/dynamic-values';
import type { Table } from '../data/table';
import { next, prev, rowCumsum, rowNumber } from './window-functions';

/** pack_all([ignore_null_empty]): every column of the row as a property bag. */
export function packAll(table: Table, args: Column[]): Column {
  const ignoreEmpty = args.length > 0 && args[0].get(0) === true;
  const readers = table.columns.map(dynamicReader);
  const bags: Value[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    const bag: Record<string, DynamicValue> = {};
    table.names.forEach((name, c) => {
      const value = readers[c](row);
      if (ignoreEmpty && (value === undefined || value === '')) return;
      bag[name] = value === undefined ? null : value;
    });
    bags.push(bag);
  }
  return columnFromValues('dynamic', bags);
}

export type RowFunction = (table: Table, args: Column[], resultType: KqlType) => Column;

export const rowFunctions: ReadonlyMap<string, RowFunction> = new Map<string, RowFunction>([
  ['pack_all', packAll],
  ['row_number', rowNumber],
  ['prev', prev],
  ['next', next],
  ['row_cumsum', rowCumsum],
]);
