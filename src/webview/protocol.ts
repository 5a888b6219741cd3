// Messages between the results webview (browser code, src/webview) and the extension host
// (src/extension). Both sides validate what they receive with the checks below: a message of
// the wrong shape is dropped (and logged), never acted upon.
import type { Visualization as ResultVisualization } from '../engine/ir/plan';

/** A column as the query APIs name it: Kusto type names (string, long, datetime, dynamic ...). */
export interface ResultColumn {
  name: string;
  type: string;
}

/** The `render` of a query (Log Analytics' includeVisualization shape), as the engine returns it. */
export type { ResultVisualization };

/**
 * One result to show. Values are JSON: numbers, strings (datetimes ISO 8601 UTC, timespans in
 * Kusto's text form), booleans, null, and dynamic values as parsed JSON.
 */
export interface QueryResultPayload {
  id: string;
  columns: ResultColumn[];
  rows: unknown[][];
  visualization: ResultVisualization | null;
  /** Where it ran: "local workspace /path" or "Log Analytics <name>". */
  target: string;
  query: string;
  durationMs: number;
  /** Rows the target had beyond those sent (the panel shows a notice). */
  truncated?: { shown: number; total?: number };
  /** A partial failure's message, shown over the partial rows. */
  warning?: string;
}

export type ExtensionToWebview =
  | { type: 'running'; id: string; target: string; query: string }
  | { type: 'result'; result: QueryResultPayload }
  | { type: 'error'; id: string; message: string }
  | { type: 'cancelled'; id: string };

export type WebviewToExtension =
  | { type: 'ready' }
  | { type: 'cancel'; id: string }
  | { type: 'copy'; text: string }
  | { type: 'export'; format: 'csv' | 'json'; id: string }
  | { type: 'export-png'; id: string; dataUrl: string }
  | { type: 'open-in-tab'; id: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

/** The message if it is a valid WebviewToExtension, else undefined. */
export function parseWebviewMessage(value: unknown): WebviewToExtension | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready': return { type: 'ready' };
    case 'cancel': case 'open-in-tab':
      return isString(value.id) ? { type: value.type, id: value.id } : undefined;
    case 'copy':
      return isString(value.text) ? { type: 'copy', text: value.text } : undefined;
    case 'export':
      return isString(value.id) && (value.format === 'csv' || value.format === 'json') ? { type: 'export', format: value.format, id: value.id } : undefined;
    case 'export-png':
      return isString(value.id) && isString(value.dataUrl) && value.dataUrl.startsWith('data:image/png;base64,')
        ? { type: 'export-png', id: value.id, dataUrl: value.dataUrl }
        : undefined;
    default: return undefined;
  }
}

function isColumns(value: unknown): value is ResultColumn[] {
  return Array.isArray(value) && value.every((c) => isRecord(c) && isString(c.name) && isString(c.type));
}

function isVisualization(value: unknown): value is ResultVisualization | null {
  return value === null || (isRecord(value) && isString(value.visualization));
}

function isResult(value: unknown): value is QueryResultPayload {
  return isRecord(value) && isString(value.id) && isColumns(value.columns)
    && Array.isArray(value.rows) && value.rows.every((row) => Array.isArray(row) && row.length === (value.columns as ResultColumn[]).length)
    && isVisualization(value.visualization) && isString(value.target) && isString(value.query) && typeof value.durationMs === 'number';
}

/** The message if it is a valid ExtensionToWebview, else undefined. */
export function parseExtensionMessage(value: unknown): ExtensionToWebview | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'running':
      return isString(value.id) && isString(value.target) && isString(value.query) ? { type: 'running', id: value.id, target: value.target, query: value.query } : undefined;
    case 'result':
      return isResult(value.result) ? { type: 'result', result: value.result } : undefined;
    case 'error':
      return isString(value.id) && isString(value.message) ? { type: 'error', id: value.id, message: value.message } : undefined;
    case 'cancelled':
      return isString(value.id) ? { type: 'cancelled', id: value.id } : undefined;
    default: return undefined;
  }
}
