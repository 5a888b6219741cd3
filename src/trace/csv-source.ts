// Message trace reports downloaded from the Exchange admin center as CSV (csv-formats.ts),
// UTF-16 or UTF-8. Parsed with csv-parse; a row that cannot be read goes to `onReject` with
// its line, a file that is not CSV or not such a report is a TraceFileError.
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { columnIndex, describeFormats, detectFormat, type CsvFormat, type Field } from './csv-formats';
import { ExtendedReport } from './csv-extended';
import { powershellRow, summaryRow } from './csv-rows';
import { TraceFileError } from './errors';
import { readTraceText } from './file-text';
import { DEFAULT_PAGE_SIZE, throwIfAborted } from './paging';
import type { ReadOptions, RejectedRecord, TraceRecord, TraceSource, TraceWindow } from './record';

export interface CsvSourceOptions {
  /** Records per page yielded by `read` (default 5,000). */
  pageSize?: number;
}

export class CsvTraceSource implements TraceSource {
  readonly kind = 'csv';
  readonly windowed = false;
  readonly files: readonly string[];
  private readonly pageSize: number;

  constructor(files: string | readonly string[], options: CsvSourceOptions = {}) {
    this.files = typeof files === 'string' ? [files] : [...files];
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  /** Every row of every file, in file order; the window is the pipeline's to apply. */
  async *read(_window: TraceWindow, options: ReadOptions = {}): AsyncIterable<TraceRecord[]> {
    let page: TraceRecord[] = [];
    for (const file of this.files) {
      throwIfAborted(options.signal);
      const text = await readTraceText(file);
      for await (const record of parseTraceCsv(text, file, options.onReject)) {
        page.push(record);
        if (page.length >= this.pageSize) {
          throwIfAborted(options.signal);
          yield page;
          page = [];
        }
      }
    }
    if (page.length > 0) yield page;
  }
}

/** The records of one report's text; `file` names it in rejections and errors. */
export async function* parseTraceCsv(text: string, file: string, onReject?: (rejected: RejectedRecord) => void): AsyncGenerator<TraceRecord> {
  // csv-parse counts a CR LF inside a quoted field as two lines; with LF alone it counts right.
  const normal = text.replace(/\r\n?/g, '\n');
  const parser = parse({
    info: true, relax_column_count: true, skip_empty_lines: true, bom: true,
    // Windows PowerShell's Export-Csv writes a `#TYPE ...` line first.
    from_line: normal.startsWith('#TYPE') ? 2 : 1,
  });
  Readable.from(slices(normal)).pipe(parser);

  let header: string[] | undefined;
  let columns: Map<string, number> | undefined;
  let format: CsvFormat | undefined;
  const extended = new ExtendedReport();
  const reject = (line: number, message: string): void => onReject?.({ where: file, line, message });
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines - newlinesIn(record);
      if (!header) {
        header = record;
        columns = columnIndex(record);
        format = detectFormat(columns);
        if (!format) throw new TraceFileError(`not a message trace report: ${describeFormats()}`, file, line, 1);
        continue;
      }
      if (record.length !== header.length) {
        reject(line, `the row has ${record.length} field${record.length === 1 ? '' : 's'}, the header ${header.length}`);
        continue;
      }
      const index = columns!;
      const field: Field = (key) => {
        const i = index.get(key);
        return i === undefined ? '' : record[i];
      };
      if (format === 'extended') {
        const problem = extended.add(field);
        if (problem) reject(line, problem);
        continue;
      }
      const { records, problems } = format === 'summary' ? summaryRow(field) : powershellRow(field);
      for (const problem of problems) reject(line, problem);
      yield* records;
    }
  } catch (error) {
    if (error instanceof CsvError) throw new TraceFileError(`not valid CSV: ${error.message}`, file, (error as CsvError & { lines?: number }).lines);
    throw error;
  } finally {
    parser.destroy();
  }
  if (!header) throw new TraceFileError(`empty file: ${describeFormats()}`, file, 1);
  if (format === 'extended') yield* extended.records();
}

function* slices(text: string, size = 1 << 16): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

function newlinesIn(record: readonly string[]): number {
  let n = 0;
  for (const value of record) for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) n++;
  return n;
}
