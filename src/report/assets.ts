// The report's script and stylesheet, bundled by esbuild to dist/webview/report.{js,css}. Found
// next to the running bundle (dist/cli.js -> dist/webview/), above compiled test files
// (out/src/report -> <repo>/dist/webview/), or in a directory given explicitly.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ReportAssets {
  script: string;
  style: string;
}

const SCRIPT = 'report.js';
const STYLE = 'report.css';
const cache = new Map<string, ReportAssets>();

export function findAssetsDir(start: string = __dirname): string | undefined {
  let dir = start;
  for (;;) {
    for (const candidate of [path.join(dir, 'webview'), path.join(dir, 'dist', 'webview')]) {
      if (existsSync(path.join(candidate, SCRIPT)) && existsSync(path.join(candidate, STYLE))) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadAssets(assetsDir?: string): ReportAssets {
  const dir = assetsDir ?? findAssetsDir();
  if (!dir) throw new Error(`the HTML report's script was not found (webview/${SCRIPT} next to ${__dirname} or above it): run npm run build`);
  let assets = cache.get(dir);
  if (!assets) {
    assets = { script: readFileSync(path.join(dir, SCRIPT), 'utf8'), style: readFileSync(path.join(dir, STYLE), 'utf8') };
    cache.set(dir, assets);
  }
  return assets;
}
