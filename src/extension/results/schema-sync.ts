// Tells the language server the active connection's schema (sentinelHunt/setSchema), so that
// completion and diagnostics know its tables: a local workspace's from its manifest (and again
// whenever another writer commits), a Log Analytics workspace's from the metadata API.
import * as vscode from 'vscode';
import { MANIFEST_FILE } from '../../store/manifest';
import type { KqlLanguageClient } from '../language-client';
import { explainQueryFailure } from './azure-errors';
import type { Connection, LocalConnection, LogAnalyticsConnection } from './connection';
import { readLocalSchema } from './local-schema';
import type { LogAnalyticsClients } from './log-analytics-clients';
import { metadataToSchema } from './metadata-schema';

export type SchemaStatus =
  | { connection: string; source: string; tables: number; functions: number }
  | { connection: string; error: string };

export class SchemaSync implements vscode.Disposable {
  private watcher: vscode.FileSystemWatcher | undefined;
  private generation: number | undefined;
  private sequence = 0;
  private status: SchemaStatus | undefined;

  constructor(private readonly client: KqlLanguageClient, private readonly logAnalytics: LogAnalyticsClients, private readonly log: (line: string) => void) {}

  last(): SchemaStatus | undefined {
    return this.status;
  }

  /** `interactive`: may prompt for sign-in and shows failures; otherwise they are only logged. */
  async sync(connection: Connection | undefined, interactive: boolean): Promise<SchemaStatus | undefined> {
    const sequence = ++this.sequence;
    this.watcher?.dispose();
    this.watcher = undefined;
    if (!connection) return undefined;
    if (connection.type === 'local') this.watch(connection);
    try {
      const { schema, source } = connection.type === 'local' ? await this.localSchema(connection) : await this.remoteSchema(connection, interactive);
      await this.client.ready;
      if (sequence !== this.sequence) return this.status;
      const result = await this.client.setSchema(schema, source);
      this.status = { connection: connection.name, source, tables: result.tables, functions: result.functions };
      this.log(`Schema of ${source}: ${result.tables} tables, ${result.functions} functions`);
    } catch (error) {
      if (sequence !== this.sequence) return this.status;
      const message = error instanceof Error ? error.message : String(error);
      this.status = { connection: connection.name, error: message };
      this.log(`Schema of ${connection.name}: ${message}`);
      if (interactive) void vscode.window.showWarningMessage(`Sentinel Hunt: could not read the schema of "${connection.name}", so completion and diagnostics keep the previous one. ${message}`);
    }
    return this.status;
  }

  dispose(): void {
    this.watcher?.dispose();
  }

  private async localSchema(connection: LocalConnection) {
    const local = await readLocalSchema(connection.folder);
    this.generation = local.generation;
    return { schema: local.schema, source: `local workspace ${connection.folder}` };
  }

  private async remoteSchema(connection: LogAnalyticsConnection, interactive: boolean) {
    const { client, endpoint } = this.logAnalytics.get(connection, interactive);
    let body: unknown;
    try {
      body = await client.metadata();
    } catch (error) {
      throw new Error(explainQueryFailure(error, { workspaceId: connection.workspaceId, endpoint, connectionName: connection.name, tenant: connection.tenant }));
    }
    const { schema, workspaceName } = metadataToSchema(body);
    return { schema, source: `Log Analytics ${connection.name}${workspaceName && workspaceName !== connection.name ? ` (${workspaceName})` : ''}` };
  }

  /** Commits replace workspace.json: send the schema again when its generation moved. */
  private watch(connection: LocalConnection): void {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(connection.folder), MANIFEST_FILE));
    const reread = async () => {
      try {
        const local = await readLocalSchema(connection.folder);
        if (local.generation === this.generation || this.watcher !== watcher) return;
        this.generation = local.generation;
        const result = await this.client.setSchema(local.schema, `local workspace ${connection.folder}`);
        this.status = { connection: connection.name, source: `local workspace ${connection.folder}`, tables: result.tables, functions: result.functions };
      } catch (error) {
        this.log(`Schema of ${connection.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    watcher.onDidChange(reread);
    watcher.onDidCreate(reread);
    this.watcher = watcher;
  }
}
