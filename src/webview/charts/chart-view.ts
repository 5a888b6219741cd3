// One chart on the page: an ECharts instance (canvas) fed by chartOptions, resized with its
// container, with a legend state others can follow (the panel's keyboard series menu).
import { chartOptions, type ChartData, type ChartRequest } from './chart-options';
import { init, type ECharts } from './echarts-setup';
import type { ChartTheme } from './theme';

export class ChartView {
  private chart: ECharts | undefined;
  private readonly resizer: ResizeObserver;
  private legendListener: ((selected: Record<string, boolean>) => void) | undefined;
  private theme: ChartTheme | undefined;

  constructor(readonly element: HTMLElement) {
    this.resizer = new ResizeObserver(() => this.chart?.resize());
    this.resizer.observe(element);
  }

  show(data: ChartData, request: ChartRequest, theme: ChartTheme): void {
    this.theme = theme;
    if (!this.chart) {
      this.chart = init(this.element, undefined, { renderer: 'canvas' });
      this.chart.on('legendselectchanged', (event) => this.legendListener?.((event as { selected: Record<string, boolean> }).selected));
    }
    this.chart.setOption(chartOptions(data, request, theme), { notMerge: true });
    this.legendListener?.(this.legendState());
  }

  /** Series names in legend order with whether each is shown. */
  legendState(): Record<string, boolean> {
    const option = this.chart?.getOption() as { series?: { name?: string }[]; legend?: { selected?: Record<string, boolean> }[] } | undefined;
    const selected = option?.legend?.[0]?.selected ?? {};
    const state: Record<string, boolean> = {};
    for (const s of option?.series ?? []) if (s.name !== undefined && !(s.name in state)) state[s.name] = selected[s.name] !== false;
    return state;
  }

  onLegendChange(listener: (selected: Record<string, boolean>) => void): void {
    this.legendListener = listener;
  }

  toggleSeries(name: string): void {
    this.chart?.dispatchAction({ type: 'legendToggleSelect', name });
  }

  /** The chart as a PNG data URL, on the theme's background. */
  toPng(): string | undefined {
    return this.chart?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: this.theme?.background });
  }

  resize(): void {
    this.chart?.resize();
  }

  dispose(): void {
    this.resizer.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }
}
