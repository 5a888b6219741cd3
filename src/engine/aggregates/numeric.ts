// sum, avg, variance, stdev and their population forms: per-group accumulators in typed
// arrays, one pass over the rows, nulls ignored. Values for a group with no non-null value
// follow the summarize docs ("Default values of aggregations"): sum, variance and stdev give
// 0; avg gives NaN (the documented 0/0) or null for a datetime/timespan/decimal result;
// variancep and stdevp give null. A single value has sample variance 0 (not 0/0).
import { NumberColumn, type KqlType } from '../data/column';
import { numberArg } from './args';
import type { AggregateFunction } from './types';

interface Sums {
  counts: Float64Array;
  sums: Float64Array;
}

export function sumsAndCounts(column: NumberColumn, groups: Int32Array, groupCount: number): Sums {
  const counts = new Float64Array(groupCount);
  const sums = new Float64Array(groupCount);
  const { data, valid } = column;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g < 0 || (valid !== undefined && valid[i] === 0)) continue;
    counts[g]++;
    sums[g] += data[i];
  }
  return { counts, sums };
}

interface Moments {
  counts: Float64Array;
  /** Sum of squared deviations from the mean (Welford), for a numerically stable variance. */
  m2: Float64Array;
}

export function moments(column: NumberColumn, groups: Int32Array, groupCount: number): Moments {
  const counts = new Float64Array(groupCount);
  const means = new Float64Array(groupCount);
  const m2 = new Float64Array(groupCount);
  const { data, valid } = column;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g < 0 || (valid !== undefined && valid[i] === 0)) continue;
    const x = data[i];
    const n = ++counts[g];
    const delta = x - means[g];
    means[g] += delta / n;
    m2[g] += delta * (x - means[g]);
  }
  return { counts, m2 };
}

/** A numeric result column; `finish` returns null for a group without a value. */
function perGroup(type: KqlType, groupCount: number, finish: (g: number) => number | null): NumberColumn {
  const data = new Float64Array(groupCount);
  let valid: Uint8Array | undefined;
  for (let g = 0; g < groupCount; g++) {
    const value = finish(g);
    if (value === null) {
      valid ??= new Uint8Array(groupCount).fill(1);
      valid[g] = 0;
    } else {
      data[g] = value;
    }
  }
  return new NumberColumn(type, data, valid);
}

const WHOLE_UNITS: ReadonlySet<KqlType> = new Set(['int', 'long', 'datetime', 'timespan']);

export const sum: AggregateFunction = {
  aggregate(args, groups, groupCount, resultType) {
    const { sums } = sumsAndCounts(numberArg(args, 0, 'sum'), groups, groupCount);
    return new NumberColumn(resultType, sums);
  },
};

export const avg: AggregateFunction = {
  aggregate(args, groups, groupCount, resultType) {
    const { sums, counts } = sumsAndCounts(numberArg(args, 0, 'avg'), groups, groupCount);
    const round = WHOLE_UNITS.has(resultType);
    return perGroup(resultType, groupCount, (g) => {
      if (counts[g] === 0) return resultType === 'real' ? NaN : null;
      const mean = sums[g] / counts[g];
      return round ? Math.round(mean) : mean;
    });
  },
};

/** variance, stdev, variancep, stdevp from the group's count and sum of squared deviations. */
function spread(fn: string, finish: (n: number, m2: number) => number | null): AggregateFunction {
  return {
    aggregate(args, groups, groupCount, resultType) {
      const { counts, m2 } = moments(numberArg(args, 0, fn), groups, groupCount);
      return perGroup(resultType, groupCount, (g) => finish(counts[g], m2[g]));
    },
  };
}

const sampleVariance = (n: number, m2: number): number => (n <= 1 ? 0 : Math.max(0, m2) / (n - 1));
const populationVariance = (n: number, m2: number): number | null => (n === 0 ? null : Math.max(0, m2) / n);

export const variance = spread('variance', sampleVariance);
export const stdev = spread('stdev', (n, m2) => Math.sqrt(sampleVariance(n, m2)));
export const variancep = spread('variancep', populationVariance);
export const stdevp = spread('stdevp', (n, m2) => {
  const v = populationVariance(n, m2);
  return v === null ? null : Math.sqrt(v);
});
