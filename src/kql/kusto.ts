/// <reference types="@kusto/language-service-next" />
// Loads Microsoft's Kusto.Language (compiled to JavaScript with Bridge.NET). It defines the
// globals `Bridge`, `System` and `Kusto`, so it is loaded only by the language server, the
// CLI and the engine front end, never in the extension host.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type KustoLanguage = typeof Kusto.Language;

let loaded: KustoLanguage | undefined;

/** Where the two Kusto.Language scripts are: dist/kusto/ in a bundle, else node_modules. */
function scriptDirectory(): string {
  const bundled = path.join(__dirname, 'kusto');
  if (existsSync(path.join(bundled, 'Kusto.Language.Bridge.min.js'))) return bundled;
  return path.dirname(require.resolve('@kusto/language-service-next/package.json'));
}

/** The version of the Kusto.Language scripts that are loaded (pinned in package.json). */
export function kustoLanguageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(scriptDirectory(), 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

export function kustoLanguage(): KustoLanguage {
  if (!loaded) {
    const dir = scriptDirectory();
    // Plain require with a computed path: esbuild must not bundle these scripts.
    const load = require;
    load(path.join(dir, 'bridge.min.js'));
    load(path.join(dir, 'Kusto.Language.Bridge.min.js'));
    loaded = Kusto.Language;
  }
  return loaded;
}

/**
 * The first analysis and the first completion each cost about a second (type initialisation
 * and JIT of Kusto.Language's code paths); pay that at start, not at the user's first keystroke.
 */
export function warmUp(): void {
  const L = kustoLanguage();
  const query = 'let n = 3;\nrange x from 1 to n step 1\n| extend y = strcat("a", tostring(x)), t = bin(now(), 1d)\n| where y has "a"\n| summarize count() by t\n| ';
  for (let round = 0; round < 3; round++) {
    const code = L.KustoCode.ParseAndAnalyze(`${query}\n// ${round}`, L.GlobalState.Default)!;
    const service = new L.Editor.KustoCodeService.ctor(code);
    service.GetCompletionItems(query.length);
    service.GetCompletionItems(query.indexOf('where ') + 6);
    service.GetQuickInfo(query.indexOf('strcat') + 1);
  }
}

/** Bridge's IReadOnlyList as a plain array. */
export function toArray<T>(list: { Count: number; getItem(index: number): T } | null | undefined): T[] {
  const items: T[] = [];
  if (!list) return items;
  for (let i = 0; i < list.Count; i++) items.push(list.getItem(i));
  return items;
}
