// How Kusto types are laid out in Parquet, and what Kusto type a Parquet column of another
// writer means. Our files also carry their Kusto column types in the footer's key-value
// metadata (KUSTO_COLUMNS_KEY), so that a file alone is enough to bring timespan, guid and
// dynamic columns back. (hyparquet-writer pins its own hyparquet, hence two SchemaElement types.)
import type { SchemaElement } from 'hyparquet';
import type { SchemaElement as WriterSchemaElement } from 'hyparquet-writer';
import type { ColumnSchema, KustoType } from '../kql/schema';
import { KUSTO_TYPES } from '../kql/schema';

export const KUSTO_COLUMNS_KEY = 'sentinel-hunt.kusto.columns';

/** The Parquet column of a Kusto column. Kusto strings are never null: they are REQUIRED. */
export function parquetElement(name: string, type: KustoType): WriterSchemaElement {
  const optional = 'OPTIONAL' as const;
  switch (type) {
    case 'bool': return { name, type: 'BOOLEAN', repetition_type: optional };
    case 'int': return { name, type: 'INT32', repetition_type: optional };
    case 'long': case 'timespan': return { name, type: 'INT64', repetition_type: optional };
    case 'real': case 'decimal': return { name, type: 'DOUBLE', repetition_type: optional };
    case 'datetime':
      return {
        name, type: 'INT64', repetition_type: optional, converted_type: 'TIMESTAMP_MICROS',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
      };
    case 'string':
      return { name, type: 'BYTE_ARRAY', repetition_type: 'REQUIRED', converted_type: 'UTF8', logical_type: { type: 'STRING' } };
    case 'guid': case 'dynamic':
      return { name, type: 'BYTE_ARRAY', repetition_type: optional, converted_type: 'UTF8', logical_type: { type: 'STRING' } };
  }
}

/** The manifest's description of a column's Parquet layout. */
export function parquetAnnotation(type: KustoType): { parquet: string; note?: string } {
  switch (type) {
    case 'bool': return { parquet: 'BOOLEAN' };
    case 'int': return { parquet: 'INT32' };
    case 'long': return { parquet: 'INT64' };
    case 'real': return { parquet: 'DOUBLE' };
    case 'decimal': return { parquet: 'DOUBLE', note: 'decimal held as a double' };
    case 'datetime': return { parquet: 'TIMESTAMP(MICROS, isAdjustedToUTC=true)' };
    case 'timespan': return { parquet: 'INT64', note: 'timespan in 100-nanosecond ticks' };
    case 'string': return { parquet: 'STRING' };
    case 'guid': return { parquet: 'STRING', note: 'guid as text, null when absent' };
    case 'dynamic': return { parquet: 'STRING', note: 'dynamic as JSON text' };
  }
}

/** How to turn a Parquet column's decoded values into a Kusto column. */
export interface ColumnReading {
  type: KustoType;
  /** Multiply decoded numbers by this (TIME columns to ticks). */
  scale?: number;
  /** The values are JSON text to parse (our dynamic columns). */
  jsonText?: boolean;
  /** Strings arrive as codes into the reader's shared string table (our own part files). */
  codes?: boolean;
}

/** The Kusto types our writer recorded in the footer, by column name. */
export function recordedKustoTypes(kv: readonly { key: string; value?: string }[] | undefined): Map<string, KustoType> {
  const types = new Map<string, KustoType>();
  const entry = kv?.find((e) => e.key === KUSTO_COLUMNS_KEY);
  if (!entry?.value) return types;
  try {
    const columns: unknown = JSON.parse(entry.value);
    if (!Array.isArray(columns)) return types;
    for (const c of columns as Partial<ColumnSchema>[]) {
      if (typeof c?.name === 'string' && (KUSTO_TYPES as readonly string[]).includes(c.type as string)) types.set(c.name, c.type as KustoType);
    }
  } catch {
    // Foreign or damaged metadata: fall back to the Parquet types.
  }
  return types;
}

/**
 * The Kusto reading of a top-level Parquet column. `recorded` is the type our writer put in
 * the footer, honoured when its physical layout matches.
 */
export function columnReading(element: SchemaElement, hasChildren: boolean, recorded?: KustoType): ColumnReading {
  if (recorded && !hasChildren && sameLayout(element, recorded)) {
    return { type: recorded, jsonText: recorded === 'dynamic' && element.converted_type !== 'JSON' && element.logical_type?.type !== 'JSON' };
  }
  if (hasChildren) return { type: 'dynamic' };
  const logical = element.logical_type;
  const converted = element.converted_type;
  switch (logical?.type) {
    case 'STRING': case 'ENUM': return { type: 'string' };
    case 'JSON': case 'VARIANT': case 'GEOMETRY': case 'GEOGRAPHY': return { type: 'dynamic' };
    case 'UUID': return { type: 'guid' };
    case 'DATE': case 'TIMESTAMP': return { type: 'datetime' };
    case 'DECIMAL': return { type: 'decimal' };
    case 'FLOAT16': return { type: 'real' };
    case 'TIME': return { type: 'timespan', scale: logical.unit === 'MILLIS' ? 10_000 : logical.unit === 'MICROS' ? 10 : 0.01 };
    case 'INTEGER':
      return { type: logical.bitWidth < 32 || (logical.bitWidth === 32 && logical.isSigned) ? 'int' : 'long' };
    default: break;
  }
  switch (converted) {
    case 'UTF8': case 'ENUM': return { type: 'string' };
    case 'JSON': return { type: 'dynamic' };
    case 'DATE': case 'TIMESTAMP_MILLIS': case 'TIMESTAMP_MICROS': return { type: 'datetime' };
    case 'DECIMAL': return { type: 'decimal' };
    case 'TIME_MILLIS': return { type: 'timespan', scale: 10_000 };
    case 'TIME_MICROS': return { type: 'timespan', scale: 10 };
    case 'INT_8': case 'INT_16': case 'INT_32': case 'UINT_8': case 'UINT_16': return { type: 'int' };
    case 'UINT_32': case 'INT_64': case 'UINT_64': return { type: 'long' };
    default: break;
  }
  switch (element.type) {
    case 'BOOLEAN': return { type: 'bool' };
    case 'INT32': return { type: 'int' };
    case 'INT64': return { type: 'long' };
    case 'INT96': return { type: 'datetime' };
    case 'FLOAT': case 'DOUBLE': return { type: 'real' };
    default: return { type: 'string' };
  }
}

/** True when a Parquet column has the physical layout we write for `type`. */
export function sameLayout(element: SchemaElement, type: KustoType): boolean {
  const expected = parquetElement(element.name, type);
  if (element.type !== expected.type) return false;
  if (type === 'datetime') {
    return element.converted_type === 'TIMESTAMP_MICROS' || (element.logical_type?.type === 'TIMESTAMP' && element.logical_type.unit === 'MICROS');
  }
  if (type === 'long' || type === 'timespan') {
    return element.converted_type === undefined && (element.logical_type === undefined || element.logical_type.type === 'INTEGER');
  }
  return true;
}
