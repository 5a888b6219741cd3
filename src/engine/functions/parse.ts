// Text to value parsers shared by the to*() conversions and extract(..., typeof(T)).
import type { DynamicValue, KqlType, Value } from '../data/column';
import { parseDatetime, parseTimespan } from '../data/temporal';

/** An integer in decimal (or 0x hexadecimal); null when the text is not one. */
export function parseInteger(text: string): number | null {
  const trimmed = text.trim();
  if (/^[+-]?\d+$/.test(trimmed)) return safe(Number(trimmed));
  const hex = /^([+-]?)0x([0-9a-f]+)$/i.exec(trimmed);
  if (hex) return safe((hex[1] === '-' ? -1 : 1) * parseInt(hex[2], 16));
  return null;
}

function safe(n: number): number | null {
  return Number.isSafeInteger(n) ? n : null;
}

const SPECIAL_REALS: Record<string, number> = { nan: NaN, infinity: Infinity, '+infinity': Infinity, '-infinity': -Infinity };

/** A real in decimal or exponent notation, or NaN / Infinity / -Infinity. */
export function parseReal(text: string): number | null {
  const trimmed = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return Number(trimmed);
  return SPECIAL_REALS[trimmed.toLowerCase()] ?? null;
}

export function parseBool(text: string): boolean | null {
  const trimmed = text.trim().toLowerCase();
  return trimmed === 'true' ? true : trimmed === 'false' ? false : null;
}

/** A guid in any .NET form (D, N, B, P); returns the lower-case D form. */
export function parseGuid(text: string): string | null {
  const hex = text.trim().replace(/^\{(.*)\}$/, '$1').replace(/^\((.*)\)$/, '$1');
  const digits = /^[0-9a-f]{32}$/i.test(hex) ? hex
    : /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(hex) ? hex.replace(/-/g, '') : undefined;
  if (digits === undefined) return null;
  const d = digits.toLowerCase();
  return `${d.slice(0, 8)}-${d.slice(8, 12)}-${d.slice(12, 16)}-${d.slice(16, 20)}-${d.slice(20)}`;
}

/** parse_json(): JSON text to a dynamic value; text that is not JSON stays a string. */
export function parseJson(text: string): DynamicValue {
  if (text === '') return null;
  try {
    return JSON.parse(text) as DynamicValue;
  } catch {
    return text;
  }
}

/** Text read as a value of `type` (null when it does not parse). */
export function parseAs(text: string, type: KqlType): Value {
  switch (type) {
    case 'string': return text;
    case 'int': case 'long': return parseInteger(text);
    case 'real': case 'decimal': return parseReal(text);
    case 'bool': return parseBool(text);
    case 'datetime': return parseDatetime(text);
    case 'timespan': return parseTimespan(text);
    case 'guid': return parseGuid(text);
    case 'dynamic': return parseJson(text);
  }
}
