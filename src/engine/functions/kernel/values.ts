// Boxed value conversions shared by the kernels: Kusto's text forms and dynamic (JSON) forms.
import type { DynamicValue, KqlType, Value } from '../../data/column';
import { formatTimespan } from '../../data/temporal';

/**
 * A real as .NET prints a double (shortest round-trip digits): fixed notation for decimal
 * exponents -5 < e < 15, otherwise `d.dddE+XX` (`1E+15`, `1.5E-07`, `NaN`, `Infinity`).
 */
export function formatReal(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return '0';
  const [mantissa, exponentText] = x.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent > -5 && exponent < 15) return String(x);
  const digits = String(Math.abs(exponent)).padStart(2, '0');
  return `${mantissa}E${exponent < 0 ? '-' : '+'}${digits}`;
}

/**
 * A datetime as Kusto's tostring() and strcat() print it: ISO 8601 with all seven fraction
 * digits (`2020-01-01T00:00:00.0000000Z`; the documented hashes of datetimes are of this text).
 */
export function datetimeText(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
  return `${iso}.${String(Math.round(fraction)).padStart(6, '0')}0Z`;
}

/** tostring() of a dynamic value: strings as they are, null as empty, others as JSON. */
export function dynamicToString(value: DynamicValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatReal(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/** tostring() of a boxed value of the given column type; null gives the empty string. */
export function valueToString(value: Value, type: KqlType): string {
  if (value === null) return '';
  switch (type) {
    case 'string': case 'guid': return value as string;
    case 'bool': return value ? 'true' : 'false';
    case 'int': case 'long': return String(value);
    case 'real': case 'decimal': return formatReal(value as number);
    case 'datetime': return datetimeText(value as number);
    case 'timespan': return formatTimespan(value as number);
    case 'dynamic': return dynamicToString(value as DynamicValue);
  }
}

/** A boxed value as it appears inside a dynamic value (datetime and timespan as their text). */
export function toDynamicValue(value: Value, type: KqlType): DynamicValue {
  if (value === null) return null;
  if (type === 'datetime') return datetimeText(value as number);
  if (type === 'timespan') return formatTimespan(value as number);
  return value as DynamicValue;
}

/** A key that is equal for equal JSON values (for sets and distinct elements). */
export function dynamicKey(value: DynamicValue): string | number | boolean | null {
  if (value === null || typeof value !== 'object') return value;
  return `\u0000json:${JSON.stringify(value)}`;
}

/** A boxed number truncated to an integer, or null when it is not a finite number. */
export function asInteger(value: Value): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null;
}

export function isArray(value: DynamicValue): value is DynamicValue[] {
  return Array.isArray(value);
}

export function isBag(value: DynamicValue): value is { [key: string]: DynamicValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
