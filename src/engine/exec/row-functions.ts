// Functions that need the whole row or the row's position, not just their arguments.
import { columnFromValues } from '../data/builder';
import type { Column, DynamicValue, Value } from '../data/column';
import { dynamicReader } from '../data/dynamic-values';
import type { Table } from '../data/table';
import { NotSupportedError } from '../errors';

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

/** row_number([start [, restart]]): the row's position in the (serialized) input. */
export function rowNumber(table: Table, args: Column[]): Column {
  if (args.length > 1) throw new NotSupportedError('row_number() with a restart condition');
  const start = args.length > 0 ? Number(args[0].get(0)) : 1;
  return columnFromValues('long', Array.from({ length: table.rowCount }, (_, i) => start + i));
}

export const rowFunctions: ReadonlyMap<string, (table: Table, args: Column[]) => Column> = new Map([
  ['pack_all', packAll],
  ['row_number', rowNumber],
]);
