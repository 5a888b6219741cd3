// Messages between the extension host and the query host process (dist/query-host.js, forked
// with an IPC channel). Types, constants and validators only: the extension imports this file,
// so it must not pull in the engine (Kusto.Language sets globals in whatever process loads it).
//
//   extension -> host   { type: 'run', id, workspace, query, now, maxRows }   one at a time
//   host -> extension   { type: 'ready', ... }                                 once, after warm-up
//                       { type: 'started', id }                                when it begins a run
//                       { type: 'result', id, ... } | { type: 'error', id, ... }
// A run cannot be interrupted inside the engine: to cancel, the extension kills the process
// and forks a new one for the next query.

export interface RunRequest {
  type: 'run';
  id: string;
  /** Absolute path of the local workspace folder (its workspace.json). */
  workspace: string;
  query: string;
  /** now() for the whole query, ms since the epoch. */
  now: number;
  /** Rows sent back at most; `totalRows` says how many the result had. */
  maxRows: number;
}

export type HostRequest = RunRequest;

export interface HostColumn {
  name: string;
  type: string;
}

export interface HostResult {
  type: 'result';
  id: string;
  columns: HostColumn[];
  /** The CLI's JSON value forms (src/engine/output.ts). */
  rows: unknown[][];
  visualization: { visualization: string; [property: string]: unknown } | null;
  totalRows: number;
  timing: { loadMs: number; analyzeMs: number; executeMs: number };
}

export type HostErrorKind = 'kql' | 'not-supported' | 'limit' | 'workspace' | 'internal';

export interface HostDiagnostic {
  line: number;
  column: number;
  message: string;
}

export interface HostError {
  type: 'error';
  id: string;
  kind: HostErrorKind;
  message: string;
  /** For `kql`: 1-based positions in the query text. */
  diagnostics?: HostDiagnostic[];
}

export type HostResponse =
  | { type: 'ready'; kustoLanguageVersion: string; warmUpMs: number }
  | { type: 'started'; id: string }
  | HostResult
  | HostError;

const ERROR_KINDS: readonly string[] = ['kql', 'not-supported', 'limit', 'workspace', 'internal'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function parseHostRequest(value: unknown): HostRequest | undefined {
  if (!isRecord(value) || value.type !== 'run') return undefined;
  const { id, workspace, query, now, maxRows } = value;
  if (!isString(id) || !isString(workspace) || !isString(query) || !isNumber(now) || !isNumber(maxRows)) return undefined;
  return { type: 'run', id, workspace, query, now, maxRows };
}

function isDiagnostic(value: unknown): value is HostDiagnostic {
  return isRecord(value) && isNumber(value.line) && isNumber(value.column) && isString(value.message);
}

export function parseHostResponse(value: unknown): HostResponse | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return isString(value.kustoLanguageVersion) && isNumber(value.warmUpMs)
        ? { type: 'ready', kustoLanguageVersion: value.kustoLanguageVersion, warmUpMs: value.warmUpMs }
        : undefined;
    case 'started':
      return isString(value.id) ? { type: 'started', id: value.id } : undefined;
    case 'result': {
      const { id, columns, rows, visualization, totalRows, timing } = value;
      const columnsOk = Array.isArray(columns) && columns.every((c) => isRecord(c) && isString(c.name) && isString(c.type));
      const rowsOk = Array.isArray(rows) && rows.every((row) => Array.isArray(row) && row.length === (columns as unknown[]).length);
      const visualizationOk = visualization === null || (isRecord(visualization) && isString(visualization.visualization));
      const timingOk = isRecord(timing) && isNumber(timing.loadMs) && isNumber(timing.analyzeMs) && isNumber(timing.executeMs);
      if (!isString(id) || !columnsOk || !rowsOk || !visualizationOk || !isNumber(totalRows) || !timingOk) return undefined;
      return value as unknown as HostResult;
    }
    case 'error': {
      const { id, kind, message, diagnostics } = value;
      if (!isString(id) || !isString(kind) || !ERROR_KINDS.includes(kind) || !isString(message)) return undefined;
      if (diagnostics !== undefined && !(Array.isArray(diagnostics) && diagnostics.every(isDiagnostic))) return undefined;
      return { type: 'error', id, kind: kind as HostErrorKind, message, diagnostics: diagnostics as HostDiagnostic[] | undefined };
    }
    default:
      return undefined;
  }
}
