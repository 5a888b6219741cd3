// Comparison operators == != < <= > >=. Null rules (Kusto's null-values page): `==` of two
// nulls is null and of a null and a value false; `!=` of two nulls is null and of a null and
// a value true; the ordering operators give null when either side is null. Strings compare
// ordinally and case-sensitively (guids case-insensitively); numbers across int/long/real.
import { BoolColumn, DynamicColumn, NumberColumn, StringColumn, type Column } from '../../data/column';
import { asBoolColumn, asNumberColumn } from '../kernel/coerce';
import { dynamicAsNumbers, dynamicAsStrings, type NullableStrings } from '../kernel/dynamic-operand';
import { scalar } from '../kernel/functions';
import { BoolOut } from '../kernel/out';
import { dynamicKey } from '../kernel/values';
import { NotSupportedError, type ScalarFunction } from '../types';

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';
type Test = (order: number) => boolean;

const TESTS: Record<ComparisonOperator, Test> = {
  '==': (o) => o === 0, '!=': (o) => o !== 0,
  '<': (o) => o < 0, '<=': (o) => o <= 0, '>': (o) => o > 0, '>=': (o) => o >= 0,
};

/** The result when one or both sides are null. */
export function nullComparison(op: ComparisonOperator, leftNull: boolean, rightNull: boolean): boolean | null {
  if (leftNull && rightNull) return null;
  if (op === '==') return false;
  if (op === '!=') return true;
  return null;
}

/** -1, 0, 1, or NaN when unordered (NaN operands). */
function order(x: number | string | boolean, y: number | string | boolean): number {
  if (x === y) return 0;
  if (x < y) return -1;
  if (x > y) return 1;
  return NaN;
}

/** Results of `x op y` when x < y, x == y, x > y, and when unordered (a NaN), as 0/1. */
const OUTCOMES: Record<ComparisonOperator, readonly [number, number, number, number]> = {
  '==': [0, 1, 0, 0], '!=': [1, 0, 1, 1],
  '<': [1, 0, 0, 0], '<=': [1, 1, 0, 0], '>': [0, 0, 1, 0], '>=': [0, 1, 1, 0],
};

/** The operator with its sides swapped: `c < x` is `x > c`. */
export const MIRRORED: Record<ComparisonOperator, ComparisonOperator> = {
  '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=',
};

export function isComparisonOperator(name: string): name is ComparisonOperator {
  return Object.hasOwn(OUTCOMES, name);
}

function compareNumbers(a: NumberColumn, b: NumberColumn, op: ComparisonOperator): BoolColumn {
  const [lt, eq, gt, unordered] = OUTCOMES[op];
  const out = new BoolOut(a.length);
  const { data: ad, valid: av } = a;
  const { data: bd, valid: bv } = b;
  for (let i = 0; i < ad.length; i++) {
    const leftNull = av !== undefined && av[i] === 0;
    const rightNull = bv !== undefined && bv[i] === 0;
    if (leftNull || rightNull) { out.set(i, nullComparison(op, leftNull, rightNull)); continue; }
    const x = ad[i];
    const y = bd[i];
    out.data[i] = x < y ? lt : x > y ? gt : x === y ? eq : unordered;
  }
  return out.finish();
}

/**
 * `column op constant` for a numeric column and a number (or null): one pass over the column,
 * without building a column of repeated constants.
 */
