// Entry of the results webview (bundled to dist/webview/results.js).
import { ResultsApp } from './panel/app';
import { connect } from './vscode-api';

const root = document.getElementById('app');
if (root) {
  const app = new ResultsApp(root);
  app.connect(connect((message) => app.handle(message)));
}
