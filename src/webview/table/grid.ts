// The results table: virtualized (only the rows in view are in the DOM, fixed row height), with
// sort, column resize, cell/row/column selection, copy as TSV, and keyboard navigation.
// Every value is written with textContent.
import { el } from '../dom';
import { cellText, isExpandable } from './cell-text';
import { cellSelection, contains, extendTo, moveFocus, selectAll, selectionRect, selectionTsv, type CellPos, type Rect, type Selection } from './selection';
import type { TableModel } from './table-model';
import { columnWidths, MIN_WIDTH } from './widths';

export const ROW_HEIGHT = 22;
const HEADER_HEIGHT = 26;
const GUTTER_WIDTH = 64;
const OVERSCAN = 6;
/** Longer values are cut in the cell (the detail view shows all of it). */
const MAX_CELL_CHARS = 1000;
const NUMERIC = new Set(['int', 'long', 'real', 'decimal']);

export interface GridEvents {
  copy(text: string): void;
  expand(value: unknown, title: string): void;
  contextMenu(x: number, y: number, target: { kind: 'cell'; pos: CellPos } | { kind: 'header'; col: number }): void;
  /** The view changed (sort): the status line shows counts. */
  changed(): void;
}

interface RowElement {
  row: HTMLElement;
  gutter: HTMLElement;
  cells: HTMLElement[];
  /** The view position shown, or -1. */
  shown: number;
}

export class Grid {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly header: HTMLElement;
  private readonly body: HTMLElement;
  private headerCells: HTMLElement[] = [];
  private pool: RowElement[] = [];
  private widths: number[] = [];
  private model: TableModel | undefined;
  private selection: Selection = cellSelection({ row: 0, col: 0 });
  private frame = 0;
  private dragging: 'cells' | 'rows' | undefined;
  private lastCopy = 0;

