// isnull, isnotnull, isempty, isnotempty. Strings are never null (isnull("") is false);
// isempty is true for a null or an empty string.
import { DynamicColumn, StringColumn, type Column } from '../data/column';
import { scalar } from './kernel/functions';
import { BoolOut } from './kernel/out';
import { dynamicToString } from './kernel/values';
import type { ScalarFunction } from './types';

function isNull(column: Column, i: number): boolean {
  return column.type === 'string' ? false : column.isNull(i);
}

function isEmpty(column: Column, i: number): boolean {
  if (column instanceof StringColumn) return column.codes[i] < 0 || column.dictionary[column.codes[i]] === '';
  if (column instanceof DynamicColumn) return dynamicToString(column.values[i]) === '';
  return column.isNull(i);
}

function test(fn: (column: Column, i: number) => boolean, negate: boolean): ScalarFunction {
  return scalar((args) => {
    const column = args[0];
    const out = new BoolOut(column.length);
    for (let i = 0; i < column.length; i++) out.data[i] = fn(column, i) !== negate ? 1 : 0;
    return out.finish();
  });
}

export const nullFunctions: Record<string, ScalarFunction> = {
  isnull: test(isNull, false),
  isnotnull: test(isNull, true),
  isempty: test(isEmpty, false),
  isnotempty: test(isEmpty, true),
};
