// Bundles the four faces: the extension host part, the language server, the CLI (and,
// later, the webview). Kusto.Language is not bundled: its two scripts are copied to
// dist/kusto/ and loaded at run time by src/kql/kusto.ts, only in the server and CLI.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  metafile: true,
};

const entries = [
  { entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // Kusto.Language is external: src/kql/kusto.ts loads it from dist/kusto/ (or node_modules).
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', external: ['@kusto/language-service-next'] },
  // Runs local queries on the embedded engine for the extension (which must not load Kusto.Language).
  { entryPoints: ['src/query-host/main.ts'], outfile: 'dist/query-host.js', external: ['@kusto/language-service-next'] },
  {
    entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: ['@kusto/language-service-next'],
    banner: { js: '#!/usr/bin/env node' },
  },
];

// The webview (browser code, src/webview): the results panel and the HTML report's script, each
// with its stylesheet. Always minified: the report inlines its script into every report file.
const webview = {
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  minify: true,
  sourcemap: false,
  define: { 'process.env.NODE_ENV': '"production"' },
};
entries.push(
  { ...webview, entryPoints: ['src/webview/results.ts'], outfile: 'dist/webview/results.js', sourcemap: !production },
  { ...webview, entryPoints: ['src/webview/results.css'], outfile: 'dist/webview/results.css' },
  { ...webview, entryPoints: ['src/webview/report.ts'], outfile: 'dist/webview/report.js' },
  { ...webview, entryPoints: ['src/webview/report.css'], outfile: 'dist/webview/report.css' },
);

function copyKustoLanguage() {
  const pkgDir = path.dirname(require.resolve('@kusto/language-service-next/package.json'));
  mkdirSync('dist/kusto', { recursive: true });
  for (const file of ['bridge.min.js', 'Kusto.Language.Bridge.min.js', 'package.json']) {
    cpSync(path.join(pkgDir, file), path.join('dist/kusto', file));
  }
  const version = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  console.log(`copied Kusto.Language ${version} to dist/kusto/`);
}

copyKustoLanguage();
if (watch) {
  for (const entry of entries) {
    const ctx = await esbuild.context({ ...common, ...entry });
    await ctx.watch();
  }
} else {
  await Promise.all(entries.map((entry) => esbuild.build({ ...common, ...entry })));
}
