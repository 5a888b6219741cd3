// count() and countif(). Per the summarize docs, count() counts the rows of the group, nulls
// included; Kusto.Language also accepts a hidden, obsolete count(predicate) that stands for
// countif(predicate), so a bool argument counts the rows where it is true.
import { BoolColumn, NumberColumn } from '../data/column';
import { withPredicate } from './predicate';
import type { AggregateFunction } from './types';

/** Rows per group (rows with group -1 are left out). No rows gives 0. */
export function rowCounts(groups: Int32Array, groupCount: number): Float64Array {
  const counts = new Float64Array(groupCount);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g >= 0) counts[g]++;
  }
  return counts;
}

const countRows: AggregateFunction = {
  aggregate: (_args, groups, groupCount, resultType) => new NumberColumn(resultType, rowCounts(groups, groupCount)),
};

export const countif = withPredicate(countRows, 0, 'countif');

export const count: AggregateFunction = {
  aggregate(args, groups, groupCount, resultType) {
    return args[0] instanceof BoolColumn
      ? countif.aggregate(args, groups, groupCount, resultType)
      : countRows.aggregate(args, groups, groupCount, resultType);
  },
};
