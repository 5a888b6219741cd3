// Math functions: abs, round(x [, digits]) (halves away from zero), sqrt, pow, exp, exp2,
// exp10, log, log10, log2, sign, ceiling, isnan, isinf, isfinite, min_of, max_of, around, pi.
// The square root or a logarithm of a negative number is null, as Kusto documents; log of 0
// is -Infinity.
import { NumberColumn, type Value } from '../data/column';
import { asNumberColumn, conformTo } from './kernel/coerce';
import { rowFunction, scalar } from './kernel/functions';
import { mapNumbers, mapNumbers2, type NumberFn1, type NumberFn2 } from './kernel/numeric';
import { BoolOut } from './kernel/out';
import type { ScalarFunction } from './types';

function unary(fn: NumberFn1): ScalarFunction {
  return scalar((args, resultType) => {
    const x = asNumberColumn(args[0], 'math function');
    const type = x.type === 'timespan' && resultType === 'timespan' ? 'timespan' : resultType;
    return conformTo(mapNumbers(x, type, fn), resultType);
  });
}

function binary(fn: NumberFn2): ScalarFunction {
  return scalar((args, resultType) =>
    conformTo(mapNumbers2(asNumberColumn(args[0], 'math function'), asNumberColumn(args[1], 'math function'), resultType, fn), resultType));
}

function predicate(test: (x: number) => boolean): ScalarFunction {
  return scalar((args) => {
    const x = asNumberColumn(args[0], 'math function');
    const out = new BoolOut(x.length);
    for (let i = 0; i < x.length; i++) out.data[i] = !x.isNull(i) && test(x.data[i]) ? 1 : 0;
    return out.finish();
  });
}

/** Rounds half away from zero to `digits` decimal places (negative: to tens, hundreds ...). */
export function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const d = Math.trunc(digits);
  if (d < 0) {
    const scale = 10 ** -d;
    return Math.sign(x) * Math.round(Math.abs(x) / scale) * scale;
  }
  const scale = 10 ** d;
  return (Math.sign(x) * Math.round(Math.abs(x) * scale)) / scale;
}

const round: ScalarFunction = scalar((args, resultType) => {
  const x = asNumberColumn(args[0], 'round');
  if (args.length < 2) return conformTo(mapNumbers(x, resultType, (v) => roundTo(v, 0)), resultType);
  return conformTo(mapNumbers2(x, asNumberColumn(args[1], 'round'), resultType, roundTo), resultType);
});

/** min_of / max_of(values...): the least / greatest value that is not null (null if all are). */
function extremeOf(sign: 1 | -1): ScalarFunction {
  return rowFunction((values) => {
    let best: Value = null;
    for (const value of values) {
      if (value === null || typeof value === 'object') continue;
      if (best === null || (value < best ? -1 : value > best ? 1 : 0) * sign > 0) best = value;
    }
    return best;
  });
}

/** around(value, center, delta): center - delta <= value <= center + delta. */
const around = rowFunction(([value, center, delta]) => {
  if (typeof value !== 'number' || typeof center !== 'number' || typeof delta !== 'number') return null;
  return value >= center - delta && value <= center + delta;
});

const logarithm = (log: (x: number) => number): NumberFn1 => (x) => (x < 0 ? null : log(x));

export const mathFunctions: Record<string, ScalarFunction> = {
  abs: unary(Math.abs),
  round,
  sqrt: unary((x) => (x < 0 ? null : Math.sqrt(x))),
  pow: binary(Math.pow),
  exp: unary(Math.exp),
  exp2: unary((x) => 2 ** x),
  exp10: unary((x) => 10 ** x),
  log: unary(logarithm(Math.log)),
  log10: unary(logarithm(Math.log10)),
  log2: unary(logarithm(Math.log2)),
  sign: unary(Math.sign),
  ceiling: unary(Math.ceil),
  isnan: predicate(Number.isNaN),
  isinf: predicate((x) => x === Infinity || x === -Infinity),
  isfinite: predicate(Number.isFinite),
  min_of: extremeOf(-1),
  max_of: extremeOf(1),
  around,
  pi: scalar((_args, _type, rowCount) => new NumberColumn('real', new Float64Array(rowCount).fill(Math.PI))),
};
