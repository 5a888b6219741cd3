// Runs the mocha suite in out/test/integration inside a real VS Code extension host (code-server),
// with the extension loaded from this checkout (extensionDevelopmentPath).
//
//   npm run build && tsc -p . && node out/test/harness/run-integration.js
//
// Builds nothing. Prints the mocha output of the extension host, then `N passed, N failed`, and
// exits with the suite's exit code. INTEGRATION_TIMEOUT_MS (default 300000) bounds the whole run.
// See ../../../shared/notes/vscode-testing.md.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, inspect } from 'node:util';
import type { Browser } from 'playwright-core';
import { repoRoot } from '../support/paths';
import { launchBrowser, newPage, screenshot } from './browser';
import { clearResults, copyToTemp, resultsDir, startCodeServer, type CodeServer } from './code-server';

/** Prefix of mocha's reporter output (see test/integration/index.ts): printed to stdout. */
export const OUTPUT_PREFIX = 'SENTINEL_HUNT_MOCHA|';
/** Printed by out/test/integration/index.js when mocha finishes; parsed here, not echoed. */
export const RESULT_MARKER = 'SENTINEL_HUNT_MOCHA_RESULT';
/** VERBOSE=1 also echoes the workbench's and extension host's other log lines to stderr. */
const verbose = !!process.env.VERBOSE;

const timeoutMs = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 300_000);
const fixtureWorkspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');
const testsPath = path.join(repoRoot, 'out', 'test', 'integration');

interface Result {
  passed: number;
  failed: number;
  pending: number;
}

function preflight(): void {
  const missing: string[] = [];
  if (!existsSync(path.join(repoRoot, 'dist', 'extension.js'))) missing.push('dist/extension.js (run: npm run build)');
  if (!existsSync(path.join(testsPath, 'index.js'))) missing.push('out/test/integration/index.js (run: npx tsc -p .)');
  if (missing.length > 0) throw new Error(`missing build output:\n  ${missing.join('\n  ')}`);
}

function argText(a: unknown): string {
  return typeof a === 'string' ? a : inspect(a, { depth: 4, breakLength: 120 });
}

async function main(): Promise<number> {
  const started = Date.now();
  preflight();
  clearResults('integration-');
  const browserLog: string[] = [];
  let result: Result | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workspaceCopy: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let aborted = false;

  // Memoized: the signal handler and the finally block share one cleanup.
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      if (timer) clearTimeout(timer);
      await browser?.close().catch(() => undefined);
      await server?.stop().catch(() => undefined);
      if (workspaceCopy) rmSync(path.dirname(workspaceCopy), { recursive: true, force: true });
      writeFileSync(path.join(resultsDir, 'integration-browser.log'), browserLog.join('\n') + '\n');
    })());
  const onSignal = (sig: NodeJS.Signals) => {
    if (aborted) process.exit(130); // a second Ctrl+C: the exit hook kills code-server's group
    aborted = true;
    console.error(`\nintegration: ${sig}, stopping code-server`);
    void cleanup().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    workspaceCopy = copyToTemp(fixtureWorkspace, 'sentinel-hunt-ws-');
    // The tests point Azure SDK clients at local HTTPS servers signed by the test CA.
    const testCa = path.join(repoRoot, 'test', 'fixtures', 'tls', 'ca.pem');
    server = await startCodeServer({ smokeTestDriver: true, name: 'integration', env: { NODE_EXTRA_CA_CERTS: testCa } });
    console.log(`integration: code-server ${server.url} (pid ${server.pid}), workspace ${workspaceCopy}`);
    browser = await launchBrowser();
    const page = await newPage(browser);

    let settle!: { resolve: (code: number) => void; reject: (err: Error) => void };
    const exitCode = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
    timer = setTimeout(
      () => settle.reject(new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for the extension tests to finish`)),
      timeoutMs,
    );
    void server.exited.then((how) => settle.reject(new Error(`code-server stopped unexpectedly (${how})`)));
    page.on('crash', () => settle.reject(new Error('the browser page crashed')));
    await page.exposeFunction('codeAutomationExit', (code: unknown) => settle.resolve(typeof code === 'number' ? code : 1));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const list = Array.isArray(args) ? args : [args];
      const text = typeof list[0] === 'string' ? format(...list) : list.map(argText).join(' ');
      if (text.startsWith(OUTPUT_PREFIX)) {
        process.stdout.write(`${text.slice(OUTPUT_PREFIX.length)}\n`);
        return;
      }
      const at = text.indexOf(RESULT_MARKER);
      if (at >= 0) {
        try {
          result = JSON.parse(text.slice(at + RESULT_MARKER.length).trim()) as Result;
        } catch {
          // ignore a malformed marker; the exit code still counts
        }
        return;
      }
      browserLog.push(`[automation ${type}] ${text}`);
      if (verbose) process.stderr.write(`[${type}] ${text}\n`);
    });
    page.on('console', (msg) => browserLog.push(`[console ${msg.type()}] ${msg.text()}`));
    page.on('pageerror', (err) => browserLog.push(`[pageerror] ${err.message}`));

    const url = server.workbenchUrl(workspaceCopy, [
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['extensionTestsPath', server.remoteUri(testsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ]);
    await page.goto(url, { waitUntil: 'domcontentloaded' });

    let code: number;
    try {
      code = await exitCode;
    } catch (err) {
      await screenshot(page, 'integration-failure');
      throw err;
    }
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (!result) {
      console.error(`integration: the extension host exited with code ${code} but mocha reported no result (${secs} s)`);
      console.log(`0 passed, 1 failed`);
      return code === 0 ? 1 : code;
    }
    if (result.pending > 0) console.log(`${result.pending} pending`);
    console.log(`integration: done in ${secs} s, extension host exit code ${code}`);
    if (code !== 0 || result.failed > 0) {
      console.log('integration: workbench and extension host log in test-results/integration-browser.log');
    }
    console.log(`${result.passed} passed, ${result.failed} failed`);
    return result.failed > 0 && code === 0 ? 1 : code;
  } catch (err) {
    if (aborted) return new Promise<number>(() => undefined); // the signal handler exits
    console.error(`integration: ${err instanceof Error ? err.message : String(err)}`);
    if (server) console.error(`code-server log (test-results/code-server-integration.log), last lines:\n${server.logTail(25)}`);
    console.error('browser log: test-results/integration-browser.log');
    const r = result as Result | undefined;
    console.log(`${r?.passed ?? 0} passed, ${Math.max(1, r?.failed ?? 0)} failed`);
    return 1;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
