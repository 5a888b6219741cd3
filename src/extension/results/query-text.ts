// Which text "Run Query" runs: the selection, else the blank-line-separated block at the cursor.
import { blockAt, splitBlocks } from '../../kql/blocks';

export interface QueryAtCursor {
  text: string;
  /** Offset of the query's first character in the document. */
  start: number;
}

/** `selection` as document offsets; an empty or blank selection means "the block at the cursor". */
export function queryAt(document: string, selection: { start: number; end: number }, cursor: number): QueryAtCursor | undefined {
  if (selection.end > selection.start) {
    const text = document.slice(selection.start, selection.end);
    if (text.trim() !== '') {
      const leading = text.length - text.trimStart().length;
      return { text: text.trim(), start: selection.start + leading };
    }
  }
  const block = blockAt(splitBlocks(document), cursor);
  if (!block || block.text.trim() === '') return undefined;
  return { text: block.text, start: block.start };
}

/** Rewrites `line:col:` at the start of each line of a message from query to document positions. */
export function relocateMessage(message: string, origin: { line: number; character: number } | undefined): string {
  if (!origin) return message;
  return message.replace(/^(\d+):(\d+):/gm, (_all, line: string, column: string) => {
    const l = Number(line);
    const c = Number(column);
    return `${origin.line + l}:${l === 1 ? origin.character + c : c}:`;
  });
}
