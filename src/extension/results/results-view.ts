// The results view in the panel area (a WebviewView). It keeps the latest result and status so
// that a view resolved later, or reloaded while hidden, shows them once its script says "ready".
import * as vscode from 'vscode';
import { parseWebviewMessage, type ExtensionToWebview, type WebviewToExtension } from '../../webview/protocol';
import type { ResultsSink } from './query-runner';
import type { WebviewActions } from './webview-actions';
import { resultsPage, webviewOptions } from './webview-page';

export const RESULTS_VIEW_ID = 'sentinelHunt.results';
const RECORDED = 500;

export class ResultsView implements vscode.WebviewViewProvider, ResultsSink, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private lastResult: ExtensionToWebview | undefined;
  private lastStatus: ExtensionToWebview | undefined;
  private readonly posted: ExtensionToWebview[] = [];
  private readonly received: WebviewToExtension[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly actions: WebviewActions, private readonly log: (line: string) => void) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = resultsPage(view.webview, this.extensionUri);
    this.disposables.push(
      view.webview.onDidReceiveMessage((value: unknown) => this.receive(value)),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
      }),
    );
  }

  post(message: ExtensionToWebview): void {
    this.posted.push(message);
    if (this.posted.length > RECORDED) this.posted.splice(0, this.posted.length - RECORDED);
    // A run cancelled by the next one ends after that one started: it must not replace its status.
    const latest = this.lastStatus?.type === 'running' ? this.lastStatus.id : undefined;
    const id = message.type === 'result' ? message.result.id : message.id;
    if (message.type === 'running') {
      this.lastStatus = message;
    } else if (latest === undefined || latest === id) {
      if (message.type === 'result') {
        this.lastResult = message;
        this.lastStatus = undefined;
      } else {
        this.lastStatus = message;
      }
    }
    if (message.type === 'running') void this.reveal();
    if (this.view && this.ready) void this.view.webview.postMessage(message);
  }

  /** Every message posted to the view so far (the latest RECORDED), for the tests. */
  postedMessages(): ExtensionToWebview[] {
    return [...this.posted];
  }

  /** Valid messages the view's script sent (for the tests). */
  receivedMessages(): WebviewToExtension[] {
    return [...this.received];
  }

  isResolved(): boolean {
    return this.view !== undefined;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private receive(value: unknown): void {
    const message = parseWebviewMessage(value);
    if (!message) {
      this.log(`Results view: dropped a malformed message: ${JSON.stringify(value)?.slice(0, 200)}`);
      return;
    }
    this.received.push(message);
    if (this.received.length > RECORDED) this.received.shift();
    if (message.type === 'ready') {
      this.ready = true;
      for (const replay of [this.lastResult, this.lastStatus]) if (replay) void this.view?.webview.postMessage(replay);
      return;
    }
    void this.actions.handle(message).catch((error: unknown) => this.log(`Results view: ${message.type} failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Shows the view without taking the focus from the editor. */
  private async reveal(): Promise<void> {
    if (this.view) {
      if (!this.view.visible) this.view.show(true);
      return;
    }
    const editor = vscode.window.activeTextEditor;
    try {
      await vscode.commands.executeCommand(`${RESULTS_VIEW_ID}.focus`);
      if (editor) await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false, selection: editor.selection });
    } catch (error) {
      // Without the view's contribution in package.json there is no such command.
      this.log(`Results view: cannot reveal it (${error instanceof Error ? error.message : String(error)})`);
    }
  }
}
