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
  {
    entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: ['@kusto/language-service-next'],
    banner: { js: '#!/usr/bin/env node' },
  },
];

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
