// Typing imported columns: a given type, else one the input declares, else inferred from the
// values. Text cells (CSV) infer bool, long, real, datetime (ISO 8601) or string; JSON values
// infer the same from their JSON kind, dynamic when a column holds objects or arrays, and
// string when a column mixes kinds. Missing values do not count.
import { columnBuilder } from '../../engine/data/builder';
import { Table } from '../../engine/data/table';
import { parseDatetime } from '../../engine/data/temporal';
import { KUSTO_TYPES, type KustoType } from '../../kql/schema';
import { importError } from '../errors';
import { ConversionError, coerce } from '../values';
import type { RawColumns } from './raw';

const INTEGER = /^[+-]?(?:0|[1-9]\d*)$/;
const NUMBER = /^[+-]?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/i;

export function typeTable(raw: RawColumns, file: string, fromText: boolean, types: Partial<Record<string, KustoType>> = {}): Table {
  for (const [name, type] of Object.entries(types)) {
    if (!raw.names.includes(name)) throw importError(file, `a type is given for column ${name}, which the file does not have (columns: ${raw.names.join(', ')})`);
    if (!(KUSTO_TYPES as readonly string[]).includes(type as string)) throw importError(file, `column ${name}: unknown type ${JSON.stringify(type)}; expected one of ${KUSTO_TYPES.join(', ')}`);
  }
  const columns = raw.names.map((name, c) => {
    const values = raw.columns[c];
    const type = types[name] ?? raw.declared?.[name] ?? (fromText ? inferText(values, raw.rowCount) : inferJson(values, raw.rowCount));
    const builder = columnBuilder(type, raw.rowCount);
    for (let r = 0; r < raw.rowCount; r++) {
      try {
        builder.add(coerce(values[r], type, fromText));
      } catch (error) {
        if (!(error instanceof ConversionError)) throw error;
        const { line, column, note } = raw.locate(r);
        throw importError(file, `${note ? `${note}: ` : ''}column ${name}: ${error.message}`, line, column);
      }
    }
    return builder.finish();
  });
  return new Table(raw.names, columns, raw.rowCount);
}

export function inferText(values: readonly unknown[], rowCount: number): KustoType {
  let bool = true, long = true, real = true, datetime = true, any = false;
  for (let r = 0; r < rowCount && (bool || long || real || datetime); r++) {
    const value = values[r];
    if (typeof value !== 'string') continue;
    const t = value.trim();
    if (t === '') continue;
    any = true;
    if (bool) bool = /^(true|false)$/i.test(t);
    if (long || real) {
      const integer = INTEGER.test(t);
      const safe = !integer || Number.isSafeInteger(Number(t));
      long = long && integer && safe;
      real = real && NUMBER.test(t) && safe;
    }
    if (datetime) datetime = ISO_DATETIME.test(t) && parseDatetime(t) !== null;
  }
  if (!any) return 'string';
  return bool ? 'bool' : long ? 'long' : real ? 'real' : datetime ? 'datetime' : 'string';
}

export function inferJson(values: readonly unknown[], rowCount: number): KustoType {
  const kinds = new Set<string>();
  let integers = true;
  let datetimes = true;
  for (let r = 0; r < rowCount; r++) {
    const value = values[r];
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') return 'dynamic';
    kinds.add(typeof value);
    if (typeof value === 'number') integers &&= Number.isSafeInteger(value);
    else if (typeof value === 'string') datetimes &&= ISO_DATETIME.test(value) && parseDatetime(value) !== null;
  }
  if (kinds.size !== 1) return 'string';
  if (kinds.has('boolean')) return 'bool';
  if (kinds.has('number')) return integers ? 'long' : 'real';
  return datetimes ? 'datetime' : 'string';
}
