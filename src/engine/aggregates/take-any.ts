// take_any (deprecated alias any): one arbitrary row per group. The local engine takes the
// first row, and, per the docs ("when the function is provided with a single column
// reference, it will attempt to return a non-null/non-empty value"), with a single column the
// first row where that column is neither null nor an empty string.
import { BoolColumn, NumberColumn, StringColumn, type Column } from '../data/column';
import { NotSupportedError } from '../functions/types';
import { gather } from '../data/gather';
import { fillFirstRows } from './rows';
import type { AggregateFunction } from './types';

function hasValueReader(column: Column): (row: number) => boolean {
  if (column instanceof NumberColumn || column instanceof BoolColumn) {
    const { valid } = column;
    return (i) => valid === undefined || valid[i] === 1;
  }
  if (column instanceof StringColumn) {
    const { codes, dictionary } = column;
    const nonEmpty = Uint8Array.from(dictionary, (text) => (text === '' ? 0 : 1));
    return (i) => codes[i] >= 0 && nonEmpty[codes[i]] === 1;
  }
  const { values } = column;
  return (i) => values[i] !== null && values[i] !== '';
}

/**
 * take_any(e1, e2, ...) / take_any(*): the row chosen per group, for the executor to gather
 * every requested column from (-1 for a group without rows). With exactly one column the row
 * holds a non-null, non-empty value when the group has one.
 */
export function takeAnyRows(columns: readonly Column[], groups: Int32Array, groupCount: number): Int32Array {
  const rows = new Int32Array(groupCount).fill(-1);
  if (columns.length === 1) {
    const hasValue = hasValueReader(columns[0]);
    let missing = groupCount;
    for (let i = 0; i < groups.length && missing > 0; i++) {
      const g = groups[i];
      if (g >= 0 && rows[g] < 0 && hasValue(i)) {
        rows[g] = i;
        missing--;
      }
    }
  }
  fillFirstRows(rows, groups);
  return rows;
}

/** take_any(expr): the single-expression form; several expressions go through takeAnyRows. */
export const takeAny: AggregateFunction = {
  aggregate(args, groups, groupCount, resultType) {
    if (args.length !== 1) throw new NotSupportedError('take_any() with several expressions as a single column (use takeAnyRows)');
    return gather(args[0], takeAnyRows(args, groups, groupCount), resultType);
  },
};
