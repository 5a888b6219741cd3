// Webview options and page for the results view and result tabs: scripts on, resources only
// from dist/webview, a fresh nonce on every render.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { resultsHtml } from '../../webview/html';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

export function resultsPage(webview: vscode.Webview, extensionUri: vscode.Uri, title?: string): string {
  const root = webviewRoot(extensionUri);
  return resultsHtml({
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.css')).toString(),
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    title,
  });
}
