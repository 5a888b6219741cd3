// Errors of the local workspace and of file import. Each names the file concerned and the
// problem; `code` lets the CLI and the extension tell them apart without parsing messages.

export type StoreErrorCode =
  | 'not-a-workspace'
  | 'corrupt-manifest'
  | 'corrupt-part'
  | 'unknown-table'
  | 'table-exists'
  | 'schema-mismatch'
  | 'invalid-data'
  | 'invalid-state'
  | 'locked'
  | 'malformed-input'
  | 'unsupported';

export class StoreError extends Error {
  constructor(readonly code: StoreErrorCode, message: string, readonly file?: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Malformed import input; `line` and `column` are 1-based when known. */
export class ImportError extends StoreError {
  constructor(message: string, file: string, readonly line?: number, readonly column?: number) {
    super('malformed-input', message, file);
    this.name = 'ImportError';
  }
}

/** `file:line:col: message` (or `file:line: message`, `file: message`). */
export function importError(file: string, message: string, line?: number, column?: number): ImportError {
  const where = line === undefined ? file : column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
  return new ImportError(`${where}: ${message}`, file, line, column);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
