// What a query runs against: a local workspace folder (the embedded engine, in the query host)
// or a Log Analytics workspace (Microsoft Sentinel). Named connections live in the
// `sentinelHunt.connections` setting; this file only describes and validates them.
import * as path from 'node:path';

export interface LocalConnection {
  type: 'local';
  name: string;
  /** Absolute path of the folder holding workspace.json. */
  folder: string;
}

export interface LogAnalyticsConnection {
  type: 'logAnalytics';
  name: string;
  /** The workspace ID (a GUID on the workspace's overview page), not its name. */
  workspaceId: string;
  /** Query API base URL (sovereign clouds, tests); `/v1` is added when missing. */
  endpoint?: string;
  /** Entra tenant to sign in to (the workspace's). */
  tenant?: string;
  /** App registration to sign in with, when VS Code's own may not request Log Analytics. */
  clientId?: string;
  /** Read the bearer token from this environment variable instead of signing in (tests, automation). */
  tokenEnvironmentVariable?: string;
}

export type Connection = LocalConnection | LogAnalyticsConnection;

export const DEFAULT_QUERY_ENDPOINT = 'https://api.loganalytics.io';

/**
 * Token variables must carry this prefix, so that a workspace's settings cannot send another
 * secret of the environment (GITHUB_TOKEN ...) to an endpoint of its choosing.
 */
export const TOKEN_VARIABLE_PREFIX = 'SENTINEL_HUNT_';

export function checkTokenVariable(name: string, where: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || !name.startsWith(TOKEN_VARIABLE_PREFIX)) {
    throw new Error(`${where}: the token variable must be an environment variable name starting with ${TOKEN_VARIABLE_PREFIX}, not ${JSON.stringify(name).slice(0, 60)}`);
  }
  return name;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isWorkspaceId(text: string): boolean {
  return GUID.test(text.trim());
}

/** Where a query ran, for the results panel: "local workspace /path" or "Log Analytics <name>". */
export function describeTarget(connection: Connection): string {
  return connection.type === 'local' ? `local workspace ${connection.folder}` : `Log Analytics ${connection.name}`;
}

/** The query API base URL with its `/v1` (LogsQueryClient's `endpoint` replaces the whole base). */
export function queryEndpoint(connection: LogAnalyticsConnection, defaultEndpoint: string | undefined): string {
  const base = (connection.endpoint || defaultEndpoint || DEFAULT_QUERY_ENDPOINT).trim().replace(/\/+$/, '');
  return /\/v1$/i.test(base) ? base : `${base}/v1`;
}

/** The token audience of a query endpoint: its origin (https://api.loganalytics.io, .us, .azure.cn ...). */
export function queryAudience(endpoint: string): string {
  return new URL(endpoint).origin;
}

export interface ParseContext {
  /** The first workspace folder, for `${workspaceFolder}` and relative paths. */
  workspaceFolder?: string;
}

/** Validates one connection of the setting (or a command argument); throws a message naming the mistake. */
export function parseConnection(value: unknown, where: string, context: ParseContext = {}): Connection {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where}: expected an object`);
  const record = value as Record<string, unknown>;
  const text = (key: string, required: boolean): string | undefined => {
    const v = record[key];
    if (v === undefined || v === null || v === '') {
      if (required) throw new Error(`${where}: "${key}" is required`);
      return undefined;
    }
    if (typeof v !== 'string') throw new Error(`${where}: "${key}" must be a string`);
    return v.trim();
  };
  const name = text('name', true) as string;
  const type = text('type', true);
  if (type === 'local') {
    const folder = text('folder', true) as string;
    return { type: 'local', name, folder: resolveFolder(folder, context, `${where} (${name})`) };
  }
  if (type === 'logAnalytics') {
    const workspaceId = text('workspaceId', true) as string;
    if (!isWorkspaceId(workspaceId)) throw new Error(`${where} (${name}): workspaceId ${JSON.stringify(workspaceId)} is not a workspace ID (a GUID on the workspace's overview page)`);
    const endpoint = text('endpoint', false);
    if (endpoint !== undefined && !/^https:\/\/[^/]/i.test(endpoint)) throw new Error(`${where} (${name}): endpoint must be an https:// URL`);
    const connection: LogAnalyticsConnection = { type: 'logAnalytics', name, workspaceId };
    for (const key of ['endpoint', 'tenant', 'clientId', 'tokenEnvironmentVariable'] as const) {
      const v = text(key, false);
      if (v !== undefined) connection[key] = v;
    }
    if (connection.tokenEnvironmentVariable !== undefined) checkTokenVariable(connection.tokenEnvironmentVariable, `${where} (${name}): tokenEnvironmentVariable`);
    return connection;
  }
  throw new Error(`${where} (${name}): "type" must be "local" or "logAnalytics"`);
}

function resolveFolder(folder: string, context: ParseContext, where: string): string {
  let resolved = folder.replace(/\$\{workspaceFolder\}/g, () => {
    if (!context.workspaceFolder) throw new Error(`${where}: \${workspaceFolder} needs an open folder`);
    return context.workspaceFolder;
  });
  if (!path.isAbsolute(resolved)) {
    if (!context.workspaceFolder) throw new Error(`${where}: folder ${JSON.stringify(folder)} is relative and no folder is open`);
    resolved = path.join(context.workspaceFolder, resolved);
  }
  return path.normalize(resolved);
}

/** The connection as the setting stores it (the inverse of parseConnection). */
export function connectionSetting(connection: Connection): Record<string, string> {
  const entries = Object.entries(connection).filter(([, v]) => typeof v === 'string' && v !== '');
  return Object.fromEntries(entries) as Record<string, string>;
}
