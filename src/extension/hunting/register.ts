// Commands for getting data in and hunts out: ingest message trace, set up Azure ingestion,
// new hunt from a template, lookalike domains, export as a Sentinel analytics rule.
import type * as vscode from 'vscode';

/** What the hunting commands expose to the integration tests through activate()'s API. */
export interface HuntingApi {
  hunting?: Record<string, never>;
}

export function registerHuntingCommands(_context: vscode.ExtensionContext, _output: vscode.OutputChannel): { disposables: vscode.Disposable[]; api: HuntingApi } {
  return { disposables: [], api: {} };
}
