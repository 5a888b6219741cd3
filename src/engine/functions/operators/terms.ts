// Term matching for has, hasprefix, hassuffix, has_any and has_all. Kusto breaks a string into
// terms, the maximal runs of ASCII alphanumeric characters; `has` is true when the needle
// matches whole terms. A needle holding non-alphanumeric characters ("abc-def") matches as a
// sequence of terms: it must occur in the text with term boundaries at both ends, and an end
// of the needle that is itself a separator needs no boundary.
import { NotSupportedError } from '../types';

export type TermMode = 'whole' | 'prefix' | 'suffix';

export function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** True when `needle` occurs in `text` as whole terms (or as a term prefix / suffix). */
export function hasTerm(text: string, needle: string, mode: TermMode = 'whole'): boolean {
  if (needle.length === 0) throw new NotSupportedError('has-family operator with an empty string');
  const checkStart = mode !== 'suffix' && isAsciiAlnum(needle.charCodeAt(0));
  const checkEnd = mode !== 'prefix' && isAsciiAlnum(needle.charCodeAt(needle.length - 1));
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (checkStart && at > 0 && isAsciiAlnum(text.charCodeAt(at - 1))) continue;
    if (checkEnd && end < text.length && isAsciiAlnum(text.charCodeAt(end))) continue;
    return true;
  }
  return false;
}

/** The terms of a text, for set lookups of many single-term needles. */
export function termsOf(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z0-9]+/g) ?? []);
}

export function isSingleTerm(needle: string): boolean {
  return /^[A-Za-z0-9]+$/.test(needle);
}
