// What the results webviews ask of the extension: copy, export (CSV, JSON, chart PNG), cancel,
// open a result in an editor tab. Messages arrive already validated (parseWebviewMessage).
import * as vscode from 'vscode';
import type { QueryResultPayload, WebviewToExtension } from '../../webview/protocol';
import { resultCsv, resultJson } from './export-format';
import type { ResultStore } from './result-store';

export interface WebviewActionsDeps {
  results: ResultStore;
  cancel(id: string): void;
  openInTab(result: QueryResultPayload): void;
  log(line: string): void;
}

export class WebviewActions {
  constructor(private readonly deps: WebviewActionsDeps) {}

  async handle(message: Exclude<WebviewToExtension, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'cancel':
        this.deps.cancel(message.id);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        return;
      case 'export': {
        const result = this.result(message.id);
        if (!result) return;
        const target = await saveTarget(`${fileStem(result)}.${message.format}`, message.format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] });
        if (target) await this.write(target, exportText(result, message.format));
        return;
      }
      case 'export-png': {
        const result = this.result(message.id);
        const target = await saveTarget(`${result ? fileStem(result) : 'chart'}.png`, { PNG: ['png'] });
        if (target) await this.write(target, decodePng(message.dataUrl));
        return;
      }
      case 'open-in-tab': {
        const result = this.result(message.id);
        if (result) this.deps.openInTab(result);
        return;
      }
    }
  }

  private result(id: string): QueryResultPayload | undefined {
    const result = this.deps.results.get(id);
    if (!result) void vscode.window.showWarningMessage('That result is no longer kept; run the query again.');
    return result;
  }

  private async write(target: vscode.Uri, content: string | Uint8Array): Promise<void> {
    try {
      await vscode.workspace.fs.writeFile(target, typeof content === 'string' ? new TextEncoder().encode(content) : content);
      this.deps.log(`Saved ${target.fsPath}`);
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not save ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export function exportText(result: QueryResultPayload, format: 'csv' | 'json'): string {
  return format === 'csv' ? resultCsv(result) : resultJson(result);
}

export function decodePng(dataUrl: string): Uint8Array {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

async function saveTarget(name: string, filters: Record<string, string[]>): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters, saveLabel: 'Export' });
}

/** A file name from the query's first words, e.g. "EmailEvents_CL-summarize". */
function fileStem(result: QueryResultPayload): string {
  const words = result.query.replace(/\/\/.*$/gm, '').match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  return words.slice(0, 3).join('-').slice(0, 60) || 'result';
}
