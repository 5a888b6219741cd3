// Result values (engine/output.ts forms) as chart coordinates: numbers, datetimes (ISO 8601
// strings) as epoch milliseconds, everything else as label text.

export interface ChartColumn {
  name: string;
  type: string;
}

export interface ChartData {
  columns: ChartColumn[];
  rows: unknown[][];
}

const NUMERIC = new Set(['int', 'long', 'real', 'decimal', 'double', 'float', 'int32', 'int64']);

export const isNumericType = (type: string): boolean => NUMERIC.has(type.toLowerCase());
export const isTimeType = (type: string): boolean => {
  const t = type.toLowerCase();
  return t === 'datetime' || t === 'date';
};
export const isStringType = (type: string): boolean => type.toLowerCase() === 'string';

/** A number for a numeric cell (Kusto sends "NaN"/"Infinity" as strings), else null. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

const ISO = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d)?)(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/;

/** Epoch milliseconds of an ISO 8601 datetime (UTC when no offset is given), else null. */
export function toTime(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const [, date, time = '00:00:00', fraction = '', zone = 'Z'] = m;
  const base = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}${zone}`);
  if (Number.isNaN(base)) return null;
  return fraction ? base + Number(`0${fraction}`) * 1000 : base;
}

/** A value as label text (categories, series names, pie slices). */
export function labelOf(value: unknown, type?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return type && isTimeType(type) ? shortDatetime(value) : value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "2024-01-01T05:00:00Z" -> "2024-01-01 05:00"; midnight -> "2024-01-01". */
export function shortDatetime(iso: string): string {
  return iso
    .replace('T', ' ')
    .replace(/Z$/, '')
    .replace(/(:\d\d)\.0+$/, '$1')
    .replace(/ 00:00:00$/, '')
    .replace(/(\d\d:\d\d):00$/, '$1');
}

/** Whether a dynamic value is a JSON array (make-series output). */
export const isArray = (value: unknown): value is unknown[] => Array.isArray(value);
