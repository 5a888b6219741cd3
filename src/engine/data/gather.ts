// Row selection on a column: the primitive behind filter, sort, take, join, expand and the
// aggregates that pick a row per group.
import { BoolColumn, DynamicColumn, NumberColumn, StringColumn, type Column, type KqlType } from './column';

/**
 * The rows `indexes` of the column, in that order; an index of -1 gives a null row (the empty
 * string for a string column, which is never null). `type` retypes a numeric result (int → long).
 */
export function gather(column: Column, indexes: Int32Array, type: KqlType = column.type): Column {
  const n = indexes.length;
  if (column instanceof StringColumn) {
    const codes = new Int32Array(n);
    let nullCode = -1;
    let dictionary = column.dictionary;
    for (let i = 0; i < n; i++) {
      const index = indexes[i];
      if (index >= 0) {
        codes[i] = column.codes[index];
      } else if (column.type === 'guid') {
        codes[i] = -1;
      } else {
        // A missing string is the empty string.
        if (nullCode < 0) {
          nullCode = dictionary.indexOf('');
          if (nullCode < 0) { dictionary = [...dictionary, '']; nullCode = dictionary.length - 1; }
        }
        codes[i] = nullCode;
      }
    }
    if (dictionary.length > n) return compacted(column.type, codes, dictionary, column.uniqueDictionary);
    return new StringColumn(column.type, codes, dictionary, column.uniqueDictionary);
  }
  if (column instanceof DynamicColumn) {
    const values = new Array(n);
    for (let i = 0; i < n; i++) values[i] = indexes[i] >= 0 ? column.values[indexes[i]] : null;
    return new DynamicColumn(values);
  }
  const data = column instanceof NumberColumn ? new Float64Array(n) : new Uint8Array(n);
  let valid: Uint8Array | undefined;
  const source = column.data;
  for (let i = 0; i < n; i++) {
    const index = indexes[i];
    if (index >= 0 && !column.isNull(index)) {
      data[i] = source[index];
    } else {
      valid ??= new Uint8Array(n).fill(1);
      valid[i] = 0;
    }
  }
  if (valid) for (let i = 0; i < n; i++) if (valid[i] === 0) data[i] = 0;
  return column instanceof NumberColumn
    ? new NumberColumn(type, data as Float64Array, valid)
    : new BoolColumn(data as Uint8Array, valid);
}

/**
 * A string column whose dictionary keeps only the entries its rows use, in their old order.
 * A selection much smaller than its dictionary (the last day of a month's senders) would
 * otherwise make every per-dictionary kernel downstream pay for entries no row holds.
 */
function compacted(type: 'string' | 'guid', codes: Int32Array, dictionary: readonly string[], unique: boolean): StringColumn {
  const remap = new Int32Array(dictionary.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) remap[codes[i]] = 1;
  const kept: string[] = [];
  for (let code = 0; code < dictionary.length; code++) {
    if (remap[code] === 1) { remap[code] = kept.length; kept.push(dictionary[code]); }
  }
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) codes[i] = remap[codes[i]];
  return new StringColumn(type, codes, kept, unique);
}
