// The chart for a result, as an ECharts option: Kusto's `render` rules mapped onto ECharts.
// Pure (no DOM): shared by the results panel and the HTML report, and tested in Node.
import type { EChartsOption } from 'echarts';
import { cardOption } from './card';
import { cartesianOption } from './cartesian';
import { messageOption } from './common';
import { expandSeries } from './expand';
import { pieOption } from './pie';
import { renderSpec } from './render-spec';
import { chartRoles } from './roles';
import { darkTheme, type ChartTheme } from './theme';
import type { ChartData } from './values';

export type { ChartData, ChartColumn } from './values';
export type { ChartTheme } from './theme';

/** A `render` (Log Analytics' visualization shape) or the name of a chart kind. */
export type ChartRequest = { visualization: string; [property: string]: unknown } | string;

export function chartOptions(result: ChartData, visualization: ChartRequest, theme: ChartTheme = darkTheme): EChartsOption {
  const spec = renderSpec(visualization);
  if (result.columns.length === 0) return messageOption(theme, 'No columns to chart', spec.title);
  const data = expandSeries(result, spec.xcolumn);
  const roles = chartRoles(spec, data.columns);
  switch (spec.kind) {
    case 'piechart': return pieOption(data, spec, roles, theme);
    case 'card': return cardOption(data, spec, roles, theme);
    default: return cartesianOption(data, spec, roles, theme);
  }
}
