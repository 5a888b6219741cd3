// Messages between the extension and the language server beyond standard LSP. Types only
// and constants: the extension imports this file, so it must not pull in Kusto.Language.
import type { WorkspaceSchema } from '../kql/schema';

/**
 * Request (extension -> server): replace the schema the server analyses with. `schema: null`
 * goes back to the built-in schemas (message trace profiles, Sentinel functions).
 * Sent after connecting to a workspace with the workspace's tables, columns and functions
 * (`complete: true`: unknown names become errors).
 */
export const SET_SCHEMA_REQUEST = 'sentinelHunt/setSchema';

export interface SetSchemaParams {
  schema: WorkspaceSchema | null;
  /** Shown in hovers and logs, e.g. the workspace's name. */
  source?: string;
}

export interface SetSchemaResult {
  tables: number;
  functions: number;
}

/** Notification (server -> extension) once Kusto.Language is loaded and warmed up. */
export const READY_NOTIFICATION = 'sentinelHunt/ready';

export interface ReadyParams {
  kustoLanguageVersion: string;
  warmUpMs: number;
}
