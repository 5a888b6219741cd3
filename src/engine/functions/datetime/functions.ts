// Datetime functions: ago, now, startof*/endof* (with optional offset), day/week/month/year
// parts, make_datetime, make_timespan and unixtime_*_todatetime.
import { NumberColumn, type Column } from '../../data/column';
import { MICROS_PER_DAY, TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MICROSECOND, TICKS_PER_MINUTE, TICKS_PER_SECOND } from '../../data/temporal';
import { asNumberColumn } from '../kernel/coerce';
import { rowFunction, scalar } from '../kernel/functions';
import { mapNumbers, mapNumbers2 } from '../kernel/numeric';
import type { ScalarFunction } from '../types';
import {
  MICROS_PER_HOUR, MICROS_PER_WEEK, dayOfWeek, dayOfYear, daysInMonth, floorDiv, floorMod, fromCivil, isoWeekOfYear,
  startOfDay, startOfMonth, startOfWeek, startOfYear, toCivil,
} from './calendar';

const micros = (column: Column): NumberColumn => asNumberColumn(column, 'datetime function');

/** A function of one datetime argument returning `type`. */
function datetimePart(type: 'int' | 'long' | 'timespan' | 'datetime', fn: (micros: number) => number): ScalarFunction {
  return scalar((args) => mapNumbers(micros(args[0]), type, fn));
}

/**
 * startof*(date [, offset]) and endof*(date [, offset]); `start` takes the offset in its own
 * unit. Kusto's end of a period is one tick (100 ns) before the next period; datetimes are held
 * in microseconds, so here it is one microsecond before (23:59:59.999999, not .9999999).
 */
function periodBoundary(start: (micros: number, offset: number) => number, end: boolean): ScalarFunction {
  const boundary = end ? (x: number, offset: number) => start(x, offset + 1) - 1 : start;
  return scalar((args) => {
    if (args.length < 2) return mapNumbers(micros(args[0]), 'datetime', (x) => boundary(x, 0));
    return mapNumbers2(micros(args[0]), micros(args[1]), 'datetime', (x, offset) => boundary(x, Math.trunc(offset)));
  });
}

const startOfDayAt = (x: number, offset: number): number => startOfDay(x) + offset * MICROS_PER_DAY;
const startOfWeekAt = (x: number, offset: number): number => startOfWeek(x) + offset * MICROS_PER_WEEK;

const ticksToMicros = (ticks: number): number => Math.round(ticks / TICKS_PER_MICROSECOND);

const ago: ScalarFunction = scalar((args, _type, _rows, context) =>
  mapNumbers(micros(args[0]), 'datetime', (ticks) => context.now - ticksToMicros(ticks)));

const now: ScalarFunction = scalar((args, _type, rowCount, context) => {
  if (args.length === 0) return new NumberColumn('datetime', new Float64Array(rowCount).fill(context.now));
  return mapNumbers(micros(args[0]), 'datetime', (ticks) => context.now + ticksToMicros(ticks));
});

function validNumbers(values: readonly unknown[]): values is number[] {
  return values.every((value) => typeof value === 'number' && Number.isFinite(value));
}

/** make_datetime(year, month, day [, hour, minute [, second]]); out-of-range parts give null. */
const makeDatetime = rowFunction((values) => {
  if (!validNumbers(values)) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = values;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second >= 60) return null;
  return fromCivil(year, month, day, hour * MICROS_PER_HOUR + minute * 60_000_000 + Math.round(second * 1_000_000));
});

/** make_timespan(hour, minute), (hour, minute, second) or (day, hour, minute, second). */
const makeTimespan = rowFunction((values) => {
  if (!validNumbers(values)) return null;
  const [day, hour, minute, second] = values.length === 4 ? values : [0, values[0], values[1], values[2] ?? 0];
  return day * TICKS_PER_DAY + hour * TICKS_PER_HOUR + minute * TICKS_PER_MINUTE + Math.round(second * TICKS_PER_SECOND);
});

function fromUnix(microsPerUnit: number): ScalarFunction {
  return scalar((args) => mapNumbers(asNumberColumn(args[0], 'unixtime conversion'), 'datetime', (x) => Math.round(x * microsPerUnit)));
}

export const datetimeFunctions: Record<string, ScalarFunction> = {
  ago,
  now,
  startofday: periodBoundary(startOfDayAt, false),
  startofweek: periodBoundary(startOfWeekAt, false),
  startofmonth: periodBoundary(startOfMonth, false),
  startofyear: periodBoundary(startOfYear, false),
  endofday: periodBoundary(startOfDayAt, true),
  endofweek: periodBoundary(startOfWeekAt, true),
  endofmonth: periodBoundary(startOfMonth, true),
  endofyear: periodBoundary(startOfYear, true),
  dayofweek: datetimePart('timespan', (x) => dayOfWeek(x) * TICKS_PER_DAY),
  dayofmonth: datetimePart('int', (x) => toCivil(x).day),
  dayofyear: datetimePart('int', dayOfYear),
  hourofday: datetimePart('int', (x) => floorDiv(floorMod(x, MICROS_PER_DAY), MICROS_PER_HOUR)),
  getmonth: datetimePart('int', (x) => toCivil(x).month),
  monthofyear: datetimePart('int', (x) => toCivil(x).month),
  getyear: datetimePart('int', (x) => toCivil(x).year),
  weekofyear: datetimePart('int', isoWeekOfYear),
  week_of_year: datetimePart('int', isoWeekOfYear),
  make_datetime: makeDatetime,
  make_timespan: makeTimespan,
  unixtime_seconds_todatetime: fromUnix(1_000_000),
  unixtime_milliseconds_todatetime: fromUnix(1_000),
  unixtime_microseconds_todatetime: fromUnix(1),
  unixtime_nanoseconds_todatetime: fromUnix(0.001),
};
