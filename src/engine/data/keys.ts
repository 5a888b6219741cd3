// Comparable and hashable keys for column values. Strings are compared by value, never by
// dictionary code: two columns have different dictionaries, and one dictionary may hold the
// same string twice. Ordering is ordinal (UTF-16 code units), as Kusto's.
import { BoolColumn, NumberColumn, StringColumn, type Column, type Validity } from './column';
import { NotSupportedError } from '../functions/types';

/** For each dictionary code, the first code holding the same string. */
export function canonicalCodes(dictionary: readonly string[]): Int32Array {
  const first = new Map<string, number>();
  const canonical = new Int32Array(dictionary.length);
  for (let code = 0; code < dictionary.length; code++) {
    const text = dictionary[code];
    const seen = first.get(text);
    if (seen === undefined) first.set(text, code);
    canonical[code] = seen ?? code;
  }
  return canonical;
}

/** For each dictionary code, the ordinal rank of its string; equal strings share a rank. */
export function dictionaryRanks(dictionary: readonly string[]): Int32Array {
  const order = Array.from(dictionary.keys()).sort((a, b) => {
    const x = dictionary[a];
    const y = dictionary[b];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const ranks = new Int32Array(dictionary.length);
  let rank = -1;
  for (let k = 0; k < order.length; k++) {
    if (k === 0 || dictionary[order[k]] !== dictionary[order[k - 1]]) rank++;
    ranks[order[k]] = rank;
  }
  return ranks;
}

/** A number per row that orders the column's values; `valid` marks nulls (guid code -1). */
export interface OrderKeys {
  readonly keys: ArrayLike<number>;
  readonly valid: Validity;
}

export function orderKeys(column: Column): OrderKeys {
  if (column instanceof NumberColumn || column instanceof BoolColumn) return { keys: column.data, valid: column.valid };
  if (column instanceof StringColumn) {
    const ranks = dictionaryRanks(column.dictionary);
    const { codes } = column;
    const keys = new Int32Array(codes.length);
    let valid: Uint8Array | undefined;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      if (code >= 0) {
        keys[i] = ranks[code];
      } else {
        valid ??= new Uint8Array(codes.length).fill(1);
        valid[i] = 0;
      }
    }
    return { keys, valid };
  }
  throw new NotSupportedError(`ordering ${column.type} values`);
}

/**
 * Dense ids for a column's values: equal values share an id in 0 .. cardinality-1, -1 is
 * null. Strings map to their canonical dictionary code (no hashing per row), bools to 0/1,
 * numbers by value (SameValueZero: 0 and -0 are one value, NaN is one value), dynamic values
 * by their JSON text (so bags with the same properties in another order differ).
 */
export interface DenseKeys {
  readonly ids: Int32Array;
  readonly cardinality: number;
}

export function denseKeys(column: Column): DenseKeys {
  const ids = new Int32Array(column.length);
  if (column instanceof StringColumn) {
    const canonical = column.uniqueDictionary ? undefined : canonicalCodes(column.dictionary);
    const { codes } = column;
    for (let i = 0; i < codes.length; i++) ids[i] = codes[i] < 0 ? -1 : canonical ? canonical[codes[i]] : codes[i];
    return { ids, cardinality: column.dictionary.length };
  }
  if (column instanceof BoolColumn) {
    const { data, valid } = column;
    for (let i = 0; i < data.length; i++) ids[i] = valid !== undefined && valid[i] === 0 ? -1 : data[i];
    return { ids, cardinality: 2 };
  }
  if (column instanceof NumberColumn) {
    const { data, valid } = column;
    const index = new Map<number, number>();
    for (let i = 0; i < data.length; i++) {
      if (valid !== undefined && valid[i] === 0) {
        ids[i] = -1;
        continue;
      }
      let id = index.get(data[i]);
      if (id === undefined) {
        id = index.size;
        index.set(data[i], id);
      }
      ids[i] = id;
    }
    return { ids, cardinality: index.size };
  }
  const index = new Map<string, number>();
  const { values } = column;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null) {
      ids[i] = -1;
      continue;
    }
    const text = JSON.stringify(values[i]);
    let id = index.get(text);
    if (id === undefined) {
      id = index.size;
      index.set(text, id);
    }
    ids[i] = id;
  }
  return { ids, cardinality: index.size };
}
