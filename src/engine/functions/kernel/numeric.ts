// Numeric kernels over Float64Array columns with null propagation: a null operand gives a
// null result, and `fn` may itself return null (for example an integer division by zero).
import { NumberColumn, type KqlType } from '../../data/column';
import { NotSupportedError } from '../types';

export type NumberFn1 = (x: number) => number | null;
export type NumberFn2 = (x: number, y: number) => number | null;

export function mapNumbers(a: NumberColumn, type: KqlType, fn: NumberFn1): NumberColumn {
  const n = a.length;
  const { data: ad, valid: av } = a;
  const data = new Float64Array(n);
  let valid: Uint8Array | undefined;
  for (let i = 0; i < n; i++) {
    const r = av === undefined || av[i] === 1 ? fn(ad[i]) : null;
    if (r === null) (valid ??= new Uint8Array(n).fill(1))[i] = 0;
    else data[i] = r;
  }
  return new NumberColumn(type, data, valid);
}

export function mapNumbers2(a: NumberColumn, b: NumberColumn, type: KqlType, fn: NumberFn2): NumberColumn {
  const n = a.length;
  const { data: ad, valid: av } = a;
  const { data: bd, valid: bv } = b;
  const data = new Float64Array(n);
  let valid: Uint8Array | undefined;
  for (let i = 0; i < n; i++) {
    const present = (av === undefined || av[i] === 1) && (bv === undefined || bv[i] === 1);
    const r = present ? fn(ad[i], bd[i]) : null;
    if (r === null) (valid ??= new Uint8Array(n).fill(1))[i] = 0;
    else data[i] = r;
  }
  return new NumberColumn(type, data, valid);
}

/** Longs are held in doubles: refuse results that are no longer exact. */
export function checkedInteger(x: number): number {
  if (x > Number.MAX_SAFE_INTEGER || x < -Number.MAX_SAFE_INTEGER) {
    throw new NotSupportedError('long arithmetic beyond ±2^53');
  }
  return x;
}

export function isIntegerType(type: KqlType): boolean {
  return type === 'int' || type === 'long';
}
