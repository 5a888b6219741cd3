// Line, area, column, bar, scatter, time and anomaly charts: series on x/y axes.
import type { EChartsOption } from 'echarts';
import { baseOption, LARGE, legendOption, messageOption, titleHeight, titleOption, tooltipOption } from './common';
import type { RenderSpec } from './render-spec';
import type { Roles } from './roles';
import { seriesData, MAX_SERIES, type AxisType, type SeriesData, type SeriesPoints } from './series-data';
import type { ChartTheme } from './theme';
import { isNumericType, isTimeType, type ChartData } from './values';

type Axis = Record<string, unknown>;
type Series = Record<string, unknown>;

function axisTypeFor(spec: RenderSpec, xType: string): AxisType {
  if (spec.kind === 'columnchart' || spec.kind === 'barchart') return 'category';
  if (isTimeType(xType)) return 'time';
  if (isNumericType(xType)) return 'value';
  return 'category';
}

/** Time axis labels that say which day a tick is on ("May 2", not "2"). */
const TIME_LABELS = {
  year: '{yyyy}', month: '{MMM} {yyyy}', day: '{MMM} {d}', hour: '{HH}:{mm}', minute: '{HH}:{mm}', second: '{HH}:{mm}:{ss}', millisecond: '{HH}:{mm}:{ss}.{SSS}',
};

function axisStyle(theme: ChartTheme, split: boolean): Axis {
  return {
    axisLine: { lineStyle: { color: theme.grid } },
    axisTick: { lineStyle: { color: theme.grid } },
    axisLabel: { color: theme.muted, hideOverlap: true },
    splitLine: { show: split, lineStyle: { color: theme.grid } },
    nameTextStyle: { color: theme.muted },
  };
}

function categoryOrBaseAxis(theme: ChartTheme, sd: SeriesData, spec: RenderSpec, gridIndex: number, name?: string): Axis {
  const axis: Axis = { ...axisStyle(theme, false), type: sd.axis, gridIndex, name, nameLocation: 'middle', nameGap: 28 };
  if (sd.axis === 'category') Object.assign(axis, { data: sd.categories, boundaryGap: true });
  if (sd.axis === 'value') Object.assign(axis, { type: spec.xlog ? 'log' : 'value', scale: true });
  if (sd.axis === 'time') axis.axisLabel = { ...(axis.axisLabel as object), formatter: TIME_LABELS };
  if (spec.kind === 'barchart') Object.assign(axis, { inverse: true, nameGap: 60 }); // first row on top, as in the table
  return axis;
}

function valueAxis(theme: ChartTheme, spec: RenderSpec, gridIndex: number, name: string | undefined, extra: Axis = {}): Axis {
  const axis: Axis = { ...axisStyle(theme, true), type: spec.ylog ? 'log' : 'value', gridIndex, name, nameLocation: 'middle', nameGap: 44, min: spec.ymin, max: spec.ymax };
  if (spec.stacking === 'stacked100') Object.assign(axis, { max: 100, axisLabel: { ...(axis.axisLabel as object), formatter: '{value}%' } });
  return { ...axis, ...extra };
}

function seriesOption(spec: RenderSpec, s: SeriesPoints, sd: SeriesData, where: { xAxisIndex: number; yAxisIndex: number }): Series {
  const data = sd.axis === 'category' ? s.points.map(([, y]) => y) : s.points;
  const many = s.points.length > LARGE;
  const stack = spec.stacking === 'none' ? undefined : `stack-${spec.ysplit === 'none' ? 0 : s.measure}`;
  const common = { name: s.name, data, ...where, stack, emphasis: { focus: 'series' } };
  switch (spec.kind) {
    case 'columnchart': case 'barchart':
      return { ...common, type: 'bar', large: many };
    case 'scatterchart':
      return { ...common, type: 'scatter', symbolSize: 6, large: many };
    default:
      return {
        ...common,
        type: 'line',
        showSymbol: s.points.length <= 50,
        symbolSize: 5,
        sampling: many ? 'lttb' : undefined,
        connectNulls: false,
        areaStyle: spec.kind === 'areachart' ? { opacity: spec.stacking === 'none' ? 0.25 : 0.6 } : undefined,
      };
  }
}

function anomalySeries(theme: ChartTheme, s: SeriesPoints, where: { xAxisIndex: number; yAxisIndex: number }): Series | undefined {
  if (s.anomalies.length === 0) return undefined;
  const flagged = new Set(s.anomalies);
  return {
    name: `${s.name} (anomalies)`,
    type: 'scatter',
    data: s.points.filter(([x]) => flagged.has(x)),
    ...where,
    symbolSize: 9,
    itemStyle: { color: theme.accent, borderColor: theme.background, borderWidth: 1 },
    z: 5,
  };
}

