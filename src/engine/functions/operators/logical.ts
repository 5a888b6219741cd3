// Logical operators with three-valued logic: `and` is false if either side is false, true if
// both are true, null otherwise; `or` is true if either side is true, false if both are false,
// null otherwise; `not` of null is null. `not` is also the function not().
import { BoolColumn } from '../../data/column';
import { asBoolColumn } from '../kernel/coerce';
import { scalar } from '../kernel/functions';
import { BoolOut } from '../kernel/out';
import type { ScalarFunction } from '../types';

/** 1 true, 0 false, -1 null. */
function state(column: BoolColumn, i: number): number {
  return column.valid !== undefined && column.valid[i] === 0 ? -1 : column.data[i];
}

function connective(dominant: 0 | 1): ScalarFunction {
  return scalar((args) => {
    const a = asBoolColumn(args[0], dominant === 0 ? 'and' : 'or');
    const b = asBoolColumn(args[1], dominant === 0 ? 'and' : 'or');
    if (a.valid === undefined && b.valid === undefined) return withoutNulls(a.data, b.data, dominant);
    const out = new BoolOut(a.length);
    for (let i = 0; i < a.length; i++) {
      const x = state(a, i);
      const y = state(b, i);
      if (x === dominant || y === dominant) out.data[i] = dominant;
      else if (x === -1 || y === -1) out.setNull(i);
      else out.data[i] = 1 - dominant;
    }
    return out.finish();
  });
}

function withoutNulls(a: Uint8Array, b: Uint8Array, dominant: 0 | 1): BoolColumn {
  const out = new Uint8Array(a.length);
  if (dominant === 0) for (let i = 0; i < out.length; i++) out[i] = a[i] & b[i];
  else for (let i = 0; i < out.length; i++) out[i] = a[i] | b[i];
  return new BoolColumn(out);
}

const not: ScalarFunction = scalar((args) => {
  const a = asBoolColumn(args[0], 'not');
  const out = new BoolOut(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = state(a, i);
    if (x === -1) out.setNull(i);
    else out.data[i] = 1 - x;
  }
  return out.finish();
});

export const logicalOperators: Record<string, ScalarFunction> = {
  and: connective(0),
  or: connective(1),
  not,
};
