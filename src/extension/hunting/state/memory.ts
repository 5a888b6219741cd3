// Choices the commands remember between runs: per workspace (what was ingested where) and
// per user (the Graph app registration and the Azure target, which do not depend on a folder).
// Secrets are never kept here: see secrets.ts.
import type * as vscode from 'vscode';
import type { IngestProfileName } from '../../../ingest/profiles';
import type { AppAuthKind, AzureAuthKind, SourceKind } from '../ingest/options';

export interface LastIngestion {
  outcome: 'done' | 'cancelled' | 'failed';
  /** Rows written (for a cancelled or failed run, those written before it stopped). */
  written: number;
  duplicates: number;
  read: number;
  /** ISO 8601. */
  finished: string;
  target: string;
  targetKind: 'local' | 'azure';
  source: SourceKind;
  profile: IngestProfileName;
  error?: string;
}

export interface WorkspaceMemory {
  'ingest.source': SourceKind;
  'ingest.synthetic': { domains: string[]; days: number; scenarios: string[] };
  'ingest.jsonFiles': string[];
  'ingest.csvFiles': string[];
  'ingest.target': 'local' | 'azure';
  'ingest.localFolder': string;
  'ingest.profile': IngestProfileName;
  'ingest.lastRun': LastIngestion;
  'hunt.template': string;
  'hunt.tenantDomains': string[];
  'lookalikes.format': string;
}

export interface AppRegistrationMemory {
  auth: AppAuthKind;
  tenant: string;
  clientId: string;
  /** A path, not a secret: the file holds the key. */
  certificatePath?: string;
}

export interface AzureTargetMemory {
  endpoint: string;
  dcrImmutableId: string;
  stream: string;
  auth: AzureAuthKind;
}

export interface GlobalMemory {
  appRegistration: AppRegistrationMemory;
  'azure.target': AzureTargetMemory;
  'azure.setup': { profile: IngestProfileName; workspaceName: string; dcrName: string; location: string; principalId: string; subscription: string; resourceGroup: string };
}

const PREFIX = 'sentinelHunt.';

export class Memory {
  constructor(private readonly context: vscode.ExtensionContext) {}

  get<K extends keyof WorkspaceMemory>(key: K): WorkspaceMemory[K] | undefined {
    return this.context.workspaceState.get<WorkspaceMemory[K]>(PREFIX + key);
  }

  set<K extends keyof WorkspaceMemory>(key: K, value: WorkspaceMemory[K]): Thenable<void> {
    return this.context.workspaceState.update(PREFIX + key, value);
  }

  getGlobal<K extends keyof GlobalMemory>(key: K): GlobalMemory[K] | undefined {
    return this.context.globalState.get<GlobalMemory[K]>(PREFIX + key);
  }

  setGlobal<K extends keyof GlobalMemory>(key: K, value: GlobalMemory[K]): Thenable<void> {
    return this.context.globalState.update(PREFIX + key, value);
  }

  /** Everything remembered, for the integration tests (it must never hold a secret). */
  snapshot(): Record<string, unknown> {
    const all: Record<string, unknown> = {};
    for (const memento of [this.context.workspaceState, this.context.globalState]) {
      for (const key of memento.keys()) if (key.startsWith(PREFIX)) all[key] = memento.get(key);
    }
    return all;
  }
}
