// Browser end-to-end run: packages the extension (.vsix), installs it into a fresh code-server,
// opens a copy of test/fixtures/workspace in Chromium and runs the checks of
// test/e2e/editor.e2e.ts in order, like a person would; then, in the same code-server, opens a
// demo folder (made by `sentinel-hunt demo` before the start) in a new window and runs the
// checks of test/e2e/results.e2e.ts (a query run with Ctrl+Enter and the results panel).
//
//   npm run build && tsc -p . && node out/test/harness/run-e2e.js
//
// Screenshots go to test-results/. Prints `N passed, N failed`; exits non-zero on failure.
// E2E_TIMEOUT_MS (default 300000) bounds the whole run; E2E_VSIX=path skips packaging.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { checks as editorChecks, type Check, type E2EContext } from '../e2e/editor.e2e';
import { makeDemoFolder, resultsChecks } from '../e2e/results.e2e';
import { repoRoot } from '../support/paths';
import { launchBrowser, newPage, openWorkbench, screenshot } from './browser';
import { clearResults, copyToTemp, packageVsix, resultsDir, startCodeServer, type CodeServer } from './code-server';

const timeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 300_000);
const fixtureWorkspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise<T>((_, reject) => {
      t = setTimeout(() => reject(new Error(`${what}: timed out after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]);
}

async function main(): Promise<number> {
  const started = Date.now();
  clearResults('e2e-');
  const browserLog: string[] = [];
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workspaceCopy: string | undefined;
  let passed = 0;
  let failed = 0;
  let aborted = false;

  // Memoized: the signal handler, the overall timeout and the finally block share one cleanup.
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await browser?.close().catch(() => undefined);
      await server?.stop().catch(() => undefined);
      if (workspaceCopy) rmSync(path.dirname(workspaceCopy), { recursive: true, force: true });
      writeFileSync(path.join(resultsDir, 'e2e-browser.log'), browserLog.join('\n') + '\n');
    })());
  const overall = setTimeout(() => {
    aborted = true;
    console.error(`e2e: timed out after ${Math.round(timeoutMs / 1000)} s (E2E_TIMEOUT_MS); stopping`);
    void cleanup().then(() => {
      console.log(`${passed} passed, ${failed + 1} failed`);
      process.exit(1);
    });
  }, timeoutMs);
  const onSignal = (sig: NodeJS.Signals) => {
    if (aborted) process.exit(130); // a second Ctrl+C: the exit hook kills code-server's group
    aborted = true;
    console.error(`\ne2e: ${sig}, stopping code-server`);
    void cleanup().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    workspaceCopy = copyToTemp(fixtureWorkspace, 'sentinel-hunt-ws-');
    // Made while the extension is packaged; removed with the workspace copy's folder.
    const demoDir = path.join(path.dirname(workspaceCopy), 'demo');
    const t0Demo = Date.now();
    // Settles with the error, if any (no unhandled rejection while packaging); awaited below.
    const demo = makeDemoFolder(demoDir).then(() => undefined, (err: unknown) => (err instanceof Error ? err : new Error(String(err))));
    let vsix = process.env.E2E_VSIX;
    if (!vsix) {
      const t0 = Date.now();
      vsix = packageVsix();
      console.log(`e2e: packaged ${path.relative(repoRoot, vsix)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } else if (!existsSync(vsix)) {
      throw new Error(`E2E_VSIX=${vsix} does not exist`);
    }
    const demoError = await demo;
    if (demoError) {
      // The editor checks still run; the results checks need the folder.
      failed++;
      console.log(`  ✘ the demo folder for the results checks\n      ${demoError.message.split('\n').join('\n      ')}`);
    } else {
      console.log(`e2e: demo folder ${demoDir} made in ${((Date.now() - t0Demo) / 1000).toFixed(1)} s`);
    }
    server = await startCodeServer({
      name: 'e2e',
      installExtensions: [vsix],
      userSettings: {
        // Typing a space or "|" must not accept a suggestion the server marks with commit characters.
        'editor.acceptSuggestionOnCommitCharacter': false,
        'workbench.colorTheme': 'Default Dark Modern',
      },
    });
    console.log(`e2e: code-server ${server.url} (pid ${server.pid}), workspace ${workspaceCopy}`);
    browser = await launchBrowser();
    const suites: Array<{ folder: string; checks: Check[] }> = [
      { folder: workspaceCopy, checks: editorChecks },
      ...(demoError ? [] : [{ folder: demoDir, checks: resultsChecks(demoDir) }]),
    ];
    let previous: Page | undefined;
    for (const suite of suites) {
      if (aborted) break;
      // A fresh browser context (a new window) per folder; the previous one is closed first.
      await previous?.context().close().catch(() => undefined);
      const page = await newPage(browser);
      previous = page;
      if (suite !== suites[0]) browserLog.push(`--- window on ${suite.folder} ---`);
      page.on('console', (msg) => browserLog.push(`[console ${msg.type()}] ${msg.text()}`));
      page.on('pageerror', (err) => browserLog.push(`[pageerror] ${err.message}`));
      // The results checks read back what "Copy" put on the clipboard (vscode.env.clipboard in the browser).
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      await openWorkbench(page, server.workbenchUrl(suite.folder));

      const ctx: E2EContext = { page, server, workspace: suite.folder };
      for (const check of suite.checks) {
        if (aborted) break;
        const t0 = Date.now();
        try {
          await withTimeout(check.run(ctx), check.timeoutMs ?? 60_000, check.name);
          passed++;
          console.log(`  ✔ ${check.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        } catch (err) {
          if (aborted) break;
          failed++;
          const shot = await screenshot(page, `e2e-FAILED-${passed + failed}`);
          console.log(`  ✘ ${check.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
          console.log(`      ${(err instanceof Error ? err.message : String(err)).split('\n').join('\n      ')}`);
          console.log(`      screenshot: ${path.relative(repoRoot, shot)}`);
          // Leave the editor in a known state for the next check.
          await page.keyboard.press('Escape').catch(() => undefined);
          await page.keyboard.press('Escape').catch(() => undefined);
        }
      }
    }
  } catch (err) {
    if (aborted) return new Promise<number>(() => undefined); // the signal or timeout handler exits
    failed++;
    console.error(`e2e: ${err instanceof Error ? err.message : String(err)}`);
    if (server) console.error(`code-server log (test-results/code-server-e2e.log), last lines:\n${server.logTail(25)}`);
  } finally {
    if (!aborted) clearTimeout(overall);
    await cleanup();
  }
  if (aborted) return new Promise<number>(() => undefined); // the signal or timeout handler exits
  console.log(`e2e: done in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-results/`);
  if (failed > 0) console.log('e2e: browser console log in test-results/e2e-browser.log');
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
