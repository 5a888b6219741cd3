// Errors of the local engine. Both carry what the CLI prints and the extension shows.

export interface QueryDiagnostic {
  /** 1-based line and column in the query text. */
  line: number;
  column: number;
  message: string;
}

/** The query is not valid KQL (Kusto.Language reported errors). */
export class KqlError extends Error {
  constructor(readonly diagnostics: QueryDiagnostic[]) {
    super(diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n'));
  }
}

export { NotSupportedError } from './functions/types';

/** A query or table over the engine's limits (rows, memory): a clear error, not a crash. */
export class EngineLimitError extends Error {}
