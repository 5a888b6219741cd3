// Assigns rows to groups by the values of key columns (summarize, distinct, join).
import { StringColumn, type Column } from '../data/column';

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
  const groups = new Int32Array(rowCount);
  const firstRows: number[] = [];
  if (keys.length === 0) {
    if (rowCount > 0) firstRows.push(0);
    return { groups, groupCount: rowCount > 0 ? 1 : 0, firstRows: Int32Array.from(firstRows) };
  }
  if (keys.length === 1 && keys[0] instanceof StringColumn) return groupByDictionary(keys[0], rowCount);
  const ids = new Map<unknown, number>();
  for (let row = 0; row < rowCount; row++) {
    const key = keys.length === 1 ? keyOf(keys[0], row) : JSON.stringify(keys.map((k) => keyOf(k, row)));
    let id = ids.get(key);
    if (id === undefined) {
      id = firstRows.length;
      ids.set(key, id);
      firstRows.push(row);
    }
    groups[row] = id;
  }
  return { groups, groupCount: firstRows.length, firstRows: Int32Array.from(firstRows) };
}

/** One string key: group through the dictionary codes (one lookup per distinct value). */
function groupByDictionary(column: StringColumn, rowCount: number): Grouping {
  const byValue = new Map<string | null, number>();
  const codeToGroup = new Int32Array(column.dictionary.length + 1).fill(-1); // +1: code -1 (null guid)
  const groups = new Int32Array(rowCount);
  const firstRows: number[] = [];
  for (let row = 0; row < rowCount; row++) {
    const slot = column.codes[row] + 1;
    let id = codeToGroup[slot];
    if (id < 0) {
      const value = column.codes[row] < 0 ? null : column.dictionary[column.codes[row]];
      id = byValue.get(value) ?? -1;
      if (id < 0) {
        id = firstRows.length;
        byValue.set(value, id);
        firstRows.push(row);
      }
      codeToGroup[slot] = id;
    }
    groups[row] = id;
  }
  return { groups, groupCount: firstRows.length, firstRows: Int32Array.from(firstRows) };
}
