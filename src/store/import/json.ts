// JSON and NDJSON input. JSON: an array of row objects; or `{"columns":[{"name","type"}],
// "rows":[[...]]}` (the CLI's own `--format json` output); or a Log Analytics / Kusto REST
// response `{"tables":[{"columns":[...],"rows":[...]}]}` (its first table). NDJSON: one row
// object per line. Columns are the union of the objects' keys, in order of first appearance.
import { normaliseType, type KustoType } from '../../kql/schema';
import { importError } from '../errors';
import { findJsonProblem, lineColAt, topLevelElementOffsets } from '../json-locate';
import type { RawColumns } from './raw';

export function parseJson(text: string, file: string): RawColumns {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw syntaxError(text, file, error);
  }
  if (Array.isArray(document)) {
    let offsets: number[] | undefined;
    const at = (row: number) => {
      offsets ??= topLevelElementOffsets(text);
      return lineColAt(text, offsets[row]);
    };
    return fromObjects(document, file, at);
  }
  if (isObject(document)) {
    const table = Array.isArray(document.tables) && isObject(document.tables[0]) ? document.tables[0] : document;
    if (Array.isArray(table.columns) && Array.isArray(table.rows)) return fromColumnsAndRows(table.columns, table.rows, file);
  }
  throw importError(file, 'expected an array of row objects, or an object with "columns" and "rows"', 1, 1);
}

export function parseNdjson(text: string, file: string): RawColumns {
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const contentEnd = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    const content = text.slice(start, contentEnd);
    if (content.trim() !== '') {
      let value: unknown;
      try {
        value = JSON.parse(content);
      } catch (error) {
        const problem = findJsonProblem(content);
        throw importError(file, problem?.message ?? (error as Error).message, line, problem ? problem.offset + 1 : undefined);
      }
      if (!isObject(value)) throw importError(file, `expected a JSON object (one row) on each line, found ${kind(value)}`, line, content.search(/\S/) + 1);
      rows.push(value);
      lines.push(line);
    }
    start = end + 1;
  }
  return fromObjects(rows, file, (row) => ({ line: lines[row] }));
}

function fromObjects(rows: unknown[], file: string, at: (row: number) => { line: number; column?: number }): RawColumns {
  const index = new Map<string, number>();
  const names: string[] = [];
  const columns: unknown[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!isObject(row)) {
      const { line, column } = at(r);
      throw importError(file, `expected an object (one row), found ${kind(row)}`, line, column);
    }
    for (const key of Object.keys(row)) {
      let c = index.get(key);
      if (c === undefined) {
        c = names.length;
        index.set(key, c);
        names.push(key);
        columns.push(new Array(rows.length));
      }
      columns[c][r] = row[key];
    }
  }
  return { names, columns, rowCount: rows.length, locate: at };
}

function fromColumnsAndRows(columnList: unknown[], rows: unknown[], file: string): RawColumns {
  const names: string[] = [];
  const declared: Partial<Record<string, KustoType>> = {};
  columnList.forEach((c, i) => {
    const name = isObject(c) ? c.name ?? c.ColumnName : undefined;
    if (typeof name !== 'string' || name === '') throw importError(file, `columns[${i}]: expected an object with a "name"`);
    const typeName = isObject(c) ? c.type ?? c.ColumnType ?? c.DataType : undefined;
    const type = typeof typeName === 'string' ? normaliseType(typeName) : undefined;
    if (type) declared[name] = type;
    names.push(name);
  });
  const columns: unknown[][] = names.map(() => new Array(rows.length));
  rows.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== names.length) {
      throw importError(file, `rows[${r}]: expected an array of ${names.length} values, found ${Array.isArray(row) ? `${row.length} values` : kind(row)}`);
    }
    for (let c = 0; c < names.length; c++) columns[c][r] = row[c];
  });
  return { names, columns, rowCount: rows.length, declared, locate: (row) => ({ note: `rows[${row}]` }) };
}

function syntaxError(text: string, file: string, error: unknown): Error {
  const problem = findJsonProblem(text);
  if (!problem) return importError(file, `invalid JSON: ${(error as Error).message}`);
  const { line, column } = lineColAt(text, problem.offset);
  return importError(file, `invalid JSON: ${problem.message}`, line, column);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
