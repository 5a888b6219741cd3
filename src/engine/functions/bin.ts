// bin(value, roundTo) (alias floor) and bin_at(value, roundTo, fixedPoint): round down to a
// multiple of the bin size, for numbers, timespans (ticks) and datetimes (µs, with the size a
// timespan in ticks). A bin size of zero or less gives null. Datetime bins are aligned as
// Kusto aligns them, on .NET ticks counted from 0001-01-01 (bin(t, 7d) starts on Mondays).
import type { Column } from '../data/column';
import { TICKS_PER_MICROSECOND } from '../data/temporal';
import { modSinceYearOne } from './datetime/calendar';
import { asNumberColumn, conformTo } from './kernel/coerce';
import { scalar } from './kernel/functions';
import { mapNumbers2 } from './kernel/numeric';
import { NumberOut } from './kernel/out';
import type { ScalarFunction } from './types';

const binned = (x: number, size: number): number => Math.floor(x / size) * size;

const bin: ScalarFunction = scalar((args, resultType) => {
  const value = asNumberColumn(args[0], 'bin');
  const size = asNumberColumn(args[1], 'bin');
  if (value.type === 'datetime') {
    return mapNumbers2(value, size, 'datetime', (x, ticks) => {
      if (ticks <= 0) return null;
      return x - modSinceYearOne(x, ticks / TICKS_PER_MICROSECOND);
    });
  }
  const type = value.type === 'timespan' ? 'timespan' : resultType;
  return conformTo(mapNumbers2(value, size, type, (x, s) => (s > 0 ? binned(x, s) : null)), resultType);
});

const binAt: ScalarFunction = scalar((args, resultType, rowCount) => {
  const [value, size, fixed] = args.map((column: Column) => asNumberColumn(column, 'bin_at'));
  const sizeScale = value.type === 'datetime' ? 1 / TICKS_PER_MICROSECOND : 1;
  const type = value.type === 'datetime' || value.type === 'timespan' ? value.type : resultType;
  const out = new NumberOut(type, rowCount);
  for (let i = 0; i < rowCount; i++) {
    const s = size.data[i] * sizeScale;
    if (value.isNull(i) || size.isNull(i) || fixed.isNull(i) || !(s > 0)) { out.setNull(i); continue; }
    out.data[i] = fixed.data[i] + binned(value.data[i] - fixed.data[i], s);
  }
  return conformTo(out.finish(), resultType);
});

export const binFunctions: Record<string, ScalarFunction> = {
  bin,
  floor: bin,
  bin_at: binAt,
};