export function compareToConstant(column: NumberColumn, constant: number | null, op: ComparisonOperator): BoolColumn {
  const out = new BoolOut(column.length);
  const { data, valid } = column;
  if (constant === null) {
    for (let i = 0; i < data.length; i++) out.set(i, nullComparison(op, valid !== undefined && valid[i] === 0, true));
    return out.finish();
  }
  const result = out.data;
  // JavaScript's own operators already give Kusto's answer for a NaN (false, true for !=).
  const n = data.length;
  switch (op) {
    case '==': for (let i = 0; i < n; i++) result[i] = data[i] === constant ? 1 : 0; break;
    case '!=': for (let i = 0; i < n; i++) result[i] = data[i] !== constant ? 1 : 0; break;
    case '<': for (let i = 0; i < n; i++) result[i] = data[i] < constant ? 1 : 0; break;
    case '<=': for (let i = 0; i < n; i++) result[i] = data[i] <= constant ? 1 : 0; break;
    case '>': for (let i = 0; i < n; i++) result[i] = data[i] > constant ? 1 : 0; break;
    case '>=': for (let i = 0; i < n; i++) result[i] = data[i] >= constant ? 1 : 0; break;
  }
  if (valid === undefined) return out.finish();
  const nullResult = nullComparison(op, true, false);
  for (let i = 0; i < n; i++) {
    if (valid[i] === 0) { result[i] = 0; out.set(i, nullResult); }
  }
  return out.finish();
}

function compareStrings(a: NullableStrings, b: NullableStrings, op: ComparisonOperator, fold: boolean): BoolColumn {
  const test = TESTS[op];
  const left = fold ? a.dictionary.map((s) => s.toLowerCase()) : a.dictionary;
  const right = fold ? b.dictionary.map((s) => s.toLowerCase()) : b.dictionary;
  const out = new BoolOut(a.codes.length);
  // A constant right operand (the usual literal): one test per left dictionary entry.
  const constant = right.length === 1 && b.codes.every((code) => code === 0);
  const table = constant ? left.map((s) => (test(order(s, right[0])) ? 1 : 0)) : undefined;
  for (let i = 0; i < a.codes.length; i++) {
    const x = a.codes[i];
    const y = b.codes[i];
    if (x < 0 || y < 0) out.set(i, nullComparison(op, x < 0, y < 0));
    else out.data[i] = table !== undefined ? table[x] : test(order(left[x], right[y])) ? 1 : 0;
  }
  return out.finish();
}

function compareDynamics(a: DynamicColumn, b: DynamicColumn, op: ComparisonOperator): BoolColumn {
  const test = TESTS[op];
  const out = new BoolOut(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a.values[i];
    const y = b.values[i];
    if (x === null || y === null) { out.set(i, nullComparison(op, x === null, y === null)); continue; }
    const kx = dynamicKey(x);
    const ky = dynamicKey(y);
    const ordered = op === '==' || op === '!=' || (typeof x === typeof y && typeof x !== 'object');
    out.set(i, ordered ? test(op === '==' || op === '!=' ? (kx === ky ? 0 : 1) : order(kx!, ky!)) : null);
  }
  return out.finish();
}

function asStrings(column: Column, what: string): NullableStrings {
  if (column instanceof StringColumn) return column;
  if (column instanceof DynamicColumn) return dynamicAsStrings(column);
  throw new NotSupportedError(`${what} between a string and a ${column.type}`);
}

export function compare(left: Column, right: Column, op: ComparisonOperator): BoolColumn {
  const what = `operator ${op}`;
  if (left instanceof DynamicColumn && right instanceof DynamicColumn) return compareDynamics(left, right, op);
  if (left instanceof StringColumn || right instanceof StringColumn) {
    const fold = left.type === 'guid' || right.type === 'guid';
    return compareStrings(asStrings(left, what), asStrings(right, what), op, fold);
  }
  if (left instanceof BoolColumn || right instanceof BoolColumn) {
    const a = asNumberColumn(asBoolColumn(left, what), what);
    return compareNumbers(a, asNumberColumn(asBoolColumn(right, what), what), op);
  }
  const a = left instanceof DynamicColumn ? dynamicAsNumbers(left, right.type) : asNumberColumn(left, what);
  const b = right instanceof DynamicColumn ? dynamicAsNumbers(right, left.type) : asNumberColumn(right, what);
  return compareNumbers(a, b, op);
}

function comparison(op: ComparisonOperator): ScalarFunction {
  return scalar((args) => compare(args[0], args[1], op));
}

export const comparisonOperators: Record<string, ScalarFunction> = {
  '==': comparison('=='),
  '!=': comparison('!='),
  '<': comparison('<'),
  '<=': comparison('<='),
  '>': comparison('>'),
  '>=': comparison('>='),
};
