// Parquet files to an engine Table. A TableAssembler receives the part files of one table in
// order and fills preallocated columns (column-sinks.ts) at each part's row offset.
import { parquetMetadata, parquetRead, parquetSchema, type FileMetaData, type SchemaTree } from 'hyparquet';
import { Table } from '../engine/data/table';
import type { ColumnSchema } from '../kql/schema';
import { ConvertingSink, PARSERS, SharedStrings, makeSink, type Sink } from './column-sinks';
import { StoreError, errorMessage } from './errors';
import { columnReading, parquetAnnotation, recordedKustoTypes, sameLayout, type ColumnReading } from './parquet-types';
import { ConversionError } from './values';

/** An ArrayBuffer holding exactly the bytes of `data`. */
export function exactBuffer(data: Uint8Array): ArrayBuffer {
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer) return data.buffer;
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

export function readMetadata(buffer: ArrayBuffer, file: string): FileMetaData {
  try {
    return parquetMetadata(buffer);
  } catch (error) {
    throw new StoreError('corrupt-part', `${file}: not a readable Parquet file (${errorMessage(error)})`, file);
  }
}

/** The Kusto columns of a Parquet file, as our writer recorded them or inferred from Parquet types. */
export function inferColumns(metadata: FileMetaData): { columns: ColumnSchema[]; readings: ColumnReading[] } {
  const recorded = recordedKustoTypes(metadata.key_value_metadata);
  const tree = parquetSchema(metadata);
  const readings = tree.children.map((child) => columnReading(child.element, child.children.length > 0, recorded.get(child.element.name)));
  return { columns: tree.children.map((child, i) => ({ name: child.element.name, type: readings[i].type })), readings };
}

/**
 * Fills the columns of a table of `rowCount` rows from Parquet files, part after part.
 * `columns` are the table's columns (all of them, or the ones asked for).
 */
export class TableAssembler {
  private readonly sinks: Sink[];
  private readonly shared = new SharedStrings();
  private row = 0;

  constructor(private readonly columns: readonly ColumnSchema[], private readonly rowCount: number) {
    this.sinks = columns.map((c) => makeSink(c.type, rowCount, this.shared));
  }

  /**
   * Adds one file. Each column must be in the file with the layout of its type (our own
   * parts), unless `readings` says how to read it (an imported file of another writer);
   * a column read as another type than `columns` names is converted value by value.
   */
  async add(buffer: ArrayBuffer, file: string, expectedRows?: number, readings?: readonly ColumnReading[]): Promise<void> {
    const metadata = readMetadata(buffer, file);
    const rows = Number(metadata.num_rows);
    if (expectedRows !== undefined && rows !== expectedRows) {
      throw new StoreError('corrupt-part', `${file}: the file has ${rows} rows, the manifest says ${expectedRows}`, file);
    }
    if (this.row + rows > this.rowCount) throw new StoreError('corrupt-part', `${file}: more rows than expected (${this.row + rows} > ${this.rowCount})`, file);
    const tree = parquetSchema(metadata);
    const byName = new Map<string, SchemaTree>(tree.children.map((child) => [child.element.name, child]));
    const plans = this.columns.map((column, i) => {
      const node = byName.get(column.name);
      if (!node) throw new StoreError('corrupt-part', `${file}: no column ${column.name} (the file has ${[...byName.keys()].join(', ') || 'no columns'})`, file);
      const reading = readings?.[i] ?? ownReading(node, column, file);
      const sink = reading.type === column.type
        ? this.sinks[i]
        : new ConvertingSink(makeSink(reading.type, rows, this.shared), this.sinks[i], reading.type, column.type);
      return { sink, reading, name: column.name };
    });
    const byColumn = new Map(plans.map((p) => [p.name, p]));
    const base = this.row;
    let failure: unknown;
    try {
      await parquetRead({
        file: buffer,
        metadata,
        columns: this.columns.map((c) => c.name),
        // Own files hold no nested columns, so every string decoded is a column value: read as codes.
        parsers: readings ? PARSERS : this.shared.parsers,
        utf8: true,
        onChunk: ({ columnName, columnData, rowStart }) => {
          if (failure) return;
          const plan = byColumn.get(columnName);
          try {
            plan?.sink.put(columnData, base + rowStart, plan.reading, base);
          } catch (error) {
            failure = error instanceof ConversionError
              ? new StoreError('invalid-data', `${file}: column ${columnName}: ${error.message}`, file)
              : error;
          }
        },
      });
    } catch (error) {
      throw new StoreError('corrupt-part', `${file}: cannot decode (${errorMessage(error)})`, file);
    }
    if (failure) throw failure;
    for (const plan of plans) {
      try {
        plan.sink.flush?.(base, rows);
      } catch (error) {
        if (error instanceof ConversionError) throw new StoreError('invalid-data', `${file}: column ${plan.name}: ${error.message}`, file);
        throw error;
      }
    }
    this.row += rows;
  }

  finish(): Table {
    if (this.row !== this.rowCount) throw new StoreError('corrupt-part', `the parts hold ${this.row} rows, the manifest says ${this.rowCount}`);
    return new Table(this.columns.map((c) => c.name), this.sinks.map((s) => s.finish()), this.rowCount);
  }
}

function ownReading(node: SchemaTree, column: ColumnSchema, file: string): ColumnReading {
  if (node.children.length > 0 || !sameLayout(node.element, column.type)) {
    const found = node.children.length > 0 ? 'a nested group' : describeElement(node);
    throw new StoreError('corrupt-part', `${file}: column ${column.name} is ${found}, expected ${parquetAnnotation(column.type).parquet} for Kusto type ${column.type}`, file);
  }
  return { ...columnReading(node.element, false, column.type), codes: true };
}

function describeElement(node: SchemaTree): string {
  const { type, converted_type, logical_type } = node.element;
  return [type, logical_type?.type ?? converted_type].filter(Boolean).join(' ');
}

