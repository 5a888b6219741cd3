// Where decoded Parquet values land: one sink per column, filling preallocated engine layouts
// (Float64Array + validity, Uint8Array, dictionary codes, JSON values) at a row offset, in
// whatever order hyparquet delivers the chunks.
import type { DecodedArray, ParquetParsers } from 'hyparquet';
import { BoolColumn, DynamicColumn, NumberColumn, StringColumn, type Column, type DynamicValue, type Value } from '../engine/data/column';
import { columnFromValues } from '../engine/data/builder';
import { MICROS_PER_DAY } from '../engine/data/temporal';
import type { KustoType } from '../kql/schema';
import { errorMessage } from './errors';
import type { ColumnReading } from './parquet-types';
import { ConversionError, coerce, plainValue, toDynamic } from './values';

/** Timestamps and dates come out as microseconds, the engine's datetime unit. */
export const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (v: bigint) => (v == null ? null : Number(v) * 1000),
  timestampFromMicroseconds: (v: bigint) => (v == null ? null : Number(v)),
  timestampFromNanoseconds: (v: bigint) => (v == null ? null : Number(v / 1000n)),
  dateFromDays: (days: number) => (days == null ? null : days * MICROS_PER_DAY),
};

/**
 * The strings met while reading one table. For our own part files the string parser hands
 * hyparquet a code into this table instead of a string: hyparquet calls it once per entry of
 * a row group's dictionary page and copies the codes to the rows, so rows cost no string
 * lookup at all. Entries are not deduplicated across row groups and parts while reading; each
 * column's dictionary is compacted and deduplicated at the end.
 */
export class SharedStrings {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly decoder = new TextDecoder();

  /** The code of a string that arrives as a string (imports, converted columns): deduplicated. */
  code(value: string): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.strings.push(value) - 1;
      this.index.set(value, code);
    }
    return code;
  }

  readonly parsers: Partial<ParquetParsers> = {
    ...PARSERS,
    stringFromBytes: (bytes: Uint8Array) => (bytes == null ? null : this.strings.push(this.decoder.decode(bytes)) - 1),
  };
}

export interface Sink {
  put(data: DecodedArray, at: number, reading: ColumnReading, base: number): void;
  flush?(base: number, rows: number): void;
  finish(): Column;
}

export function makeSink(type: KustoType, rows: number, shared: SharedStrings): Sink {
  switch (type) {
    case 'bool': return new BoolSink(rows);
    case 'string': case 'guid': return new StringSink(type, rows, shared);
    case 'dynamic': return new DynamicSink(rows, shared);
    default: return new NumberSink(type, rows);
  }
}

class NumberSink implements Sink {
  private readonly data: Float64Array;
  private valid: Uint8Array | undefined;
  constructor(private readonly type: KustoType, private readonly rows: number) { this.data = new Float64Array(rows); }

  put(values: DecodedArray, at: number, reading: ColumnReading): void {
    const { data } = this;
    const n = values.length;
    if (values instanceof Float64Array || values instanceof Int32Array || values instanceof Float32Array || values instanceof Uint32Array) {
      data.set(values, at);
    } else {
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v === null || v === undefined) { this.nullAt(at + i); continue; }
        data[at + i] = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? Number(v) : NaN;
      }
    }
    if (reading.scale !== undefined) {
      for (let i = at; i < at + n; i++) data[i] = Math.round(data[i] * reading.scale);
    }
  }

  private nullAt(i: number): void {
    this.valid ??= new Uint8Array(this.rows).fill(1);
    this.valid[i] = 0;
  }

  finish(): NumberColumn { return new NumberColumn(this.type, this.data, this.valid); }
}

class BoolSink implements Sink {
  private readonly data: Uint8Array;
  private valid: Uint8Array | undefined;
  constructor(private readonly rows: number) { this.data = new Uint8Array(rows); }

