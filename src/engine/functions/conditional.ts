// iff/iif(condition, then, else), case(condition1, value1, ..., else), coalesce(values...).
// A null condition counts as false. coalesce takes the first value that is not null (for
// strings, not empty).
import { DynamicColumn, StringColumn, type Column } from '../data/column';
import { asBoolColumn } from './kernel/coerce';
import { scalar } from './kernel/functions';
import { selectRows } from './kernel/select';
import type { ScalarFunction } from './types';

const iff: ScalarFunction = scalar((args, resultType, rowCount) => {
  const condition = asBoolColumn(args[0], 'iff');
  const pick = new Int32Array(rowCount);
  for (let i = 0; i < rowCount; i++) pick[i] = condition.get(i) === true ? 0 : 1;
  return selectRows(resultType, args.slice(1, 3), pick);
});

const caseFunction: ScalarFunction = scalar((args, resultType, rowCount) => {
  const pairs = (args.length - 1) / 2;
  const conditions = Array.from({ length: pairs }, (_, k) => asBoolColumn(args[2 * k], 'case'));
  const values = [...Array.from({ length: pairs }, (_, k) => args[2 * k + 1]), args[args.length - 1]];
  const pick = new Int32Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    let chosen = pairs;
    for (let k = 0; k < pairs; k++) if (conditions[k].get(i) === true) { chosen = k; break; }
    pick[i] = chosen;
  }
  return selectRows(resultType, values, pick);
});

function present(column: Column, i: number): boolean {
  if (column instanceof StringColumn) return column.codes[i] >= 0 && column.dictionary[column.codes[i]] !== '';
  if (column instanceof DynamicColumn) return column.values[i] !== null;
  return !column.isNull(i);
}

const coalesce: ScalarFunction = scalar((args, resultType, rowCount) => {
  const pick = new Int32Array(rowCount).fill(-1);
  for (let i = 0; i < rowCount; i++) {
    pick[i] = args.findIndex((column) => present(column, i));
  }
  return selectRows(resultType, args, pick);
});

export const conditionalFunctions: Record<string, ScalarFunction> = {
  iff,
  iif: iff,
  case: caseFunction,
  coalesce,
};
