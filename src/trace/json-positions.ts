// Where the items of a JSON export start, for rejected-row line numbers. Runs on text that
// JSON.parse has already accepted, and only once a row is rejected, so it can be simple: it
// walks down a path of object keys to an array and records where each element begins.

/**
 * Offsets of the elements of the array reached from the top-level value by `path` (object
 * keys), or undefined if the path does not lead to an array. `text` must be valid JSON.
 */
export function arrayElementOffsets(text: string, path: readonly string[]): number[] | undefined {
  const walker = new Walker(text);
  walker.space();
  for (const key of path) {
    if (!walker.enterMember(key)) return undefined;
  }
  return walker.elements();
}

/** 1-based line of an offset, by binary search over line starts computed once. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  }
}

class Walker {
  private pos = 0;

  constructor(private readonly text: string) {}

  space(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos++;
    }
  }

  /** At an object: moves to the value of `key` (the last one, as JSON.parse keeps). */
  enterMember(key: string): boolean {
    if (this.text[this.pos] !== '{') return false;
    this.pos++;
    let found = -1;
    for (;;) {
      this.space();
      if (this.text[this.pos] === '}') break;
      const name = JSON.parse(this.text.slice(this.pos, this.skipString())) as string;
      this.space();
      this.pos++; // ':'
      this.space();
      if (name === key) found = this.pos;
      this.skipValue();
      this.space();
      if (this.text[this.pos] === ',') this.pos++;
    }
    if (found < 0) return false;
    this.pos = found;
    return true;
  }

  /** At an array: the offsets of its elements. */
  elements(): number[] | undefined {
    if (this.text[this.pos] !== '[') return undefined;
    this.pos++;
    const offsets: number[] = [];
    for (;;) {
      this.space();
      if (this.text[this.pos] === ']') return offsets;
      offsets.push(this.pos);
      this.skipValue();
      this.space();
      if (this.text[this.pos] === ',') this.pos++;
    }
  }

  /** Past the string at pos; returns the offset after its closing quote. */
  private skipString(): number {
    const t = this.text;
    let i = this.pos + 1;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x5c) i += 2;
      else if (c === 0x22) break;
      else i++;
    }
    this.pos = i + 1;
    return this.pos;
  }

  private skipValue(): void {
    const t = this.text;
    const c = t[this.pos];
    if (c === '"') { this.skipString(); return; }
    if (c !== '{' && c !== '[') {
      while (this.pos < t.length && !',}] \n\r\t'.includes(t[this.pos])) this.pos++;
      return;
    }
    let depth = 0;
    while (this.pos < t.length) {
      const ch = t[this.pos];
      if (ch === '"') { this.skipString(); continue; }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) { this.pos++; return; }
      }
      this.pos++;
    }
  }
}
