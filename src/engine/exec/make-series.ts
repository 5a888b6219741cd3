// make-series, as Microsoft's documentation describes it:
//   - from/to/step: bins start at `from` and step by `step`; `to` is exclusive, so there are
//     ceil((to - from) / step) bins. Without `from`, the first bin is bin(min(axis), step);
//     without `to`, the last bin is the last that has data. Bounds are the whole input's.
//   - in range(start, stop, step): bins are bin(axis, step), from bin(start) to bin(stop),
//     both included.
//   - every `by` group of the input gets a row; a bin without rows holds the default (0 unless
//     default= says otherwise); rows outside the bins count nowhere.
//   - the axis column is the array of bin starts; datetimes appear as ISO 8601 text, as in
//     every dynamic value the engine makes.
import { columnBuilder, columnFromValues } from '../data/builder';
import { NumberColumn, type Column, type DynamicValue, type Value } from '../data/column';
import { numberToDynamic } from '../data/dynamic-values';
import { Table } from '../data/table';
import { NotSupportedError } from '../errors';
import { modSinceYearOne } from '../functions/datetime/calendar';
import type { Plan } from '../ir/plan';
import { aggregationColumn } from './aggregate';
import type { ExecContext } from './context';
import { evaluate } from './evaluate';
import { gather } from '../data/gather';
import { gatherTable } from './gather';
import { groupRows } from './keys';
import { scalarValue } from './sources';

type SeriesPlan = Extract<Plan, { kind: 'make-series' }>;

/** Kusto's limit on the length of a series. */
const MAX_BINS = 1 << 20;

interface Bins {
  origin: number;
  step: number;
  count: number;
}

function bound(expr: SeriesPlan['range']['from'], context: ExecContext, what: string): number | undefined {
  if (!expr) return undefined;
  const value = scalarValue(expr, context);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new NotSupportedError(`make-series with a ${what} of ${String(value)}`);
  return value;
}

function axisRange(axis: NumberColumn): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < axis.length; i++) {
    if (axis.isNull(i)) continue;
    min = Math.min(min, axis.data[i]);
    max = Math.max(max, axis.data[i]);
  }
  return min <= max ? { min, max } : undefined;
}

function bins(plan: SeriesPlan, axis: NumberColumn, context: ExecContext): Bins {
  const rawStep = bound(plan.range.step, context, 'step')!;
  // A datetime axis (microseconds) steps by a timespan (100 ns ticks).
  const step = plan.axis.type === 'datetime' ? rawStep / 10 : rawStep;
  if (!(step > 0)) throw new NotSupportedError(`make-series with a step of ${rawStep}`);
  const from = bound(plan.range.from, context, 'start');
  const to = bound(plan.range.to, context, 'end');
  // bin(): datetimes align on .NET ticks since 0001-01-01, as Kusto's bin() does.
  const binStart = (v: number): number => (plan.axis.type === 'datetime' ? v - modSinceYearOne(v, step) : Math.floor(v / step) * step);
  let origin: number;
  let count: number;
  if (plan.range.syntax === 'in-range') {
    origin = binStart(from!);
    count = Math.round((binStart(to!) - origin) / step) + 1;
  } else {
    const data = from === undefined || to === undefined ? axisRange(axis) : undefined;
    if ((from === undefined || to === undefined) && !data) return { origin: from ?? 0, step, count: 0 };
    origin = from ?? binStart(data!.min);
    const end = to ?? origin + (Math.floor((data!.max - origin) / step) + 1) * step;
    count = Math.ceil((end - origin) / step);
  }
  count = Math.max(0, count);
  if (count > MAX_BINS) throw new NotSupportedError(`make-series with ${count} bins (Kusto's limit is ${MAX_BINS})`);
  return { origin, step, count };
}

function defaultValue(expr: SeriesPlan['aggregates'][number]['defaultValue'], context: ExecContext): number | null {
  const value = scalarValue(expr, context);
  if (value !== null && typeof value !== 'number') throw new NotSupportedError(`make-series default=${JSON.stringify(value)}`);
  return value;
}

export function makeSeries(input: Table, plan: SeriesPlan, context: ExecContext): Table {
  const axis = evaluate(plan.axis.expr, input, context);
  if (!(axis instanceof NumberColumn)) throw new Error(`internal: make-series axis of type ${axis.type}`);
  const { origin, step, count } = bins(plan, axis, context);
  const byColumns = plan.by.map((b) => evaluate(b.expr, input, context));
  const series = groupRows(byColumns, input.rowCount);
  let seriesCount = series.groupCount;
  if (seriesCount === 0 && plan.nonEmpty) {
    if (plan.by.length > 0) throw new NotSupportedError('make-series kind=nonempty with by over no rows');
    seriesCount = 1;
  }

  // Cells: the (series, bin) pairs that have rows, numbered densely.
  const cellOf = new Map<number, number>();
  const cellSeries: number[] = [];
  const cellBin: number[] = [];
  const rows: number[] = [];
  const cells: number[] = [];
  for (let row = 0; row < input.rowCount; row++) {
    if (axis.isNull(row)) continue;
    const bin = Math.floor((axis.data[row] - origin) / step);
    if (bin < 0 || bin >= count) continue;
    const key = series.groups[row] * count + bin;
    let cell = cellOf.get(key);
    if (cell === undefined) {
      cell = cellSeries.length;
      cellOf.set(key, cell);
      cellSeries.push(series.groups[row]);
      cellBin.push(bin);
    }
    rows.push(row);
    cells.push(cell);
  }
  const inBins = gatherTable(input, Int32Array.from(rows));
  const cellGroups = Int32Array.from(cells);

  const columns = new Map<string, Column>();
  plan.by.forEach((b, i) => columns.set(b.name, gather(byColumns[i], series.firstRows)));
  for (const aggregate of plan.aggregates) {
    const values = aggregationColumn(aggregate.aggregation, inBins, cellGroups, cellSeries.length, context);
    const fill = defaultValue(aggregate.defaultValue, context);
    const arrays: DynamicValue[][] = Array.from({ length: seriesCount }, () => new Array<DynamicValue>(count).fill(fill));
    for (let cell = 0; cell < cellSeries.length; cell++) arrays[cellSeries[cell]][cellBin[cell]] = values.get(cell) as DynamicValue;
    columns.set(aggregate.name, columnFromValues('dynamic', arrays));
  }
  const axisValues = Array.from({ length: count }, (_, i) => numberToDynamic(plan.axis.type, origin + i * step));
  const axisColumn = columnBuilder('dynamic', seriesCount);
  for (let s = 0; s < seriesCount; s++) axisColumn.add(axisValues.slice() as Value);
  columns.set(plan.axis.name, axisColumn.finish());
  return new Table(plan.fields.map((f) => f.name), plan.fields.map((f) => columns.get(f.name)!), seriesCount);
}
