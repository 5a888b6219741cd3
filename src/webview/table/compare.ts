// Typed sort: a key per cell by the column's Kusto type (numbers, datetimes and timespans as
// numbers, booleans as 0/1, dynamic as its JSON), compared with nulls last in both directions.

export type SortKey = number | string | null;
export type SortDirection = 'asc' | 'desc';

const NUMERIC = new Set(['int', 'long', 'real', 'decimal', 'double']);
const ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$/;
const TIMESPAN = /^(-)?(?:(\d+)\.)?(\d\d):(\d\d):(\d\d)(\.\d+)?$/;

/**
 * A datetime as fixed-width text "yyyy-MM-ddTHH:mm:ss.fffffff", which sorts as the instant does:
 * a number of milliseconds cannot hold Kusto's 100 ns ticks at today's epoch values.
 */
function datetimeKey(value: string): string | null {
  const m = ISO.exec(value);
  if (m) return `${m[1]}.${(m[2] ?? '').slice(1).padEnd(7, '0')}`;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : `${new Date(t).toISOString().slice(0, 23)}0000`;
}

/** Milliseconds of a timespan in Kusto's text form [-][d.]hh:mm:ss[.fffffff]. */
function timespanKey(value: string): number | null {
  const m = TIMESPAN.exec(value);
  if (!m) return null;
  const [, sign, days = '0', h, min, s, fraction = ''] = m;
  const ms = ((Number(days) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000 + (fraction ? Number(`0${fraction}`) * 1000 : 0);
  return sign ? -ms : ms;
}

export function sortKey(value: unknown, type: string): SortKey {
  if (value === null || value === undefined) return null;
  const t = type.toLowerCase();
  if (NUMERIC.has(t)) {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isNaN(n) ? null : n;
  }
  if (t === 'datetime' && typeof value === 'string') return datetimeKey(value);
  if (t === 'timespan' && typeof value === 'string') return timespanKey(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `indices` (row numbers) ordered by a column, stable: equal keys keep their order. */
export function sortRows(rows: readonly unknown[][], indices: readonly number[], column: number, type: string, direction: SortDirection): number[] {
  const keys = indices.map((row) => sortKey(rows[row][column], type));
  const sign = direction === 'asc' ? 1 : -1;
  const order = keys.map((_, at) => at);
  order.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    if (ka === null || kb === null) return ka === kb ? a - b : ka === null ? 1 : -1;
    return sign * compareKeys(ka, kb) || a - b;
  });
  return order.map((at) => indices[at]);
}
