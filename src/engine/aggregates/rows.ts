// Rows per group. Aggregates that pick a row (min, max, arg_max, take_any) choose a row index
// per group, then gather the value(s) at those rows (-1 means "no row": null). Aggregates
// that need a group's rows together (distinct values, percentiles) walk them via rowsByGroup.
import { BoolColumn, DynamicColumn, NumberColumn, StringColumn, type Column, type DynamicValue, type KqlType } from '../data/column';

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

/**
 * The values of `column` at `rows`, one per entry; -1 gives null (the empty string for a
 * string column). `type` retypes a numeric result (e.g. int → long); other layouts keep theirs.
 */
export function gatherRows(column: Column, rows: Int32Array, type: KqlType = column.type): Column {
  const n = rows.length;
  if (column instanceof NumberColumn || column instanceof BoolColumn) {
    const data = column instanceof NumberColumn ? new Float64Array(n) : new Uint8Array(n);
    let valid: Uint8Array | undefined;
    for (let g = 0; g < n; g++) {
      const row = rows[g];
      if (row >= 0 && !column.isNull(row)) {
        data[g] = column.data[row];
        if (valid) valid[g] = 1;
      } else {
        valid ??= new Uint8Array(n).fill(1, 0, g);
        valid[g] = 0;
      }
    }
    return column instanceof NumberColumn
      ? new NumberColumn(column.type === type ? column.type : type, data as Float64Array, valid)
      : new BoolColumn(data as Uint8Array, valid);
  }
  if (column instanceof StringColumn) return gatherStrings(column, rows);
  const values: DynamicValue[] = new Array<DynamicValue>(n);
  for (let g = 0; g < n; g++) values[g] = rows[g] >= 0 ? (column as DynamicColumn).values[rows[g]] : null;
  return new DynamicColumn(values);
}

/** Shares the dictionary; a string column's "no row" needs an empty-string entry (strings are never null). */
function gatherStrings(column: StringColumn, rows: Int32Array): StringColumn {
  const codes = new Int32Array(rows.length);
  let dictionary = column.dictionary;
  let emptyCode = -1;
  for (let g = 0; g < rows.length; g++) {
    const row = rows[g];
    let code = row >= 0 ? column.codes[row] : -1;
    if (code < 0 && column.type === 'string') {
      if (emptyCode < 0) {
        emptyCode = dictionary.indexOf('');
        if (emptyCode < 0) {
          emptyCode = dictionary.length;
          dictionary = [...dictionary, ''];
        }
      }
      code = emptyCode;
    }
    codes[g] = code;
  }
  return new StringColumn(column.type, codes, dictionary, column.uniqueDictionary);
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
