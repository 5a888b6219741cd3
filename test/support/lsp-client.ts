// Talks LSP to the built language server (dist/server.js) over stdio, as an editor would.
// Used by the server protocol tests and the language benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
  type Diagnostic, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from './paths';

export class LspTestClient {
  readonly connection: ProtocolConnection;
  private readonly diagnosticsWaiters: Array<{ uri: string; version?: number; resolve: (d: Diagnostic[]) => void }> = [];
  readonly ready: Promise<{ kustoLanguageVersion: string; warmUpMs: number }>;
  /** Every publishDiagnostics notification received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];

  private constructor(private readonly process: ChildProcess) {
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    this.ready = new Promise((resolve) => this.connection.onNotification('sentinelHunt/ready', resolve));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      for (const waiter of [...this.diagnosticsWaiters]) {
        if (waiter.uri === params.uri && (waiter.version === undefined || waiter.version === params.version)) {
          this.diagnosticsWaiters.splice(this.diagnosticsWaiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    this.connection.listen();
  }

  static async start(): Promise<LspTestClient> {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const client = new LspTestClient(child);
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /** The next diagnostics published for the document (at this version, if given). */
  nextDiagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.diagnosticsWaiters.push({ uri, version, resolve }));
  }

  open(uri: string, text: string, version = 1): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kql', version, text } });
  }

  replace(uri: string, text: string, version: number): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    this.connection.dispose();
    this.process.kill();
  }
}
