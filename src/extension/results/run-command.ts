// "Sentinel Hunt: Run Query" (Ctrl+Enter, CodeLens): the selection, else the block at the cursor
// (or at the CodeLens' line), on the active connection.
import * as vscode from 'vscode';
import type { Connection } from './connection';
import { queryAt } from './query-text';
import type { RunOutcome, RunRequest } from './query-runner';

export interface RunCommandDeps {
  activeConnection(): Connection | undefined;
  selectConnection(): Promise<Connection | undefined>;
  run(request: RunRequest): Promise<RunOutcome>;
  /** Whether the results view is showing (else errors also go to a notification). */
  viewVisible(): boolean;
}

export async function runQueryCommand(deps: RunCommandDeps, uri?: vscode.Uri, line?: number): Promise<RunOutcome | undefined> {
  const target = await queryFromEditor(uri, line);
  if (!target) {
    void vscode.window.showInformationMessage('Put the cursor in a KQL query (queries are separated by blank lines), or select the text to run.');
    return undefined;
  }
  const connection = deps.activeConnection() ?? (await deps.selectConnection());
  if (!connection) return undefined;
  const outcome = await deps.run({ query: target.text, connection, origin: target.origin });
  if (outcome.status === 'error' && !deps.viewVisible()) void vscode.window.showErrorMessage(`Query failed: ${outcome.message}`);
  return outcome;
}

async function queryFromEditor(uri: vscode.Uri | undefined, line: number | undefined): Promise<{ text: string; origin: { line: number; character: number } } | undefined> {
  let document: vscode.TextDocument;
  let selection: { start: number; end: number };
  let cursor: number;
  if (uri instanceof vscode.Uri && typeof line === 'number') {
    document = await vscode.workspace.openTextDocument(uri);
    cursor = document.offsetAt(new vscode.Position(line, 0));
    selection = { start: cursor, end: cursor };
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    document = editor.document;
    selection = { start: document.offsetAt(editor.selection.start), end: document.offsetAt(editor.selection.end) };
    cursor = document.offsetAt(editor.selection.active);
  }
  const found = queryAt(document.getText(), selection, cursor);
  if (!found) return undefined;
  const start = document.positionAt(found.start);
  return { text: found.text, origin: { line: start.line, character: start.character } };
}
