// IDNA 2003 (RFC 3490 ToASCII and ToUnicode) as CPython's built-in `idna` codec does it; dnstwist
// uses that codec when the `idna` package is absent, as for the reference outputs.
import { encode as punyEncode, decode as punyDecode } from 'punycode/';
import { bidiProblem, nameprep, preparedAlready, prohibitedCharacter } from './nameprep';

/** Receives the reason when a function below fails (returns null). */
export type Explain = (reason: string) => void;

const ACE_PREFIX = 'xn--';

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function fail(explain: Explain | undefined, reason: string): null {
  explain?.(reason);
  return null;
}

function sized(label: string, explain: Explain | undefined): string | null {
  if (label.length === 0) return fail(explain, 'empty label');
  if (label.length > 63) return fail(explain, `label "${label}" is longer than 63 characters`);
  return label;
}

/** RFC 3490 ToASCII of one label (AllowUnassigned, no STD3 rules), or null. */
export function labelToAscii(label: string, explain?: Explain): string | null {
  if (isAscii(label)) return sized(label, explain);
  if (preparedAlready(label) && !label.startsWith(ACE_PREFIX)) return sized(ACE_PREFIX + punyEncode(label), explain);
  const prepared = nameprep(label);
  const prohibited = prohibitedCharacter(prepared);
  if (prohibited !== null) return fail(explain, `character U+${prohibited.toString(16).toUpperCase().padStart(4, '0')} is not allowed in a domain name`);
  const bidi = bidiProblem(prepared);
  if (bidi !== null) return fail(explain, `label "${label}" ${bidi}`);
  if (isAscii(prepared)) return sized(prepared, explain);
  if (prepared.startsWith(ACE_PREFIX)) return fail(explain, `label "${label}" starts with xn-- but is not ASCII`);
  return sized(ACE_PREFIX + punyEncode(prepared), explain);
}

/** The codec's encode of a whole name: an ASCII name is only checked for label lengths. */
export function domainToAscii(name: string, explain?: Explain): string | null {
  if (isAscii(name)) {
    const problem = asciiLengthProblem(name);
    return problem === null ? name : fail(explain, problem);
  }
  let out = '';
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    if (i < name.length && !isLabelDot(name.charCodeAt(i))) continue;
    if (i === name.length && start === i && start > 0) return `${out}.`; // one trailing dot
    const ascii = labelToAscii(name.slice(start, i), explain);
    if (ascii === null) return null;
    out = start === 0 ? ascii : `${out}.${ascii}`;
    start = i + 1;
  }
  return out;
}

function isLabelDot(code: number): boolean {
  return code === 0x2e || code === 0x3002 || code === 0xff0e || code === 0xff61;
}

/** Every label but the last has 1 to 63 characters; the last at most 63 (it may be empty). */
function asciiLengthProblem(name: string): string | null {
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    if (i < name.length && name.charCodeAt(i) !== 0x2e) continue;
    if (i - start > 63) return `label "${name.slice(start, i)}" is longer than 63 characters`;
    if (i === start && i < name.length) return 'empty label';
    start = i + 1;
  }
  return null;
}

/** RFC 3490 ToUnicode of one ASCII label; an xn-- label must decode and round-trip. */
export function labelToUnicode(label: string, explain?: Explain): string | null {
  const lower = label.toLowerCase();
  if (!lower.startsWith(ACE_PREFIX)) return label;
  let decoded: string;
  try {
    decoded = punyDecode(lower.slice(ACE_PREFIX.length));
  } catch {
    return fail(explain, `label "${label}" is not valid punycode`);
  }
  const again = labelToAscii(decoded);
  if (again !== lower) return fail(explain, `label "${label}" does not round-trip through IDNA (decodes to "${decoded}")`);
  return decoded;
}

/** The Unicode form of an ASCII name, for display; labels that do not decode stay as they are. */
export function domainToUnicode(name: string): string {
  if (!name.includes(ACE_PREFIX)) return name;
  return name.split('.').map((label) => labelToUnicode(label) ?? label).join('.');
}
