// Set operators: in, !in, in~ (case-insensitive), !in~, has_any, has_all. args[0] is the
// value; args[1..] are the list items, each a column, where a dynamic array is flattened into
// its elements. A constant list (the usual literal list or a toscalar() set) is turned into a
// hash set once. A null value is in no list (`in` false, `!in` true).
import { NumberColumn, StringColumn, type Column, type DynamicValue, type KqlType, type Value } from '../../data/column';
import { parseDatetime, parseTimespan } from '../../data/temporal';
import { asStringColumn } from '../kernel/coerce';
import { constantValues } from '../kernel/functions';
import { mapStringsToBool } from '../kernel/dictionary';
import { BoolOut } from '../kernel/out';
import { valuesAt } from '../kernel/rowwise';
import { dynamicKey, dynamicToString, toDynamicValue, valueToString } from '../kernel/values';
import { scalar } from '../kernel/functions';
import type { ScalarFunction } from '../types';
import { hasTerm, isSingleTerm, termsOf } from './terms';

type Key = string | number | boolean;

interface Item {
  value: Value;
  type: KqlType;
}

/** The list items of one row: each argument's value, dynamic arrays flattened. */
function flatten(values: readonly Value[], types: readonly KqlType[]): Item[] {
  const items: Item[] = [];
  values.forEach((value, i) => {
    if (types[i] === 'dynamic' && Array.isArray(value)) for (const element of value) items.push({ value: element, type: 'dynamic' });
    else items.push({ value, type: types[i] });
  });
  return items;
}

const NUMBER_TYPES: ReadonlySet<KqlType> = new Set(['int', 'long', 'real', 'decimal']);

/** The key of a list item in the domain of the value column's type (null: matches nothing). */
function itemKey(item: Item, domain: KqlType, fold: (s: string) => string): Key | null {
  const { value, type } = item;
  if (value === null) return null;
  switch (domain) {
    case 'string': case 'guid': {
      const text = type === 'dynamic' ? dynamicToString(value as DynamicValue) : valueToString(value, type);
      return domain === 'guid' ? text.toLowerCase() : fold(text);
    }
    case 'datetime': case 'timespan': {
      if (type === domain) return value as number;
      if (typeof value !== 'string') return null;
      return domain === 'datetime' ? parseDatetime(value) : parseTimespan(value);
    }
    case 'bool': return typeof value === 'boolean' ? value : null;
    case 'dynamic': {
      const key = dynamicKey(toDynamicValue(value, type));
      return typeof key === 'string' ? fold(key) : key;
    }
    default: return typeof value === 'number' && (type === 'dynamic' || NUMBER_TYPES.has(type)) ? value : null;
  }
}

function valueKey(value: Value, domain: KqlType, fold: (s: string) => string): Key | null {
  return itemKey({ value, type: domain }, domain, fold);
}

function keySet(items: Item[], domain: KqlType, fold: (s: string) => string): Set<Key> {
  const keys = new Set<Key>();
  for (const item of items) {
    const key = itemKey(item, domain, fold);
    if (key !== null) keys.add(key);
  }
  return keys;
}

const lower = (s: string): string => s.toLowerCase();
const same = (s: string): string => s;

function inOperator(caseInsensitive: boolean, negate: boolean): ScalarFunction {
  const fold = caseInsensitive ? lower : same;
  return scalar((args) => {
    const [value, ...list] = args;
    const types = list.map((column) => column.type);
    const domain = value.type;
    const constants = constantValues(list);
    if (constants !== undefined) {
      const keys = keySet(flatten(constants, types), domain, fold);
      if (value instanceof StringColumn && value.type === 'string') return mapStringsToBool(value, (s) => keys.has(fold(s)) !== negate);
      return membership(value, negate, () => keys, domain, fold);
    }
    return membership(value, negate, (i) => keySet(flatten(valuesAt(list, i), types), domain, fold), domain, fold);
  });
}

function membership(value: Column, negate: boolean, keysAt: (row: number) => Set<Key>, domain: KqlType, fold: (s: string) => string): Column {
  const out = new BoolOut(value.length);
  if (value instanceof NumberColumn) {
    for (let i = 0; i < value.length; i++) out.data[i] = (!value.isNull(i) && keysAt(i).has(value.data[i])) !== negate ? 1 : 0;
    return out.finish();
  }
  for (let i = 0; i < value.length; i++) {
    const key = valueKey(value.get(i), domain, fold);
    out.data[i] = (key !== null && keysAt(i).has(key)) !== negate ? 1 : 0;
  }
  return out.finish();
}

/** A predicate telling whether a (lower-cased) text has any / all of the needles as terms. */
function termMatcher(needles: string[], all: boolean): (text: string) => boolean {
  const single = needles.filter(isSingleTerm);
  const phrases = needles.filter((needle) => !isSingleTerm(needle));
  return (text) => {
    const terms = single.length > 0 ? termsOf(text) : undefined;
    const termHit = (term: string): boolean => terms!.has(term);
    const phraseHit = (phrase: string): boolean => hasTerm(text, phrase);
    return all
      ? single.every(termHit) && phrases.every(phraseHit)
      : single.some(termHit) || phrases.some(phraseHit);
  };
}

function needlesOf(items: Item[]): string[] {
  return items.filter((item) => item.value !== null)
    .map((item) => lower(item.type === 'dynamic' ? dynamicToString(item.value as DynamicValue) : valueToString(item.value, item.type)));
}

function hasAnyAll(all: boolean): ScalarFunction {
  return scalar((args) => {
    const text = asStringColumn(args[0]);
    const list = args.slice(1);
    const types = list.map((column) => column.type);
    const constants = constantValues(list);
    if (constants !== undefined) {
      const matches = termMatcher(needlesOf(flatten(constants, types)), all);
      return mapStringsToBool(text, (s) => matches(lower(s)));
    }
    const out = new BoolOut(text.length);
    for (let i = 0; i < text.length; i++) {
      const matches = termMatcher(needlesOf(flatten(valuesAt(list, i), types)), all);
      out.data[i] = matches(lower(text.dictionary[text.codes[i]])) ? 1 : 0;
    }
    return out.finish();
  });
}

export const setOperators: Record<string, ScalarFunction> = {
  in: inOperator(false, false),
  '!in': inOperator(false, true),
  'in~': inOperator(true, false),
  '!in~': inOperator(true, true),
  has_any: hasAnyAll(false),
  has_all: hasAnyAll(true),
};
