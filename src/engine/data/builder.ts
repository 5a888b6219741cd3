// Builds a column of a given type from boxed values, one at a time. Values must already be of
// the column's representation (numbers for numeric types in their unit, strings, JSON).
import { BoolColumn, DynamicColumn, NumberColumn, StringColumn, type Column, type DynamicValue, type KqlType, type Value } from './column';

export interface ColumnBuilder {
  readonly type: KqlType;
  add(value: Value): void;
  finish(): Column;
}

export function columnBuilder(type: KqlType, capacity = 16): ColumnBuilder {
  switch (type) {
    case 'bool': return new BoolBuilder(capacity);
    case 'string': case 'guid': return new StringBuilder(type);
    case 'dynamic': return new DynamicBuilder();
    default: return new NumberBuilder(type, capacity);
  }
}

/** A column of `length` copies of one value (typed fills, not one add per row). */
export function constantColumn(type: KqlType, value: Value, length: number): Column {
  const isNull = value === null || value === undefined;
  switch (type) {
    case 'bool': case 'int': case 'long': case 'real': case 'decimal': case 'datetime': case 'timespan': {
      if (!isNull && typeof value !== (type === 'bool' ? 'boolean' : 'number')) throw new TypeError(`a ${type} column cannot hold ${JSON.stringify(value)}`);
      const valid = isNull ? new Uint8Array(length) : undefined;
      if (type === 'bool') return new BoolColumn(new Uint8Array(length).fill(value === true ? 1 : 0), valid);
      return new NumberColumn(type, new Float64Array(length).fill(isNull ? 0 : (value as number)), valid);
    }
    case 'string': case 'guid': {
      if (isNull && type === 'guid') return new StringColumn(type, new Int32Array(length).fill(-1), [], true);
      if (!isNull && typeof value !== 'string') throw new TypeError(`a ${type} column cannot hold ${JSON.stringify(value)}`);
      return new StringColumn(type, new Int32Array(length), [isNull ? '' : (value as string)], true);
    }
    default:
      return new DynamicColumn(new Array<DynamicValue>(length).fill(isNull ? null : (value as DynamicValue)));
  }
}

export function columnFromValues(type: KqlType, values: readonly Value[]): Column {
  const builder = columnBuilder(type, values.length);
  for (const value of values) builder.add(value);
  return builder.finish();
}

class NumberBuilder implements ColumnBuilder {
  private data: Float64Array;
  private valid: Uint8Array | undefined;
  private length = 0;
  constructor(readonly type: KqlType, capacity: number) { this.data = new Float64Array(Math.max(capacity, 1)); }

  add(value: Value): void {
    if (this.length === this.data.length) this.grow();
    if (value === null || value === undefined) {
      this.valid ??= new Uint8Array(this.data.length).fill(1, 0, this.length);
      this.valid[this.length] = 0;
    } else {
      if (typeof value !== 'number') throw new TypeError(`a ${this.type} column cannot hold ${JSON.stringify(value)}`);
      this.data[this.length] = value;
      if (this.valid) this.valid[this.length] = 1;
    }
    this.length++;
  }

  private grow(): void {
    const data = new Float64Array(this.data.length * 2);
    data.set(this.data);
    this.data = data;
    if (this.valid) {
      const valid = new Uint8Array(data.length);
      valid.set(this.valid);
      this.valid = valid;
    }
  }

  finish(): NumberColumn {
    return new NumberColumn(this.type, this.data.slice(0, this.length), this.valid?.slice(0, this.length));
  }
}

class BoolBuilder implements ColumnBuilder {
  readonly type = 'bool' as const;
  private data: Uint8Array;
  private valid: Uint8Array | undefined;
  private length = 0;
  constructor(capacity: number) { this.data = new Uint8Array(Math.max(capacity, 1)); }

  add(value: Value): void {
    if (this.length === this.data.length) {
      const data = new Uint8Array(this.data.length * 2);
      data.set(this.data);
      this.data = data;
      if (this.valid) { const valid = new Uint8Array(data.length); valid.set(this.valid); this.valid = valid; }
    }
    if (value === null || value === undefined) {
      this.valid ??= new Uint8Array(this.data.length).fill(1, 0, this.length);
      this.valid[this.length] = 0;
    } else {
      if (typeof value !== 'boolean') throw new TypeError(`a bool column cannot hold ${JSON.stringify(value)}`);
      this.data[this.length] = value ? 1 : 0;
      if (this.valid) this.valid[this.length] = 1;
    }
    this.length++;
  }

  finish(): BoolColumn {
    return new BoolColumn(this.data.slice(0, this.length), this.valid?.slice(0, this.length));
  }
}

class StringBuilder implements ColumnBuilder {
  private readonly codes: number[] = [];
  private readonly dictionary: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(readonly type: 'string' | 'guid') {}

  add(value: Value): void {
    if (value === null || value === undefined) {
      // Kusto strings are never null: a null becomes the empty string.
      if (this.type === 'guid') { this.codes.push(-1); return; }
      value = '';
    }
    if (typeof value !== 'string') throw new TypeError(`a ${this.type} column cannot hold ${JSON.stringify(value)}`);
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(value);
      this.index.set(value, code);
    }
    this.codes.push(code);
  }

  finish(): StringColumn {
    return new StringColumn(this.type, Int32Array.from(this.codes), this.dictionary, true);
  }
}

class DynamicBuilder implements ColumnBuilder {
  readonly type = 'dynamic' as const;
  private readonly values: DynamicValue[] = [];
  add(value: Value): void { this.values.push(value === undefined ? null : (value as DynamicValue)); }
  finish(): DynamicColumn { return new DynamicColumn(this.values); }
}
