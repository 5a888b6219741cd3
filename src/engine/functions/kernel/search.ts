// The search of indexof() and array_index_of(): from a start position (negative: from the
// end), within a length (-1: unlimited), for the n-th occurrence. Each further occurrence is
// searched from one past the previous one, over the same length, as Kusto's examples show.
import type { Value } from '../../data/column';
import { asInteger } from './values';

/**
 * `find(from)` returns the next match at or after `from` (or -1); a match spans `width`
 * positions of a sequence of `size`. Returns the position, -1 if not found, or null for
 * invalid arguments (length < -1, occurrence < 0, start beyond the end).
 */
export function occurrenceSearch(size: number, width: number, find: (from: number) => number,
  startValue: Value = 0, lengthValue: Value = -1, occurrenceValue: Value = 1): number | null {
  const start = asInteger(startValue);
  const length = asInteger(lengthValue);
  const occurrence = asInteger(occurrenceValue);
  if (start === null || length === null || occurrence === null || length < -1 || occurrence < 0) return null;
  let from = start < 0 ? Math.max(0, size + start) : start;
  if (from > size) return null;
  let at = -1;
  for (let found = 0; found < Math.max(occurrence, 1); found++) {
    const end = length === -1 ? size : Math.min(size, from + length);
    at = find(from);
    if (at < 0 || at + width > end) return -1;
    from = at + 1;
  }
  return at;
}
