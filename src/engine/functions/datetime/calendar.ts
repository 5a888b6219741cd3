// Calendar arithmetic on datetimes held as microseconds since 1970-01-01 UTC.
import { MICROS_PER_DAY } from '../../data/temporal';
import { NotSupportedError } from '../types';

export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
export const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
export const MICROS_PER_WEEK = 7 * MICROS_PER_DAY;

export interface CivilTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  micro: number; // 0-999999
}

export function floorDiv(x: number, y: number): number {
  return Math.floor(x / y);
}

/** x mod y in [0, y) (never -0). */
export function floorMod(x: number, y: number): number {
  const r = x % y;
  return r < 0 ? r + y : r + 0;
}

export function toCivil(micros: number): CivilTime {
  const days = floorDiv(micros, MICROS_PER_DAY);
  const { year, month, day } = civilFromDays(days);
  const timeOfDay = micros - days * MICROS_PER_DAY;
  const secondOfDay = Math.floor(timeOfDay / MICROS_PER_SECOND);
  return {
    year, month, day,
    hour: Math.floor(secondOfDay / 3600), minute: Math.floor(secondOfDay / 60) % 60, second: secondOfDay % 60,
    micro: timeOfDay - secondOfDay * MICROS_PER_SECOND,
  };
}

/** The proleptic Gregorian date of a day number (days since 1970-01-01), without a Date. */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468; // days since 0000-03-01
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1 };
}

/** Microseconds of a civil date and time; month and day may overflow as in Date.UTC. */
export function fromCivil(year: number, month: number, day: number, timeOfDayMicros = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0-99 as written
  return date.getTime() * 1000 + timeOfDayMicros;
}

export function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

export function startOfDay(micros: number): number {
  return micros - floorMod(micros, MICROS_PER_DAY);
}

/** 0 for Sunday ... 6 for Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(micros: number): number {
  return floorMod(floorDiv(micros, MICROS_PER_DAY) + 4, 7);
}

export function startOfWeek(micros: number): number {
  return startOfDay(micros) - dayOfWeek(micros) * MICROS_PER_DAY;
}

export function startOfMonth(micros: number, offsetMonths = 0): number {
  const { year, month } = toCivil(micros);
  return fromCivil(year, month + offsetMonths, 1);
}

export function startOfYear(micros: number, offsetYears = 0): number {
  return fromCivil(toCivil(micros).year + offsetYears, 1, 1);
}

export function dayOfYear(micros: number): number {
  return floorDiv(startOfDay(micros) - startOfYear(micros), MICROS_PER_DAY) + 1;
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOfYear(micros: number): number {
  const day = startOfDay(micros);
  const isoWeekday = ((dayOfWeek(micros) + 6) % 7) + 1; // Monday 1 ... Sunday 7
  const thursday = day + (4 - isoWeekday) * MICROS_PER_DAY;
  return floorDiv(thursday - startOfYear(thursday), MICROS_PER_WEEK) + 1;
}

// Kusto computes bins and moduli of datetimes on .NET ticks, counted from 0001-01-01; bins of
// sizes that do not divide 1970 years' worth of microseconds (7d, for example) are aligned to
// 0001-01-01, not to the Unix epoch.
const MICROS_FROM_YEAR_ONE_TO_1970 = 62_135_596_800_000_000n;
const alignment = new Map<number, number>();

/** (microseconds since 0001-01-01) mod size, exact; size is a whole number of microseconds. */
export function modSinceYearOne(micros: number, size: number): number {
  let offset = alignment.get(size);
  if (offset === undefined) {
    if (!Number.isInteger(size) || size <= 0) throw new NotSupportedError('datetime bin or modulo by a fraction of a microsecond');
    offset = Number(MICROS_FROM_YEAR_ONE_TO_1970 % BigInt(size));
    if (alignment.size > 256) alignment.clear();
    alignment.set(size, offset);
  }
  return floorMod(floorMod(micros, size) + offset, size);
}
