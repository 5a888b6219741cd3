// Kusto regular expressions (RE2 syntax) compiled to JavaScript RegExp.
//
// Kusto evaluates regular expressions with RE2. The `re2-wasm` package (RE2 compiled to WASM)
// was evaluated and not adopted: about 4 µs a call against 0.03-0.5 µs for RegExp (on a
// million short strings 9-17x slower in a first pass, 60x+ warm), a fixed 16 MiB WASM heap
// (an input above ~8 MB, or about 5,000 compiled patterns, since compiled patterns are never
// freed, abort it for the rest of the process), and match indices counted in code points
// that its replace/split/global iteration mix with UTF-16 offsets. So patterns are
// translated to JavaScript RegExp here; what cannot be rendered exactly is refused:
//   - Patterns RE2 itself rejects throw Re2SyntaxError ("not supported in KQL/RE2"):
//     lookarounds (?= (?! (?<= (?<!, back references \1..\9 and (?P=name), atomic (?>...),
//     comments (?#...), unknown flags (?x), escapes RE2 does not define (\Z \G \e \u \c \k
//     \X \8 \E outside \Q, \xH with one digit, \b \A \z \Q \C inside a class, a backslash
//     before a non-ASCII character), repetition counts above 1000, unknown [[:name:]]
//     classes. JavaScript would accept most of them with another meaning.
//   - Valid RE2 this translation cannot render throws NotSupportedError ("not supported by
//     the local engine"): Unicode classes \pL \p{Greek} \P{..}, \C, (?U), inline flags after
//     the start of the pattern or scoped (?i:...), \x{..} above U+FFFF inside a class.
//   - Translated exactly: leading (?i) (?m) (?s) (several groups allowed); named groups
//     (?P<name>...) (also (?<name>...)); `.` (any character but \n, RE2's, where JavaScript
//     also excludes \r \u2028 \u2029); \s \S (RE2: [\t\n\f\r ], JavaScript: every Unicode
//     space and \v), also inside classes; with (?m), ^ and $ at \n only (JavaScript's m
//     flag also breaks lines at \r \u2028 \u2029); \A \z; \Q...\E; \a; octal \0 \012 \123;
//     \xHH and \x{HHHH}, \x{HHHHH} outside classes; POSIX classes [[:alpha:]] and negated
//     [[:^alpha:]]; a leading ] in a class ([]a], literal in RE2, empty in JavaScript).
//   - Remaining differences, not translated: (?i) folds case as JavaScript does (e.g. the
//     Kelvin sign K, ſ and ẞ do not match k, s and ß as in RE2); matching is over UTF-16
//     code units, so `.` and negated classes match half of a surrogate pair where RE2
//     matches a whole code point; a capture group inside a repetition keeps, in RE2, its
//     last value from an earlier iteration when a later one skips it ((?:(a)|b)+ on "ab":
//     RE2 group 1 = "a", JavaScript none); RE2 limits nested repetition ((a{500}){3}), this
//     engine does not; RegExp backtracks, so a pathological pattern can be slow where RE2
//     is linear.
import { NotSupportedError } from './types';

/** A pattern that RE2, and so Kusto, rejects: the error names the construct. */
export class Re2SyntaxError extends NotSupportedError {
  constructor(pattern: string, what: string) {
    super(what);
    this.message = `not supported in KQL/RE2: ${what} in regular expression ${JSON.stringify(pattern)}`;
  }
}

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 512;

/**
 * The RegExp for a Kusto (RE2) pattern, cached. `flags` adds RegExp flags (e.g. 'g'); a
 * returned global RegExp is shared, so callers must not rely on its lastIndex.
 */
export function compileRegex(pattern: string, flags = ''): RegExp {
  const key = `${flags}\u0000${pattern}`;
  let regex = cache.get(key);
  if (regex === undefined) {
    const translated = translateRe2(pattern);
    try {
      regex = new RegExp(translated.source, translated.flags + flags);
    } catch (error) {
      throw new NotSupportedError(`regular expression ${JSON.stringify(pattern)} (${(error as Error).message})`);
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, regex);
  }
  return regex;
}

const groupCounts = new WeakMap<RegExp, number>();

/** The number of capturing groups of a compiled pattern. */
export function groupCount(regex: RegExp): number {
  let count = groupCounts.get(regex);
  if (count === undefined) {
    count = (new RegExp(`${regex.source}|`).exec('') as RegExpExecArray).length - 1;
    groupCounts.set(regex, count);
  }
  return count;
}

/** RE2's \s; its complement inside a class is JavaScript's \S plus the spaces only JavaScript's \s has. */
const RE2_SPACE = '\\t\\n\\f\\r ';
const RE2_NOT_SPACE_ITEMS = '\\S\\v\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const MAX_REPEAT = 1000;

