// The results page skeleton, used by the extension host to build the webview's HTML. Pure (no
// vscode import). The CSP allows only the bundled script (by nonce) and stylesheet.

export interface ResultsHtmlOptions {
  /** webview.asWebviewUri(dist/webview/results.js) as a string. */
  scriptUri: string;
  /** webview.asWebviewUri(dist/webview/results.css) as a string. */
  styleUri: string;
  /** webview.cspSource. */
  cspSource: string;
  /** A fresh random nonce per page (letters, digits, + / = - _). */
  nonce: string;
  title?: string;
}

const escapeAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function resultsCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${cspSource}; img-src ${cspSource} data:; font-src ${cspSource}`;
}

export function resultsHtml(options: ResultsHtmlOptions): string {
  const { scriptUri, styleUri, cspSource, nonce } = options;
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('resultsHtml: the nonce must be at least 16 base64 characters');
  // VS Code's cspSource is a source list such as `'self' https://*.vscode-cdn.net`.
  if (!cspSource.split(' ').every((token) => /^'[a-z-]+'$/.test(token) || /^[^;'"<>\s]+$/.test(token))) {
    throw new Error('resultsHtml: cspSource has characters a CSP source cannot have');
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(resultsCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeAttr(styleUri)}">
<title>${escapeAttr(options.title ?? 'Query results')}</title>
</head>
<body>
<div id="app" class="results-app"></div>
<script nonce="${escapeAttr(nonce)}" src="${escapeAttr(scriptUri)}"></script>
</body>
</html>
`;
}
