// A result as CSV (RFC 4180 quoting, CRLF) or as the CLI's JSON object.
import type { QueryResultPayload } from '../../webview/protocol';

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function resultCsv(result: Pick<QueryResultPayload, 'columns' | 'rows'>): string {
  const lines = [result.columns.map((c) => quote(c.name)).join(',')];
  for (const row of result.rows) lines.push(row.map((value) => quote(cellText(value))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** `sentinel-hunt query --format json`'s shape: {columns, rows, visualization}. */
export function resultJson(result: Pick<QueryResultPayload, 'columns' | 'rows' | 'visualization'>): string {
  return `${JSON.stringify({ columns: result.columns, rows: result.rows, visualization: result.visualization })}\n`;
}
