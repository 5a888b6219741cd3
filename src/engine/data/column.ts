// Column-wise storage of KQL values (Arquero-style). Every column has one Kusto type and a
// physical layout chosen for it:
//   bool                               Uint8Array 0/1           + validity
//   int, long, real, decimal           Float64Array             + validity
//   datetime                           Float64Array, microseconds since 1970-01-01 (exact in a double)
//   timespan                           Float64Array, 100 ns ticks (exact up to ±28 years)
//   string, guid                       dictionary codes Int32Array + string[]; guid null = code -1
//   dynamic                            JSON values (null, boolean, number, string, arrays, objects)
// Kusto strings are never null (an empty string stands for "no value"); other types are
// nullable. `long` is held in a double: exact to ±2^53, which the engine checks on input.
import type { KustoType } from '../../kql/schema';

export type KqlType = KustoType;

/** A JSON-compatible value held by a dynamic column. */
export type DynamicValue = null | boolean | number | string | DynamicValue[] | { [key: string]: DynamicValue };

/** One value, boxed; the column's type tells how to read a number (datetime, timespan ...). */
export type Value = null | boolean | number | string | DynamicValue;

export const NUMERIC_TYPES: ReadonlySet<KqlType> = new Set(['int', 'long', 'real', 'decimal', 'datetime', 'timespan']);

export type Column = NumberColumn | BoolColumn | StringColumn | DynamicColumn;

interface ColumnBase {
  readonly type: KqlType;
  readonly length: number;
  /** The boxed value at row i (null for a null). For hot loops use the typed arrays. */
  get(i: number): Value;
}

/** Validity: undefined means no nulls; otherwise valid[i] is 1 for a value, 0 for null. */
export type Validity = Uint8Array | undefined;

export class NumberColumn implements ColumnBase {
  constructor(readonly type: KqlType, readonly data: Float64Array, readonly valid: Validity = undefined) {}
  get length(): number { return this.data.length; }
  isNull(i: number): boolean { return this.valid !== undefined && this.valid[i] === 0; }
  get(i: number): number | null { return this.isNull(i) ? null : this.data[i]; }
}

export class BoolColumn implements ColumnBase {
  readonly type = 'bool' as const;
  constructor(readonly data: Uint8Array, readonly valid: Validity = undefined) {}
  get length(): number { return this.data.length; }
  isNull(i: number): boolean { return this.valid !== undefined && this.valid[i] === 0; }
  get(i: number): boolean | null { return this.isNull(i) ? null : this.data[i] === 1; }
}

export class StringColumn implements ColumnBase {
  /**
   * `codes[i]` indexes `dictionary`; -1 is null (guid only). A dictionary may hold a string
   * twice (e.g. after tolower()); `uniqueDictionary` says it does not, so equal codes are
   * exactly equal strings and grouping need not compare the strings.
   */
  constructor(
    readonly type: 'string' | 'guid',
    readonly codes: Int32Array,
    readonly dictionary: readonly string[],
    readonly uniqueDictionary = false,
  ) {}
  get length(): number { return this.codes.length; }
  isNull(i: number): boolean { return this.codes[i] < 0; }
  get(i: number): string | null {
    const code = this.codes[i];
    return code < 0 ? (this.type === 'string' ? '' : null) : this.dictionary[code];
  }
}

export class DynamicColumn implements ColumnBase {
  readonly type = 'dynamic' as const;
  constructor(readonly values: readonly DynamicValue[]) {}
  get length(): number { return this.values.length; }
  isNull(i: number): boolean { return this.values[i] === null; }
  get(i: number): DynamicValue { return this.values[i]; }
}

export function isNullAt(column: Column, i: number): boolean {
  return column.isNull(i);
}
