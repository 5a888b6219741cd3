// Assigns rows to groups by the values of key columns (summarize, distinct, join).
import { BoolColumn, NumberColumn, StringColumn, type Column } from '../data/column';

export interface Grouping {
  /** groups[row] = group id, in order of first appearance. */
  groups: Int32Array;
  groupCount: number;
  /** The first row of each group. */
  firstRows: Int32Array;
}

/** A value's identity for grouping: equal values (by KQL equality) give equal keys. */
export function keyOf(column: Column, row: number): string | number | boolean | null {
  const value = column.get(row);
  if (value === null || typeof value !== 'object') return value as string | number | boolean | null;
  return JSON.stringify(value);
}

export function groupRows(keys: readonly Column[], rowCount: number): Grouping {
  if (keys.length === 0) {
    const firstRows = rowCount > 0 ? Int32Array.of(0) : new Int32Array(0);
    return { groups: new Int32Array(rowCount), groupCount: firstRows.length, firstRows };
  }
  // Each key column becomes dense ids (0 .. distinct-1); several are combined pairwise.
  let combined = denseIds(keys[0], rowCount);
  for (let k = 1; k < keys.length; k++) combined = combine(combined, denseIds(keys[k], rowCount), rowCount);
  return combined;
}

/** Numbers keys 0, 1, 2 ... in order of first appearance, remembering each key's first row. */
class FirstAppearance<K> {
  private readonly ids = new Map<K, number>();
  readonly firstRows: number[] = [];

  id(key: K, row: number): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.firstRows.push(row) - 1;
      this.ids.set(key, id);
    }
    return id;
  }

  grouping(groups: Int32Array): Grouping {
    return { groups, groupCount: this.firstRows.length, firstRows: Int32Array.from(this.firstRows) };
  }
}

/** Dense ids in order of first appearance: strings through their dictionary, numbers by value. */
function denseIds(column: Column, rowCount: number): Grouping {
  const groups = new Int32Array(rowCount);
  const firstRows: number[] = [];
  if (column instanceof StringColumn) {
    const byValue = new Map<string | null, number>();
    const codeToGroup = new Int32Array(column.dictionary.length + 1).fill(-1); // slot 0: code -1 (null guid)
    for (let row = 0; row < rowCount; row++) {
      const code = column.codes[row];
      let id = codeToGroup[code + 1];
      if (id < 0) {
        const value = code < 0 ? null : column.dictionary[code];
        id = byValue.get(value) ?? -1;
        if (id < 0) {
          id = firstRows.push(row) - 1;
          byValue.set(value, id);
        }
        codeToGroup[code + 1] = id;
      }
      groups[row] = id;
    }
  } else if (column instanceof NumberColumn || column instanceof BoolColumn) {
    const ids = new Map<number, number>();
    let nullId = -1;
    const data = column.data;
    for (let row = 0; row < rowCount; row++) {
      let id: number;
      if (column.isNull(row)) {
        if (nullId < 0) nullId = firstRows.push(row) - 1;
        id = nullId;
      } else {
        id = ids.get(data[row]) ?? -1;
        if (id < 0) {
          id = firstRows.push(row) - 1;
          ids.set(data[row], id);
        }
      }
      groups[row] = id;
    }
  } else {
    const ids = new FirstAppearance<unknown>();
    for (let row = 0; row < rowCount; row++) groups[row] = ids.id(keyOf(column, row), row);
    return ids.grouping(groups);
  }
  return { groups, groupCount: firstRows.length, firstRows: Int32Array.from(firstRows) };
}

/** Groups by the pair (a, b): one numeric key per row, a * |b| + b (exact for any sizes here). */
function combine(a: Grouping, b: Grouping, rowCount: number): Grouping {
  const groups = new Int32Array(rowCount);
  const ids = new FirstAppearance<number>();
  for (let row = 0; row < rowCount; row++) groups[row] = ids.id(a.groups[row] * b.groupCount + b.groups[row], row);
  return ids.grouping(groups);
}
