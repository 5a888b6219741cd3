// Coercions between column layouts, used where Kusto converts an argument implicitly (a
// dynamic value compared with a string, strcat of numbers ...) and to make a kernel's output
// carry exactly the result type Kusto.Language computed.
import { BoolColumn, DynamicColumn, NumberColumn, StringColumn, type Column, type DynamicValue, type KqlType } from '../../data/column';
import { NotSupportedError } from '../types';
import { gatherByCodes } from './dictionary';
import { buildRows } from './rowwise';
import { toDynamicValue, valueToString } from './values';

const PLAIN_NUMBER_TYPES: ReadonlySet<KqlType> = new Set(['int', 'long', 'real', 'decimal']);

/** The column as a string column (type 'string'), converting values as tostring() does. */
export function asStringColumn(column: Column): StringColumn {
  if (column instanceof StringColumn) {
    if (column.type === 'string') return column;
    return gatherByCodes('string', column.codes, column.dictionary) as StringColumn; // guid: null -> ''
  }
  return buildRows('string', column.length, (i) => valueToString(column.get(i), column.type)) as StringColumn;
}

/**
 * The column as numbers. bool becomes 0/1; a dynamic value that is a JSON number keeps it and
 * anything else becomes null. Strings are not numbers (Kusto requires an explicit to*()).
 */
export function asNumberColumn(column: Column, what: string): NumberColumn {
  if (column instanceof NumberColumn) return column;
  if (column instanceof BoolColumn) return new NumberColumn('long', Float64Array.from(column.data), column.valid);
  if (column instanceof DynamicColumn) {
    const data = new Float64Array(column.length);
    let valid: Uint8Array | undefined;
    column.values.forEach((value, i) => {
      if (typeof value === 'number') data[i] = value;
      else (valid ??= new Uint8Array(column.length).fill(1))[i] = 0;
    });
    return new NumberColumn('real', data, valid);
  }
  throw new NotSupportedError(`${what} with a ${column.type} operand`);
}

/** The column as booleans; a dynamic value that is a JSON boolean keeps it, anything else is null. */
export function asBoolColumn(column: Column, what: string): BoolColumn {
  if (column instanceof BoolColumn) return column;
  if (column instanceof DynamicColumn) {
    const data = new Uint8Array(column.length);
    let valid: Uint8Array | undefined;
    column.values.forEach((value, i) => {
      if (typeof value === 'boolean') data[i] = value ? 1 : 0;
      else (valid ??= new Uint8Array(column.length).fill(1))[i] = 0;
    });
    return new BoolColumn(data, valid);
  }
  throw new NotSupportedError(`${what} with a ${column.type} operand`);
}

/** Every row boxed as a dynamic value (datetime and timespan as their text forms). */
export function asDynamicValues(column: Column): DynamicValue[] {
  if (column instanceof DynamicColumn) return column.values as DynamicValue[];
  return Array.from({ length: column.length }, (_, i) => toDynamicValue(column.get(i), column.type));
}

/**
 * The column with exactly type `type`: int/long/real/decimal are relabelled (real to an
 * integer type truncates), anything can become a string or dynamic; other changes are not
 * implicit in Kusto and are refused.
 */
export function conformTo(column: Column, type: KqlType): Column {
  if (column.type === type) return column;
  if (column instanceof NumberColumn && PLAIN_NUMBER_TYPES.has(type) && PLAIN_NUMBER_TYPES.has(column.type)) {
    const truncate = (type === 'int' || type === 'long') && (column.type === 'real' || column.type === 'decimal');
    return new NumberColumn(type, truncate ? column.data.map(Math.trunc) : column.data, column.valid);
  }
  if (column instanceof BoolColumn && PLAIN_NUMBER_TYPES.has(type)) return conformTo(asNumberColumn(column, 'conversion'), type);
  if (type === 'string') return asStringColumn(column);
  if (type === 'dynamic') return new DynamicColumn(asDynamicValues(column));
  throw new NotSupportedError(`a ${type} result computed as ${column.type}`);
}
