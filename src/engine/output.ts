// The query result in the CLI's formats. JSON follows DESIGN.md's contract: Kusto type names,
// datetime as ISO 8601 UTC with Z, timespan as [-][d.]hh:mm:ss[.fffffff], dynamic as JSON.
import type { KqlType, Value } from './data/column';
import type { Table } from './data/table';
import { formatDatetime, formatTimespan } from './data/temporal';
import type { Visualization } from './ir/plan';

export function outputValue(value: Value, type: KqlType): Value {
  if (value === null) return null;
  if (type === 'datetime') return formatDatetime(value as number);
  if (type === 'timespan') return formatTimespan(value as number);
  return value;
}

export interface ResultObject {
  columns: { name: string; type: KqlType }[];
  rows: Value[][];
  visualization: Visualization | null;
}

/** The result as the JSON contract's object (values in their output forms); `maxRows` caps the rows. */
export function toResultObject(table: Table, visualization: Visualization | null, maxRows = Infinity): ResultObject {
  const schema = table.schema;
  const rows = table.rows(Math.min(maxRows, table.rowCount)).map((row) => row.map((value, c) => outputValue(value, schema[c].type)));
  return { columns: schema.map(({ name, type }) => ({ name, type })), rows, visualization };
}

export function toJson(table: Table, visualization: Visualization | null): string {
  return JSON.stringify(toResultObject(table, visualization));
}

function cellText(value: Value, type: KqlType): string {
  const out = outputValue(value, type);
  if (out === null) return '';
  return typeof out === 'object' ? JSON.stringify(out) : String(out);
}

export function toCsv(table: Table): string {
  const schema = table.schema;
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [schema.map((f) => quote(f.name)).join(',')];
  for (const row of table.rows()) lines.push(row.map((value, c) => quote(cellText(value, schema[c].type))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toText(table: Table, maxWidth = 60): string {
  const schema = table.schema;
  const cells = table.rows().map((row) => row.map((value, c) => cellText(value, schema[c].type).replace(/\s+/g, ' ')));
  const widths = schema.map((f, c) => Math.min(maxWidth, Math.max(f.name.length, ...cells.map((r) => r[c].length))));
  const line = (values: string[]) => values.map((v, c) => (v.length > widths[c] ? `${v.slice(0, widths[c] - 1)}…` : v.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(schema.map((f) => f.name)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + `\n(${table.rowCount} rows)\n`;
}
