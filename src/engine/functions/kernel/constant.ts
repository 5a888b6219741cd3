// Detection of constant arguments. A literal reaches a kernel as a column repeating one value
// (a string literal as a StringColumn with a one-entry dictionary); kernels use these helpers
// to take fast paths such as computing `has "literal"` once per dictionary entry.
import { BoolColumn, DynamicColumn, NumberColumn, StringColumn, type Column, type Value } from '../../data/column';

/** The value every row of the column holds, or undefined when the rows differ (or there are none). */
export function constantValue(column: Column): { value: Value } | undefined {
  if (column.length === 0) return undefined;
  if (column instanceof StringColumn) return constantString(column);
  if (column instanceof NumberColumn || column instanceof BoolColumn) return constantTyped(column);
  return constantDynamic(column);
}

/** The string every row holds (a string literal), or undefined. */
export function constantStringValue(column: Column): string | undefined {
  const constant = column instanceof StringColumn ? constantString(column) : undefined;
  return typeof constant?.value === 'string' ? constant.value : undefined;
}

function constantString(column: StringColumn): { value: Value } | undefined {
  const codes = column.codes;
  const first = codes[0];
  // A one-entry dictionary means every (non-null) row holds that entry.
  if (column.dictionary.length === 1 && column.type === 'string') return { value: column.dictionary[0] };
  for (let i = 1; i < codes.length; i++) if (codes[i] !== first) return undefined;
  return { value: column.get(0) };
}

function constantTyped(column: NumberColumn | BoolColumn): { value: Value } | undefined {
  const { data, valid } = column;
  const firstValid = valid === undefined ? 1 : valid[0];
  for (let i = 1; i < data.length; i++) {
    const rowValid = valid === undefined ? 1 : valid[i];
    if (rowValid !== firstValid) return undefined;
    if (rowValid === 1 && data[i] !== data[0]) return undefined;
  }
  return { value: column.get(0) };
}

function constantDynamic(column: DynamicColumn): { value: Value } | undefined {
  const values = column.values;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return undefined;
  return { value: values[0] };
}
