// Functions on dynamic arrays and property bags: array_length, array_reverse, array_slice,
// array_concat, array_index_of, bag_keys, bag_merge, bag_pack/pack, pack_array, set_union,
// set_intersect, set_difference, set_has_element. An argument that is not an array (or bag)
// where one is required gives null.
import type { DynamicValue, KqlType, Value } from '../data/column';
import { rowFunction } from './kernel/functions';
import { occurrenceSearch } from './kernel/search';
import { asInteger, dynamicKey, dynamicToString, isArray, isBag, toDynamicValue } from './kernel/values';
import type { ScalarFunction } from './types';

/** A function of dynamic arrays (every argument listed in `arrays` must be an array). */
function arrayFunction(fn: (arrays: DynamicValue[][], rest: readonly Value[]) => Value, arrayCount = 1): ScalarFunction {
  return rowFunction((values) => {
    const count = arrayCount < 0 ? values.length : arrayCount;
    const arrays = values.slice(0, count) as DynamicValue[];
    if (!arrays.every(isArray)) return null;
    return fn(arrays as DynamicValue[][], values.slice(count));
  });
}

/** array_slice(array, start, end): end is inclusive; negative positions count from the end. */
function slice([array]: DynamicValue[][], [startValue, endValue]: readonly Value[]): Value {
  const start = asInteger(startValue);
  const end = asInteger(endValue);
  if (start === null || end === null) return null;
  const from = Math.max(0, start < 0 ? array.length + start : start);
  const to = Math.min(array.length - 1, end < 0 ? array.length + end : end);
  return from > to ? [] : array.slice(from, to + 1);
}

/** array_index_of(array, value [, start [, length [, occurrence]]]), searching like indexof(). */
function indexOf([array]: DynamicValue[][], [lookup, ...search]: readonly Value[]): Value {
  const key = dynamicKey(lookup as DynamicValue);
  const find = (from: number): number => {
    for (let i = from; i < array.length; i++) if (dynamicKey(array[i]) === key) return i;
    return -1;
  };
  return occurrenceSearch(array.length, 1, find, ...search);
}

/** Distinct elements in order of first appearance. */
function distinct(elements: Iterable<DynamicValue>): DynamicValue[] {
  const seen = new Set<unknown>();
  const out: DynamicValue[] = [];
  for (const element of elements) {
    const key = dynamicKey(element);
    if (!seen.has(key)) { seen.add(key); out.push(element); }
  }
  return out;
}

function keysOf(array: DynamicValue[]): Set<unknown> {
  return new Set(array.map(dynamicKey));
}

const setUnion = (arrays: DynamicValue[][]): Value => distinct(arrays.flat());
const setIntersect = ([first, ...others]: DynamicValue[][]): Value => {
  const sets = others.map(keysOf);
  return distinct(first.filter((element) => sets.every((set) => set.has(dynamicKey(element)))));
};
const setDifference = ([first, ...others]: DynamicValue[][]): Value => {
  const sets = others.map(keysOf);
  return distinct(first.filter((element) => !sets.some((set) => set.has(dynamicKey(element)))));
};

/** bag_pack(key1, value1, key2, value2, ...); a pair with an empty key is skipped. */
function bagPack(values: readonly Value[], types: readonly KqlType[]): Value {
  const bag: { [key: string]: DynamicValue } = {};
  for (let i = 0; i + 1 < values.length; i += 2) {
    const key = types[i] === 'dynamic' ? dynamicToString(values[i] as DynamicValue) : String(values[i] ?? '');
    if (key !== '') bag[key] = toDynamicValue(values[i + 1], types[i + 1]);
  }
  return bag;
}

/** bag_merge(bags...): the leftmost bag wins a key present in several; non-bags are skipped. */
function bagMerge(values: readonly Value[]): Value {
  const merged: { [key: string]: DynamicValue } = {};
  for (const value of values) {
    if (!isBag(value as DynamicValue)) continue;
    for (const [key, element] of Object.entries(value as { [key: string]: DynamicValue })) if (!(key in merged)) merged[key] = element;
  }
  return merged;
}

export const dynamicFunctions: Record<string, ScalarFunction> = {
  array_length: arrayFunction(([array]) => array.length),
  array_reverse: arrayFunction(([array]) => [...array].reverse()),
  array_slice: arrayFunction(slice),
  array_concat: arrayFunction((arrays) => arrays.flat(), -1),
  array_index_of: arrayFunction(indexOf),
  set_union: arrayFunction(setUnion, -1),
  set_intersect: arrayFunction(setIntersect, -1),
  set_difference: arrayFunction(setDifference, -1),
  set_has_element: arrayFunction(([array], [lookup]) => indexOf([array], [lookup]) !== -1),
  bag_keys: rowFunction(([bag]) => (isBag(bag as DynamicValue) ? Object.keys(bag as object) : null)),
  bag_merge: rowFunction(bagMerge),
  bag_pack: rowFunction(bagPack),
  pack: rowFunction(bagPack),
  pack_array: rowFunction((values, types) => values.map((value, i) => toDynamicValue(value, types[i]))),
};
