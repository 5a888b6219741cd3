// Splits a document into the blank-line-separated query blocks that Kusto tools run one at
// a time. A blank line inside a multi-line ``` string does not split.

export interface QueryBlock {
  /** Offset of the block's first character in the document. */
  start: number;
  /** Offset just past the block's last non-blank line (its line break excluded). */
  end: number;
  text: string;
}

export function splitBlocks(text: string): QueryBlock[] {
  const blocks: QueryBlock[] = [];
  let blockStart = -1;
  let blockEnd = 0;
  let inMultiline = false;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    const blank = !inMultiline && line.trim() === '';
    if (blank) {
      if (blockStart >= 0) blocks.push(makeBlock(text, blockStart, blockEnd));
      blockStart = -1;
    } else {
      if (blockStart < 0) blockStart = lineStart;
      blockEnd = lineEnd;
      inMultiline = togglesMultiline(line, inMultiline);
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  if (blockStart >= 0) blocks.push(makeBlock(text, blockStart, blockEnd));
  return blocks;
}

function makeBlock(text: string, start: number, end: number): QueryBlock {
  const trimmedEnd = text[end - 1] === '\r' ? end - 1 : end;
  return { start, end: trimmedEnd, text: text.slice(start, trimmedEnd) };
}

/** Whether the line leaves a ``` string open, given whether one was open before it. */
function togglesMultiline(line: string, open: boolean): boolean {
  let inside = open;
  let i = 0;
  while (i < line.length) {
    if (inside) {
      const close = line.indexOf('```', i);
      if (close < 0) return true;
      inside = false;
      i = close + 3;
      continue;
    }
    const ch = line[i];
    if (ch === '/' && line[i + 1] === '/') return false;
    if (line.startsWith('```', i)) {
      inside = true;
      i += 3;
    } else if (ch === '"' || ch === "'") {
      i = skipQuoted(line, i, line[i - 1] === '@');
    } else {
      i++;
    }
  }
  return inside;
}

function skipQuoted(line: string, open: number, verbatim: boolean): number {
  const quote = line[open];
  let i = open + 1;
  while (i < line.length) {
    if (!verbatim && line[i] === '\\') i += 2;
    else if (line[i] === quote) {
      if (verbatim && line[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return i;
}

/** The block that contains the offset, or that ends right before it (a cursor at its end). */
export function blockAt(blocks: QueryBlock[], offset: number): QueryBlock | undefined {
  return blocks.find((block) => offset >= block.start && offset <= block.end);
}
