// The sentinelHunt.* settings the hunting commands read. None of them ever holds a secret:
// client secrets live in SecretStorage (secrets.ts).
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isProfileName, type ProfileName } from '../../../hunts/profiles';

export const SETTINGS_SECTION = 'sentinelHunt';

export interface HuntingSettings {
  tenantDomains: string[];
  profile: ProfileName;
  /** The local workspace folder for ingestion and queries ('' = <workspace folder>/.sentinel-hunt/workspace). */
  localWorkspace: string;
  /** sentinelHunt.graph.tenant, else the sign-in tenant of the query commands (sentinelHunt.auth.tenant). */
  graphTenant: string;
  graphClientId: string;
  /** The VS Code authentication provider for sign-in (shared with the query commands). */
  authProvider: string;
  graphEndpoint: string;
  /** Microsoft Entra authority for app registrations (sovereign clouds). */
  authorityHost: string;
  /** Shared with the query commands: sentinelHunt.azure.resourceManagerEndpoint. */
  armEndpoint: string;
  /** How far before the checkpoint each ingestion run re-reads (e.g. 48h). */
  ingestOverlap: string;
}

export function readSettings(): HuntingSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const text = (key: string) => {
    const value = config.get<unknown>(key);
    return typeof value === 'string' ? value.trim() : '';
  };
  const domains = config.get<unknown>('tenantDomains');
  const profile = text('profile');
  return {
    tenantDomains: Array.isArray(domains) ? domains.filter((d): d is string => typeof d === 'string' && d.trim() !== '').map((d) => d.trim()) : [],
    profile: isProfileName(profile) ? profile : 'classic',
    localWorkspace: text('localWorkspace'),
    graphTenant: text('graph.tenant') || text('auth.tenant'),
    graphClientId: text('graph.clientId'),
    authProvider: text('auth.provider') || 'microsoft',
    graphEndpoint: text('graph.endpoint'),
    authorityHost: text('authorityHost'),
    armEndpoint: text('azure.resourceManagerEndpoint'),
    ingestOverlap: text('ingest.overlap') || '48h',
  };
}

/** The default local workspace folder, or undefined with no setting and no folder open. */
export function defaultLocalWorkspace(settings: HuntingSettings = readSettings()): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const base = folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
  if (settings.localWorkspace !== '') return resolveFolder(settings.localWorkspace, base);
  return base === undefined ? undefined : path.join(base, '.sentinel-hunt', 'workspace');
}

/** Expands ${workspaceFolder} and ~, and makes a relative path relative to the workspace folder. */
export function resolveFolder(text: string, base: string | undefined): string | undefined {
  let value = text.replace(/\$\{workspaceFolder\}/g, base ?? '${workspaceFolder}');
  if (value.includes('${workspaceFolder}')) return undefined;
  if (value === '~' || value.startsWith('~/')) value = path.join(os.homedir(), value.slice(1));
  if (path.isAbsolute(value)) return path.normalize(value);
  return base === undefined ? undefined : path.join(base, value);
}
