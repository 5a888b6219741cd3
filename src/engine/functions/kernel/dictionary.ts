// Dictionary kernels: a function of one string is computed once per distinct dictionary entry
// and the results are gathered by code, which is the big win on dictionary-encoded columns.
import { BoolColumn, DynamicColumn, NumberColumn, StringColumn, type Column, type DynamicValue, type KqlType, type Value } from '../../data/column';
import { dynamicToString } from './values';

/**
 * Applies `fn` once per dictionary entry of `column` and returns the column of `resultType`
 * holding fn(value) per row. A null guid row gives a null result (the empty string for strings).
 */
export function mapStrings(column: StringColumn, resultType: KqlType, fn: (s: string) => Value): Column {
  return gatherByCodes(resultType, column.codes, column.dictionary.map(fn));
}

/** Per-entry results as booleans (the common predicate case), gathered by code. */
export function mapStringsToBool(column: StringColumn, predicate: (s: string) => boolean): BoolColumn {
  const table = new Uint8Array(column.dictionary.length);
  for (let c = 0; c < table.length; c++) table[c] = predicate(column.dictionary[c]) ? 1 : 0;
  const { codes } = column;
  const data = new Uint8Array(codes.length);
  let valid: Uint8Array | undefined;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code >= 0) data[i] = table[code];
    else (valid ??= new Uint8Array(codes.length).fill(1))[i] = 0;
  }
  return new BoolColumn(data, valid);
}

/** Builds a column of `type` where row i holds entries[codes[i]] (a negative code is null). */
export function gatherByCodes(type: KqlType, codes: Int32Array, entries: readonly Value[]): Column {
  switch (type) {
    case 'string': case 'guid': return gatherStrings(type, codes, entries);
    case 'dynamic': return new DynamicColumn(Array.from(codes, (code) => (code < 0 ? null : (entries[code] as DynamicValue))));
    case 'bool': return gatherBools(codes, entries);
    default: return gatherNumbers(type, codes, entries);
  }
}

function gatherStrings(type: 'string' | 'guid', codes: Int32Array, entries: readonly Value[]): StringColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const intern = (s: string): number => {
    let code = index.get(s);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(s);
      index.set(s, code);
    }
    return code;
  };
  const nullCode = type === 'string' ? -2 : -1; // strings are never null: resolve lazily to ''
  const remap = entries.map((entry) => (entry === null ? nullCode : intern(typeof entry === 'string' ? entry : dynamicToString(entry))));
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    let code = codes[i] < 0 ? nullCode : remap[codes[i]];
    if (code === -2) code = intern('');
    out[i] = code;
  }
  return new StringColumn(type, out, dictionary);
}

function gatherBools(codes: Int32Array, entries: readonly Value[]): BoolColumn {
  const data = new Uint8Array(codes.length);
  let valid: Uint8Array | undefined;
  for (let i = 0; i < codes.length; i++) {
    const value = codes[i] < 0 ? null : entries[codes[i]];
    if (value === null) (valid ??= new Uint8Array(codes.length).fill(1))[i] = 0;
    else data[i] = value ? 1 : 0;
  }
  return new BoolColumn(data, valid);
}

function gatherNumbers(type: KqlType, codes: Int32Array, entries: readonly Value[]): NumberColumn {
  const data = new Float64Array(codes.length);
  let valid: Uint8Array | undefined;
  for (let i = 0; i < codes.length; i++) {
    const value = codes[i] < 0 ? null : entries[codes[i]];
    if (value === null) (valid ??= new Uint8Array(codes.length).fill(1))[i] = 0;
    else data[i] = value as number;
  }
  return new NumberColumn(type, data, valid);
}
