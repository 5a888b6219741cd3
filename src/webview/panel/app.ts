// The results panel: state from the extension's messages, the toolbar, and the table and chart
// tabs. What it asks of the extension (cancel, copy, export, open in a tab) goes out as messages.
import { button, el } from '../dom';
import type { ExtensionToWebview, QueryResultPayload } from '../protocol';
import { Grid } from '../table/grid';
import { TableModel } from '../table/table-model';
import type { Channel } from '../vscode-api';
import { ChartPanel } from './chart-panel';
import { DetailView } from './detail';
import { ContextMenu, type MenuItem } from './menu';
import { resultNotices, StatusBar } from './status';

type View = 'table' | 'chart';

/** Kept across a reload of the webview (VS Code's getState/setState), per result. */
interface SavedState {
  resultId?: string;
  view?: View;
  filter?: string;
  chartKind?: string;
}

const FILTER_DELAY_MS = 120;

export class ResultsApp {
  private channel: Channel | undefined;
  private readonly status: StatusBar;
  private readonly grid: Grid;
  private readonly detail: DetailView;
  private readonly chart: ChartPanel;
  private readonly menu: ContextMenu;
  private readonly filter: HTMLInputElement;
  private readonly tabs: Record<View, HTMLButtonElement>;
  private readonly tableView: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly actions: HTMLButtonElement[];
  private readonly pngButton: HTMLButtonElement;
  private result: QueryResultPayload | undefined;
  private model: TableModel | undefined;
  private runningId: string | undefined;
  private view: View = 'table';
  private filterTimer: number | undefined;

