// make-series returns one row per series with the x values and each measure as arrays. Kusto's
// charts draw such a row as one series: expand it to one row per point first.
import { isArray, isNumericType, toNumber, toTime, type ChartColumn, type ChartData } from './values';

function firstArray(rows: unknown[][], c: number): unknown[] | undefined {
  for (const row of rows) if (isArray(row[c]) && row[c].length > 0) return row[c];
  return undefined;
}

const allTimes = (values: unknown[]) => values.every((v) => v === null || (typeof v === 'string' && toTime(v) !== null));
const allNumbers = (values: unknown[]) => values.every((v) => v === null || toNumber(v) !== null);

/** The array column that holds the x values of a make-series result, or -1. */
function seriesAxis(data: ChartData, xcolumn: string | undefined): number {
  const dynamic = data.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.type.toLowerCase() === 'dynamic');
  if (xcolumn) {
    const named = dynamic.find(({ c }) => c.name === xcolumn);
    return named && firstArray(data.rows, named.i) ? named.i : -1;
  }
  for (const { i } of dynamic) {
    const sample = firstArray(data.rows, i);
    if (sample && allTimes(sample)) return i;
  }
  return -1;
}

/** The data with make-series arrays expanded, or the data itself when it has none. */
export function expandSeries(data: ChartData, xcolumn?: string): ChartData {
  const axis = seriesAxis(data, xcolumn);
  if (axis < 0) return data;
  // Array columns as long as the axis on every row are expanded; other columns repeat per point.
  const expand = data.columns.map((c, i) => c.type.toLowerCase() === 'dynamic' && data.rows.every((row) => {
    const x = row[axis];
    const v = row[i];
    return v === null || (isArray(v) && isArray(x) && v.length === x.length);
  }) && firstArray(data.rows, i) !== undefined);
  const columns: ChartColumn[] = data.columns.map((c, i) => {
    if (!expand[i]) return c;
    const sample = firstArray(data.rows, i) ?? [];
    const type = i === axis && allTimes(sample) ? 'datetime' : allNumbers(sample) ? 'real' : 'string';
    return { name: c.name, type: isNumericType(c.type) ? c.type : type };
  });
  const rows: unknown[][] = [];
  for (const row of data.rows) {
    const x = row[axis];
    if (!isArray(x)) continue;
    for (let k = 0; k < x.length; k++) rows.push(row.map((v, i) => (expand[i] ? (isArray(v) ? (v[k] ?? null) : null) : v)));
  }
  return { columns, rows };
}
