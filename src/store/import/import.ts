// Import of a CSV, JSON, NDJSON or Parquet file as an engine Table, for `sentinel-hunt import`
// and the ingestion of exported message trace. Nothing is written: the caller commits the
// table to a workspace, so malformed input leaves the workspace as it was.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Table } from '../../engine/data/table';
import type { KustoType } from '../../kql/schema';
import { ImportError, StoreError, importError } from '../errors';
import { TableAssembler, exactBuffer, inferColumns, readMetadata } from '../parquet-read';
import { parseCsv } from './csv';
import { typeTable } from './infer';
import { parseJson, parseNdjson } from './json';
import { decodeText } from './text';

export type ImportFormat = 'csv' | 'json' | 'ndjson' | 'parquet';

export interface ImportOptions {
  /** Default: from the file extension, else from the content. */
  format?: ImportFormat;
  /** Column types to use instead of inferring them. */
  types?: Partial<Record<string, KustoType>>;
}

export async function importFile(file: string, options: ImportOptions = {}): Promise<Table> {
  return importBytes(await fs.readFile(file), file, options);
}

/** Imports the bytes of a file; `file` names it in messages and gives its extension. */
export async function importBytes(bytes: Uint8Array, file: string, options: ImportOptions = {}): Promise<Table> {
  const format = options.format ?? detectFormat(file, bytes);
  if (format === 'parquet') return importParquet(bytes, file, options.types ?? {});
  const text = decodeText(bytes, file);
  switch (format) {
    case 'csv': return typeTable(parseCsv(text, file), file, true, options.types);
    case 'json': return typeTable(parseJson(text, file), file, false, options.types);
    case 'ndjson': return typeTable(parseNdjson(text, file), file, false, options.types);
    default: throw new StoreError('unsupported', `${file}: unknown import format ${JSON.stringify(format)}; expected csv, json, ndjson or parquet`, file);
  }
}

export function detectFormat(file: string, bytes: Uint8Array): ImportFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === 'PAR1') return 'parquet';
  const head = decodeHead(bytes);
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('{')) return /\}\s*\r?\n\s*\{/.test(head) ? 'ndjson' : 'json';
  return 'csv';
}

function decodeHead(bytes: Uint8Array): string {
  try {
    return decodeText(bytes.subarray(0, 4096), '').replace(/\uFFFD/g, '').trimStart();
  } catch {
    return '';
  }
}

async function importParquet(bytes: Uint8Array, file: string, types: Partial<Record<string, KustoType>>): Promise<Table> {
  try {
    return await readParquetFile(bytes, file, types);
  } catch (error) {
    // A damaged file or a value that does not convert: malformed input, like the text formats.
    if (error instanceof StoreError && !(error instanceof ImportError)) throw new ImportError(error.message, file);
    throw error;
  }
}

async function readParquetFile(bytes: Uint8Array, file: string, types: Partial<Record<string, KustoType>>): Promise<Table> {
  const buffer = exactBuffer(bytes);
  const metadata = readMetadata(buffer, file);
  const { columns, readings } = inferColumns(metadata);
  for (const name of Object.keys(types)) {
    if (!columns.some((c) => c.name === name)) {
      throw importError(file, `a type is given for column ${name}, which the file does not have (columns: ${columns.map((c) => c.name).join(', ')})`);
    }
  }
  const wanted = columns.map((c) => ({ name: c.name, type: types[c.name] ?? c.type }));
  const assembler = new TableAssembler(wanted, Number(metadata.num_rows));
  await assembler.add(buffer, file, undefined, readings);
  return assembler.finish();
}
