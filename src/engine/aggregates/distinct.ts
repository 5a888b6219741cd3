// dcount() and count_distinct(): the number of distinct non-null values per group.
// Kusto's dcount() estimates with HyperLogLog (exact only for small sets: about 1,000 values
// at the default accuracy); the local engine always counts exactly, so it can differ from
// Kusto above that size. The accuracy argument is accepted and ignored. count_distinct() is
// exact in Kusto too. Strings are never null in Kusto, so the empty string counts as a value.
import { NumberColumn, type Column } from '../data/column';
import { argAt } from './args';
import { denseKeys } from '../data/keys';
import { rowsByGroup } from './rows';
import type { AggregateFunction } from './types';

/**
 * Calls `visit(group, row)` for the first row of each distinct non-null value within each
 * group, group by group and in row order within a group.
 */
export function forEachFirstDistinct(column: Column, groups: Int32Array, groupCount: number, visit: (group: number, row: number) => void): void {
  const { ids, cardinality } = denseKeys(column);
  const { order, offsets } = rowsByGroup(groups, groupCount);
  const seenBy = new Int32Array(cardinality); // g + 1 of the group that last saw the id
  for (let g = 0; g < groupCount; g++) {
    const mark = g + 1;
    for (let k = offsets[g]; k < offsets[g + 1]; k++) {
      const row = order[k];
      const id = ids[row];
      if (id < 0 || seenBy[id] === mark) continue;
      seenBy[id] = mark;
      visit(g, row);
    }
  }
}

export function distinctCounts(column: Column, groups: Int32Array, groupCount: number): Float64Array {
  const counts = new Float64Array(groupCount);
  forEachFirstDistinct(column, groups, groupCount, (g) => counts[g]++);
  return counts;
}

export const dcount: AggregateFunction = {
  aggregate: (args, groups, groupCount, resultType) =>
    new NumberColumn(resultType, distinctCounts(argAt(args, 0, 'dcount'), groups, groupCount)),
};
