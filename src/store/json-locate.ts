// Where JSON text goes wrong. JSON.parse is fast but, in Node 20, its messages often carry no
// position; this scanner runs only after JSON.parse has failed (or to find where the rows of
// an array start, for an error message) and reports the offset and a plain message.

export interface JsonProblem {
  offset: number;
  message: string;
}

export interface LineCol {
  line: number;
  column: number;
}

/** 1-based line and column (in UTF-16 code units) of `offset` in `text`. */
export function lineColAt(text: string, offset: number): LineCol {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The first syntax error in `text[start, end)` taken as one JSON document, or undefined. */
export function findJsonProblem(text: string, start = 0, end = text.length): JsonProblem | undefined {
  const scanner = new Scanner(text, start, end);
  try {
    scanner.document();
    return undefined;
  } catch (error) {
    if (error instanceof ScanError) return { offset: error.offset, message: error.message };
    if (error instanceof RangeError) return { offset: scanner.pos, message: 'nested too deeply' };
    throw error;
  }
}

/** Offsets where the elements of the top-level array begin (the text must be valid JSON). */
export function topLevelElementOffsets(text: string): number[] {
  const scanner = new Scanner(text, 0, text.length);
  scanner.elementOffsets = [];
  scanner.document();
  return scanner.elementOffsets;
}

class ScanError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

class Scanner {
  pos: number;
  elementOffsets: number[] | undefined;
  private readonly number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  constructor(private readonly text: string, start: number, private readonly end: number) {
    this.pos = start;
  }

  document(): void {
    this.value(0);
    this.space();
    if (this.pos < this.end) this.fail(`unexpected ${this.describe()} after the end of the JSON value`);
  }

  private value(depth: number): void {
    this.space();
    if (this.pos >= this.end) this.fail('unexpected end of input: expected a value');
    const c = this.text[this.pos];
    if (c === '{') this.object(depth);
    else if (c === '[') this.array(depth);
    else if (c === '"') this.string();
    else if (c === 't') this.literal('true');
    else if (c === 'f') this.literal('false');
    else if (c === 'n') this.literal('null');
    else if (c === '-' || (c >= '0' && c <= '9')) this.numberValue();
    else this.fail(`unexpected ${this.describe()}: expected a value`);
  }

  private object(depth: number): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === '}') { this.pos++; return; }
    for (;;) {
      this.space();
      if (this.pos >= this.end) this.fail("unexpected end of input: expected a property name or '}'");
      if (this.text[this.pos] !== '"') this.fail(`unexpected ${this.describe()}: expected a property name in double quotes`);
      this.string();
      this.space();
      if (this.text[this.pos] !== ':') this.fail(`unexpected ${this.describe()}: expected ':' after the property name`);
      this.pos++;
      this.value(depth + 1);
      this.space();
      const c = this.text[this.pos];
      if (c === ',') { this.pos++; continue; }
      if (c === '}') { this.pos++; return; }
      this.fail(`unexpected ${this.describe()}: expected ',' or '}'`);
    }
  }

  private array(depth: number): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === ']') { this.pos++; return; }
    for (;;) {
      this.space();
      if (depth === 0 && this.elementOffsets) this.elementOffsets.push(this.pos);
      this.value(depth + 1);
      this.space();
      const c = this.text[this.pos];
      if (c === ',') { this.pos++; continue; }
      if (c === ']') { this.pos++; return; }
      this.fail(`unexpected ${this.describe()}: expected ',' or ']'`);
    }
  }

  private string(): void {
    const start = this.pos;
    this.pos++;
    for (;;) {
      if (this.pos >= this.end) this.fail('unterminated string', start);
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x22) { this.pos++; return; }
      if (c === 0x5c) {
        const next = this.text[this.pos + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail('invalid \\u escape: expected four hex digits');
          this.pos += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          this.pos += 2;
        } else {
          this.fail(`invalid escape \\${next ?? ''} in a string`);
        }
        continue;
      }
      if (c < 0x20) this.fail(c === 0x0a ? 'unterminated string (a line break inside a string must be written \\n)' : 'control character in a string (escape it)');
      this.pos++;
    }
  }

  private numberValue(): void {
    this.number.lastIndex = this.pos;
    const m = this.number.exec(this.text);
    if (!m || this.pos + m[0].length > this.end) this.fail('invalid number');
    this.pos += m[0].length;
  }

  private literal(word: string): void {
    if (this.text.startsWith(word, this.pos) && this.pos + word.length <= this.end) { this.pos += word.length; return; }
    this.fail(`unexpected ${this.describe()}: expected a value`);
  }

  private space(): void {
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos++;
    }
  }

  private describe(): string {
    if (this.pos >= this.end) return 'end of input';
    const word = /^[A-Za-z_]\w*/.exec(this.text.slice(this.pos, Math.min(this.end, this.pos + 20)));
    return word ? `'${word[0]}'` : JSON.stringify(this.text[this.pos]);
  }

  private fail(message: string, offset = this.pos): never {
    throw new ScanError(message, offset);
  }
}
