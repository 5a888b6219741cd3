// datetime_part(part, date), datetime_add(part, amount, date), datetime_diff(part, date1, date2).
// Parts are case-insensitive; datetime_diff counts the period boundaries crossed, as Kusto does
// (datetime_diff('year', 2017-01-01, 2000-12-31) is 17).
import type { KqlType } from '../../data/column';
import { MICROS_PER_DAY } from '../../data/temporal';
import { asNumberColumn, asStringColumn } from '../kernel/coerce';
import { constantStringValue } from '../kernel/constant';
import { scalar } from '../kernel/functions';
import type { NumberFn2 } from '../kernel/numeric';
import { NumberOut } from '../kernel/out';
import { NotSupportedError, type ScalarFunction } from '../types';
import {
  MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND, MICROS_PER_WEEK, dayOfYear, daysInMonth, floorDiv, floorMod,
  fromCivil, isoWeekOfYear, startOfDay, startOfWeek, toCivil,
} from './calendar';

const quarterOf = (month: number): number => Math.floor((month - 1) / 3) + 1;

const PARTS: Record<string, NumberFn2> = {
  year: (x) => toCivil(x).year,
  quarter: (x) => quarterOf(toCivil(x).month),
  month: (x) => toCivil(x).month,
  week_of_year: isoWeekOfYear, // the obsolete non-ISO 'weekofyear' part is not supported
  day: (x) => toCivil(x).day,
  dayofyear: dayOfYear,
  hour: (x) => toCivil(x).hour,
  minute: (x) => toCivil(x).minute,
  second: (x) => toCivil(x).second,
  millisecond: (x) => Math.floor(toCivil(x).micro / 1000),
  microsecond: (x) => toCivil(x).micro,
  nanosecond: (x) => toCivil(x).micro * 1000,
};

function addMonths(x: number, months: number): number {
  const { year, month, day } = toCivil(x);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = floorMod(index, 12) + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return fromCivil(targetYear, targetMonth, targetDay, floorMod(x, MICROS_PER_DAY));
}

const fixed = (unit: number): NumberFn2 => (amount, x) => x + Math.trunc(amount) * unit;

const ADD: Record<string, NumberFn2> = {
  year: (amount, x) => addMonths(x, Math.trunc(amount) * 12),
  quarter: (amount, x) => addMonths(x, Math.trunc(amount) * 3),
  month: (amount, x) => addMonths(x, Math.trunc(amount)),
  week: fixed(MICROS_PER_WEEK),
  day: fixed(MICROS_PER_DAY),
  hour: fixed(MICROS_PER_HOUR),
  minute: fixed(MICROS_PER_MINUTE),
  second: fixed(MICROS_PER_SECOND),
  millisecond: fixed(1000),
  microsecond: fixed(1),
  nanosecond: (amount, x) => {
    if (Math.trunc(amount) % 1000 !== 0) throw new NotSupportedError("datetime_add('nanosecond', ...) below a microsecond");
    return x + Math.trunc(amount) / 1000;
  },
};

const monthIndex = (x: number): number => {
  const { year, month } = toCivil(x);
  return year * 12 + month - 1;
};
const boundaries = (floorTo: (x: number) => number, unit: number): NumberFn2 =>
  (a, b) => Math.round((floorTo(a) - floorTo(b)) / unit);
const floorToUnit = (unit: number) => (x: number): number => floorDiv(x, unit);

const DIFF: Record<string, NumberFn2> = {
  year: (a, b) => toCivil(a).year - toCivil(b).year,
  quarter: (a, b) => floorDiv(monthIndex(a), 3) - floorDiv(monthIndex(b), 3),
  month: (a, b) => monthIndex(a) - monthIndex(b),
  week: boundaries(startOfWeek, MICROS_PER_WEEK),
  day: boundaries(startOfDay, MICROS_PER_DAY),
  hour: boundaries(floorToUnit(MICROS_PER_HOUR), 1),
  minute: boundaries(floorToUnit(MICROS_PER_MINUTE), 1),
  second: boundaries(floorToUnit(MICROS_PER_SECOND), 1),
  millisecond: boundaries(floorToUnit(1000), 1),
  microsecond: (a, b) => a - b,
  nanosecond: (a, b) => (a - b) * 1000,
};

function lookup<T>(table: Record<string, T>, part: string, fn: string): T {
  const entry = table[part.toLowerCase()];
  if (entry === undefined) throw new NotSupportedError(`${fn}() with part '${part}'`);
  return entry;
}

/**
 * A function of (part, numbers...): the part picks a kernel from `table` (once when the part
 * is constant); a null number gives null.
 */
function byPart(table: Record<string, NumberFn2>, name: string, type: KqlType): ScalarFunction {
  return scalar((args, _resultType, rowCount) => {
    const parts = asStringColumn(args[0]);
    const [a, b = a] = args.slice(1).map((column) => asNumberColumn(column, name));
    const part = constantStringValue(parts);
    const fixedFn = part === undefined ? undefined : lookup(table, part, name);
    const out = new NumberOut(type, rowCount);
    for (let i = 0; i < rowCount; i++) {
      const fn = fixedFn ?? lookup(table, parts.dictionary[parts.codes[i]], name);
      if (a.isNull(i) || b.isNull(i)) out.setNull(i);
      else out.set(i, fn(a.data[i], b.data[i]));
    }
    return out.finish();
  });
}

export const datetimePartFunctions: Record<string, ScalarFunction> = {
  datetime_part: byPart(PARTS, 'datetime_part', 'int'),
  datetime_add: byPart(ADD, 'datetime_add', 'datetime'),
  datetime_diff: byPart(DIFF, 'datetime_diff', 'long'),
};
