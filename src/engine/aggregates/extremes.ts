// min, max and arg_max/arg_min: the row holding the group's extreme value. Numbers compare by
// value (datetime and timespan too), bools false < true, strings and guids ordinally. Nulls
// and NaN are skipped; on a tie the first row wins.
import type { Column } from '../data/column';
import { orderKeys, type OrderKeys } from '../data/keys';
import { gather } from '../data/gather';
import { fillFirstRows } from './rows';
import type { AggregateFunction } from './types';

export type Extreme = 'max' | 'min';

/** Per group, the first row holding the extreme value, or -1 when the group has no value. */
export function extremeRows(order: OrderKeys, groups: Int32Array, groupCount: number, which: Extreme): Int32Array {
  const best = new Int32Array(groupCount).fill(-1);
  const bestKeys = new Float64Array(groupCount);
  const { keys, valid } = order;
  const max = which === 'max';
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g < 0 || (valid !== undefined && valid[i] === 0)) continue;
    const key = keys[i];
    if (key !== key) continue; // NaN
    if (best[g] < 0 || (max ? key > bestKeys[g] : key < bestKeys[g])) {
      best[g] = i;
      bestKeys[g] = key;
    }
  }
  return best;
}

/**
 * arg_max / arg_min: per group, the row whose `column` value is the largest (smallest); the
 * first such row on a tie. A group whose values are all null still yields a row, its first
 * (as in the arg_max docs' null-handling example, where the all-null group returns its first
 * row with a null maximum). -1 only for a group without rows. The caller gathers the columns
 * to return with `gather`.
 */
export function argExtremeRows(column: Column, groups: Int32Array, groupCount: number, which: Extreme): Int32Array {
  const rows = extremeRows(orderKeys(column), groups, groupCount, which);
  fillFirstRows(rows, groups);
  return rows;
}

function extreme(which: Extreme): AggregateFunction {
  return {
    aggregate(args, groups, groupCount, resultType) {
      const column = args[0];
      if (column === undefined) throw new TypeError(`${which}() needs an argument`);
      return gather(column, extremeRows(orderKeys(column), groups, groupCount, which), resultType);
    },
  };
}

export const min = extreme('min');
export const max = extreme('max');
