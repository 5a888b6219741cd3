// RFC 3491 nameprep (stringprep's mapping, NFKC, prohibited output and bidi rule), as CPython's
// idna codec applies it, approximated with the current Unicode tables (CPython uses Unicode
// 3.2): case folding by toLowerCase plus the folds it lacks, then NFKC. For the glyph tables
// and ordinary input this gives the same labels.

// RFC 3454 table B.1: mapped to nothing.
const IGNORED = new Set([0xad, 0x34f, 0x1806, 0x180b, 0x180c, 0x180d, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
for (let code = 0xfe00; code <= 0xfe0f; code++) IGNORED.add(code);
// Full case folds that toLowerCase does not make (RFC 3454 table B.2).
const EXTRA_FOLDS: ReadonlyArray<readonly [string, string]> = [['ß', 'ss'], ['ς', 'σ'], ['\u0345', 'ι']];
// RFC 3454 tables C.1.2, C.2.2, C.3 to C.9 (prohibited output), as code point ranges.
const PROHIBITED: ReadonlyArray<readonly [number, number]> = [
  [0x80, 0x9f], [0xa0, 0xa0], [0x340, 0x341], [0x6dd, 0x6dd], [0x70f, 0x70f], [0x1680, 0x1680], [0x180e, 0x180e],
  [0x2000, 0x200f], [0x2028, 0x202f], [0x205f, 0x2063], [0x206a, 0x206f], [0x2ff0, 0x2ffb], [0x3000, 0x3000],
  [0xd800, 0xdfff], [0xe000, 0xf8ff], [0xfdd0, 0xfdef], [0xfeff, 0xfeff], [0xfff9, 0xffff], [0x1d173, 0x1d17a],
  [0xe0001, 0xe0001], [0xe0020, 0xe007f], [0xf0000, 0x10ffff],
];
// RFC 3454 table D.1: characters with bidirectional property R or AL.
const RAND_AL = /[\u05be\u05c0\u05c3\u05d0-\u05ea\u05f0-\u05f4\u061b\u061f\u0621-\u063a\u0640-\u064a\u066d-\u066f\u0671-\u06d5\u06dd\u06e5\u06e6\u06fa-\u06fe\u0700-\u070d\u0710\u0712-\u072c\u0780-\u07a5\u07b1\u200f\ufb1d\ufb1f-\ufb28\ufb2a-\ufb36\ufb38-\ufb3c\ufb3e\ufb40\ufb41\ufb43\ufb44\ufb46-\ufbb1\ufbd3-\ufd3d\ufd50-\ufd8f\ufd92-\ufdc7\ufdf0-\ufdfc\ufe70-\ufe74\ufe76-\ufefc]/;
// Table D.2 (property L), approximated: letters and spacing marks outside right-to-left scripts.
const LEFT_TO_RIGHT = /(?![\p{sc=Hebrew}\p{sc=Arabic}\p{sc=Syriac}\p{sc=Thaana}\p{sc=Nko}\p{sc=Samaritan}\p{sc=Mandaic}])[\p{L}\p{Mc}]/u;

function fold(text: string): string {
  let folded = text.toLowerCase();
  for (const [from, to] of EXTRA_FOLDS) if (folded.includes(from)) folded = folded.replaceAll(from, to);
  return folded;
}

function withoutIgnored(text: string): string {
  let out = '';
  for (const char of text) if (!IGNORED.has(char.codePointAt(0)!)) out += char;
  return out;
}

/** RFC 3491 nameprep's mapping and normalisation steps. */
export function nameprep(label: string): string {
  const once = fold(withoutIgnored(label)).normalize('NFKC');
  const twice = fold(once);
  return twice === once ? once : twice.normalize('NFKC');
}

/** The first prohibited code point of a prepared label, or null. */
export function prohibitedCharacter(label: string): number | null {
  for (const char of label) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x80) continue;
    if ((cp & 0xfffe) === 0xfffe) return cp; // non-characters at the end of every plane
    for (const [from, to] of PROHIBITED) if (cp >= from && cp <= to) return cp;
  }
  return null;
}

/** RFC 3454 section 6: a label with right-to-left characters has no left-to-right ones and starts and ends with one. */
export function bidiProblem(label: string): string | null {
  if (!RAND_AL.test(label)) return null;
  if (LEFT_TO_RIGHT.test(label)) return 'mixes right-to-left and left-to-right characters';
  const chars = Array.from(label);
  if (!RAND_AL.test(chars[0]) || !RAND_AL.test(chars[chars.length - 1])) return 'a right-to-left label must start and end with a right-to-left character';
  return null;
}

// Per BMP code point: 0 not yet known, 1 inert, 2 not inert (see inert()).
const inertCache = new Uint8Array(0x10000);
const COMBINING = /[\p{M}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/u;

/**
 * A character that nameprep leaves alone whatever surrounds it: folding and NFKC keep it, it
 * is neither prohibited nor right-to-left, and nothing composes with it (no combining mark or
 * Hangul jamo). A label made only of such characters needs no nameprep: the fast path for the
 * thousands of homoglyph candidates.
 */
function inert(code: number): boolean {
  let known = inertCache[code];
  if (known === 0) {
    const c = String.fromCharCode(code);
    const keeps = fold(c) === c && c.normalize('NFKC') === c && !IGNORED.has(code);
    known = keeps && prohibitedCharacter(c) === null && !RAND_AL.test(c) && !COMBINING.test(c) ? 1 : 2;
    inertCache[code] = known;
  }
  return known === 1;
}

/** True when nameprep would return the label unchanged and accept it (a sufficient test). */
export function preparedAlready(label: string): boolean {
  for (let i = 0; i < label.length; i++) {
    const code = label.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return false; // astral: take the full path
    if (!inert(code)) return false;
  }
  return true;
}

