// Tab-separated text for the clipboard, as spreadsheets read it: a field with a tab, a line
// break or a double quote is quoted, with quotes doubled.

export function tsvField(text: string): string {
  return /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toTsv(lines: readonly (readonly string[])[]): string {
  return lines.map((fields) => fields.map(tsvField).join('\t')).join('\n');
}
