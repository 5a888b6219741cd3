// Validates documents after edits settle. Analysis runs block by block and yields to the
// event loop between blocks, so a large file never blocks other requests, and a newer
// edit abandons the stale run instead of finishing it.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { KqlLanguageService } from '../kql/language-service';
import { toDiagnostic } from './convert';

const DEBOUNCE_MS = 200;

export class ValidationScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly runs = new Map<string, number>();
  private nextRun = 0;

  constructor(
    private readonly service: () => KqlLanguageService,
    private readonly publish: (uri: string, version: number, diagnostics: Diagnostic[]) => void,
  ) {}

  schedule(document: TextDocument, delay = DEBOUNCE_MS): void {
    clearTimeout(this.timers.get(document.uri));
    this.runs.set(document.uri, ++this.nextRun); // marks any run in progress stale
    this.timers.set(document.uri, setTimeout(() => void this.validate(document), delay));
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.runs.delete(uri);
    this.publish(uri, 0, []);
  }

  private async validate(document: TextDocument): Promise<void> {
    const run = this.runs.get(document.uri);
    const service = this.service();
    const diagnostics: Diagnostic[] = [];
    for (const block of service.blocks(document.getText())) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.runs.get(document.uri) !== run) return;
      for (const d of service.blockDiagnostics(block)) diagnostics.push(toDiagnostic(document, d));
    }
    if (this.runs.get(document.uri) === run) this.publish(document.uri, document.version, diagnostics);
  }
}
