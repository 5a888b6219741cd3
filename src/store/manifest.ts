// The workspace manifest, `workspace.json`: the single source of truth for which tables exist,
// their Kusto columns, the Parquet part files that hold their rows, and the ingestion state.
// A part file it does not list does not exist as far as readers are concerned.
import { KUSTO_TYPES, type ColumnSchema, type KustoType } from '../kql/schema';
import { StoreError } from './errors';
import { findJsonProblem, lineColAt } from './json-locate';
import { parquetAnnotation } from './parquet-types';

export const MANIFEST_FILE = 'workspace.json';
export const MANIFEST_FORMAT = 'sentinel-hunt-workspace';
export const MANIFEST_VERSION = 1;

export interface ManifestColumn extends ColumnSchema {
  /** How the column is stored in Parquet (informative; derived from `type`). */
  parquet: string;
  note?: string;
}

export interface ManifestPart {
  /** Path relative to the workspace, with forward slashes. */
  file: string;
  rows: number;
  bytes: number;
}

export interface ManifestTable {
  name: string;
  /** Folder of the table's part files, relative to the workspace. */
  directory: string;
  columns: ManifestColumn[];
  parts: ManifestPart[];
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: number;
  /** Incremented by every commit. */
  generation: number;
  updated: string;
  tables: ManifestTable[];
  /** Opaque JSON owned by the ingestion pipeline, committed together with the data. */
  state: unknown;
}

export function emptyManifest(): Manifest {
  return { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, generation: 0, updated: new Date().toISOString(), tables: [], state: null };
}

export function manifestColumns(columns: readonly ColumnSchema[]): ManifestColumn[] {
  return columns.map((c) => ({ name: c.name, type: c.type, ...parquetAnnotation(c.type) }));
}

export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Parses and validates manifest text; errors name `file` and, for bad JSON, line:col. */
export function parseManifest(text: string, file: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const problem = findJsonProblem(text);
    if (!problem) throw new StoreError('corrupt-manifest', `${file}: corrupted manifest: ${(error as Error).message}`, file);
    const { line, column } = lineColAt(text, problem.offset);
    throw new StoreError('corrupt-manifest', `${file}:${line}:${column}: corrupted manifest: ${problem.message} (offset ${problem.offset})`, file);
  }
  const bad = (where: string, what: string): never => {
    throw new StoreError('corrupt-manifest', `${file}: corrupted manifest: ${where}: ${what}`, file);
  };
  const root = asObject(value, 'the document', bad);
  if (root.format !== MANIFEST_FORMAT) bad('format', `expected "${MANIFEST_FORMAT}", found ${JSON.stringify(root.format)}`);
  if (typeof root.version !== 'number') bad('version', 'expected a number');
  if ((root.version as number) > MANIFEST_VERSION) {
    throw new StoreError('corrupt-manifest', `${file}: written by a newer Sentinel Hunt (manifest version ${root.version}; this one reads version ${MANIFEST_VERSION})`, file);
  }
  const generation = root.generation;
  if (typeof generation !== 'number' || !Number.isInteger(generation) || generation < 0) bad('generation', 'expected a whole number');
  if (!Array.isArray(root.tables)) bad('tables', 'expected an array');
  const names = new Set<string>();
  const tables = (root.tables as unknown[]).map((t, i) => {
    const where = `tables[${i}]`;
    const table = asObject(t, where, bad);
    const name = asName(table.name, `${where}.name`, bad);
    if (names.has(name)) bad(`${where}.name`, `table ${name} is listed twice`);
    names.add(name);
    const directory = asRelativePath(table.directory, `${where}.directory`, bad);
    if (!Array.isArray(table.columns)) bad(`${where}.columns`, 'expected an array');
    const columnNames = new Set<string>();
    const columns = (table.columns as unknown[]).map((c, j) => {
      const column = asObject(c, `${where}.columns[${j}]`, bad);
      const columnName = asName(column.name, `${where}.columns[${j}].name`, bad);
      if (columnNames.has(columnName)) bad(`${where}.columns[${j}]`, `column ${columnName} is listed twice`);
      columnNames.add(columnName);
      if (!(KUSTO_TYPES as readonly string[]).includes(column.type as string)) {
        bad(`${where}.columns[${j}].type`, `${JSON.stringify(column.type)} is not one of ${KUSTO_TYPES.join(', ')}`);
      }
      return { name: columnName, type: column.type as KustoType };
    });
    if (!Array.isArray(table.parts)) bad(`${where}.parts`, 'expected an array');
    const parts = (table.parts as unknown[]).map((p, j) => {
      const part = asObject(p, `${where}.parts[${j}]`, bad);
      const partFile = asRelativePath(part.file, `${where}.parts[${j}].file`, bad);
      const rows = asCount(part.rows, `${where}.parts[${j}].rows`, bad);
      const bytes = asCount(part.bytes, `${where}.parts[${j}].bytes`, bad);
      return { file: partFile, rows, bytes };
    });
    return { name, directory, columns: manifestColumns(columns), parts };
  });
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    generation: generation as number,
    updated: typeof root.updated === 'string' ? root.updated : '',
    tables,
    state: root.state === undefined ? null : root.state,
  };
}

type Bad = (where: string, what: string) => never;

function asObject(value: unknown, where: string, bad: Bad): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(where, 'expected an object');
  return value as Record<string, unknown>;
}

function asName(value: unknown, where: string, bad: Bad): string {
  if (typeof value !== 'string' || value === '') bad(where, 'expected a non-empty string');
  return value as string;
}

function asCount(value: unknown, where: string, bad: Bad): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) bad(where, 'expected a whole number');
  return value as number;
}

/** A path inside the workspace: relative, forward slashes, no `..`. */
function asRelativePath(value: unknown, where: string, bad: Bad): string {
  const text = asName(value, where, bad);
  const segments = text.split('/');
  if (text.startsWith('/') || text.includes('\\') || /^[A-Za-z]:/.test(text) || segments.some((s) => s === '' || s === '.' || s === '..')) {
    bad(where, `${JSON.stringify(text)} is not a relative path inside the workspace`);
  }
  return text;
}
