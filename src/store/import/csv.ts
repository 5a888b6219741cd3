// RFC 4180 CSV: a header record, then records of as many fields; fields optionally quoted
// with `"`, a quote inside a quoted field doubled, line breaks allowed inside quoted fields;
// records end with CRLF, LF or CR. Blank lines are skipped. Anything else is an error naming
// the line and column.
import { importError } from '../errors';
import type { RawColumns } from './raw';

export function parseCsv(text: string, file: string, delimiter = ','): RawColumns {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let header: string[] | undefined;
  let columns: string[][] = [];
  const lines: number[] = [];
  const fields: string[] = [];

  while (i < n) {
    const recordLine = line;
    fields.length = 0;
    let quotedAny = false;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === 0x22) {
        quotedAny = true;
        const openLine = line;
        const openColumn = i - lineStart + 1;
        i++;
        let start = i;
        value = '';
        for (;;) {
          if (i >= n) throw importError(file, 'unterminated quoted field (the quote that opens it is here)', openLine, openColumn);
          const c = text.charCodeAt(i);
          if (c === 0x22) {
            value += text.slice(start, i);
            if (text.charCodeAt(i + 1) === 0x22) { value += '"'; i += 2; start = i; continue; }
            i++;
            break;
          }
          if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) { line++; lineStart = i + 1; }
          i++;
        }
        const after = text.charCodeAt(i);
        if (i < n && after !== d && after !== 0x0a && after !== 0x0d) {
          throw importError(file, `unexpected ${JSON.stringify(text[i])} after a closing quote (a quote inside a quoted field is written "")`, line, i - lineStart + 1);
        }
      } else {
        const start = i;
        for (; i < n; i++) {
          const c = text.charCodeAt(i);
          if (c === d || c === 0x0a || c === 0x0d) break;
          if (c === 0x22) throw importError(file, 'a double quote inside an unquoted field (quote the whole field and double the quote)', line, i - lineStart + 1);
        }
        value = text.slice(start, i);
      }
      fields.push(value);
      if (i < n && text.charCodeAt(i) === d) { i++; if (i < n) continue; fields.push(''); }
      break;
    }
    // End of record.
    if (text.charCodeAt(i) === 0x0d) i++;
    if (text.charCodeAt(i) === 0x0a) i++;
    line++;
    lineStart = i;
    if (!quotedAny && fields.length === 1 && fields[0] === '') continue; // blank line

    if (!header) {
      header = fields.map((f, k) => f.trim() || `Column${k + 1}`);
      const seen = new Set<string>();
      for (const name of header) {
        if (seen.has(name)) throw importError(file, `the header names column ${name} twice`, recordLine);
        seen.add(name);
      }
      columns = header.map(() => []);
      continue;
    }
    if (fields.length !== header.length) {
      throw importError(file, `the record has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header ${header.length}`, recordLine);
    }
    for (let k = 0; k < fields.length; k++) columns[k].push(fields[k]);
    lines.push(recordLine);
  }
  if (!header) throw importError(file, 'empty file: expected a header line naming the columns', 1);
  return { names: header, columns, rowCount: lines.length, locate: (row) => ({ line: lines[row] }) };
}
