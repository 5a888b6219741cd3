// The aggregate library, keyed by Kusto name (lower case, as Kusto.Language spells them).
// Aggregates that yield a row or several columns are not in the map; the executor calls:
//   arg_max / arg_min (argmax / argmin)  argExtremeRows, then gather (data/gather.ts) per returned column
//   percentiles(x, p1, p2, ...)          percentileValues (one column per percentile)
//   take_any(e1, e2, ...) / take_any(*)  takeAnyRows, then gather (data/gather.ts) per expression
// The map's take_any/any handle the single-expression form, percentile the single percentile.
import { makeBag, makeDictionary } from './bag';
import { makeList, makeListDeprecated, makeListWithNulls, makeSet, makeSetDeprecated } from './collect';
import { count, countif } from './count';
import { dcount } from './distinct';
import { max, min } from './extremes';
import { avg, stdev, stdevp, sum, variance, variancep } from './numeric';
import { percentile, percentilesArray } from './percentile';
import { withPredicate } from './predicate';
import { takeAny } from './take-any';
import type { AggregateFunction } from './types';

export type { AggregateFunction } from './types';
export { argExtremeRows, type Extreme } from './extremes';
export { nearestRankIndex, percentileResultType, percentileValues } from './percentile';
export { takeAnyRows } from './take-any';
export { gather as gatherRows } from '../data/gather';
export { filterGroups } from './predicate';

/** `name` and `name` + `if` (predicate as argument 2, after the expression). */
function withIf(name: string, base: AggregateFunction, ifName = `${name}if`): [string, AggregateFunction][] {
  return [[name, base], [ifName, withPredicate(base, 1, ifName)]];
}

export const aggregateFunctions: ReadonlyMap<string, AggregateFunction> = new Map<string, AggregateFunction>([
  ['count', count],
  ['countif', countif],
  ...withIf('dcount', dcount),
  ...withIf('count_distinct', dcount),
  ...withIf('sum', sum),
  ...withIf('avg', avg),
  ...withIf('min', min),
  ...withIf('max', max),
  ...withIf('stdev', stdev),
  ['stdevp', stdevp],
  ...withIf('variance', variance),
  ...withIf('variancep', variancep),
  ['percentile', percentile],
  ['percentiles_array', percentilesArray],
  ...withIf('make_list', makeList, 'make_list_if'),
  ['make_list_with_nulls', makeListWithNulls],
  ['makelist', makeListDeprecated],
  ...withIf('make_set', makeSet, 'make_set_if'),
  ['makeset', makeSetDeprecated],
  ...withIf('make_bag', makeBag, 'make_bag_if'),
  ['make_dictionary', makeDictionary],
  ...withIf('take_any', takeAny),
  ...withIf('any', takeAny),
]);