function notesFor(spec: RenderSpec, roles: Roles, sd: SeriesData): string[] {
  const notes: string[] = [];
  if (spec.requested) notes.push(`render ${spec.requested} is drawn as ${spec.kind}`);
  if (roles.missing.length > 0) notes.push(`not in the result: ${roles.missing.join(', ')}`);
  if (sd.droppedSeries > 0) notes.push(`showing the ${MAX_SERIES} largest of ${sd.series.length + sd.droppedSeries} series`);
  return notes;
}

export function cartesianOption(data: ChartData, spec: RenderSpec, roles: Roles, theme: ChartTheme): EChartsOption {
  if (roles.ys.length === 0) return messageOption(theme, 'Nothing to chart: the result has no numeric column for the y axis', spec.title);
  const xColumn = data.columns[roles.x];
  const sd = seriesData(data, roles, spec, axisTypeFor(spec, xColumn.type));
  if (sd.series.every((s) => s.points.length === 0)) return messageOption(theme, 'No rows to chart', spec.title);

  const notes = notesFor(spec, roles, sd);
  const horizontal = spec.kind === 'barchart';
  const split = horizontal ? 'none' : spec.ysplit;
  const measureNames = roles.ys.map((i) => data.columns[i].name);
  const top = titleHeight(spec.title, notes) + (spec.legend ? 30 : 6);
  const zoom = sd.axis !== 'category' || sd.categories.length > 50;
  const bottom = zoom ? 64 : 30;
  const xName = spec.xtitle ?? (horizontal ? undefined : xColumn.name);
  const yName = spec.ytitle;

  const grids: Record<string, unknown>[] = [];
  const xAxes: Axis[] = [];
  const yAxes: Axis[] = [];
  const panels = split === 'panels' ? measureNames.length : 1;
  for (let p = 0; p < panels; p++) {
    grids.push(panels === 1 ? { top, bottom, left: 16, right: 24 } : panelGrid(p, panels, zoom));
    const base = categoryOrBaseAxis(theme, sd, spec, p, p === panels - 1 ? xName : undefined);
    const values = split === 'axes'
      ? measureNames.map((name, m) => valueAxis(theme, spec, 0, name, { position: m % 2 === 0 ? 'left' : 'right', offset: Math.floor(m / 2) * 56, alignTicks: true, splitLine: { show: m === 0, lineStyle: { color: theme.grid } } }))
      : [valueAxis(theme, spec, p, split === 'panels' ? measureNames[p] : yName)];
    if (horizontal) {
      yAxes.push(base);
      xAxes.push(...values);
    } else {
      xAxes.push(base);
      yAxes.push(...values);
    }
  }

  const series: Series[] = [];
  for (const s of sd.series) {
    const where = split === 'panels' ? { xAxisIndex: s.measure, yAxisIndex: s.measure } : { xAxisIndex: 0, yAxisIndex: split === 'axes' ? s.measure : 0 };
    series.push(seriesOption(spec, s, sd, where));
    if (spec.kind === 'anomalychart') {
      const marks = anomalySeries(theme, s, where);
      if (marks) series.push(marks);
    }
  }
  const points = sd.series.reduce((n, s) => n + s.points.length, 0);
  return {
    ...baseOption(theme),
    animation: points < LARGE,
    title: titleOption(theme, spec.title, notes),
    legend: legendOption(theme, spec.legend, titleHeight(spec.title, notes)),
    tooltip: tooltipOption(theme, spec.kind === 'scatterchart' ? 'item' : 'axis'),
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    dataZoom: zoom ? zoomOption(theme, horizontal, xAxes.length) : undefined,
    series,
  } as EChartsOption;
}

/** Zoom on the base axis: mouse wheel/drag inside the grid and a slider. */
function zoomOption(theme: ChartTheme, horizontal: boolean, xAxes: number): Record<string, unknown>[] {
  const target = horizontal ? { yAxisIndex: 0 } : { xAxisIndex: Array.from({ length: xAxes }, (_, i) => i) };
  const place = horizontal ? { right: 8, width: 18, orient: 'vertical' } : { bottom: 8, height: 18 };
  return [
    { type: 'inside', ...target, filterMode: 'none' },
    { type: 'slider', ...target, ...place, filterMode: 'none', borderColor: theme.grid, textStyle: { color: theme.muted }, fillerColor: 'rgba(128,128,128,0.2)' },
  ];
}

/**
 * Panels (ysplit=panels) share the height: ECharts positions grids in pixels or percent but
 * not both, and the chart height is not known here, so the panels are laid out in percent.
 */
function panelGrid(p: number, n: number, zoom: boolean): Record<string, unknown> {
  const top = 14;
  const bottom = zoom ? 14 : 8;
  const gap = 6;
  const height = (100 - top - bottom - gap * (n - 1)) / n;
  return { left: 16, right: 24, top: `${(top + p * (height + gap)).toFixed(2)}%`, height: `${height.toFixed(2)}%` };
}
