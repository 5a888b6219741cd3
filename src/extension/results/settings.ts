// The `sentinelHunt.*` settings of running queries, with their defaults and bounds.
import * as vscode from 'vscode';
import { DEFAULT_ARM_ENDPOINT } from './arm';

export const SECTION = 'sentinelHunt';

export interface QuerySettings {
  /** Local: the host is stopped after this long. Log Analytics: the server's wait (at most 600 s). */
  queryTimeoutSeconds: number;
  /** Rows sent to the results panel at most. */
  maxRows: number;
  /** ISO 8601 duration Log Analytics applies on top of the query's own time filters. */
  queryTimespan: string;
}

export interface AzureSettings {
  /** Default query API endpoint of Log Analytics connections that do not set one. */
  logAnalyticsEndpoint?: string;
  resourceManagerEndpoint: string;
  authProvider: string;
  tenant?: string;
  clientId?: string;
  /** Read tokens from this environment variable instead of signing in (tests, automation). */
  tokenEnvironmentVariable?: string;
}

const optional = (value: string | undefined): string | undefined => (value && value.trim() !== '' ? value.trim() : undefined);

export function querySettings(): QuerySettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const timeout = config.get<number>('queryTimeoutSeconds', 180);
  const maxRows = config.get<number>('maxRows', 100_000);
  const timespan = optional(config.get<string>('queryTimespan')) ?? 'P30D';
  return {
    queryTimeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, 3600) : 180,
    maxRows: Number.isFinite(maxRows) && maxRows > 0 ? Math.min(Math.floor(maxRows), 1_000_000) : 100_000,
    queryTimespan: /^P(?!$)/.test(timespan) ? timespan : 'P30D',
  };
}

export function azureSettings(): AzureSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    logAnalyticsEndpoint: optional(config.get<string>('logAnalytics.endpoint')),
    resourceManagerEndpoint: optional(config.get<string>('azure.resourceManagerEndpoint')) ?? DEFAULT_ARM_ENDPOINT,
    authProvider: optional(config.get<string>('auth.provider')) ?? 'microsoft',
    tenant: optional(config.get<string>('auth.tenant')),
    clientId: optional(config.get<string>('auth.clientId')),
    tokenEnvironmentVariable: optional(config.get<string>('auth.tokenEnvironmentVariable')),
  };
}
