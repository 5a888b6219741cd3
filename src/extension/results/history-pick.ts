// "Sentinel Hunt: Query History...": the last runs; picking one opens its query in a new KQL editor.
import * as vscode from 'vscode';
import type { HistoryEntry, QueryHistory } from './history';

export async function pickFromHistory(history: QueryHistory): Promise<vscode.TextEditor | undefined> {
  const entries = history.entries();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('No queries have run in this workspace yet.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(entries.map((entry) => ({ label: firstLine(entry.query), description: describe(entry), detail: entry.status === 'error' ? entry.message?.split('\n')[0] : undefined, entry })), {
    title: 'Sentinel Hunt: Query History',
    placeHolder: 'Pick a query to open it in an editor',
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  const document = await vscode.workspace.openTextDocument({ language: 'kql', content: picked.entry.query });
  return vscode.window.showTextDocument(document);
}

function firstLine(query: string): string {
  const line = query.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('//')) ?? query;
  return line.trim().slice(0, 120);
}

function describe(entry: HistoryEntry): string {
  const when = new Date(entry.at).toLocaleString();
  const outcome = entry.status === 'ok' ? `${entry.rows ?? 0} rows, ${entry.durationMs ?? 0} ms` : entry.status;
  return `${entry.connection} · ${when} · ${outcome}`;
}
