// Rows per group. Aggregates that pick a row (min, max, arg_max, take_any) choose a row index
// per group, then gather the value(s) at those rows (-1 means "no row": null). Aggregates
// that need a group's rows together (distinct values, percentiles) walk them via rowsByGroup.

/** For groups still at -1 in `rows`, the first row of the group (rows with group -1 are skipped). */
export function fillFirstRows(rows: Int32Array, groups: Int32Array): void {
  let missing = 0;
  for (let g = 0; g < rows.length; g++) if (rows[g] < 0) missing++;
  for (let i = 0; i < groups.length && missing > 0; i++) {
    const g = groups[i];
    if (g >= 0 && rows[g] < 0) {
      rows[g] = i;
      missing--;
    }
  }
}

/** Row numbers ordered by group, in row order within a group (a stable counting sort); rows of group -1 are left out. */
export interface GroupedRows {
  /** Group g's rows are order[offsets[g]] .. order[offsets[g + 1] - 1]. */
  readonly order: Int32Array;
  readonly offsets: Int32Array;
}

export function rowsByGroup(groups: Int32Array, groupCount: number): GroupedRows {
  const offsets = new Int32Array(groupCount + 1);
  for (let i = 0; i < groups.length; i++) if (groups[i] >= 0) offsets[groups[i] + 1]++;
  for (let g = 0; g < groupCount; g++) offsets[g + 1] += offsets[g];
  const cursor = offsets.slice(0, groupCount);
  const order = new Int32Array(offsets[groupCount]);
  for (let i = 0; i < groups.length; i++) if (groups[i] >= 0) order[cursor[groups[i]]++] = i;
  return { order, offsets };
}
