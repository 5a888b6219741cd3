// Row selection on tables, built on data/gather.
import { BoolColumn, type Column } from '../data/column';
import { gather } from '../data/gather';
import { Table } from '../data/table';

export function gatherTable(table: Table, indexes: Int32Array): Table {
  return new Table(table.names, table.columns.map((column) => gather(column, indexes)), indexes.length);
}

/** Indexes of the rows where a bool column is true (null counts as false). */
export function trueRows(column: Column): Int32Array {
  if (!(column instanceof BoolColumn)) throw new TypeError(`a filter needs a bool, not ${column.type}`);
  const { data, valid } = column;
  const n = data.length;
  let count = 0;
  if (valid === undefined) for (let i = 0; i < n; i++) count += data[i];
  else for (let i = 0; i < n; i++) count += data[i] & valid[i];
  const rows = new Int32Array(count);
  let next = 0;
  for (let i = 0; next < count; i++) if (data[i] === 1 && (valid === undefined || valid[i] === 1)) rows[next++] = i;
  return rows;
}

export function range(n: number, start = 0): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = start + i;
  return rows;
}
