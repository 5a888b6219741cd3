// Running queries (local workspace or Log Analytics) and the results panel.
import type * as vscode from 'vscode';
import type { KqlLanguageClient } from '../language-client';

/** What the query commands expose to the integration tests through activate()'s API. */
export interface ResultsApi {
  results?: Record<string, never>;
}

export function registerQueryCommands(_context: vscode.ExtensionContext, _output: vscode.OutputChannel, _client: KqlLanguageClient): { disposables: vscode.Disposable[]; api: ResultsApi } {
  return { disposables: [], api: {} };
}
