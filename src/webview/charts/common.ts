// Option parts every chart shares: theme colours, fonts, titles and notes, and the "nothing to
// draw" chart.
import type { EChartsOption } from 'echarts';
import type { ChartTheme } from './theme';

export function baseOption(theme: ChartTheme): EChartsOption {
  return {
    backgroundColor: 'transparent',
    color: theme.palette,
    textStyle: { color: theme.foreground, fontFamily: theme.fontFamily, fontSize: theme.fontSize },
    // Result datetimes are UTC, and so are the axes, as in Kusto's own charts.
    useUTC: true,
    aria: { enabled: true },
  };
}

/** The title block: the query's title, with notes (fallbacks, missing columns) as subtitle. */
export function titleOption(theme: ChartTheme, title: string | undefined, notes: string[]): EChartsOption['title'] {
  if (!title && notes.length === 0) return undefined;
  return {
    text: title ?? '',
    subtext: notes.join('\n'),
    left: 'center',
    top: 4,
    textStyle: { color: theme.foreground, fontSize: theme.fontSize + 2, fontWeight: 'bold' },
    subtextStyle: { color: theme.muted, fontSize: theme.fontSize - 1 },
  };
}

/** Height the title block takes at the top of the chart. */
export function titleHeight(title: string | undefined, notes: string[]): number {
  return (title ? 26 : 4) + notes.length * 14 + (notes.length > 0 ? 6 : 0);
}

export function tooltipOption(theme: ChartTheme, trigger: 'axis' | 'item'): EChartsOption['tooltip'] {
  return {
    trigger,
    confine: true,
    // Drawn on the canvas: no HTML (the webview CSP forbids style attributes; values stay text).
    renderMode: 'richText',
    backgroundColor: theme.background,
    borderColor: theme.grid,
    textStyle: { color: theme.foreground, fontFamily: theme.fontFamily, fontSize: theme.fontSize },
    axisPointer: trigger === 'axis' ? { type: 'line', lineStyle: { color: theme.muted } } : undefined,
  };
}

export function legendOption(theme: ChartTheme, show: boolean, top: number): EChartsOption['legend'] {
  return {
    show,
    type: 'scroll',
    top,
    left: 'center',
    textStyle: { color: theme.foreground },
    inactiveColor: theme.grid,
    pageTextStyle: { color: theme.muted },
    pageIconColor: theme.foreground,
    pageIconInactiveColor: theme.grid,
  };
}

/** A chart with no data: the reason, centred. */
export function messageOption(theme: ChartTheme, message: string, title?: string): EChartsOption {
  return {
    ...baseOption(theme),
    title: titleOption(theme, title, []),
    graphic: [{
      type: 'text',
      left: 'center',
      top: 'middle',
      silent: true,
      style: { text: message, fill: theme.muted, fontSize: theme.fontSize + 1, fontFamily: theme.fontFamily },
    }],
  };
}

/** Many points: no symbols, sampling, no animation. */
export const LARGE = 2000;
