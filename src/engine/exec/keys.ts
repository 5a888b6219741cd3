// Assigns rows to groups by the values of key columns (summarize, distinct, join).
import type { Column } from '../data/column';
import { denseKeys } from '../data/keys';

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
  // Each key column's dense ids (data/keys.ts; null, -1 there, is a value of its own here),
  // combined pairwise and numbered in order of first appearance.
  let grouping: Grouping | undefined;
  for (const key of keys) {
    const { ids, cardinality } = denseKeys(key);
    const values = cardinality + 1;
    const groups = new Int32Array(rowCount);
    if (!grouping) {
      // One column: its ids are small, so an array numbers them (no hashing per row).
      const firstRows: number[] = [];
      const numbering = new Int32Array(values).fill(-1);
      for (let row = 0; row < rowCount; row++) {
        const id = ids[row] + 1;
        if (numbering[id] < 0) numbering[id] = firstRows.push(row) - 1;
        groups[row] = numbering[id];
      }
      grouping = { groups, groupCount: firstRows.length, firstRows: Int32Array.from(firstRows) };
      continue;
    }
    const numbering = new FirstAppearance<number>();
    for (let row = 0; row < rowCount; row++) groups[row] = numbering.id(grouping.groups[row] * values + ids[row] + 1, row);
    grouping = numbering.grouping(groups);
  }
  return grouping!;
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
