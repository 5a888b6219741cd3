// The *if variants (countif, sumif, make_list_if ...): the predicate argument removes rows
// from their group before the base aggregate runs. Inside this library a group index of -1
// means "row left out"; every kernel skips such rows.
import type { Column } from '../data/column';
import { boolArg } from './args';
import type { AggregateFunction } from './types';

/** A copy of `groups` where rows whose predicate is false or null get group -1. */
export function filterGroups(groups: Int32Array, predicate: Column, fn = 'predicate'): Int32Array {
  const { data, valid } = boolArg([predicate], 0, fn);
  const filtered = new Int32Array(groups.length);
  for (let i = 0; i < groups.length; i++) {
    filtered[i] = data[i] === 1 && (valid === undefined || valid[i] === 1) ? groups[i] : -1;
  }
  return filtered;
}

/** `base` restricted to the rows where argument `predicateIndex` is true. */
export function withPredicate(base: AggregateFunction, predicateIndex: number, fn: string): AggregateFunction {
  return {
    aggregate(args, groups, groupCount, resultType) {
      const predicate = args[predicateIndex];
      if (predicate === undefined) throw new TypeError(`${fn}() needs a predicate as argument ${predicateIndex + 1}`);
      const rest = args.filter((_, i) => i !== predicateIndex);
      return base.aggregate(rest, filterGroups(groups, predicate, fn), groupCount, resultType);
    },
  };
}
