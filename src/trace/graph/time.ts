// Graph DateTimeOffset values, exactly: a JavaScript Date keeps milliseconds, Graph gives up to
// 7 fractional digits, and the half-open window boundary must not be blurred by rounding. The
// text keeps every digit; for comparing with window bounds, which are Dates (whole
// milliseconds), the time floored to the millisecond is exact: it is on the same side of such
// a bound as the time itself.

export interface Instant {
  /** ISO 8601 UTC ending in `Z`, the fraction kept as given. */
  iso: string;
  /** Milliseconds since the epoch, the fraction beyond 3 digits dropped (floored). */
  ms: number;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** Parses a DateTimeOffset (no zone means UTC); undefined when it is not one. */
export function parseInstant(value: string): Instant | undefined {
  const text = value.trim();
  const quick = parseCanonical(text);
  if (quick) return quick;
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(local).getUTCDate() !== day) return undefined;
  const offsetMinutes = zoneOffsetMinutes(m[8]);
  if (offsetMinutes === undefined) return undefined;
  const utc = local - offsetMinutes * 60_000;
  if (Number.isNaN(new Date(utc).getTime())) return undefined;
  const fraction = m[7] ?? '';
  // Graph's own form (UTC, seconds, upper-case T and Z) is already what `iso` is: skip rebuilding it.
  // (Date.UTC reads years 0-99 as 1900-1999, so those are rebuilt as before.)
  const canonical = m[8] === 'Z' && m[6] !== undefined && text.charCodeAt(10) === 84 /* T */ && year >= 100;
  const iso = canonical ? text : `${new Date(utc).toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
  const ms = utc + (fraction === '' ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0')));
  return { iso, ms };
}

const DIGIT_0 = 48;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Graph's own form, `YYYY-MM-DDThh:mm:ss[.fffffff]Z`, read by position: what parseInstant's
 * expression gives for it, without the expression (a million rows are a million times). Undefined
 * for anything else, which parseInstant then reads in full.
 */
function parseCanonical(text: string): Instant | undefined {
  const n = text.length;
  if (n < 20 || n === 21 || text.charCodeAt(n - 1) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  if (n > 20 && text.charCodeAt(19) !== 46 /* . */) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const fraction = n > 20 ? digits(text, 20, Math.min(3, n - 21)) : 0;
  if (n > 20 && (n - 21 > 3 ? digits(text, 23, n - 24) : 0) < 0) return undefined;
  if (year < 100 || month < 1 || month > 12 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day < 1 || day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return undefined;
  // The fraction's first three digits are milliseconds: "5" is 500, "05" is 50.
  const ms = n > 20 ? fraction * 10 ** (3 - Math.min(3, n - 21)) : 0;
  return { iso: text, ms: Date.UTC(year, month - 1, day, hour, minute, second) + ms };
}

/** The number the `count` digits at `at` spell, or -1 when one is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

const SECOND_MS = 1000;
export const floorSecond = (ms: number): number => Math.floor(ms / SECOND_MS) * SECOND_MS;
export const ceilSecond = (ms: number): number => Math.ceil(ms / SECOND_MS) * SECOND_MS;

/** `YYYY-MM-DDThh:mm:ssZ`, the form Graph documents for `$filter` bounds (whole seconds). */
export function formatFilterDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