/** RE2's POSIX classes, as inclusive code ranges (all ASCII). */
const POSIX_CLASSES: Record<string, [number, number][]> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]], alpha: [[0x41, 0x5a], [0x61, 0x7a]], ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]], cntrl: [[0x00, 0x1f], [0x7f, 0x7f]], digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]], lower: [[0x61, 0x7a]], print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]], space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]], word: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

/** A code unit as a class item: letters and digits as themselves, anything else escaped. */
function classUnit(code: number): string {
  if (/[0-9A-Za-z]/.test(String.fromCharCode(code))) return String.fromCharCode(code);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function classRanges(ranges: [number, number][]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? classUnit(lo) : `${classUnit(lo)}-${classUnit(hi)}`)).join('');
}

/** The complement of ASCII ranges within the UTF-16 code units. */
function complement(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  out.push([next, 0xffff]);
  return out;
}

function hex4(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Valid RE2 that the translation cannot render. */
function unsupported(pattern: string, what: string): NotSupportedError {
  return new NotSupportedError(`${what} in regular expression ${JSON.stringify(pattern)} (valid RE2 that this engine cannot run)`);
}

/** The JavaScript source and flags of an RE2 pattern; throws for what cannot be rendered exactly. */
export function translateRe2(pattern: string): { source: string; flags: string } {
  let flags = '';
  let body = pattern;
  for (let leading = /^\(\?([a-zA-Z]*)\)/.exec(body); leading; leading = /^\(\?([a-zA-Z]*)\)/.exec(body)) {
    for (const flag of leading[1]) {
      if (flag === 'U') throw unsupported(pattern, 'ungreedy flag (?U)');
      if (!'ims'.includes(flag)) throw new Re2SyntaxError(pattern, `flag (?${flag})`);
      if (!flags.includes(flag)) flags += flag;
    }
    body = body.slice(leading[0].length);
  }
  const source = new Translator(pattern, body, flags.includes('s'), flags.includes('m')).run();
  // (?s) and (?m) are rendered in the source ('.' and ^ $): only (?i) remains a RegExp flag.
  return { source, flags: flags.includes('i') ? 'i' : '' };
}

class Translator {
  private out = '';
  private i = 0;
  private inClass = false;

  constructor(private readonly pattern: string, private readonly text: string,
    private readonly dotAll: boolean, private readonly multiline: boolean) {}

  run(): string {
    while (this.i < this.text.length) {
      const c = this.text[this.i++];
      if (c === '\\') this.escape();
      else if (this.inClass) this.classChar(c);
      else this.plainChar(c);
    }
    return this.out;
  }

  private rejected(what: string): Re2SyntaxError {
    return new Re2SyntaxError(this.pattern, what);
  }

  private unsupported(what: string): NotSupportedError {
    return unsupported(this.pattern, what);
  }

  private plainChar(c: string): void {
    switch (c) {
      case '[': return this.openClass();
      case '.': this.out += this.dotAll ? '[\\s\\S]' : '[^\\n]'; return;
      case '(': if (this.text[this.i] === '?') return this.group(); break;
      case '^': if (this.multiline) { this.out += '(?<![^\\n])'; return; } break;
      case '$': if (this.multiline) { this.out += '(?![^\\n])'; return; } break;
      case '{': this.checkRepeat(); break;
    }
    this.out += c;
  }

  private checkRepeat(): void {
    const counts = /^(\d+)(?:,(\d*))?\}/.exec(this.text.slice(this.i));
    if (counts && (Number(counts[1]) > MAX_REPEAT || Number(counts[2] || 0) > MAX_REPEAT)) {
      throw this.rejected(`repetition count above ${MAX_REPEAT} {${counts[0]}`);
    }
  }

  private openClass(): void {
    this.inClass = true;
    this.out += '[';
    if (this.text[this.i] === '^') { this.out += '^'; this.i++; }
    if (this.text[this.i] === ']') { this.out += '\\]'; this.i++; }
  }

  private classChar(c: string): void {
    if (c === ']') { this.inClass = false; this.out += c; return; }
    if (c === '[' && this.text[this.i] === ':') {
      const end = this.text.indexOf(':]', this.i + 1);
      if (end < 0) { this.out += '\\['; return; }
      const name = this.text.slice(this.i + 1, end);
      const negated = name.startsWith('^');
      const ranges = POSIX_CLASSES[negated ? name.slice(1) : name];
      if (ranges === undefined) throw this.rejected(`character class [:${name}:]`);
      this.out += classRanges(negated ? complement(ranges) : ranges);
      this.i = end + 2;
      return;
    }
    this.out += c;
  }

  private group(): void {
    const rest = this.text.slice(this.i);
    const named = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
    if (named) { this.out += `(?<${named[1]}>`; this.i += named[0].length; return; }
    if (rest.startsWith('?:')) { this.out += '(?:'; this.i += 2; return; }
    if (rest.startsWith('?=') || rest.startsWith('?!')) throw this.rejected(`lookahead (${rest.slice(0, 2)}...)`);
    if (rest.startsWith('?<=') || rest.startsWith('?<!')) throw this.rejected(`lookbehind (${rest.slice(0, 3)}...)`);
    if (rest.startsWith('?P=')) throw this.rejected('back reference (?P=name)');
    if (rest.startsWith('?>')) throw this.rejected('atomic group (?>...)');
    if (rest.startsWith('?#')) throw this.rejected('comment (?#...)');
    const flags = /^\?[imsU]*(?:-[imsU]+)?[:)]/.exec(rest);
    if (flags) throw this.unsupported(`inline flags (${flags[0]} (only leading (?i) (?m) (?s) are translated)`);
    throw this.rejected(`group (${rest.slice(0, 3)}`);
  }

  private escape(): void {
    const next = this.text[this.i++];
    if (next === undefined) throw this.rejected('trailing backslash');
    if (next >= '0' && next <= '9') return this.octal(next);
    switch (next) {
      case 'a': this.out += '\\x07'; return;
      case 'f': case 'n': case 'r': case 't': case 'v':
      case 'd': case 'D': case 'w': case 'W':
        this.out += `\\${next}`;
        return;
      case 's': this.out += this.inClass ? RE2_SPACE : `[${RE2_SPACE}]`; return;
      case 'S': this.out += this.inClass ? RE2_NOT_SPACE_ITEMS : `[^${RE2_SPACE}]`; return;
      case 'x': return this.hex();
      case 'p': case 'P': {
        const name = this.text[this.i] === '{' ? this.text.slice(this.i, this.text.indexOf('}', this.i) + 1) : this.text[this.i] ?? '';
        throw this.unsupported(`Unicode class \\${next}${name}`);
      }
    }
    if (this.inClass) {
      if (/[A-Za-z]/.test(next) || next.charCodeAt(0) >= 0x80) throw this.rejected(`escape \\${next} inside a character class`);
      this.out += `\\${next}`;
      return;
    }
    switch (next) {
      case 'b': case 'B': this.out += `\\${next}`; return;
      case 'A': this.out += '(?<![\\s\\S])'; return;
      case 'z': this.out += '(?![\\s\\S])'; return;
      case 'Q': return this.quoted();
      case 'C': throw this.unsupported('any byte \\C');
    }
    if (/[A-Za-z]/.test(next) || next.charCodeAt(0) >= 0x80) throw this.rejected(`escape \\${next}`);
    this.out += `\\${next}`;
  }

  /** \0, \012, \123: octal codes of up to three digits; a single \1..\9 is a back reference. */
  private octal(first: string): void {
    const digits = /^[0-7]{0,2}/.exec(this.text.slice(this.i))?.[0] ?? '';
    if (first > '7' || (first !== '0' && digits === '')) throw this.rejected(`back reference \\${first}`);
    this.i += digits.length;
    this.out += hex4(parseInt(first + digits, 8));
  }

  private quoted(): void {
    const end = this.text.indexOf('\\E', this.i);
    const literal = this.text.slice(this.i, end < 0 ? undefined : end);
    this.out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
    this.i = end < 0 ? this.text.length : end + 2;
  }

  private hex(): void {
    if (this.text[this.i] !== '{') {
      const digits = /^[0-9A-Fa-f]{2}/.exec(this.text.slice(this.i));
      if (!digits) throw this.rejected(`escape \\x${this.text.slice(this.i, this.i + 2)} (\\x takes two hex digits or {...})`);
      this.out += `\\x${digits[0]}`;
      this.i += 2;
      return;
    }
    const end = this.text.indexOf('}', this.i);
    const digits = end < 0 ? '' : this.text.slice(this.i + 1, end);
    const code = /^[0-9A-Fa-f]{1,8}$/.test(digits) ? parseInt(digits, 16) : NaN;
    if (!(code <= 0x10ffff)) throw this.rejected(`escape \\x{${digits}`);
    this.i = end + 1;
    if (code <= 0xffff) { this.out += hex4(code); return; }
    if (this.inClass) throw this.unsupported(`\\x{${digits}} (beyond U+FFFF) inside a character class`);
    const offset = code - 0x10000;
    this.out += `(?:${hex4(0xd800 + (offset >> 10))}${hex4(0xdc00 + (offset & 0x3ff))})`;
  }
}
