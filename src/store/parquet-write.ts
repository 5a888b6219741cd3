// An engine Table to the bytes of one Parquet file (the layout of parquet-types.ts).
import { parquetWriteBuffer, type ColumnSource, type SchemaElement } from 'hyparquet-writer';
import { BoolColumn, DynamicColumn, NumberColumn, StringColumn, type Column } from '../engine/data/column';
import type { Table } from '../engine/data/table';
import { StoreError } from './errors';
import { KUSTO_COLUMNS_KEY, parquetElement } from './parquet-types';

export const ROW_GROUP_SIZE = 100_000;

/** Encodes `table`; `where` names the destination in error messages. */
export function encodeParquet(table: Table, where: string): Uint8Array {
  const schema: SchemaElement[] = [{ name: 'root', num_children: table.names.length }];
  const columnData: ColumnSource[] = [];
  table.names.forEach((name, i) => {
    const column = table.columns[i];
    schema.push(parquetElement(name, column.type));
    // Strings are always dictionary-encoded: a reader then decodes each distinct value once per
    // row group, and the engine's own dictionary is built from shared strings. Min/max
    // statistics (row-group pruning in other tools) are kept for numbers, booleans and
    // datetimes, where they pay; for text they cost more to write than they save.
    const text = column.type === 'string' || column.type === 'guid' || column.type === 'dynamic';
    columnData.push({
      name,
      data: physicalValues(column, `${where}: column ${name}`),
      statistics: !text,
      ...(text && column.type !== 'dynamic' ? { encoding: 'RLE_DICTIONARY' as const } : {}),
    });
  });
  const buffer = parquetWriteBuffer({
    columnData,
    schema,
    rowGroupSize: ROW_GROUP_SIZE,
    createdBy: 'sentinel-hunt',
    kvMetadata: [{ key: KUSTO_COLUMNS_KEY, value: JSON.stringify(table.schema) }],
  });
  return new Uint8Array(buffer);
}

type Physical = ColumnSource['data'];

function physicalValues(column: Column, where: string): Physical {
  if (column instanceof StringColumn) {
    const { codes, dictionary } = column;
    const values: (string | null)[] = new Array(codes.length);
    const empty = column.type === 'string' ? '' : null;
    for (let i = 0; i < codes.length; i++) values[i] = codes[i] < 0 ? empty : dictionary[codes[i]];
    return values;
  }
  if (column instanceof BoolColumn) {
    const values: (boolean | null)[] = new Array(column.length);
    for (let i = 0; i < values.length; i++) values[i] = column.isNull(i) ? null : column.data[i] === 1;
    return values;
  }
  if (column instanceof DynamicColumn) {
    return column.values.map((v) => (v === null ? null : JSON.stringify(v)));
  }
  if (column instanceof NumberColumn) return numberValues(column, where);
  throw new StoreError('invalid-data', `${where}: unsupported column`);
}

function numberValues(column: NumberColumn, where: string): Physical {
  const { data, valid, type } = column;
  const n = data.length;
  if (type === 'real' || type === 'decimal') {
    if (!valid) return data;
    const values: (number | null)[] = new Array(n);
    for (let i = 0; i < n; i++) values[i] = valid[i] === 0 ? null : data[i];
    return values;
  }
  if (type === 'int') {
    const values: (number | null)[] | Int32Array = valid ? new Array(n) : new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (valid && valid[i] === 0) { values[i] = null as unknown as number; continue; }
      const v = data[i];
      if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
        throw new StoreError('invalid-data', `${where}: row ${i} holds ${v}, which is not a 32-bit integer`);
      }
      values[i] = v;
    }
    return values;
  }
  // long, timespan: exact integers; datetime: microseconds, rounded (sub-microsecond ticks are dropped).
  const round = type === 'datetime';
  const values: (bigint | null)[] | BigInt64Array = valid ? new Array(n) : new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    if (valid && valid[i] === 0) { values[i] = null as unknown as bigint; continue; }
    const v = round ? Math.round(data[i]) : data[i];
    if (!Number.isInteger(v)) throw new StoreError('invalid-data', `${where}: row ${i} holds ${data[i]}, which is not a whole ${type}`);
    values[i] = BigInt(v);
  }
  return values;
}
