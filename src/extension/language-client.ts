// Starts the KQL language server (dist/server.js, its own Node process) and connects it.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  READY_NOTIFICATION, SET_SCHEMA_REQUEST, type ReadyParams, type SetSchemaParams, type SetSchemaResult,
} from '../server/protocol';
import type { WorkspaceSchema } from '../kql/schema';

export class KqlLanguageClient implements vscode.Disposable {
  private readonly client: LanguageClient;
  /** Resolves once Kusto.Language is loaded and warmed up in the server. */
  readonly ready: Promise<ReadyParams>;

  constructor(context: vscode.ExtensionContext, output: vscode.OutputChannel) {
    const serverModule = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6029'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'kql' }],
      outputChannel: output,
      traceOutputChannel: output,
    };
    this.client = new LanguageClient('sentinelHunt', 'KQL Language Server', serverOptions, clientOptions);
    this.ready = new Promise((resolve) => {
      this.client.onNotification(READY_NOTIFICATION, (params: ReadyParams) => {
        output.appendLine(`KQL language server ready: Kusto.Language ${params.kustoLanguageVersion}, warm-up ${params.warmUpMs} ms`);
        resolve(params);
      });
    });
  }

  start(): Promise<void> {
    return this.client.start();
  }

  async restart(): Promise<void> {
    await this.client.restart();
  }

  /** Sends a workspace schema (or null for the built-in ones) to the server. */
  setSchema(schema: WorkspaceSchema | null, source?: string): Promise<SetSchemaResult> {
    const params: SetSchemaParams = { schema, source };
    return this.client.sendRequest(SET_SCHEMA_REQUEST, params);
  }

  dispose(): void {
    void this.client.stop();
  }
}
