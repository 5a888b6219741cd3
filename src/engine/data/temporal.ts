// datetime and timespan representations: a datetime is microseconds since 1970-01-01 UTC,
// a timespan 100 ns ticks. Text forms follow Kusto: ISO 8601 UTC ending in Z, and
// `[-][d.]hh:mm:ss[.fffffff]`.

export const TICKS_PER_MICROSECOND = 10;
export const TICKS_PER_MILLISECOND = 10_000;
export const TICKS_PER_SECOND = 10_000_000;
export const TICKS_PER_MINUTE = 60 * TICKS_PER_SECOND;
export const TICKS_PER_HOUR = 60 * TICKS_PER_MINUTE;
export const TICKS_PER_DAY = 24 * TICKS_PER_HOUR;
export const MICROS_PER_DAY = 86_400_000_000;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses the datetime forms Kusto accepts in literals and todatetime(): ISO 8601 with or
 * without time, fraction and zone (no zone means UTC), and RFC 822/1123 dates. Returns
 * microseconds since the epoch, or null when the text is not a datetime.
 */
export function parseDatetime(text: string): number | null {
  const trimmed = text.trim();
  const m = ISO.exec(trimmed);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = m;
    const month = Number(mo);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
    const millis = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s));
    if (new Date(millis).getUTCDate() !== day) return null; // 2021-02-30
    const micros = fixYear(millis, Number(y)) * 1000 + Number((fraction + '000000').slice(0, 6));
    return micros - zoneOffsetMinutes(zone) * 60_000_000;
  }
  if (/[a-z]/i.test(trimmed) && /\d{4}/.test(trimmed)) {
    const millis = Date.parse(/(GMT|UTC|Z|[+-]\d{4})$/i.test(trimmed) ? trimmed : `${trimmed} GMT`);
    if (!Number.isNaN(millis)) return millis * 1000;
  }
  return null;
}

/** Date.UTC maps years 0-99 to 1900-1999; Kusto means the year as written. */
function fixYear(millis: number, year: number): number {
  if (year >= 100) return millis;
  const date = new Date(millis);
  date.setUTCFullYear(year);
  return date.getTime();
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

/** ISO 8601 UTC with Z; the fraction has as many digits as needed (Kusto prints up to 7). */
export function formatDatetime(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const subMillis = micros - millis * 1000;
  const iso = new Date(millis).toISOString(); // yyyy-mm-ddThh:mm:ss.sssZ
  const fraction = (iso.slice(20, 23) + String(Math.round(subMillis)).padStart(3, '0')).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

const TIMESPAN_UNITS: Record<string, number> = {
  d: TICKS_PER_DAY, day: TICKS_PER_DAY, days: TICKS_PER_DAY,
  h: TICKS_PER_HOUR, hr: TICKS_PER_HOUR, hrs: TICKS_PER_HOUR, hour: TICKS_PER_HOUR, hours: TICKS_PER_HOUR,
  m: TICKS_PER_MINUTE, min: TICKS_PER_MINUTE, minute: TICKS_PER_MINUTE, minutes: TICKS_PER_MINUTE,
  s: TICKS_PER_SECOND, sec: TICKS_PER_SECOND, second: TICKS_PER_SECOND, seconds: TICKS_PER_SECOND,
  ms: TICKS_PER_MILLISECOND, milli: TICKS_PER_MILLISECOND, millis: TICKS_PER_MILLISECOND,
  millisecond: TICKS_PER_MILLISECOND, milliseconds: TICKS_PER_MILLISECOND,
  microsecond: TICKS_PER_MICROSECOND, microseconds: TICKS_PER_MICROSECOND,
  tick: 1, ticks: 1,
};

/**
 * Parses a timespan literal body (`1d`, `1.5h`, `100ms`, `10tick`) or the text form
 * `[-][d.]hh:mm[:ss[.fffffff]]`. Returns ticks, or null.
 */
export function parseTimespan(text: string): number | null {
  const trimmed = text.trim();
  const unit = /^([+-]?\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(trimmed);
  if (unit) {
    const scale = TIMESPAN_UNITS[unit[2].toLowerCase()];
    return scale === undefined ? null : Math.round(Number(unit[1]) * scale);
  }
  const clock = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(trimmed);
  if (clock) {
    const [, minus, days = '0', h, m, s = '0', fraction = ''] = clock;
    const ticks = Number(days) * TICKS_PER_DAY + Number(h) * TICKS_PER_HOUR + Number(m) * TICKS_PER_MINUTE
      + Number(s) * TICKS_PER_SECOND + Number((fraction + '0000000').slice(0, 7));
    return minus ? -ticks : ticks;
  }
  if (/^[+-]?\d+$/.test(trimmed)) return Number(trimmed) * TICKS_PER_DAY; // timespan(2) is two days
  return null;
}

/** Kusto's text form: `[-][d.]hh:mm:ss[.fffffff]`. */
export function formatTimespan(ticks: number): string {
  const sign = ticks < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ticks));
  const days = Math.floor(rest / TICKS_PER_DAY);
  rest -= days * TICKS_PER_DAY;
  const hours = Math.floor(rest / TICKS_PER_HOUR);
  rest -= hours * TICKS_PER_HOUR;
  const minutes = Math.floor(rest / TICKS_PER_MINUTE);
  rest -= minutes * TICKS_PER_MINUTE;
  const seconds = Math.floor(rest / TICKS_PER_SECOND);
  const fraction = rest - seconds * TICKS_PER_SECOND;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${sign}${days > 0 ? `${days}.` : ''}${two(hours)}:${two(minutes)}:${two(seconds)}${fraction > 0 ? `.${String(fraction).padStart(7, '0')}` : ''}`;
}
