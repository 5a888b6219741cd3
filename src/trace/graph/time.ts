// Graph DateTimeOffset values, exactly: a JavaScript Date keeps milliseconds, Graph gives up to
// 7 fractional digits, and the half-open window boundary must not be blurred by rounding.

export interface Instant {
  /** ISO 8601 UTC ending in `Z`, the fraction kept as given. */
  iso: string;
  /** 100-ns ticks since the epoch (fraction beyond 7 digits truncated). */
  ticks: bigint;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** Parses a DateTimeOffset (no zone means UTC); undefined when it is not one. */
export function parseInstant(value: string): Instant | undefined {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(local).getUTCDate() !== day) return undefined;
  const offsetMinutes = zoneOffsetMinutes(m[8]);
  if (offsetMinutes === undefined) return undefined;
  const utc = local - offsetMinutes * 60_000;
  if (Number.isNaN(new Date(utc).getTime())) return undefined;
  const fraction = m[7] ?? '';
  const iso = `${new Date(utc).toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
  const ticks = BigInt(utc) * 10_000n + BigInt(fraction.slice(0, 7).padEnd(7, '0'));
  return { iso, ticks };
}

function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

export function dateTicks(date: Date): bigint {
  return BigInt(date.getTime()) * 10_000n;
}

const SECOND_MS = 1000;
export const floorSecond = (ms: number): number => Math.floor(ms / SECOND_MS) * SECOND_MS;
export const ceilSecond = (ms: number): number => Math.ceil(ms / SECOND_MS) * SECOND_MS;

/** `YYYY-MM-DDThh:mm:ssZ`, the form Graph documents for `$filter` bounds (whole seconds). */
export function formatFilterDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
