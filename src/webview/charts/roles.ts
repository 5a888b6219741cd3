// Which columns are the x axis, the measures (y) and the series keys, by Kusto's rules: the
// render properties when given, else x is the first column of the kind's preferred type, y all
// numeric columns, and one string column splits the rows into series.
import type { RenderSpec } from './render-spec';
import { isNumericType, isStringType, isTimeType, type ChartColumn } from './values';

export interface Roles {
  x: number;
  ys: number[];
  series: number[];
  anomalies: number[];
  /** Named columns that are not in the result. */
  missing: string[];
}

function finder(columns: ChartColumn[], missing: string[]) {
  return (name: string): number => {
    let i = columns.findIndex((c) => c.name === name);
    if (i < 0) i = columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
    if (i < 0) missing.push(name);
    return i;
  };
}

const indices = (columns: ChartColumn[], keep: (c: ChartColumn, i: number) => boolean) =>
  columns.flatMap((c, i) => (keep(c, i) ? [i] : []));

/** x candidates in order of preference for a kind. */
function xCandidates(spec: RenderSpec, columns: ChartColumn[]): number[] {
  const all = columns.map((_, i) => i);
  const times = indices(columns, (c) => isTimeType(c.type));
  const numbers = indices(columns, (c) => isNumericType(c.type));
  const strings = indices(columns, (c) => isStringType(c.type));
  const others = indices(columns, (c) => !isNumericType(c.type));
  switch (spec.kind) {
    case 'timechart': case 'anomalychart': case 'linechart': case 'areachart': case 'stackedareachart':
      return [...times, ...all];
    case 'scatterchart':
      return [...times, ...numbers, ...all];
    case 'piechart':
      return [...strings, ...others, ...all];
    default:
      return [...others, ...all];
  }
}

export function chartRoles(spec: RenderSpec, columns: ChartColumn[]): Roles {
  const missing: string[] = [];
  const find = finder(columns, missing);
  const named = (list: string[] | undefined) => (list ?? []).map(find).filter((i) => i >= 0);
  const anomalies = spec.kind === 'anomalychart'
    ? (spec.anomalycolumns ? named(spec.anomalycolumns) : indices(columns, (c) => isNumericType(c.type) && /anomal/i.test(c.name)))
    : [];
  const explicitSeries = spec.series ? named(spec.series) : undefined;
  const explicitYs = spec.ycolumns ? named(spec.ycolumns) : undefined;

  const measuresFor = (x: number, series: number[]) =>
    explicitYs ?? indices(columns, (c, i) => isNumericType(c.type) && i !== x && !series.includes(i) && !anomalies.includes(i));
  const seriesFor = (x: number) => {
    if (explicitSeries) return explicitSeries;
    if (spec.kind === 'piechart' || spec.kind === 'card') return [];
    const s = columns.findIndex((c, i) => isStringType(c.type) && i !== x && !(explicitYs ?? []).includes(i));
    return s >= 0 ? [s] : [];
  };

  let x = spec.xcolumn ? find(spec.xcolumn) : -1;
  if (x < 0) {
    const candidates = xCandidates(spec, columns);
    x = candidates.find((i) => measuresFor(i, seriesFor(i)).length > 0) ?? candidates[0] ?? 0;
  }
  const series = seriesFor(x);
  return { x, ys: measuresFor(x, series), series, anomalies, missing };
}
