// Kusto regular expressions (RE2 syntax) compiled to JavaScript RegExp.
//
// Kusto evaluates regular expressions with RE2. Until an RE2 engine is available here (the
// `re2-wasm` package would give exact semantics), patterns are translated to JavaScript
// RegExp. Known differences and how they are handled:
//   - Inline flags: RE2 allows (?i) (?m) (?s) (?U) anywhere and scoped (?i:...). A leading
//     (?ims) group becomes RegExp flags; (?U), flags elsewhere and scoped flags throw
//     NotSupportedError (Node 20 has no RegExp modifiers).
//   - Named groups: RE2 (?P<name>...) becomes (?<name>...).
//   - `.`: RE2 matches any character but \n (any character with (?s)); JavaScript also
//     excludes \r, \u2028, \u2029, so `.` is rewritten to [^\n] (or [\s\S]).
//   - \s: RE2 means [\t\n\f\r ] (no \v, no Unicode spaces), JavaScript any Unicode space;
//     rewritten to the RE2 set. \S inside a character class throws NotSupportedError.
//   - \A and \z become lookarounds anchored at the input's ends; \Q...\E becomes an escaped
//     literal; \x{HHHH} becomes \uHHHH.
//   - POSIX classes [[:alpha:]] etc. inside a class are expanded to ASCII ranges.
//   - A leading ] in a class is literal in RE2 ([]a]) and empty in JavaScript: escaped.
//   - Not supported, throwing NotSupportedError: Unicode classes \p{..} \P{..} \pL, \C,
//     octal escapes, back references \1 (RE2 has none; JavaScript would accept them),
//     lookarounds (?= (?! (?<= (?<! (RE2 rejects them), (?P=name).
//   - Remaining differences, not translated: with (?m), JavaScript also treats \r, \u2028 and
//     \u2029 as line ends for ^ and $; (?i) case folding follows JavaScript's (UTF-16, simple
//     upper-casing) rather than RE2's Unicode simple folding; JavaScript matches UTF-16 code
//     units, so `.` can match half of a surrogate pair where RE2 matches a whole code point;
//     JavaScript backtracks, so a pathological pattern can be slow where RE2 is linear.
import { NotSupportedError } from './types';

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

/** The number of capturing groups of a compiled pattern. */
export function groupCount(regex: RegExp): number {
  return (new RegExp(`${regex.source}|`).exec('') as RegExpExecArray).length - 1;
}

const RE2_SPACE = '\\t\\n\\f\\r ';
const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

export function translateRe2(pattern: string): { source: string; flags: string } {
  let flags = '';
  let body = pattern;
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(body);
  if (leading) {
    for (const flag of new Set(leading[1])) {
      if (!'ims'.includes(flag)) throw new NotSupportedError(`regular expression flag (?${flag})`);
      flags += flag;
    }
    body = body.slice(leading[0].length);
  }
  return { source: new Translator(body, flags.includes('s')).run(), flags };
}

class Translator {
  private out = '';
  private i = 0;
  private inClass = false;

  constructor(private readonly text: string, private readonly dotAll: boolean) {}

  run(): string {
    while (this.i < this.text.length) {
      const c = this.text[this.i++];
      if (c === '\\') this.escape();
      else if (this.inClass) this.classChar(c);
      else this.plainChar(c);
    }
    return this.out;
  }

  private plainChar(c: string): void {
    if (c === '[') return this.openClass();
    if (c === '.') { this.out += this.dotAll ? '[\\s\\S]' : '[^\\n]'; return; }
    if (c === '(' && this.text[this.i] === '?') return this.group();
    this.out += c;
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
      const name = end < 0 ? '' : this.text.slice(this.i + 1, end);
      const expansion = POSIX_CLASSES[name.startsWith('^') ? '' : name];
      if (expansion === undefined) throw new NotSupportedError(`regular expression class [:${name}:]`);
      this.out += expansion;
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
    throw new NotSupportedError(`regular expression group (${rest.slice(0, 4)}...`);
  }

  private escape(): void {
    const next = this.text[this.i++];
    if (next === undefined) throw new NotSupportedError('regular expression ending with a backslash');
    switch (next) {
      case 'Q': return this.quoted();
      case 'A': return this.anchor('(?<![\\s\\S])');
      case 'z': return this.anchor('(?![\\s\\S])');
      case 's': this.out += this.inClass ? RE2_SPACE : `[${RE2_SPACE}]`; return;
      case 'S':
        if (this.inClass) throw new NotSupportedError('regular expression \\S inside a character class');
        this.out += `[^${RE2_SPACE}]`;
        return;
      case 'x': return this.hex();
      case 'p': case 'P': case 'C': case 'X':
        throw new NotSupportedError(`regular expression escape \\${next}`);
      default:
        if (next >= '0' && next <= '9') throw new NotSupportedError(`regular expression escape \\${next}`);
        this.out += `\\${next}`;
    }
  }

  private anchor(lookaround: string): void {
    if (this.inClass) throw new NotSupportedError('regular expression anchor inside a character class');
    this.out += lookaround;
  }

  private quoted(): void {
    const end = this.text.indexOf('\\E', this.i);
    const literal = this.text.slice(this.i, end < 0 ? undefined : end);
    this.out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
    this.i = end < 0 ? this.text.length : end + 2;
  }

  private hex(): void {
    if (this.text[this.i] !== '{') { this.out += '\\x'; return; }
    const end = this.text.indexOf('}', this.i);
    const code = end < 0 ? NaN : parseInt(this.text.slice(this.i + 1, end), 16);
    if (!(code >= 0 && code <= 0xffff)) throw new NotSupportedError('regular expression escape \\x{...} beyond U+FFFF');
    this.out += `\\u${code.toString(16).padStart(4, '0')}`;
    this.i = end + 1;
  }
}