  put(values: DecodedArray, at: number): void {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) {
        this.valid ??= new Uint8Array(this.rows).fill(1);
        this.valid[at + i] = 0;
      } else {
        this.data[at + i] = v ? 1 : 0;
      }
    }
  }

  finish(): BoolColumn { return new BoolColumn(this.data, this.valid); }
}

/** Holds codes into the shared strings while reading; finish() compacts the column's own dictionary. */
class StringSink implements Sink {
  private readonly codes: Int32Array;
  constructor(private readonly type: 'string' | 'guid', rows: number, private readonly shared: SharedStrings) { this.codes = new Int32Array(rows); }

  put(values: DecodedArray, at: number, reading: ColumnReading): void {
    const { codes, shared } = this;
    if (reading.codes && values instanceof Int32Array) { codes.set(values, at); return; }
    const nullCode = this.type === 'guid' ? -1 : shared.code('');
    for (let i = 0; i < values.length; i++) {
      const v: unknown = values[i];
      if (v === null || v === undefined) codes[at + i] = nullCode;
      else if (typeof v === 'number' && reading.codes) codes[at + i] = v;
      else if (typeof v === 'string') codes[at + i] = shared.code(v);
      else codes[at + i] = shared.code(v instanceof Uint8Array ? Buffer.from(v).toString('hex') : String(v));
    }
  }

  finish(): StringColumn {
    const { codes } = this;
    const strings = this.shared.strings;
    const local = new Int32Array(strings.length).fill(-1);
    const dictionary: string[] = [];
    // Deduplicated by value: each part and row group brings its own copy of a string, and
    // every per-entry kernel (functions, grouping, sorting) costs dictionary size, not rows.
    const byValue = new Map<string, number>();
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      if (code < 0) continue;
      let mapped = local[code];
      if (mapped < 0) {
        const value = strings[code];
        mapped = byValue.get(value) ?? -1;
        if (mapped < 0) {
          mapped = dictionary.push(value) - 1;
          byValue.set(value, mapped);
        }
        local[code] = mapped;
      }
      codes[i] = mapped;
    }
    return new StringColumn(this.type, codes, dictionary, true);
  }
}

class DynamicSink implements Sink {
  private readonly values: DynamicValue[];
  constructor(rows: number, private readonly shared: SharedStrings) { this.values = new Array<DynamicValue>(rows).fill(null); }

  put(values: DecodedArray, at: number, reading: ColumnReading, base: number): void {
    for (let i = 0; i < values.length; i++) {
      let v: unknown = values[i];
      if (v === null || v === undefined) continue;
      if (reading.codes && typeof v === 'number') v = this.shared.strings[v];
      if (reading.jsonText && typeof v === 'string') {
        try {
          this.values[at + i] = JSON.parse(v) as DynamicValue;
        } catch (error) {
          throw new ConversionError(`row ${at + i - base}: not valid JSON (${errorMessage(error)})`);
        }
      } else {
        this.values[at + i] = toDynamic(v);
      }
    }
  }

  finish(): DynamicColumn { return new DynamicColumn(this.values); }
}

/** Reads a file's column as its own type into a scratch column, then converts it value by value. */
export class ConvertingSink implements Sink {
  constructor(private readonly scratch: Sink, private readonly target: Sink, private readonly from: KustoType, private readonly to: KustoType) {}

  put(values: DecodedArray, at: number, reading: ColumnReading, base: number): void {
    this.scratch.put(values, at - base, reading, 0);
  }

  flush(base: number, rows: number): void {
    const column = this.scratch.finish();
    const converted: Value[] = new Array(rows);
    for (let i = 0; i < rows; i++) {
      try {
        converted[i] = coerce(plainValue(column.get(i), this.from), this.to);
      } catch (error) {
        if (error instanceof ConversionError) throw new ConversionError(`row ${i}: ${error.message}`);
        throw error;
      }
    }
    const result = columnFromValues(this.to, converted);
    const values: unknown[] = new Array(rows);
    for (let i = 0; i < rows; i++) values[i] = result.get(i);
    this.target.put(values, base, {} as ColumnReading, base);
  }

  finish(): Column { return this.target.finish(); }
}
