// String operators: =~ !~, the has / hasprefix / hassuffix / contains / startswith / endswith
// families with their _cs and negated forms, and `matches regex` (keyed matches_regex).
// One kernel serves them all: with a constant right operand (the usual `has "literal"`) the
// matcher is built once and run once per dictionary entry of the left operand.
import { BoolColumn, type Column } from '../../data/column';
import { asStringColumn } from '../kernel/coerce';
import { constantValue } from '../kernel/constant';
import { mapStringsToBool } from '../kernel/dictionary';
import { scalar } from '../kernel/functions';
import { compileRegex } from '../regex';
import type { ScalarFunction } from '../types';
import { hasTerm, type TermMode } from './terms';

/** Builds, for one needle, a predicate over texts. */
type MatcherFactory = (needle: string) => (text: string) => boolean;

const fold = (s: string): string => s.toLowerCase();
const same = (s: string): string => s;

function stringOperator(factory: MatcherFactory, caseInsensitive: boolean, negate: boolean): ScalarFunction {
  const norm = caseInsensitive ? fold : same;
  return scalar((args) => {
    const text = asStringColumn(args[0]);
    const needle = asStringColumn(args[1]);
    const constant = constantValue(needle);
    if (constant !== undefined) {
      const matches = factory(norm(constant.value as string));
      return mapStringsToBool(text, (s) => matches(norm(s)) !== negate);
    }
    return rowByRow(text.dictionary.map(norm), text.codes, needle.dictionary.map(norm), needle.codes, factory, negate);
  });
}

function rowByRow(texts: string[], textCodes: Int32Array, needles: string[], needleCodes: Int32Array,
  factory: MatcherFactory, negate: boolean): Column {
  const matchers: ((text: string) => boolean)[] = new Array(needles.length);
  const data = new Uint8Array(textCodes.length);
  for (let i = 0; i < data.length; i++) {
    const n = needleCodes[i];
    const matches = (matchers[n] ??= factory(needles[n]));
    data[i] = matches(texts[textCodes[i]]) !== negate ? 1 : 0;
  }
  return new BoolColumn(data);
}

const equals: MatcherFactory = (needle) => (text) => text === needle;
const contains: MatcherFactory = (needle) => (text) => text.includes(needle);
const startsWith: MatcherFactory = (needle) => (text) => text.startsWith(needle);
const endsWith: MatcherFactory = (needle) => (text) => text.endsWith(needle);
const has = (mode: TermMode): MatcherFactory => (needle) => (text) => hasTerm(text, needle, mode);
const matchesRegex: MatcherFactory = (pattern) => {
  const regex = compileRegex(pattern);
  return (text) => regex.test(text);
};

/** [operator, matcher, case-insensitive]; each is also registered negated with a leading '!'. */
const FAMILIES: [string, MatcherFactory, boolean][] = [
  ['has', has('whole'), true], ['has_cs', has('whole'), false],
  ['hasprefix', has('prefix'), true], ['hasprefix_cs', has('prefix'), false],
  ['hassuffix', has('suffix'), true], ['hassuffix_cs', has('suffix'), false],
  ['contains', contains, true], ['contains_cs', contains, false],
  ['startswith', startsWith, true], ['startswith_cs', startsWith, false],
  ['endswith', endsWith, true], ['endswith_cs', endsWith, false],
];

export const stringOperators: Record<string, ScalarFunction> = {
  '=~': stringOperator(equals, true, false),
  '!~': stringOperator(equals, true, true),
  matches_regex: stringOperator(matchesRegex, false, false),
};
for (const [name, factory, caseInsensitive] of FAMILIES) {
  stringOperators[name] = stringOperator(factory, caseInsensitive, false);
  stringOperators[`!${name}`] = stringOperator(factory, caseInsensitive, true);
}
