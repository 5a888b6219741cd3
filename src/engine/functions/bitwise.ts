// Bitwise functions on 64-bit integers (computed with BigInt, so beyond 32 bits):
// binary_and, binary_or, binary_xor, binary_not, binary_shift_left, binary_shift_right,
// bitset_count_ones, tohex. A result a double cannot hold exactly is refused.
import type { Value } from '../data/column';
import { rowFunction } from './kernel/functions';
import { NotSupportedError, type ScalarFunction } from './types';

function toBig(value: Value): bigint | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : null;
}

function fromBig(value: bigint, name: string): number {
  const signed = BigInt.asIntN(64, value);
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new NotSupportedError(`${name}() with a result beyond ±2^53`);
  }
  return Number(signed);
}

function bitwise(name: string, fn: (...args: bigint[]) => bigint): ScalarFunction {
  return rowFunction((values) => {
    const bigs = values.map(toBig);
    if (bigs.some((b) => b === null)) return null;
    return fromBig(fn(...(bigs as bigint[])), name);
  });
}

function countOnes(value: bigint): number {
  let bits = BigInt.asUintN(64, value);
  let count = 0;
  for (; bits > 0n; bits >>= 1n) count += Number(bits & 1n);
  return count;
}

/** tohex(value [, minLength]): lower-case hex; negative values in two's complement of their width (int 32, long 64 bits). */
const tohex = rowFunction(([value, minLength], types) => {
  const big = toBig(value);
  if (big === null) return null;
  const hex = BigInt.asUintN(types[0] === 'int' ? 32 : 64, big).toString(16);
  return typeof minLength === 'number' ? hex.padStart(Math.min(minLength, 16), '0') : hex;
});

export const bitwiseFunctions: Record<string, ScalarFunction> = {
  binary_and: bitwise('binary_and', (a, b) => a & b),
  binary_or: bitwise('binary_or', (a, b) => a | b),
  binary_xor: bitwise('binary_xor', (a, b) => a ^ b),
  binary_not: bitwise('binary_not', (a) => ~a),
  binary_shift_left: bitwise('binary_shift_left', (a, n) => BigInt.asIntN(64, a << n)),
  binary_shift_right: bitwise('binary_shift_right', (a, n) => a >> n),
  bitset_count_ones: rowFunction(([value]) => {
    const big = toBig(value);
    return big === null ? null : countOnes(big);
  }),
  tohex,
};
