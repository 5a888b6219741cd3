// The chart tab: the chart (the query's render, or a kind picked from the list), a series list
// that toggles series from the keyboard as the legend does with the mouse, and the PNG export.
import type { ChartRequest } from '../charts/chart-options';
import { ChartView } from '../charts/chart-view';
import { guessKind } from '../charts/guess';
import { readTheme } from '../charts/read-theme';
import { CHART_KINDS, isChartKind } from '../charts/render-spec';
import { button, el } from '../dom';
import type { QueryResultPayload } from '../protocol';

const QUERY_RENDER = '';

export class ChartPanel {
  readonly element: HTMLElement;
  /** Controls for the toolbar: the kind list and the series button. */
  readonly controls: HTMLElement;
  private readonly view: ChartView;
  private readonly kind: HTMLSelectElement;
  private readonly seriesButton: HTMLButtonElement;
  private readonly seriesList: HTMLElement;
  private result: QueryResultPayload | undefined;
  private drawnFor: QueryResultPayload | undefined;
  private visible = false;
  private readonly boxes = new Map<string, HTMLInputElement>();

  constructor() {
    const canvas = el('div', { className: 'chart-canvas', attrs: { role: 'img', 'aria-label': 'Chart' } });
    this.view = new ChartView(canvas);
    this.seriesList = el('div', { className: 'series-list', attrs: { role: 'group', 'aria-label': 'Series' } });
    this.seriesList.hidden = true;
    this.element = el('div', { className: 'chart-view' }, [canvas, this.seriesList]);

    this.kind = el('select', { className: 'chart-kind', attrs: { 'aria-label': 'Chart kind' } });
    this.kind.addEventListener('change', () => this.draw());
    this.seriesButton = button('Series ▾', () => this.toggleSeriesList(), { className: 'secondary series-button', attrs: { 'aria-expanded': 'false', 'aria-haspopup': 'true' } });
    this.controls = el('div', { className: 'chart-controls' }, [el('label', { className: 'visually-hidden', text: 'Chart kind' }), this.kind, this.seriesButton]);
    this.seriesList.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.toggleSeriesList(false);
        this.seriesButton.focus();
      }
    });
    this.view.onLegendChange((selected) => this.updateSeriesList(selected));
    // VS Code changes the theme by rewriting the body's class and the CSS variables.
    new MutationObserver(() => this.redraw()).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
    new MutationObserver(() => this.redraw()).observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  }

  setResult(result: QueryResultPayload | undefined, kind?: string): void {
    this.result = result;
    this.drawnFor = undefined;
    const options: HTMLOptionElement[] = [];
    const render = result?.visualization?.visualization;
    if (render && render !== 'table') options.push(el('option', { text: `Query's render (${render})`, attrs: { value: QUERY_RENDER } }));
    for (const k of CHART_KINDS) options.push(el('option', { text: k, attrs: { value: k } }));
    this.kind.replaceChildren(...options);
    const initial = kind !== undefined && (kind === QUERY_RENDER || isChartKind(kind)) ? kind : options[0].value === QUERY_RENDER ? QUERY_RENDER : guessKind(result?.columns ?? [], result?.rows.length ?? 0);
    this.kind.value = initial;
    if (this.visible) this.draw();
  }

  /** The kind picked ('' = the query's render). */
  get selectedKind(): string {
    return this.kind.value;
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) this.toggleSeriesList(false);
    if (visible && this.drawnFor !== this.result) this.draw();
    else if (visible) this.view.resize();
  }

  toPng(): string | undefined {
    if (this.drawnFor !== this.result) this.draw();
    return this.view.toPng();
  }

  private request(): ChartRequest | undefined {
    const result = this.result;
    if (!result) return undefined;
    const picked = this.kind.value;
    const vis = result.visualization;
    if (picked === QUERY_RENDER && vis) return vis;
    // Another kind keeps the query's properties (title, columns); only the kind changes.
    return vis && vis.visualization !== 'table' ? { ...vis, visualization: picked } : picked;
  }

  private draw(): void {
    const result = this.result;
    const request = this.request();
    if (!result || request === undefined || !this.visible) return;
    this.view.show({ columns: result.columns, rows: result.rows }, request, readTheme());
    this.drawnFor = result;
  }

  private redraw(): void {
    if (this.visible && this.result) this.draw();
    else this.drawnFor = undefined;
  }

  private toggleSeriesList(open = this.seriesList.hidden): void {
    this.seriesList.hidden = !open;
    this.seriesButton.setAttribute('aria-expanded', String(open));
    if (open) {
      this.updateSeriesList(this.view.legendState());
      this.seriesList.querySelector<HTMLInputElement>('input')?.focus();
    }
  }

  private updateSeriesList(selected: Record<string, boolean>): void {
    const names = Object.keys(selected);
    this.seriesButton.disabled = names.length === 0;
    // Same series: only the check marks change (the focused box stays).
    if (names.length === this.boxes.size && names.every((n) => this.boxes.has(n))) {
      for (const [name, box] of this.boxes) box.checked = selected[name];
      return;
    }
    this.boxes.clear();
    this.seriesList.replaceChildren(...names.map((name) => {
      const box = el('input', { attrs: { type: 'checkbox' } });
      box.checked = selected[name];
      box.addEventListener('change', () => this.view.toggleSeries(name));
      this.boxes.set(name, box);
      return el('label', { className: 'series-item' }, [box, el('span', { text: name })]);
    }));
    if (names.length === 0) this.seriesList.appendChild(el('div', { className: 'muted', text: 'No series' }));
  }
}
