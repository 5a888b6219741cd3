// A dynamic operand meeting a typed one (`Properties.Status == "ok"`, `d.count > 5`): the
// dynamic values are read in the other operand's domain; values that are not of it are null.
import { DynamicColumn, NumberColumn, type DynamicValue, type KqlType } from '../../data/column';
import { parseDatetime, parseTimespan } from '../../data/temporal';
import { dynamicToString } from './values';

/** Strings with nulls: `codes[i]` indexes `dictionary`, -1 is null. A StringColumn fits. */
export interface NullableStrings {
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

export function dynamicAsStrings(column: DynamicColumn): NullableStrings {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(column.length);
  column.values.forEach((value, i) => {
    if (value === null) { codes[i] = -1; return; }
    const text = dynamicToString(value);
    let code = index.get(text);
    if (code === undefined) { code = dictionary.length; dictionary.push(text); index.set(text, code); }
    codes[i] = code;
  });
  return { codes, dictionary };
}

/** The number a dynamic value stands for in a column of `type` (int/long/real, datetime, timespan). */
export function dynamicToNumber(value: DynamicValue, type: KqlType): number | null {
  if (type === 'datetime') return typeof value === 'string' ? parseDatetime(value) : null;
  if (type === 'timespan') return typeof value === 'string' ? parseTimespan(value) : null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

export function dynamicAsNumbers(column: DynamicColumn, type: KqlType): NumberColumn {
  const data = new Float64Array(column.length);
  let valid: Uint8Array | undefined;
  column.values.forEach((value, i) => {
    const n = dynamicToNumber(value, type);
    if (n === null) (valid ??= new Uint8Array(column.length).fill(1))[i] = 0;
    else data[i] = n;
  });
  return new NumberColumn(type, data, valid);
}
