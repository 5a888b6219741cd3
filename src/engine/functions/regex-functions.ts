// Functions taking a regular expression (RE2 syntax, see regex.ts): extract, extract_all,
// replace_regex, trim, trim_start, trim_end, countof, regex_quote.
import type { DynamicValue, KqlType, Value } from '../data/column';
import { stringFunction } from './kernel/functions';
import { valueToString } from './kernel/values';
import { parseAs } from './parse';
import { compileRegex, groupCount } from './regex';
import { countOccurrences } from './strings';
import { NotSupportedError, type ScalarFunction } from './types';

const text = (value: Value): string => (typeof value === 'string' ? value : valueToString(value, 'long'));

/** extract(regex, captureGroup, source [, typeLiteral]): the group of the first match, converted to the result type. */
function extract(source: string, [pattern, groupValue]: readonly Value[], resultType: KqlType): Value {
  const match = compileRegex(text(pattern)).exec(source);
  const group = typeof groupValue === 'number' ? groupValue : -1;
  const captured = match !== null && group >= 0 && group < match.length ? match[group] : undefined;
  if (captured === undefined) return null;
  return resultType === 'string' ? captured : parseAs(captured, resultType);
}

/**
 * extract_all(regex, [captureGroups,] source): every match's groups as a dynamic array, flat
 * when one group is extracted and an array per match otherwise; null when nothing matches.
 */
function extractAll(source: string, rest: readonly Value[]): DynamicValue {
  const regex = compileRegex(text(rest[0]), 'g');
  const groups = groupCount(regex);
  if (groups === 0) throw new NotSupportedError('extract_all() with a regular expression without capture groups');
  const selected = rest.length > 1 ? selectGroups(rest[1] as DynamicValue) : undefined;
  const chosen = selected ?? Array.from({ length: groups }, (_, k) => k + 1);
  const results: DynamicValue[] = [];
  for (const match of source.matchAll(regex)) {
    const values = chosen.map((g) => (typeof g === 'number' ? match[g] : match.groups?.[g]) ?? '');
    results.push(values.length === 1 ? values[0] : values);
  }
  return results.length === 0 ? null : results;
}

function selectGroups(value: DynamicValue): (number | string)[] {
  if (!Array.isArray(value) || !value.every((g) => typeof g === 'number' || typeof g === 'string')) {
    throw new NotSupportedError('extract_all() with captureGroups that are not an array of numbers or names');
  }
  return value as (number | string)[];
}

/**
 * replace_regex(source, lookup_regex, rewrite_pattern), as RE2's GlobalReplace: \0 is the whole
 * match, \1..\9 a group (empty when it did not take part), \\ a backslash, anything else
 * literal; a rewrite naming a group the pattern lacks leaves the source unchanged; an empty
 * match right where the previous match ended is skipped ("baaac", "a*" -> "-b-c-").
 */
function replaceRegex(source: string, [pattern, rewrite]: readonly Value[]): string {
  const { regex, parts } = replacement(text(pattern), text(rewrite));
  if (parts === undefined) return source;
  let out = '';
  let copied = 0;
  let lastEnd = -1;
  regex.lastIndex = 0;
  for (let m = regex.exec(source); m !== null; m = regex.exec(source)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      if (m.index === lastEnd) continue;
    }
    out += source.slice(copied, m.index);
    for (const part of parts) out += typeof part === 'number' ? m[part] ?? '' : part;
    copied = lastEnd = m.index + m[0].length;
  }
  return out + source.slice(copied);
}

/** A rewrite pattern as literal texts and group numbers; undefined if it names a missing group. */
type Rewrite = (string | number)[] | undefined;
const replacements = new Map<string, { regex: RegExp; parts: Rewrite }>();

function replacement(pattern: string, rewrite: string): { regex: RegExp; parts: Rewrite } {
  const key = `${pattern}\u0000${rewrite}`;
  let entry = replacements.get(key);
  if (entry === undefined) {
    const regex = compileRegex(pattern, 'g');
    const parts = rewrite.split(/(\\[\d\\])/).filter((p) => p !== '')
      .map((p) => (p === '\\\\' ? '\\' : /^\\\d$/.test(p) ? Number(p[1]) : p));
    const valid = parts.every((p) => typeof p === 'string' || p <= groupCount(regex));
    entry = { regex, parts: valid ? parts : undefined };
    if (replacements.size > 256) replacements.clear();
    replacements.set(key, entry);
  }
  return entry;
}

const anchored = new Map<string, RegExp>();

/** The pattern anchored at the start (sticky) or at the very end of the input (even with (?m)). */
function anchoredRegex(pattern: string, end: boolean): RegExp {
  const key = `${end ? 'end' : 'start'}\u0000${pattern}`;
  let regex = anchored.get(key);
  if (regex === undefined) {
    const base = compileRegex(pattern);
    regex = end ? new RegExp(`(?:${base.source})(?![\\s\\S])`, base.flags) : new RegExp(base.source, `${base.flags}y`);
    if (anchored.size > 256) anchored.clear();
    anchored.set(key, regex);
  }
  return regex;
}

/** Removes leading (and/or trailing) matches of the pattern, repeatedly. */
function trimRegex(source: string, pattern: string, start: boolean, end: boolean): string {
  let s = source;
  if (start) {
    const regex = anchoredRegex(pattern, false);
    const matchAtStart = (): RegExpExecArray | null => {
      regex.lastIndex = 0;
      return regex.exec(s);
    };
    for (let m = matchAtStart(); m !== null && m[0].length > 0; m = matchAtStart()) s = s.slice(m[0].length);
  }
  if (end) {
    const regex = anchoredRegex(pattern, true);
    for (let m = regex.exec(s); m !== null && m[0].length > 0; m = regex.exec(s)) s = s.slice(0, m.index);
  }
  return s;
}

function trimFunction(start: boolean, end: boolean): ScalarFunction {
  return stringFunction((source, [pattern]) => trimRegex(source, text(pattern), start, end), 1);
}

/** countof(source, search [, kind]): 'normal' counts overlapping occurrences, 'regex' matches. */
function countof(source: string, [search, kind = 'normal']: readonly Value[]): number {
  if (text(kind).toLowerCase() === 'regex') return [...source.matchAll(compileRegex(text(search), 'g'))].length;
  return countOccurrences(source, text(search));
}

export const regexFunctions: Record<string, ScalarFunction> = {
  extract: stringFunction(extract, 2),
  extract_all: stringFunction(extractAll, -1),
  replace_regex: stringFunction(replaceRegex),
  trim: trimFunction(true, true),
  trim_start: trimFunction(true, false),
  trim_end: trimFunction(false, true),
  countof: stringFunction(countof),
  regex_quote: stringFunction((s) => s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')),
};
