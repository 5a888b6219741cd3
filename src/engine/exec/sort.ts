// sort and top: a stable sort of row indexes by typed keys, with KQL's null placement.
import { NumberColumn, BoolColumn, StringColumn, type Column } from '../data/column';
import type { Table } from '../data/table';
import type { Plan, SortKey } from '../ir/plan';
import type { ExecContext } from './context';
import { evaluate } from './evaluate';
import { gatherTable } from './gather';
import { count } from './relational';

type Compare = (a: number, b: number) => number;

function comparator(column: Column, key: SortKey): Compare {
  const direction = key.descending ? -1 : 1;
  const nulls = key.nullsFirst ? -1 : 1;
  const withNulls = (compareValues: Compare): Compare => (a, b) => {
    const an = column.isNull(a);
    const bn = column.isNull(b);
    if (an || bn) return an === bn ? 0 : an ? nulls : -nulls;
    return direction * compareValues(a, b);
  };
  if (column instanceof NumberColumn || column instanceof BoolColumn) {
    const data = column.data;
    return withNulls((a, b) => data[a] - data[b]);
  }
  if (column instanceof StringColumn && column.dictionary.length > 4 * column.length) {
    // Few rows over a large dictionary (after a filter): compare the strings themselves.
    const { codes, dictionary } = column;
    return withNulls((a, b) => {
      const x = dictionary[codes[a]];
      const y = dictionary[codes[b]];
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  if (column instanceof StringColumn) {
    // Rank the dictionary once, then compare ranks (ordinal order, as Kusto sorts strings).
    const order = column.dictionary.map((_, i) => i).sort((x, y) => (column.dictionary[x] < column.dictionary[y] ? -1 : column.dictionary[x] > column.dictionary[y] ? 1 : 0));
    const rank = new Int32Array(column.dictionary.length);
    order.forEach((code, position) => { rank[code] = position; });
    return withNulls((a, b) => rank[column.codes[a]] - rank[column.codes[b]]);
  }
  return withNulls((a, b) => {
    const x = JSON.stringify(column.get(a));
    const y = JSON.stringify(column.get(b));
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

export function sortedRows(input: Table, keys: SortKey[], context: ExecContext): Int32Array {
  const compares = keys.map((key) => comparator(evaluate(key.expr, input, context), key));
  const rows = Array.from({ length: input.rowCount }, (_, i) => i);
  rows.sort((a, b) => {
    for (const compare of compares) {
      const order = compare(a, b);
      if (order !== 0) return order;
    }
    return a - b;
  });
  return Int32Array.from(rows);
}

export function sort(input: Table, plan: Extract<Plan, { kind: 'sort' }>, context: ExecContext): Table {
  return gatherTable(input, sortedRows(input, plan.keys, context));
}

export function top(input: Table, plan: Extract<Plan, { kind: 'top' }>, context: ExecContext): Table {
  const n = count(plan.count, context);
  return gatherTable(input, sortedRows(input, plan.keys, context).slice(0, n));
}
