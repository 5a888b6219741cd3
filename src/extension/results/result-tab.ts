// "Open in tab": one result in a WebviewPanel in an editor tab, the same page as the results
// view, so that results can be compared side by side.
import * as vscode from 'vscode';
import { parseWebviewMessage, type QueryResultPayload, type WebviewToExtension } from '../../webview/protocol';
import type { WebviewActions } from './webview-actions';
import { resultsPage, webviewOptions } from './webview-page';

export const RESULT_TAB_VIEW_TYPE = 'sentinelHunt.resultTab';

export interface ResultTab {
  resultId: string;
  panel: vscode.WebviewPanel;
  /** Valid messages its script sent. */
  received: WebviewToExtension[];
}

export class ResultTabs implements vscode.Disposable {
  private readonly tabs = new Set<ResultTab>();

  constructor(private readonly extensionUri: vscode.Uri, private readonly actions: () => WebviewActions, private readonly log: (line: string) => void) {}

  open(result: QueryResultPayload): ResultTab {
    const firstLine = result.query.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() ?? 'query';
    const title = `Result: ${firstLine.length > 40 ? `${firstLine.slice(0, 39)}…` : firstLine}`;
    const panel = vscode.window.createWebviewPanel(RESULT_TAB_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      ...webviewOptions(this.extensionUri),
      retainContextWhenHidden: true,
    });
    const tab: ResultTab = { resultId: result.id, panel, received: [] };
    this.tabs.add(tab);
    panel.webview.html = resultsPage(panel.webview, this.extensionUri, title);
    panel.webview.onDidReceiveMessage((value: unknown) => {
      const message = parseWebviewMessage(value);
      if (!message) {
        this.log(`Result tab: dropped a malformed message: ${JSON.stringify(value)?.slice(0, 200)}`);
        return;
      }
      tab.received.push(message);
      if (message.type === 'ready') {
        void panel.webview.postMessage({ type: 'result', result });
        return;
      }
      void this.actions().handle(message).catch((error: unknown) => this.log(`Result tab: ${message.type} failed: ${error instanceof Error ? error.message : String(error)}`));
    });
    panel.onDidDispose(() => this.tabs.delete(tab));
    return tab;
  }

  openTabs(): ResultTab[] {
    return [...this.tabs];
  }

  dispose(): void {
    for (const tab of [...this.tabs]) tab.panel.dispose();
  }
}
