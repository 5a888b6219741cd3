// Archived message trace exports in JSON, one or more files, each detected by its shape
// (json-shapes.ts). A row that cannot be read goes to `onReject` with the line of its item;
// a file that is not JSON, or not a trace export, is a TraceFileError.
import { findJsonProblem, lineColAt } from '../store/json-locate';
import { TraceFileError } from './errors';
import { readTraceText } from './file-text';
import { arrayElementOffsets, LineIndex } from './json-positions';
import { jsonLayout, recordFromItem } from './json-shapes';
import { DEFAULT_PAGE_SIZE, pagesOf, throwIfAborted } from './paging';
import type { ReadOptions, RejectedRecord, TraceRecord, TraceSource, TraceWindow } from './record';

export interface JsonSourceOptions {
  /** Records per page yielded by `read` (default 5,000). */
  pageSize?: number;
}

export class JsonTraceSource implements TraceSource {
  readonly kind = 'json';
  readonly windowed = false;
  readonly files: readonly string[];
  private readonly pageSize: number;

  constructor(files: string | readonly string[], options: JsonSourceOptions = {}) {
    this.files = typeof files === 'string' ? [files] : [...files];
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  /** Every row of every file, in file order; the window is the pipeline's to apply. */
  async *read(_window: TraceWindow, options: ReadOptions = {}): AsyncIterable<TraceRecord[]> {
    for (const file of this.files) {
      throwIfAborted(options.signal);
      const records = parseTraceJson(await readTraceText(file), file, options.onReject);
      for (const page of pagesOf(records, this.pageSize)) {
        throwIfAborted(options.signal);
        yield page;
      }
    }
  }
}

/** The records of one export's text; `file` names it in rejections and errors. */
export function parseTraceJson(text: string, file: string, onReject?: (rejected: RejectedRecord) => void): TraceRecord[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const problem = findJsonProblem(text);
    if (!problem) throw new TraceFileError(`not JSON: ${(error as Error).message}`, file);
    const { line, column } = lineColAt(text, problem.offset);
    throw new TraceFileError(`not JSON: ${problem.message}`, file, line, column);
  }
  const layout = jsonLayout(document);
  if (!layout) {
    const { line, column } = lineColAt(text, Math.max(0, text.search(/\S/)));
    throw new TraceFileError(
      'not a message trace export: expected {"value":[...]} or an array of Graph messageTrace objects, '
      + 'or Reporting Web Service MessageTrace rows ({"d":{"results":[...]}} or {"value":[...]})', file, line, column);
  }
  const { items, fields } = layout;
  const records: TraceRecord[] = [];
  let lines: ((index: number) => number) | undefined;
  for (let i = 0; i < items.length; i++) {
    const result = recordFromItem(items[i], fields!);
    if (typeof result !== 'string') {
      records.push(result);
      continue;
    }
    if (!onReject) continue;
    lines ??= itemLines(text, layout.path);
    onReject({ where: file, line: lines(i), message: `item ${i + 1}: ${result}` });
  }
  return records;
}

function itemLines(text: string, path: string[]): (index: number) => number {
  const offsets = arrayElementOffsets(text, path) ?? [];
  const index = new LineIndex(text);
  return (i) => index.line(offsets[i] ?? 0);
}
