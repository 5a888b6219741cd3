// Renders engine results the way the conformance cases (from kusto-loco's tests) compare them:
// .NET ToString() conventions for the text checks, typed values for the table check.
import type { KqlType, Value } from '../../src/engine/data/column';
import type { Table } from '../../src/engine/data/table';
import { formatTimespan, parseDatetime } from '../../src/engine/data/temporal';
import { outputValue } from '../../src/engine/output';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function dotnetReal(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  return String(value).replace('e', 'E');
}

export function cellText(value: Value, type: KqlType): string {
  if (value === null) return type === 'string' ? '' : '<null>';
  switch (type) {
    case 'bool': return value ? 'True' : 'False';
    case 'real': case 'decimal': return dotnetReal(value as number);
    case 'datetime': {
      const date = new Date(Math.floor((value as number) / 1000));
      return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}Z`;
    }
    case 'timespan': return formatTimespan(value as number);
    case 'dynamic':
      if (typeof value === 'string') return value;
      if (value !== null && typeof value === 'object') return JSON.stringify(value, null, 2);
      return JSON.stringify(value);
    default: return String(value);
  }
}

export function rowTexts(table: Table): string[] {
  const schema = table.schema;
  return table.rows().map((row) => row.map((value, c) => cellText(value, schema[c].type)).join(','));
}

/** A result cell and an expected JSON cell are equal (datetimes by instant, reals by value). */
export function sameCell(actual: Value, type: KqlType, expected: unknown): boolean {
  if (expected === null) return actual === null || (type === 'string' && actual === '');
  if (type === 'datetime' && typeof expected === 'string') return actual === parseDatetime(expected);
  if ((type === 'real' || type === 'decimal') && typeof expected === 'string') return cellText(actual, type) === expected.replace('Infinity', '∞');
  if ((type === 'real' || type === 'decimal') && typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  return JSON.stringify(outputValue(actual, type)) === JSON.stringify(expected);
}
