// percentile(), percentiles(), percentiles_array(): nearest-rank percentiles. The P-th
// percentile (0 < P <= 100) of n values sorted ascending is the value at rank ceil(P/100 * n);
// the 0th is the smallest. Kusto estimates with T-Digest; the local engine is exact, so the
// result is always a member of the group. Nulls (and NaN) are ignored; a group without values
// gives null. Only numeric values (including datetime and timespan) are supported.
import { DynamicColumn, NumberColumn, type Column, type DynamicValue, type KqlType } from '../data/column';
import { NotSupportedError } from '../functions/types';
import { argAt, constantDynamic, constantNumber } from './args';
import { numberToDynamic } from '../data/dynamic-values';
import { rowsByGroup } from './rows';
import type { AggregateFunction } from './types';

/** The result type Kusto.Language gives a percentile column: int → long, decimal → real, else the input's. */
export function percentileResultType(type: KqlType): KqlType {
  return type === 'int' ? 'long' : type === 'decimal' ? 'real' : type;
}

/** Each group's non-null values, sorted ascending: group g holds values[starts[g] .. starts[g] + counts[g]). */
interface SortedGroups {
  values: Float64Array;
  starts: Int32Array;
  counts: Int32Array;
}

function sortedGroups(column: NumberColumn, groups: Int32Array, groupCount: number): SortedGroups {
  const { data, valid } = column;
  const { order, offsets } = rowsByGroup(groups, groupCount);
  const values = new Float64Array(order.length);
  const counts = new Int32Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    let end = offsets[g];
    for (let k = offsets[g]; k < offsets[g + 1]; k++) {
      const row = order[k];
      if ((valid === undefined || valid[row] === 1) && data[row] === data[row]) values[end++] = data[row];
    }
    counts[g] = end - offsets[g];
    values.subarray(offsets[g], end).sort();
  }
  return { values, starts: offsets, counts };
}

/** Zero-based index of the nearest-rank P-th percentile among n sorted values (n > 0). */
export function nearestRankIndex(n: number, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`a percentile must be between 0 and 100, not ${p}`);
  let rank = (p * n) / 100;
  const whole = Math.round(rank);
  if (Math.abs(rank - whole) < 1e-9 * Math.max(1, rank)) rank = whole; // 99.9 * 1000 / 100 is 999, not 999.0000000000001
  return Math.min(n, Math.max(1, Math.ceil(rank))) - 1;
}

function valuesColumn(column: Column, fn: string): NumberColumn {
  if (!(column instanceof NumberColumn)) throw new NotSupportedError(`${fn}() of ${column.type} values`);
  return column;
}

/**
 * percentiles(x, p1, p2, ...) in summarize: one column per percentile, in the order of `ps`,
 * typed by `percentileResultType`.
 */
export function percentileValues(column: Column, groups: Int32Array, groupCount: number, ps: readonly number[]): Column[] {
  const { values, starts, counts } = sortedGroups(valuesColumn(column, 'percentiles'), groups, groupCount);
  const type = percentileResultType(column.type);
  return ps.map((p) => {
    const data = new Float64Array(groupCount);
    let valid: Uint8Array | undefined;
    for (let g = 0; g < groupCount; g++) {
      if (counts[g] > 0) {
        data[g] = values[starts[g] + nearestRankIndex(counts[g], p)];
      } else {
        valid ??= new Uint8Array(groupCount).fill(1);
        valid[g] = 0;
      }
    }
    return new NumberColumn(type, data, valid);
  });
}

/** percentile(x, p): the single-column form. */
export const percentile: AggregateFunction = {
  aggregate(args, groups, groupCount, resultType) {
    const column = argAt(args, 0, 'percentile');
    const p = constantNumber(args, 1, 50, 'percentile');
    const [result] = percentileValues(column, groups, groupCount, [p]);
    return result instanceof NumberColumn ? new NumberColumn(resultType, result.data, result.valid) : result;
  },
};

/** The percentiles of percentiles_array(x, p1, p2 ...) or percentiles_array(x, dynamic([p1, p2 ...])). */
function requestedPercentiles(args: readonly Column[]): number[] {
  if (args.length === 2 && args[1] instanceof DynamicColumn) {
    const list = constantDynamic(args[1]);
    if (!Array.isArray(list) || !list.every((p) => typeof p === 'number')) {
      throw new TypeError('percentiles_array(): the percentiles must be a dynamic array of numbers');
    }
    return list as number[];
  }
  return args.slice(1).map((_, k) => constantNumber(args, k + 1, 50, 'percentiles_array'));
}

/** percentiles_array(): the percentiles as one dynamic array per group (null for a group without values). */
export const percentilesArray: AggregateFunction = {
  aggregate(args, groups, groupCount) {
    const column = argAt(args, 0, 'percentiles_array');
    if (column.length === 0) return new DynamicColumn(new Array<DynamicValue>(groupCount).fill(null));
    const columns = percentileValues(column, groups, groupCount, requestedPercentiles(args)) as NumberColumn[];
    const out: DynamicValue[] = [];
    for (let g = 0; g < groupCount; g++) {
      out.push(columns.length > 0 && columns[0].isNull(g) ? null : columns.map((c) => numberToDynamic(column.type, c.data[g])));
    }
    return new DynamicColumn(out);
  },
};