  constructor(private readonly events: GridEvents) {
    this.header = el('div', { className: 'grid-header', attrs: { role: 'row', 'aria-rowindex': '1' } });
    this.body = el('div', { className: 'grid-body', attrs: { role: 'rowgroup' } });
    this.canvas = el('div', { className: 'grid-canvas' }, [this.header, this.body]);
    this.viewport = el('div', { className: 'grid-viewport', attrs: { role: 'grid', tabindex: '0', 'aria-multiselectable': 'true', 'aria-label': 'Query results' } }, [this.canvas]);
    this.element = el('div', { className: 'grid' }, [this.viewport]);
    this.header.style.height = `${HEADER_HEIGHT}px`;
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    this.viewport.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    this.viewport.addEventListener('pointermove', (e) => this.onPointerMove(e));
    this.viewport.addEventListener('pointerup', () => (this.dragging = undefined));
    this.viewport.addEventListener('dblclick', (e) => this.onDoubleClick(e));
    this.viewport.addEventListener('contextmenu', (e) => this.onContextMenu(e));
    document.addEventListener('copy', (e) => this.onCopyEvent(e));
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  setModel(model: TableModel): void {
    this.model = model;
    this.widths = columnWidths(model.columns, model.rows);
    this.selection = cellSelection({ row: 0, col: 0 });
    this.viewport.scrollLeft = 0;
    this.viewport.setAttribute('aria-colcount', String(model.columns.length + 1));
    this.buildHeader();
    for (const r of this.pool) r.row.remove();
    this.pool = [];
    this.refresh();
  }

  /** After the model's view changed (filter, sort): sizes, header state, rows; back to the top. */
  refresh(): void {
    const model = this.model;
    if (!model) return;
    this.viewport.scrollTop = 0;
    const col = this.selection.focus.col;
    this.selection = cellSelection({ row: 0, col });
    const rows = model.view.length;
    this.viewport.setAttribute('aria-rowcount', String(rows + 1));
    this.body.style.height = `${rows * ROW_HEIGHT}px`;
    this.applyWidths();
    this.headerCells.forEach((cell, c) => {
      const dir = model.sort?.column === c ? model.sort.direction : undefined;
      cell.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none');
      cell.querySelector('.sort')!.textContent = dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '';
    });
    for (const r of this.pool) r.shown = -1;
    this.render();
  }

  focus(): void {
    this.viewport.focus({ preventScroll: true });
  }

  get focusedCell(): CellPos {
    return this.selection.focus;
  }

  /** The value under the focused cell, with a title for the detail view. */
  focusedValue(): { value: unknown; title: string } | undefined {
    const model = this.model;
    const { row, col } = this.selection.focus;
    if (!model || row >= model.view.length) return undefined;
    return { value: model.rows[model.view[row]][col], title: `${model.columns[col].name}, row ${row + 1}` };
  }

  selectedText(withHeaders: boolean): string | undefined {
    const model = this.model;
    const rect = this.rect();
    if (!model || !rect) return undefined;
    const wholeColumns = this.selection.mode === 'columns';
    return selectionTsv(rect, model.view, model.rows, model.columns.map((c) => c.name), withHeaders || wholeColumns);
  }

  copy(withHeaders: boolean): void {
    const text = this.selectedText(withHeaders);
    if (text === undefined) return;
    this.lastCopy = Date.now();
    this.events.copy(text);
  }

  select(selection: Selection): void {
    this.selection = selection;
    this.ensureVisible(selection.focus);
    this.render();
  }

  selectAll(): void {
    const model = this.model;
    if (model) this.select(selectAll(model.view.length, model.columns.length));
  }

  selectRows(): void {
    const { anchor, focus } = this.selection;
    this.select({ anchor, focus, mode: 'rows' });
  }

  selectColumns(col?: number): void {
    const pos = col === undefined ? undefined : { row: this.selection.focus.row, col };
    this.select(pos ? { anchor: pos, focus: pos, mode: 'columns' } : { ...this.selection, mode: 'columns' });
  }

  private rect(): Rect | undefined {
    const model = this.model;
    return model ? selectionRect(this.selection, model.view.length, model.columns.length) : undefined;
  }

  private buildHeader(): void {
    const model = this.model!;
    const corner = el('div', { className: 'grid-corner', attrs: { role: 'columnheader', 'aria-colindex': '1', title: 'Select all' } });
    corner.style.width = `${GUTTER_WIDTH}px`;
    this.headerCells = model.columns.map((column, c) => {
      const handle = el('div', { className: 'resize-handle', attrs: { 'aria-hidden': 'true' } });
      handle.addEventListener('pointerdown', (e) => this.startResize(e, c));
      handle.addEventListener('dblclick', (e) => {
        e.stopPropagation();
        this.widths[c] = columnWidths([column], model.rows.map((row) => [row[c]]))[0];
        this.applyWidths();
      });
      const cell = el('div', { className: 'grid-hcell', attrs: { role: 'columnheader', 'aria-colindex': String(c + 2), title: `${column.name} (${column.type})\nClick: sort. Alt+click: select the column.` } }, [
        el('span', { className: 'name', text: column.name }),
        el('span', { className: 'sort', attrs: { 'aria-hidden': 'true' } }),
        handle,
      ]);
      if (NUMERIC.has(column.type)) cell.classList.add('num');
      cell.dataset.col = String(c);
      return cell;
    });
    this.header.replaceChildren(corner, ...this.headerCells);
  }

  private applyWidths(): void {
    const total = GUTTER_WIDTH + this.widths.reduce((a, b) => a + b, 0);
    this.canvas.style.width = `${total}px`;
    this.header.style.width = `${total}px`;
    this.body.style.width = `${total}px`;
    this.headerCells.forEach((cell, c) => (cell.style.width = `${this.widths[c]}px`));
    for (const r of this.pool) r.cells.forEach((cell, c) => (cell.style.width = `${this.widths[c]}px`));
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private newRow(): RowElement {
    const model = this.model!;
    const gutter = el('div', { className: 'grid-gutter', attrs: { role: 'rowheader', 'aria-colindex': '1' } });
    gutter.style.width = `${GUTTER_WIDTH}px`;
    const cells = model.columns.map((column, c) => {
      const cell = el('div', { className: 'grid-cell', attrs: { role: 'gridcell', 'aria-colindex': String(c + 2) } }, [
        el('span', { className: 'expander', text: '▸', attrs: { 'aria-hidden': 'true' } }),
        el('span', { className: 'text' }),
      ]);
      if (NUMERIC.has(column.type)) cell.classList.add('num');
      cell.dataset.col = String(c);
      cell.style.width = `${this.widths[c]}px`;
      return cell;
    });
    const row = el('div', { className: 'grid-row', attrs: { role: 'row' } }, [gutter, ...cells]);
    row.style.height = `${ROW_HEIGHT}px`;
    this.body.appendChild(row);
    return { row, gutter, cells, shown: -1 };
  }

  private render(): void {
    const model = this.model;
    if (!model) return;
    const count = model.view.length;
    const top = this.viewport.scrollTop;
    const height = Math.max(0, this.viewport.clientHeight - HEADER_HEIGHT);
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(count - 1, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const needed = Math.max(0, last - first + 1);
    while (this.pool.length < needed) this.pool.push(this.newRow());
    const rect = this.rect();
    const focus = this.selection.focus;
    for (let k = 0; k < this.pool.length; k++) {
      const r = this.pool[k];
      const position = first + k;
      if (k >= needed) {
        r.row.hidden = true;
        r.shown = -1;
        continue;
      }
      r.row.hidden = false;
      if (r.shown !== position) this.fill(r, position);
      const rowSelected = rect !== undefined && position >= rect.r0 && position <= rect.r1;
      r.row.classList.toggle('row-selected', rowSelected && this.selection.mode === 'rows');
      r.gutter.classList.toggle('selected', rowSelected);
      r.cells.forEach((cell, c) => {
        const selected = contains(rect, position, c);
        cell.classList.toggle('selected', selected);
        cell.setAttribute('aria-selected', String(selected));
        const focused = position === focus.row && c === focus.col;
        cell.classList.toggle('focused', focused);
        if (focused) cell.id = 'grid-focused-cell';
        else if (cell.id) cell.removeAttribute('id');
      });
    }
    if (count > 0 && focus.row >= first && focus.row <= last) this.viewport.setAttribute('aria-activedescendant', 'grid-focused-cell');
    else this.viewport.removeAttribute('aria-activedescendant');
  }

  private fill(r: RowElement, position: number): void {
    const model = this.model!;
    const row = model.rows[model.view[position]];
    r.shown = position;
    r.row.style.transform = `translateY(${position * ROW_HEIGHT}px)`;
    r.row.setAttribute('aria-rowindex', String(position + 2));
    r.row.dataset.pos = String(position);
    r.gutter.textContent = String(position + 1);
    r.cells.forEach((cell, c) => {
      const value = row[c];
      const text = cellText(value);
      (cell.lastChild as HTMLElement).textContent = text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}…` : text;
      cell.classList.toggle('null', value === null || value === undefined);
      cell.classList.toggle('expandable', isExpandable(value));
    });
  }

  private ensureVisible(pos: CellPos): void {
    const v = this.viewport;
    const top = pos.row * ROW_HEIGHT;
    const visible = v.clientHeight - HEADER_HEIGHT;
    if (top < v.scrollTop) v.scrollTop = top;
    else if (top + ROW_HEIGHT > v.scrollTop + visible) v.scrollTop = top + ROW_HEIGHT - visible;
    const left = GUTTER_WIDTH + this.widths.slice(0, pos.col).reduce((a, b) => a + b, 0);
    const width = this.widths[pos.col] ?? 0;
    if (left - GUTTER_WIDTH < v.scrollLeft) v.scrollLeft = left - GUTTER_WIDTH;
    else if (left + width > v.scrollLeft + v.clientWidth) v.scrollLeft = left + width - v.clientWidth;
  }

  private pageRows(): number {
    return Math.max(1, Math.floor((this.viewport.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
  }

  private onKey(e: KeyboardEvent): void {
    const model = this.model;
    if (!model) return;
    const rows = model.view.length;
    const cols = model.columns.length;
    const mod = e.ctrlKey || e.metaKey;
    const move = (dRow: number, dCol: number) => this.select(moveFocus(this.selection, dRow, dCol, e.shiftKey, rows, cols));
    switch (e.key) {
      case 'ArrowDown': move(mod ? rows : 1, 0); break;
      case 'ArrowUp': move(mod ? -rows : -1, 0); break;
      case 'ArrowRight':
        if (e.altKey && e.shiftKey) this.resizeBy(this.selection.focus.col, 16);
        else move(0, mod ? cols : 1);
        break;
      case 'ArrowLeft':
        if (e.altKey && e.shiftKey) this.resizeBy(this.selection.focus.col, -16);
        else move(0, mod ? -cols : -1);
        break;
      case 'PageDown': move(this.pageRows(), 0); break;
      case 'PageUp': move(-this.pageRows(), 0); break;
      case 'Home': move(mod ? -rows : 0, -cols); break;
      case 'End': move(mod ? rows : 0, cols); break;
      case 'Enter': {
        const focused = this.focusedValue();
        if (focused) this.events.expand(focused.value, focused.title);
        break;
      }
      case ' ':
        if (e.shiftKey) this.selectRows();
        else if (mod) this.selectColumns();
        else return;
        break;
      case 'ContextMenu': this.menuAtFocus(); break;
      case 'F10':
        if (!e.shiftKey) return;
        this.menuAtFocus();
        break;
      default:
        if (mod && e.key.toLowerCase() === 'a') this.selectAll();
        else if (mod && e.key.toLowerCase() === 'c') this.copy(e.shiftKey);
        else return;
    }
    e.preventDefault();
  }

  /** The browser's (or VS Code's) copy command: copy the selection when the grid has focus. */
  private onCopyEvent(e: ClipboardEvent): void {
    if (!this.viewport.contains(document.activeElement)) return;
    const text = this.selectedText(false);
    if (text === undefined) return;
    e.clipboardData?.setData('text/plain', text);
    e.preventDefault();
    // Ctrl+C was already handled by the key handler: the message goes once.
    if (Date.now() - this.lastCopy > 500) this.copy(false);
  }

  private menuAtFocus(): void {
    const cell = this.body.querySelector<HTMLElement>('#grid-focused-cell');
    const box = (cell ?? this.viewport).getBoundingClientRect();
    this.events.contextMenu(box.left + 8, box.bottom, { kind: 'cell', pos: this.selection.focus });
  }

  private hit(e: MouseEvent): { kind: 'cell'; pos: CellPos } | { kind: 'gutter'; row: number } | { kind: 'header'; col: number } | { kind: 'corner' } | undefined {
    const target = e.target as HTMLElement;
    if (target.closest('.grid-corner')) return { kind: 'corner' };
    const hcell = target.closest<HTMLElement>('.grid-hcell');
    if (hcell) return { kind: 'header', col: Number(hcell.dataset.col) };
    const row = target.closest<HTMLElement>('.grid-row');
    if (!row?.dataset.pos) return undefined;
    const position = Number(row.dataset.pos);
    const cell = target.closest<HTMLElement>('.grid-cell');
    if (cell) return { kind: 'cell', pos: { row: position, col: Number(cell.dataset.col) } };
    if (target.closest('.grid-gutter')) return { kind: 'gutter', row: position };
    return undefined;
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0 || (e.target as HTMLElement).closest('.resize-handle')) return;
    const hit = this.hit(e);
    if (!hit) return;
    this.focus();
    const model = this.model!;
    switch (hit.kind) {
      case 'corner': this.selectAll(); break;
      case 'header':
        if (e.altKey || e.ctrlKey || e.metaKey) {
          const pos = { row: this.selection.focus.row, col: hit.col };
          this.select(e.shiftKey && this.selection.mode === 'columns' ? extendTo(this.selection, pos) : { anchor: pos, focus: pos, mode: 'columns' });
        } else {
          model.cycleSort(hit.col);
          this.refresh();
          this.events.changed();
        }
        break;
      case 'gutter': {
        const pos = { row: hit.row, col: this.selection.focus.col };
        this.select(e.shiftKey && this.selection.mode === 'rows' ? extendTo(this.selection, pos) : { anchor: pos, focus: pos, mode: 'rows' });
        this.dragging = 'rows';
        break;
      }
      case 'cell': {
        if ((e.target as HTMLElement).classList.contains('expander')) {
          this.select(cellSelection(hit.pos));
          const focused = this.focusedValue();
          if (focused) this.events.expand(focused.value, focused.title);
          break;
        }
        this.select(e.shiftKey ? extendTo(this.selection, hit.pos) : cellSelection(hit.pos));
        this.dragging = 'cells';
        break;
      }
    }
    e.preventDefault();
  }

  private onPointerMove(e: PointerEvent): void {
    if (!this.dragging || (e.buttons & 1) === 0) return;
    const under = document.elementFromPoint(e.clientX, e.clientY);
    const row = under?.closest<HTMLElement>('.grid-row');
    if (!row?.dataset.pos) return;
    const cell = under?.closest<HTMLElement>('.grid-cell');
    const pos = { row: Number(row.dataset.pos), col: cell ? Number(cell.dataset.col) : this.selection.focus.col };
    if (pos.row !== this.selection.focus.row || pos.col !== this.selection.focus.col) this.select(extendTo(this.selection, pos));
  }

  private onDoubleClick(e: MouseEvent): void {
    const hit = this.hit(e);
    if (hit?.kind !== 'cell') return;
    const focused = this.focusedValue();
    if (focused) this.events.expand(focused.value, focused.title);
  }

  private onContextMenu(e: MouseEvent): void {
    const hit = this.hit(e);
    if (!hit || hit.kind === 'corner') return;
    e.preventDefault();
    if (hit.kind === 'header') {
      this.events.contextMenu(e.clientX, e.clientY, { kind: 'header', col: hit.col });
      return;
    }
    const pos = hit.kind === 'cell' ? hit.pos : { row: hit.row, col: this.selection.focus.col };
    if (!contains(this.rect(), pos.row, pos.col)) this.select(cellSelection(pos));
    this.events.contextMenu(e.clientX, e.clientY, { kind: 'cell', pos });
  }

  private startResize(e: PointerEvent, col: number): void {
    e.preventDefault();
    e.stopPropagation();
    const handle = e.currentTarget as HTMLElement;
    handle.setPointerCapture(e.pointerId);
    const startX = e.clientX;
    const startWidth = this.widths[col];
    handle.classList.add('active');
    const onMove = (ev: PointerEvent) => {
      this.widths[col] = Math.max(MIN_WIDTH, startWidth + ev.clientX - startX);
      this.applyWidths();
    };
    const onUp = () => {
      handle.classList.remove('active');
      handle.removeEventListener('pointermove', onMove);
      handle.removeEventListener('pointerup', onUp);
      handle.removeEventListener('lostpointercapture', onUp);
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', onUp);
    handle.addEventListener('lostpointercapture', onUp);
  }

  private resizeBy(col: number, delta: number): void {
    this.widths[col] = Math.max(MIN_WIDTH, (this.widths[col] ?? MIN_WIDTH) + delta);
    this.applyWidths();
  }
}
