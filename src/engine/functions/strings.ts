// String functions of one string (computed once per dictionary entry when the other arguments
// are constant): tolower, toupper, strlen, string_size, substring, reverse, strrep, strcmp,
// indexof, split, replace_string, countof (normal).
import type { Value } from '../data/column';
import { SPLIT_PART } from '../ir/internal-functions';
import { stringFunction } from './kernel/functions';
import { occurrenceSearch } from './kernel/search';
import { asInteger, valueToString } from './kernel/values';
import type { ScalarFunction } from './types';

const asText = (value: Value): string => (typeof value === 'string' ? value : valueToString(value, typeof value === 'number' ? 'real' : 'bool'));

/** Number of Unicode code points (Kusto's strlen counts characters, not UTF-16 units). */
function codePointLength(s: string): number {
  let length = s.length;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { length--; i++; }
    }
  }
  return length;
}

/** substring(source, start [, length]); a negative start counts from the end. */
function substring(s: string, [startValue, lengthValue]: readonly Value[]): string {
  const start = asInteger(startValue);
  if (start === null) return '';
  const from = start < 0 ? Math.max(0, s.length + start) : start;
  if (lengthValue === undefined) return s.slice(from);
  const length = asInteger(lengthValue);
  return length === null || length <= 0 ? '' : s.slice(from, from + length);
}

/** indexof(source, lookup [, start [, length [, occurrence]]]) per Kusto's documentation. */
function indexOf(s: string, [lookupValue, ...search]: readonly Value[]): number | null {
  const lookup = asText(lookupValue);
  return occurrenceSearch(s.length, lookup.length, (from) => s.indexOf(lookup, from), ...search);
}

/** isutf8(): false when the text holds an unpaired surrogate (it has no UTF-8 form). */
function isUtf8(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) return false;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

/** split(source, delimiter [, index]) as a dynamic array. */
function split(s: string, [delimiterValue, indexValue]: readonly Value[]): Value {
  const delimiter = asText(delimiterValue);
  const parts = delimiter === '' ? [s] : s.split(delimiter);
  if (indexValue === undefined) return parts;
  const index = asInteger(indexValue);
  return index !== null && index >= 0 && index < parts.length ? [parts[index]] : [];
}

/**
 * tostring(split(source, delimiter)[index]) without the array (frontend/fusions.ts): the
 * index-th part, counted from the end when negative, or '' when there is none.
 */
function splitPart(s: string, [delimiterValue, indexValue]: readonly Value[]): string {
  const delimiter = asText(delimiterValue);
  const index = indexValue as number;
  if (delimiter === '') return index === 0 || index === -1 ? s : '';
  if (index < 0) return s.split(delimiter).at(index) ?? '';
  let start = 0;
  for (let part = 0; part < index; part++) {
    const at = s.indexOf(delimiter, start);
    if (at < 0) return '';
    start = at + delimiter.length;
  }
  const end = s.indexOf(delimiter, start);
  return end < 0 ? s.slice(start) : s.slice(start, end);
}

/** countof(source, search) counting overlapping occurrences (the 'normal' kind). */
export function countOccurrences(s: string, search: string): number {
  if (search === '') return 0;
  let count = 0;
  for (let at = s.indexOf(search); at >= 0; at = s.indexOf(search, at + 1)) count++;
  return count;
}

/** strrep(value, multiplier [, delimiter]); the multiplier is capped at 1024 as in Kusto. */
function strrep(s: string, [multiplierValue, delimiterValue = '']: readonly Value[]): string {
  const multiplier = asInteger(multiplierValue);
  if (multiplier === null || multiplier <= 0) return '';
  return new Array<string>(Math.min(multiplier, 1024)).fill(s).join(asText(delimiterValue));
}

function strcmp(s: string, [other]: readonly Value[]): number {
  const t = asText(other);
  return s === t ? 0 : s < t ? -1 : 1;
}

export const stringFunctions: Record<string, ScalarFunction> = {
  tolower: stringFunction((s) => s.toLowerCase()),
  toupper: stringFunction((s) => s.toUpperCase()),
  strlen: stringFunction(codePointLength),
  string_size: stringFunction((s) => Buffer.byteLength(s, 'utf8')),
  substring: stringFunction(substring),
  reverse: stringFunction((s) => Array.from(s).reverse().join('')),
  strrep: stringFunction(strrep),
  strcmp: stringFunction(strcmp),
  indexof: stringFunction(indexOf),
  split: stringFunction(split),
  [SPLIT_PART]: stringFunction(splitPart),
  replace_string: stringFunction((s, [lookup, rewrite]) => {
    const text = asText(lookup);
    return text === '' ? s : s.split(text).join(asText(rewrite));
  }),
  isutf8: stringFunction(isUtf8),
  isascii: stringFunction((s) => [...s].every((c) => c.charCodeAt(0) < 0x80)),
};
