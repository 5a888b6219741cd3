// A message trace file that cannot be read at all (not JSON, not CSV of a known report, not
// text). Rows that cannot be read are not errors: they go to `ReadOptions.onReject`.

export class TraceFileError extends Error {
  constructor(message: string, readonly file: string, readonly line?: number, readonly column?: number) {
    super(`${where(file, line, column)}: ${message}`);
    this.name = 'TraceFileError';
  }
}

function where(file: string, line?: number, column?: number): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}
