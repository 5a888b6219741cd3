// More functions on dynamic arrays: array_sort_asc, array_sort_desc, array_split, array_sum,
// array_rotate_left/right, array_shift_left/right, array_iff/array_iif, repeat.
import type { DynamicValue, KqlType, Value } from '../data/column';
import { rowFunction } from './kernel/functions';
import { asInteger, isArray, toDynamicValue } from './kernel/values';
import { NotSupportedError, type ScalarFunction } from './types';

/** Kusto's order of element kinds in a sorted array: numbers, strings, then everything else. */
function kindRank(value: DynamicValue): number {
  return typeof value === 'number' ? 0 : typeof value === 'string' ? 1 : 2;
}

function compareElements(a: DynamicValue, b: DynamicValue): number {
  const rank = kindRank(a) - kindRank(b);
  if (rank !== 0 || kindRank(a) === 2) return rank;
  return (a as number | string) < (b as number | string) ? -1 : (a as number | string) > (b as number | string) ? 1 : 0;
}

/** array_sort_asc / array_sort_desc(array [, nulls_last]); several arrays would need tuple results. */
function sort(descending: boolean): ScalarFunction {
  return rowFunction((values, types) => {
    const [array, ...rest] = values;
    if (rest.length > 1 || (rest.length === 1 && types[1] !== 'bool')) {
      throw new NotSupportedError(`array_sort_${descending ? 'desc' : 'asc'}() of several arrays`);
    }
    if (!isArray(array as DynamicValue)) return null;
    const nullsLast = rest.length === 0 || rest[0] !== false;
    const present = (array as DynamicValue[]).filter((v) => v !== null);
    const nulls = new Array<DynamicValue>((array as DynamicValue[]).length - present.length).fill(null);
    present.sort((a, b) => {
      const rank = kindRank(a) - kindRank(b);
      return rank !== 0 ? rank : (descending ? -1 : 1) * compareElements(a, b);
    });
    return nullsLast ? [...present, ...nulls] : [...nulls, ...present];
  });
}

/** array_split(array, indices): pieces [0, i1), [i1, i2) ... [iN, length); negative indices count from the end. */
function split(array: DynamicValue[], indices: Value): Value {
  const list = Array.isArray(indices) ? indices : [indices];
  const cuts = list.map((v) => asInteger(v as Value)).map((i) => (i === null ? null : Math.min(array.length, Math.max(0, i < 0 ? array.length + i : i))));
  if (cuts.some((i) => i === null)) return null;
  const bounds = [0, ...(cuts as number[]), array.length];
  return bounds.slice(1).map((end, k) => array.slice(bounds[k], Math.max(bounds[k], end)));
}

function sum(array: DynamicValue[]): Value {
  let total = 0;
  for (const element of array) {
    if (typeof element !== 'number') return null;
    total += element;
  }
  return total;
}

function rotate(array: DynamicValue[], by: number): DynamicValue[] {
  if (array.length === 0) return [];
  const shift = ((by % array.length) + array.length) % array.length;
  return [...array.slice(shift), ...array.slice(0, shift)];
}

/** Shifts left by `by` positions (right when negative), filling with `fill`. */
function shift(array: DynamicValue[], by: number, fill: DynamicValue): DynamicValue[] {
  return array.map((_, i) => {
    const from = i + by;
    return from >= 0 && from < array.length ? array[from] : fill;
  });
}

function arrayOp(fn: (array: DynamicValue[], rest: readonly Value[], types: readonly KqlType[]) => Value): ScalarFunction {
  return rowFunction((values, types) => (isArray(values[0] as DynamicValue) ? fn(values[0] as DynamicValue[], values.slice(1), types.slice(1)) : null));
}

const byAmount = (fn: (array: DynamicValue[], by: number, rest: readonly Value[], types: readonly KqlType[]) => Value) =>
  arrayOp((array, rest, types) => {
    const by = asInteger(rest[0]);
    return by === null ? null : fn(array, by, rest.slice(1), types.slice(1));
  });

/** array_iff(conditions, whenTrue, whenFalse): element-wise; a branch may be an array or a scalar. */
const arrayIff = rowFunction((values, types) => {
  const [conditions, whenTrue, whenFalse] = values;
  if (!isArray(conditions as DynamicValue)) return null;
  const pick = (branch: Value, type: KqlType, i: number): DynamicValue =>
    (type === 'dynamic' && Array.isArray(branch) ? (branch[i] ?? null) : toDynamicValue(branch, type));
  return (conditions as DynamicValue[]).map((c, i) => {
    const truth = typeof c === 'boolean' ? c : typeof c === 'number' ? c !== 0 : null;
    if (truth === null) return null;
    return truth ? pick(whenTrue, types[1], i) : pick(whenFalse, types[2], i);
  });
});

/** repeat(value, count): an array of count copies (count <= 0 or null gives an empty array). */
const repeat = rowFunction(([value, countValue], types) => {
  const count = asInteger(countValue);
  return new Array<DynamicValue>(Math.max(0, count ?? 0)).fill(toDynamicValue(value, types[0]));
});

export const arrayFunctions: Record<string, ScalarFunction> = {
  array_sort_asc: sort(false),
  array_sort_desc: sort(true),
  array_split: arrayOp((array, [indices]) => split(array, indices)),
  array_sum: arrayOp(sum),
  array_rotate_left: byAmount((array, by) => rotate(array, by)),
  array_rotate_right: byAmount((array, by) => rotate(array, -by)),
  array_shift_left: byAmount((array, by, [fill], [type]) => shift(array, by, fill === undefined ? null : toDynamicValue(fill, type))),
  array_shift_right: byAmount((array, by, [fill], [type]) => shift(array, -by, fill === undefined ? null : toDynamicValue(fill, type))),
  array_iff: arrayIff,
  array_iif: arrayIff,
  repeat,
};
