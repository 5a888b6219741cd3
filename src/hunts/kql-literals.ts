// KQL literals for validated parameter values. Every value a template puts into a query goes
// through one of these; none is pasted in as raw text.
import { HuntError } from './errors';

const ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A double-quoted KQL string literal; control characters are refused (they have no use here). */
export function kqlString(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) throw new HuntError(`control character in ${JSON.stringify(value)}`);
  return `"${value.replace(/["\\\n\r\t]/g, (c) => ESCAPES[c])}"`;
}

/** `dynamic(["a", "b"])`. */
export function kqlStringArray(values: readonly string[]): string {
  return `dynamic([${values.map(kqlString).join(', ')}])`;
}

/** A KQL real literal, always with a decimal point (3 -> 3.0). */
export function kqlReal(value: number): string {
  if (!Number.isFinite(value)) throw new HuntError(`not a finite number: ${value}`);
  const text = String(value);
  if (/e/i.test(text)) throw new HuntError(`number out of range for a template parameter: ${value}`);
  return Number.isInteger(value) ? `${text}.0` : text;
}

/** A KQL long/int literal. */
export function kqlInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new HuntError(`not a whole number: ${value}`);
  return String(value);
}
