// Initial column widths from the header and a sample of values (character counts, so no layout
// is needed), within bounds; the user resizes from there.
import { cellText } from './cell-text';

export const MIN_WIDTH = 48;
const MAX_WIDTH = 360;
const CHAR_WIDTH = 7.2;
const PADDING = 22;
const SAMPLE = 200;

export function columnWidths(columns: readonly { name: string }[], rows: readonly unknown[][]): number[] {
  return columns.map((column, c) => {
    let chars = column.name.length + 2; // room for the sort mark
    const step = Math.max(1, Math.floor(rows.length / SAMPLE));
    for (let r = 0; r < rows.length; r += step) chars = Math.max(chars, Math.min(80, cellText(rows[r][c]).length));
    return Math.round(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, chars * CHAR_WIDTH + PADDING)));
  });
}
