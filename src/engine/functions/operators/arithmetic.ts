// Arithmetic operators + - * / % and unary minus (negate), on numbers, datetimes (µs) and
// timespans (100 ns ticks). Integer (int/long) results follow Kusto: division truncates,
// division or modulo by zero is null, and the modulo is never negative (0 <= N % D < |D|).
// Real results follow IEEE (x / 0.0 is ±Infinity or NaN).
import type { Column, KqlType, NumberColumn } from '../../data/column';
import { MICROS_PER_DAY, TICKS_PER_MICROSECOND } from '../../data/temporal';
import { modSinceYearOne } from '../datetime/calendar';
import { asNumberColumn, conformTo } from '../kernel/coerce';
import { scalar } from '../kernel/functions';
import { checkedInteger, isIntegerType, mapNumbers, mapNumbers2, type NumberFn2 } from '../kernel/numeric';
import { NotSupportedError, type ScalarFunction } from '../types';

type Kind = 'number' | 'datetime' | 'timespan';
type Operator = '+' | '-' | '*' | '/' | '%';

/** How one operator applies to a pair of operand kinds: the result type and the kernel. */
interface Plan {
  type: KqlType;
  fn: NumberFn2;
}

function kindOf(column: Column): Kind {
  return column.type === 'datetime' || column.type === 'timespan' ? column.type : 'number';
}

const ticksToMicros = (ticks: number): number => Math.round(ticks / TICKS_PER_MICROSECOND);

/** Kusto's modulo: 0 <= result < |divisor| (null for an integer divisor of 0). */
function nonNegativeMod(x: number, y: number): number {
  const r = x % y;
  return r < 0 ? r + Math.abs(y) : r + 0; // + 0 turns -0 into 0
}

function numberPlan(op: Operator, resultType: KqlType): Plan {
  const type = resultType === 'dynamic' ? 'real' : resultType;
  if (isIntegerType(type)) {
    switch (op) {
      case '+': return { type, fn: (x, y) => checkedInteger(x + y) };
      case '-': return { type, fn: (x, y) => checkedInteger(x - y) };
      case '*': return { type, fn: (x, y) => checkedInteger(x * y) };
      case '/': return { type, fn: (x, y) => (y === 0 ? null : Math.trunc(x / y) + 0) };
      case '%': return { type, fn: (x, y) => (y === 0 ? null : nonNegativeMod(x, y)) };
    }
  }
  switch (op) {
    case '+': return { type, fn: (x, y) => x + y };
    case '-': return { type, fn: (x, y) => x - y };
    case '*': return { type, fn: (x, y) => x * y };
    case '/': return { type, fn: (x, y) => x / y };
    case '%': return { type, fn: nonNegativeMod };
  }
}

function temporalPlan(op: Operator, left: Kind, right: Kind): Plan | undefined {
  const pair = `${left} ${op} ${right}`;
  switch (pair) {
    case 'datetime + timespan': return { type: 'datetime', fn: (x, y) => x + ticksToMicros(y) };
    case 'timespan + datetime': return { type: 'datetime', fn: (x, y) => ticksToMicros(x) + y };
    case 'datetime - timespan': return { type: 'datetime', fn: (x, y) => x - ticksToMicros(y) };
    case 'datetime - datetime': return { type: 'timespan', fn: (x, y) => (x - y) * TICKS_PER_MICROSECOND };
    case 'timespan + timespan': return { type: 'timespan', fn: (x, y) => x + y };
    case 'timespan - timespan': return { type: 'timespan', fn: (x, y) => x - y };
    case 'timespan * number': return { type: 'timespan', fn: (x, y) => Math.round(x * y) };
    case 'number * timespan': return { type: 'timespan', fn: (x, y) => Math.round(x * y) };
    case 'timespan / number': return { type: 'timespan', fn: (x, y) => (y === 0 ? null : Math.round(x / y)) };
    case 'timespan / timespan': return { type: 'real', fn: (x, y) => x / y };
    case 'timespan % timespan': return { type: 'timespan', fn: (x, y) => (y === 0 ? null : nonNegativeMod(x, y)) };
    case 'datetime % timespan': return { type: 'timespan', fn: datetimeModulo };
    default: return undefined;
  }
}

/** datetime % timespan: the time since the last multiple of the timespan (counted from 0001-01-01). */
function datetimeModulo(micros: number, ticks: number): number | null {
  if (ticks === 0) return null;
  const size = Math.abs(ticks) / TICKS_PER_MICROSECOND;
  // Sizes dividing a day need no alignment; others are aligned as .NET ticks are.
  const r = MICROS_PER_DAY % size === 0 ? nonNegativeMod(micros, size) : modSinceYearOne(micros, size);
  return r * TICKS_PER_MICROSECOND;
}

function arithmetic(op: Operator): ScalarFunction {
  return scalar((args, resultType) => {
    const [left, right] = args;
    const leftKind = kindOf(left);
    const rightKind = kindOf(right);
    const plan = leftKind === 'number' && rightKind === 'number'
      ? numberPlan(op, resultType)
      : temporalPlan(op, leftKind, rightKind);
    if (plan === undefined) throw new NotSupportedError(`${left.type} ${op} ${right.type}`);
    const a = asNumberColumn(left, `operator ${op}`);
    const b = asNumberColumn(right, `operator ${op}`);
    return conformTo(mapNumbers2(a, b, plan.type, plan.fn), resultType);
  });
}

const negate: ScalarFunction = scalar((args, resultType) => {
  const operand: NumberColumn = asNumberColumn(args[0], 'unary minus');
  const type = operand.type === 'timespan' ? 'timespan' : resultType;
  const result = mapNumbers(operand, type, isIntegerType(type) || type === 'timespan' ? (x) => 0 - x : (x) => -x);
  return conformTo(result, resultType);
});

export const arithmeticOperators: Record<string, ScalarFunction> = {
  '+': arithmetic('+'),
  '-': arithmetic('-'),
  '*': arithmetic('*'),
  '/': arithmetic('/'),
  '%': arithmetic('%'),
  negate,
};
