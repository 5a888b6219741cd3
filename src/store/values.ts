// Converting one outside value (a CSV cell, a JSON value, a Parquet value) to the engine's
// representation of a Kusto type: numbers in their unit (datetime microseconds, timespan
// ticks), strings, JSON for dynamic. A value that does not convert raises ConversionError,
// which the caller turns into a message naming the file, line and column.
import type { DynamicValue, Value } from '../engine/data/column';
import { formatDatetime, formatTimespan, parseDatetime, parseTimespan } from '../engine/data/temporal';
import type { KustoType } from '../kql/schema';

export class ConversionError extends Error {}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_REALS: Record<string, number> = { nan: NaN, infinity: Infinity, '+infinity': Infinity, '-infinity': -Infinity, inf: Infinity, '-inf': -Infinity };
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/**
 * Converts `value` to `type`. `fromText` says the value is text from a text format (CSV): an
 * empty cell is then null, and a dynamic cell holds JSON text.
 */
export function coerce(value: unknown, type: KustoType, fromText = false): Value {
  if (value === null || value === undefined) return type === 'string' ? '' : null;
  if (typeof value === 'string' && type !== 'string' && value.trim() === '' && (fromText || type !== 'dynamic')) return null;
  switch (type) {
    case 'string': return toText(value);
    case 'bool': return toBool(value);
    case 'int': {
      const n = toInteger(value, type);
      if (n < -2147483648 || n > 2147483647) throw new ConversionError(`${show(value)} is out of the range of int (32 bits); use long`);
      return n;
    }
    case 'long': return toInteger(value, type);
    case 'real': case 'decimal': return toReal(value, type);
    case 'datetime': return toDatetime(value);
    case 'timespan': return toTimespan(value);
    case 'guid': {
      const m = typeof value === 'string' ? GUID.exec(value.trim()) : null;
      if (!m) throw new ConversionError(`cannot convert ${show(value)} to guid`);
      return m[1].toLowerCase();
    }
    case 'dynamic':
      if (fromText && typeof value === 'string') {
        try { return JSON.parse(value) as DynamicValue; } catch { return value; }
      }
      return toDynamic(value);
  }
}

/** The value of an engine column as an outside value, so that it can be coerced again. */
export function plainValue(value: Value, type: KustoType): unknown {
  if (value === null) return null;
  if (type === 'datetime' && typeof value === 'number') return formatDatetime(value);
  if (type === 'timespan' && typeof value === 'number') return formatTimespan(value);
  return value;
}

/** JSON-compatible form of decoded outside data (bigints, dates, bytes inside objects). */
export function toDynamic(value: unknown): DynamicValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean': case 'string': return value;
    case 'number': return Number.isFinite(value) ? value : null;
    case 'bigint': return Number(value);
    default: break;
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, toDynamic);
  if (typeof value === 'object') {
    const out: { [key: string]: DynamicValue } = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) out[key] = toDynamic(v);
    return out;
  }
  return String(value);
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return formatDatetime(value.getTime() * 1000);
  return JSON.stringify(toDynamic(value));
}

function toBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
  }
  if (value === 1 || value === 0 || value === 1n || value === 0n) return value === 1 || value === 1n;
  throw new ConversionError(`cannot convert ${show(value)} to bool`);
}

function toInteger(value: unknown, type: KustoType): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'boolean') n = value ? 1 : 0;
  else if (typeof value === 'string' && INTEGER.test(value.trim())) n = Number(value.trim());
  else throw new ConversionError(`cannot convert ${show(value)} to ${type}`);
  if (!Number.isInteger(n)) throw new ConversionError(`cannot convert ${show(value)} to ${type}: not a whole number`);
  if (!Number.isSafeInteger(n)) throw new ConversionError(`${show(value)} is too large for ${type} (the engine holds integers exactly up to 2^53)`);
  return n;
}

function toReal(value: unknown, type: KustoType): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const t = value.trim();
    if (NUMBER.test(t)) return Number(t);
    const special = SPECIAL_REALS[t.toLowerCase()];
    if (special !== undefined) return special;
  }
  throw new ConversionError(`cannot convert ${show(value)} to ${type}`);
}

function toDatetime(value: unknown): number {
  if (typeof value === 'string') {
    const micros = parseDatetime(value);
    if (micros !== null) return micros;
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime() * 1000;
  throw new ConversionError(`cannot convert ${show(value)} to datetime (expected ISO 8601 text such as 2024-05-01T12:00:00Z)`);
}

function toTimespan(value: unknown): number {
  if (typeof value === 'string') {
    const ticks = parseTimespan(value);
    if (ticks !== null) return ticks;
  }
  throw new ConversionError(`cannot convert ${show(value)} to timespan (expected text such as 01:30:00, 1.02:00:00 or 90s)`);
}

function show(value: unknown): string {
  if (typeof value === 'bigint') return `${value}`;
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(toDynamic(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
