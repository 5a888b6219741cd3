// Rows -> named series of points: x converted for the axis type, rows grouped by the series
// columns' values, one series per (group, measure); sorted, accumulated, aligned and stacked to
// 100% here because ECharts stacks non-category axes by data index only.
import type { Roles } from './roles';
import type { RenderSpec } from './render-spec';
import { labelOf, toNumber, toTime, type ChartData } from './values';

export type AxisType = 'time' | 'value' | 'category';
export type XValue = number | string;

export interface SeriesPoints {
  name: string;
  /** Index into roles.ys: which measure (and which y axis or panel) this series shows. */
  measure: number;
  points: [XValue, number | null][];
  /** x values of the points flagged by the measure's anomaly column. */
  anomalies: XValue[];
}

export interface SeriesData {
  axis: AxisType;
  /** Category axes: the categories in order. */
  categories: string[];
  series: SeriesPoints[];
  /** Series dropped over the limit (the largest are kept). */
  droppedSeries: number;
}

export const MAX_SERIES = 100;

function xConverter(axis: AxisType, type: string): (value: unknown) => XValue | null {
  if (axis === 'time') return toTime;
  if (axis === 'value') return toNumber;
  return (value) => (value === null || value === undefined ? '(null)' : labelOf(value, type));
}

function keepLargest(series: SeriesPoints[]): SeriesPoints[] {
  if (series.length <= MAX_SERIES) return series;
  const total = (s: SeriesPoints) => s.points.reduce((sum, [, y]) => sum + Math.abs(y ?? 0), 0);
  const kept = new Set([...series].sort((a, b) => total(b) - total(a)).slice(0, MAX_SERIES));
  return series.filter((s) => kept.has(s));
}

function accumulate(series: SeriesPoints[]): void {
  for (const s of series) {
    let sum = 0;
    s.points = s.points.map(([x, y]) => {
      if (y === null) return [x, null];
      sum += y;
      return [x, sum];
    });
  }
}

/** Aligns every series on the union of x values: what ECharts' by-index stacking needs. */
function align(series: SeriesPoints[], axis: AxisType, categories: string[], missing: 0 | null): void {
  const xs: XValue[] = axis === 'category'
    ? categories
    : [...new Set(series.flatMap((s) => s.points.map(([x]) => x)))].sort((a, b) => (a as number) - (b as number));
  for (const s of series) {
    const byX = new Map<XValue, number | null>();
    for (const [x, y] of s.points) byX.set(x, y === null ? (byX.get(x) ?? null) : (byX.get(x) ?? 0) + y);
    s.points = xs.map((x) => [x, byX.get(x) ?? missing]);
  }
}

function toPercent(series: SeriesPoints[]): void {
  const count = series[0]?.points.length ?? 0;
  for (let k = 0; k < count; k++) {
    const total = series.reduce((sum, s) => sum + Math.abs(s.points[k][1] ?? 0), 0);
    for (const s of series) {
      const y = s.points[k][1];
      s.points[k] = [s.points[k][0], y === null ? null : total === 0 ? 0 : Math.round((y / total) * 1e6) / 1e4];
    }
  }
}

export function seriesData(data: ChartData, roles: Roles, spec: RenderSpec, axis: AxisType): SeriesData {
  const xType = data.columns[roles.x]?.type ?? 'string';
  const toX = xConverter(axis, xType);
  const rows: { x: XValue; row: unknown[] }[] = [];
  for (const row of data.rows) {
    const x = toX(row[roles.x]);
    if (x !== null) rows.push({ x, row });
  }
  const sortByX = axis !== 'category' ? spec.kind !== 'scatterchart' : toTime(data.rows[0]?.[roles.x]) !== null && xType.toLowerCase() === 'datetime';
  if (sortByX) {
    const key = axis === 'category' ? (r: { row: unknown[] }) => toTime(r.row[roles.x]) ?? 0 : (r: { x: XValue }) => r.x as number;
    rows.sort((a, b) => key(a) - key(b));
  }

  const categories: string[] = [];
  if (axis === 'category') {
    const seen = new Set<string>();
    for (const { x } of rows) if (!seen.has(x as string)) { seen.add(x as string); categories.push(x as string); }
  }

  const names = roles.ys.map((i) => data.columns[i].name);
  const groups = new Map<string, SeriesPoints[]>();
  const ordered: SeriesPoints[] = [];
  for (const { x, row } of rows) {
    const key = roles.series.map((i) => labelOf(row[i], data.columns[i].type) || '(empty)').join(', ');
    let group = groups.get(key);
    if (!group) {
      group = names.map((name, measure) => ({
        name: roles.series.length === 0 ? name : names.length > 1 ? `${key}:${name}` : key,
        measure, points: [], anomalies: [],
      }));
      groups.set(key, group);
      ordered.push(...group);
    }
    roles.ys.forEach((yi, measure) => {
      const s = group[measure];
      s.points.push([x, toNumber(row[yi])]);
      const flag = roles.anomalies.length === 0 ? null : toNumber(row[roles.anomalies[Math.min(measure, roles.anomalies.length - 1)]]);
      if (flag !== null && flag !== 0) s.anomalies.push(x);
    });
  }

  const kept = keepLargest(ordered);
  const stacked = spec.stacking !== 'none';
  if (stacked || axis === 'category') align(kept, axis, categories, stacked ? 0 : null);
  if (spec.accumulate) accumulate(kept);
  if (spec.stacking === 'stacked100') toPercent(kept);
  return { axis, categories, series: kept, droppedSeries: ordered.length - kept.length };
}
