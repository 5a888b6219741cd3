// The table's selection: a rectangle from an anchor to the focused cell, or whole rows or
// columns. Row numbers here are positions in the current view (after filter and sort).
import { cellText } from './cell-text';
import { toTsv } from './tsv';

export interface CellPos {
  row: number;
  col: number;
}

export type SelectionMode = 'cells' | 'rows' | 'columns';

export interface Selection {
  anchor: CellPos;
  focus: CellPos;
  mode: SelectionMode;
}

export interface Rect {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

export function cellSelection(pos: CellPos): Selection {
  return { anchor: pos, focus: pos, mode: 'cells' };
}

/** Extends the selection to `pos` (Shift+click), keeping its anchor and mode. */
export function extendTo(sel: Selection, pos: CellPos): Selection {
  return { ...sel, focus: pos };
}

export function selectAll(rowCount: number, colCount: number): Selection {
  return { anchor: { row: 0, col: 0 }, focus: { row: Math.max(0, rowCount - 1), col: Math.max(0, colCount - 1) }, mode: 'cells' };
}

/** The selected rectangle, inclusive, within the view's bounds; undefined for an empty view. */
export function selectionRect(sel: Selection, rowCount: number, colCount: number): Rect | undefined {
  if (rowCount === 0 || colCount === 0) return undefined;
  const r0 = clamp(Math.min(sel.anchor.row, sel.focus.row), 0, rowCount - 1);
  const r1 = clamp(Math.max(sel.anchor.row, sel.focus.row), 0, rowCount - 1);
  const c0 = clamp(Math.min(sel.anchor.col, sel.focus.col), 0, colCount - 1);
  const c1 = clamp(Math.max(sel.anchor.col, sel.focus.col), 0, colCount - 1);
  if (sel.mode === 'rows') return { r0, r1, c0: 0, c1: colCount - 1 };
  if (sel.mode === 'columns') return { r0: 0, r1: rowCount - 1, c0, c1 };
  return { r0, r1, c0, c1 };
}

export function contains(rect: Rect | undefined, row: number, col: number): boolean {
  return rect !== undefined && row >= rect.r0 && row <= rect.r1 && col >= rect.c0 && col <= rect.c1;
}

/** Moves the focused cell (arrow keys); with `extend` (Shift) the anchor stays. */
export function moveFocus(sel: Selection, dRow: number, dCol: number, extend: boolean, rowCount: number, colCount: number): Selection {
  const focus = { row: clamp(sel.focus.row + dRow, 0, Math.max(0, rowCount - 1)), col: clamp(sel.focus.col + dCol, 0, Math.max(0, colCount - 1)) };
  return extend ? { ...sel, focus } : cellSelection(focus);
}

/** The selected cells as TSV: view rows mapped to result rows through `view`. */
export function selectionTsv(
  rect: Rect,
  view: readonly number[],
  rows: readonly unknown[][],
  columnNames: readonly string[],
  withHeaders: boolean,
): string {
  const lines: string[][] = [];
  if (withHeaders) lines.push(columnNames.slice(rect.c0, rect.c1 + 1));
  for (let r = rect.r0; r <= rect.r1; r++) {
    const row = rows[view[r]];
    const fields: string[] = [];
    for (let c = rect.c0; c <= rect.c1; c++) fields.push(cellText(row[c]));
    lines.push(fields);
  }
  return toTsv(lines);
}