  constructor(private readonly root: HTMLElement) {
    this.status = new StatusBar(() => this.runningId && this.post({ type: 'cancel', id: this.runningId }));
    this.detail = new DetailView((text) => this.post({ type: 'copy', text }), () => this.grid.focus());
    this.grid = new Grid({
      copy: (text) => this.post({ type: 'copy', text }),
      expand: (value, title) => this.detail.open(value, title),
      contextMenu: (x, y, target) => this.menu.open(x, y, target.kind === 'header' ? this.headerMenu(target.col) : this.cellMenu()),
      changed: () => this.updateSummary(),
    });
    this.chart = new ChartPanel();

    this.tabs = {
      table: button('Table', () => this.setView('table', true), { className: 'tab', attrs: { role: 'tab', id: 'tab-table', 'aria-controls': 'panel-table' } }),
      chart: button('Chart', () => this.setView('chart', true), { className: 'tab', attrs: { role: 'tab', id: 'tab-chart', 'aria-controls': 'panel-chart' } }),
    };
    const tablist = el('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Result view' } }, [this.tabs.table, this.tabs.chart]);
    tablist.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      e.preventDefault();
      this.setView(this.view === 'table' ? 'chart' : 'table', false);
      this.tabs[this.view].focus();
    });

    this.filter = el('input', { className: 'filter', attrs: { type: 'search', placeholder: 'Filter rows', 'aria-label': 'Filter rows (any cell contains)', spellcheck: 'false' } });
    this.filter.addEventListener('input', () => this.scheduleFilter());
    this.filter.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.filter.value) {
        this.filter.value = '';
        this.applyFilter();
        e.preventDefault();
      } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
        this.applyFilter();
        this.grid.focus();
        e.preventDefault();
      }
    });

    const copy = button('Copy', () => this.grid.copy(false), { className: 'secondary', attrs: { title: 'Copy the selected cells as TSV (Ctrl+C; Ctrl+Shift+C with headers)' } });
    const csv = button('CSV', () => this.exportAs('csv'), { className: 'secondary', attrs: { title: 'Export the result as CSV' } });
    const json = button('JSON', () => this.exportAs('json'), { className: 'secondary', attrs: { title: 'Export the result as JSON' } });
    this.pngButton = button('PNG', () => this.exportPng(), { className: 'secondary', attrs: { title: 'Save the chart as a PNG image' } });
    const tab = button('Open in tab', () => this.result && this.post({ type: 'open-in-tab', id: this.result.id }), { className: 'secondary', attrs: { title: 'Open this result in an editor tab' } });
    this.actions = [copy, csv, json, this.pngButton, tab];

    const toolbar = el('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Result actions' } }, [
      tablist,
      el('div', { className: 'table-controls' }, [this.filter]),
      this.chart.controls,
      el('div', { className: 'spacer' }),
      ...this.actions,
    ]);

    this.tableView = el('div', { className: 'table-view', attrs: { role: 'tabpanel', id: 'panel-table', 'aria-labelledby': 'tab-table' } }, [this.grid.element, this.detail.element]);
    this.chart.element.setAttribute('role', 'tabpanel');
    this.chart.element.id = 'panel-chart';
    this.chart.element.setAttribute('aria-labelledby', 'tab-chart');
    this.empty = el('div', { className: 'empty', text: 'Run a KQL query (Ctrl+Enter in a .kql file) to see its results here.' });
    const content = el('main', { className: 'content' }, [this.tableView, this.chart.element, this.empty]);
    root.replaceChildren(this.status.element, toolbar, content);
    this.menu = new ContextMenu(root);

    this.chart.controls.addEventListener('change', () => this.save());
    document.addEventListener('keydown', (e) => this.onGlobalKey(e));
    this.showResult(undefined);
  }

  connect(channel: Channel): void {
    this.channel = channel;
    channel.post({ type: 'ready' });
  }

  handle(message: ExtensionToWebview): void {
    switch (message.type) {
      case 'running':
        this.runningId = message.id;
        this.status.running(message.target, message.query);
        this.root.classList.add('running');
        break;
      case 'result':
        this.runningId = undefined;
        this.root.classList.remove('running');
        this.showResult(message.result);
        break;
      case 'error':
        if (this.runningId !== undefined && message.id !== this.runningId) return;
        this.runningId = undefined;
        this.root.classList.remove('running');
        this.showResult(undefined);
        this.empty.hidden = true;
        this.status.message('The query failed.');
        this.status.setNotices([{ kind: 'error', text: message.message }]);
        break;
      case 'cancelled':
        if (this.runningId !== undefined && message.id !== this.runningId) return;
        this.runningId = undefined;
        this.root.classList.remove('running');
        this.status.message(this.result ? 'Cancelled; the previous result is shown.' : 'Cancelled.');
        this.status.setNotices([]);
        break;
    }
  }

  private post(message: Parameters<Channel['post']>[0]): void {
    this.channel?.post(message);
  }

  private showResult(result: QueryResultPayload | undefined): void {
    this.result = result;
    this.detail.close();
    this.menu.close(false);
    const saved = result ? this.channel?.getState<SavedState>() : undefined;
    const same = saved?.resultId !== undefined && saved.resultId === result?.id;
    this.filter.value = same ? (saved?.filter ?? '') : '';
    this.model = result ? new TableModel(result.columns, result.rows) : undefined;
    if (this.model) {
      if (this.filter.value) this.model.setFilter(this.filter.value);
      this.grid.setModel(this.model);
    }
    this.chart.setResult(result, same ? saved?.chartKind : undefined);
    this.empty.hidden = result !== undefined;
    for (const b of this.actions) b.disabled = result === undefined;
    this.tabs.chart.disabled = result === undefined || result.columns.length === 0;
    this.tabs.table.disabled = result === undefined;
    const hasRender = !!result?.visualization && result.visualization.visualization !== 'table';
    this.setView(same && saved?.view ? saved.view : hasRender ? 'chart' : 'table', false);
    if (result) {
      this.updateSummary();
      this.status.setNotices(resultNotices(result));
    } else {
      this.status.message('No results yet.');
      this.status.setNotices([]);
    }
  }

  private setView(view: View, focus: boolean): void {
    this.view = view;
    const hasResult = this.result !== undefined;
    for (const [name, tab] of Object.entries(this.tabs) as [View, HTMLButtonElement][]) {
      tab.setAttribute('aria-selected', String(name === view));
      tab.tabIndex = name === view ? 0 : -1;
    }
    this.tableView.hidden = !hasResult || view !== 'table';
    this.chart.element.hidden = !hasResult || view !== 'chart';
    this.root.dataset.view = view;
    this.pngButton.hidden = view !== 'chart';
    this.chart.controls.hidden = view !== 'chart';
    (this.filter.parentElement as HTMLElement).hidden = view !== 'table';
    this.chart.setVisible(hasResult && view === 'chart');
    if (focus && view === 'table') this.grid.focus();
    this.save();
  }

  private save(): void {
    if (!this.result) return;
    const state: SavedState = { resultId: this.result.id, view: this.view, filter: this.filter.value, chartKind: this.chart.selectedKind };
    this.channel?.setState(state);
  }

  private updateSummary(): void {
    if (this.result && this.model) this.status.result(this.result, this.model.view.length);
  }

  private scheduleFilter(): void {
    if (this.filterTimer !== undefined) window.clearTimeout(this.filterTimer);
    this.filterTimer = window.setTimeout(() => this.applyFilter(), FILTER_DELAY_MS);
  }

  private applyFilter(): void {
    if (this.filterTimer !== undefined) window.clearTimeout(this.filterTimer);
    this.filterTimer = undefined;
    if (!this.model || this.model.filterQuery === this.filter.value) return;
    this.model.setFilter(this.filter.value);
    this.grid.refresh();
    this.updateSummary();
    this.save();
  }

  private exportAs(format: 'csv' | 'json'): void {
    if (this.result) this.post({ type: 'export', format, id: this.result.id });
  }

  private exportPng(): void {
    if (!this.result) return;
    const dataUrl = this.chart.toPng();
    if (dataUrl) this.post({ type: 'export-png', id: this.result.id, dataUrl });
  }

  private cellMenu(): MenuItem[] {
    const expand = this.grid.focusedValue();
    return [
      { label: 'Copy', shortcut: 'Ctrl+C', run: () => this.grid.copy(false) },
      { label: 'Copy with headers', shortcut: 'Ctrl+Shift+C', run: () => this.grid.copy(true) },
      { label: 'Select row', shortcut: 'Shift+Space', run: () => this.grid.selectRows() },
      { label: 'Select column', shortcut: 'Ctrl+Space', run: () => this.grid.selectColumns() },
      { label: 'Select all', shortcut: 'Ctrl+A', run: () => this.grid.selectAll() },
      { label: 'Show value', shortcut: 'Enter', disabled: !expand, run: () => expand && this.detail.open(expand.value, expand.title) },
    ];
  }

  private headerMenu(col: number): MenuItem[] {
    const sortBy = (direction: 'asc' | 'desc' | undefined) => () => {
      this.model?.setSort(direction ? { column: col, direction } : undefined);
      this.grid.refresh();
    };
    return [
      { label: 'Sort ascending', run: sortBy('asc') },
      { label: 'Sort descending', run: sortBy('desc') },
      { label: 'Clear sort', disabled: this.model?.sort === undefined, run: sortBy(undefined) },
      { label: 'Select column', run: () => this.grid.selectColumns(col) },
      { label: 'Copy column', run: () => { this.grid.selectColumns(col); this.grid.copy(true); } },
    ];
  }

  private onGlobalKey(e: KeyboardEvent): void {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'f' && this.result) {
      this.setView('table', false);
      this.filter.focus();
      this.filter.select();
      e.preventDefault();
    } else if (e.key === 'Escape' && this.detail.isOpen) {
      this.detail.close();
      e.preventDefault();
    }
  }
}
