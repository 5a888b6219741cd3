import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root, found from a compiled file in out/ or a source file alike. */
export const repoRoot = findUp(__dirname, 'package.json');

/** ../shared beside the checkout (CI lays it there too). */
export const sharedDir = path.resolve(repoRoot, '..', 'shared');

export const corpusFile = path.join(sharedDir, 'corpus', 'azure-sentinel-queries.jsonl');

function findUp(start: string, marker: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, marker)) && !dir.endsWith(`${path.sep}out`)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no ${marker} above ${start}`);
    dir = parent;
  }
}
