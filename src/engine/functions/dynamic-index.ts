// Dynamic element access for the executor: x.key, x["key"], x[0] (a negative index counts from
// the end). A missing key, an index out of range, or a key of the wrong kind gives null.
import { DynamicColumn, type Column, type DynamicValue, type Value } from '../data/column';
import { constantValue } from './kernel/constant';
import { isArray, isBag } from './kernel/values';
import { NotSupportedError } from './types';

export function elementAt(value: DynamicValue, key: Value): DynamicValue {
  if (typeof key === 'string') return isBag(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : null;
  if (typeof key === 'number' && Number.isInteger(key) && isArray(value)) return value[key < 0 ? value.length + key : key] ?? null;
  return null;
}

/** The column of `column[key]` per row; `key` is a constant or a column of keys. */
export function dynamicIndex(column: Column, key: string | number | Column): DynamicColumn {
  if (!(column instanceof DynamicColumn)) throw new NotSupportedError(`element access on a ${column.type} value`);
  if (typeof key === 'string' || typeof key === 'number') {
    const constant = constantValue(column);
    if (constant !== undefined) return new DynamicColumn(new Array<DynamicValue>(column.length).fill(elementAt(constant.value as DynamicValue, key)));
    return new DynamicColumn(column.values.map((value) => elementAt(value, key)));
  }
  return new DynamicColumn(column.values.map((value, i) => elementAt(value, key.get(i))));
}
