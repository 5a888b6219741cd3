// between / !between (args: value, low, high), inclusive at both ends, on numbers, datetimes
// and timespans. For a datetime value the high bound may be a timespan: `between (t0 .. 1d)`
// means t0 <= value <= t0 + 1d. A null anywhere gives null.
import { DynamicColumn, NumberColumn, type Column } from '../../data/column';
import { TICKS_PER_MICROSECOND } from '../../data/temporal';
import { asNumberColumn } from '../kernel/coerce';
import { dynamicAsNumbers } from '../kernel/dynamic-operand';
import { scalar } from '../kernel/functions';
import { BoolOut } from '../kernel/out';
import { NotSupportedError, type ScalarFunction } from '../types';

function operand(column: Column, valueType: Column['type'], what: string): NumberColumn {
  if (column instanceof DynamicColumn) return dynamicAsNumbers(column, valueType);
  if (column.type === 'string' || column.type === 'guid') throw new NotSupportedError(`${what} on strings`);
  return asNumberColumn(column, what);
}

function between(negate: boolean): ScalarFunction {
  const what = negate ? '!between' : 'between';
  return scalar((args) => {
    const value = operand(args[0], args[1].type, what);
    const low = operand(args[1], args[0].type, what);
    const high = operand(args[2], args[0].type, what);
    const highIsLength = value.type === 'datetime' && high.type === 'timespan';
    const out = new BoolOut(value.length);
    for (let i = 0; i < value.length; i++) {
      if (value.isNull(i) || low.isNull(i) || high.isNull(i)) { out.setNull(i); continue; }
      const x = value.data[i];
      const lo = low.data[i];
      const hi = highIsLength ? lo + high.data[i] / TICKS_PER_MICROSECOND : high.data[i];
      out.data[i] = (x >= lo && x <= hi) !== negate ? 1 : 0;
    }
    return out.finish();
  });
}

export const betweenOperators: Record<string, ScalarFunction> = {
  between: between(false),
  '!between': between(true),
};
