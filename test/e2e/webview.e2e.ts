// Browser checks of the results webview and the HTML report, without VS Code: a local HTTP
// server (127.0.0.1) serves dist/webview/ and a page built by resultsHtml() (same CSP, with a
// nonce) plus a fake acquireVsCodeApi that records what the panel posts. Debian Chromium runs
// the page like the webview's iframe would. Screenshots: test-results/webview-*.png.
//
//   npm run build && npx tsc -p . && node out/test/e2e/webview.e2e.js
//
// Prints `N passed, N failed`; exits non-zero on failure. Also exported as runWebviewChecks()
// for the e2e runner.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { htmlReport } from '../../src/report/html-report';
import { resultsHtml } from '../../src/webview/html';
import { parseWebviewMessage } from '../../src/webview/protocol';
import { largeColumns, largeRow, LARGE_ROWS, pieResult, plainResult, PWN_IMG, PWN_SCRIPT, timechartResult } from '../fixtures/webview/results';
import { launchBrowser, newPage, screenshot } from '../harness/browser';
import { clearResults, resultsDir } from '../harness/code-server';
import { repoRoot } from '../support/paths';

const webviewDir = path.join(repoRoot, 'dist', 'webview');

interface Posted {
  type: string;
  [key: string]: unknown;
}

interface Ctx {
  page: Page;
  origin: string;
  errors: string[];
}

// The fake VS Code API: records messages and state; also records CSP violations.
const FAKE_VSCODE = `
window.__posted = [];
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
  getState: () => window.__state,
  setState: (s) => { window.__state = s; },
});
`;

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.png': 'image/png' };

function startServer(report: string): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/') {
      const nonce = randomBytes(18).toString('base64');
      const origin = `http://${req.headers.host}`;
      const page = resultsHtml({ scriptUri: '/webview/results.js', styleUri: '/webview/results.css', cspSource: origin, nonce })
        .replace('<script nonce=', `<script nonce="${nonce}" src="/fake-vscode.js"></script>\n<script nonce=`);
      return send(200, CONTENT_TYPES['.html'], page);
    }
    if (url.pathname === '/fake-vscode.js') return send(200, CONTENT_TYPES['.js'], FAKE_VSCODE);
    if (url.pathname === '/report.html') return send(200, CONTENT_TYPES['.html'], report);
    const m = /^\/webview\/([\w.-]+)$/.exec(url.pathname);
    if (m && existsSync(path.join(webviewDir, m[1]))) return send(200, CONTENT_TYPES[path.extname(m[1])] ?? 'application/octet-stream', readFileSync(path.join(webviewDir, m[1])));
    send(404, 'text/plain', 'not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted);
const lastPosted = async (page: Page, type: string) => (await posted(page)).filter((m) => m.type === type).pop();
const post = (page: Page, message: unknown) => page.evaluate((m) => window.postMessage(m, '*'), message);
const summary = (page: Page) => page.locator('.status .summary');

async function waitFor<T>(probe: () => Promise<T>, accept: (v: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let v = await probe();
  while (!accept(v)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)?.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 100));
    v = await probe();
  }
  return v;
}

/** Text of the visible rows: [gutter, ...cells] per row, in row order. */
async function visibleRows(page: Page): Promise<string[][]> {
  return page.locator('.grid-row:not([hidden])').evaluateAll((rows) =>
    rows
      .map((r) => ({
        pos: Number((r as HTMLElement).dataset.pos),
        cells: Array.from(r.children).map((c) => (c.querySelector('.text') ?? c).textContent ?? ''),
      }))
      .sort((a, b) => a.pos - b.pos)
      .map((r) => r.cells),
  );
}

const column = (name: string) => largeColumns.findIndex((c) => c.name === name) + 1; // +1: the gutter

/** Posts the 100,000-row result, built in the page (a string expression: the page's CSP has no eval). */
async function postLarge(page: Page): Promise<void> {
  const build = (rowOf: (i: number) => unknown[], args: { id: string; n: number; columns: unknown }) => {
    const rows: unknown[][] = [];
    for (let i = 0; i < args.n; i++) rows.push(rowOf(i));
    window.postMessage({ type: 'running', id: args.id, target: 'local workspace /tmp/fixture', query: 'MessageTrace_CL | take 100000' }, '*');
    window.postMessage({ type: 'result', result: { id: args.id, columns: args.columns, rows, visualization: null, target: 'local workspace /tmp/fixture', query: 'MessageTrace_CL | take 100000', durationMs: 321 } }, '*');
  };
  await page.evaluate(`(${build.toString()})(${largeRow.toString()}, ${JSON.stringify({ id: 'large', n: LARGE_ROWS, columns: largeColumns })})`);
}

interface Check {
  name: string;
  run(ctx: Ctx): Promise<void>;
}

const checks: Check[] = [
  {
    name: 'the panel loads under its CSP and says ready',
    async run({ page, origin }) {
      await page.goto(`${origin}/`);
      await page.locator('.toolbar').waitFor();
      await waitFor(() => posted(page), (m) => m.some((x) => x.type === 'ready'), 'a ready message');
      assert.match(await summary(page).innerText(), /No results yet/);
    },
  },
  {
    name: '100,000 rows: the DOM holds only a window of rows, and scrolling moves it',
    async run({ page }) {
      await postLarge(page);
      await waitFor(() => summary(page).innerText(), (t) => t.includes('100,000 rows'), 'the row count');
      const domRows = await page.locator('.grid-row').count();
      assert.ok(domRows > 10 && domRows < 120, `rendered rows should be a window, got ${domRows}`);
      assert.equal((await visibleRows(page))[0][0], '1');
      // Scroll in steps as a wheel would and time each frame's render.
      const timing = await page.evaluate(async () => {
        const v = document.querySelector<HTMLElement>('.grid-viewport')!;
        const frames: number[] = [];
        for (let k = 1; k <= 40; k++) {
          const t0 = performance.now();
          v.scrollTop = k * 27_500;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          frames.push(performance.now() - t0);
        }
        v.scrollTop = 50_000 * 22;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        frames.sort((a, b) => a - b);
        return { median: frames[frames.length >> 1], max: frames[frames.length - 1] };
      });
      const rows = await visibleRows(page);
      assert.ok(rows.some((r) => r[0] === '50001'), `row 50,001 should be in view after scrolling; first shown ${rows[0]?.[0]}`);
      assert.ok((await page.locator('.grid-row').count()) < 120, 'still a window after scrolling');
      console.log(`      scroll: median ${timing.median.toFixed(1)} ms per step (max ${timing.max.toFixed(1)} ms; a step waits two frames, 33 ms at 60 Hz)`);
      assert.ok(timing.median < 70, `scrolling should be smooth; median ${timing.median.toFixed(1)} ms per step`);
      await screenshot(page, 'webview-1-large-table');
    },
  },
  {
    name: 'sort by a column is typed (numbers as numbers) and cycles asc, desc, none',
    async run({ page }) {
      const header = page.locator('.grid-hcell', { hasText: 'Bytes' });
      await header.click();
      assert.equal(await header.getAttribute('aria-sort'), 'ascending');
      assert.equal((await visibleRows(page))[0][column('Bytes')], '0');
      await header.click();
      assert.equal(await header.getAttribute('aria-sort'), 'descending');
      // Text order would put "9000" first; numbers put 12000 first.
      const first = await visibleRows(page);
      assert.equal(first[0][column('Bytes')], '12000');
      assert.equal(first[0][column('n')], '12', 'stable: the first row with 12000 is n=12');
      await screenshot(page, 'webview-2-sorted');
      await header.click();
      assert.equal(await header.getAttribute('aria-sort'), 'none');
      assert.equal((await visibleRows(page))[0][column('n')], '0');
    },
  },
  {
    name: 'the filter box keeps rows with a matching cell',
    async run({ page }) {
      await page.locator('input.filter').fill('user7@contoso');
      await waitFor(() => summary(page).innerText(), (t) => t.includes('100 of 100,000 rows'), 'the filtered count');
      const rows = await visibleRows(page);
      assert.ok(rows.every((r) => r[column('Sender')] === 'user7@contoso.com'), 'only matching rows');
      assert.deepEqual(rows.slice(0, 3).map((r) => r[column('n')]), ['7', '1007', '2007']);
      await screenshot(page, 'webview-3-filtered');
    },
  },
  {
    name: 'cells selected with the mouse and keyboard copy as TSV through a copy message',
    async run({ page }) {
      const before = (await posted(page)).filter((m) => m.type === 'copy').length;
      await page.locator('.grid-row[data-pos="0"] .grid-cell[data-col="0"]').click();
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Control+C');
      const expected = [largeRow(7), largeRow(1007)].map((r) => `${r[0]}\t${r[1]}`).join('\n');
      const copy = await waitFor(() => lastPosted(page, 'copy'), (m) => m !== undefined && m.text === expected, 'the copied TSV');
      assert.ok(parseWebviewMessage(copy), 'the copy message passes the extension-side validation');
      const after = (await posted(page)).filter((m) => m.type === 'copy').length;
      assert.equal(after - before, 1, 'one copy message per Ctrl+C');
      // A whole row from the context menu, with headers.
      await page.locator('.grid-row[data-pos="1"] .grid-gutter').click();
      await page.locator('.grid-row[data-pos="1"] .grid-cell[data-col="2"]').click({ button: 'right' });
      await page.locator('.context-menu-item', { hasText: 'Copy with headers' }).click();
      // The Details JSON has quotes: quoted as a spreadsheet reads it, quotes doubled.
      const row = largeRow(1007).map((v) => (typeof v === 'object' ? `"${JSON.stringify(v).replace(/"/g, '""')}"` : String(v)));
      const withHeaders = `${largeColumns.map((c) => c.name).join('\t')}\n${row.join('\t')}`;
      await waitFor(() => lastPosted(page, 'copy'), (m) => m?.text === withHeaders, 'the row copied with headers');
    },
  },
  {
    name: 'keyboard: arrows move the focused cell, Enter expands a dynamic value as JSON',
    async run({ page }) {
      await page.locator('.grid-row[data-pos="0"] .grid-cell[data-col="0"]').click();
      for (let k = 0; k < column('Details') - 1; k++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      const focused = page.locator('.grid-cell.focused');
      assert.equal(await focused.getAttribute('data-col'), String(column('Details') - 1));
      assert.equal(await page.locator('.grid-row:has(.grid-cell.focused)').getAttribute('data-pos'), '1');
      await page.keyboard.press('Enter');
      const detail = page.locator('.detail-body');
      await detail.waitFor();
      assert.equal(await detail.innerText(), JSON.stringify(largeRow(1007)[4], null, 2));
      await screenshot(page, 'webview-4-expanded');
      await page.keyboard.press('Escape');
      await detail.waitFor({ state: 'hidden' });
    },
  },
  {
    name: 'a column resizes by dragging its header edge',
    async run({ page }) {
      const header = page.locator('.grid-hcell', { hasText: 'Sender' });
      const before = (await header.boundingBox())!.width;
      const handle = header.locator('.resize-handle');
      const box = (await handle.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + 90, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      const after = (await header.boundingBox())!.width;
      assert.ok(Math.abs(after - before - 90) < 8, `width ${before} -> ${after}, expected +90`);
      const cellWidth = (await page.locator('.grid-row[data-pos="0"] .grid-cell[data-col="2"]').boundingBox())!.width;
      assert.ok(Math.abs(cellWidth - after) < 2, 'cells follow the header');
    },
  },
  {
    name: 'markup in data is shown as text, never run',
    async run({ page }) {
      await page.locator('input.filter').fill('<');
      await waitFor(() => summary(page).innerText(), (t) => /^3 of 100,000 rows/.test(t), 'rows with "<"');
      const senders = (await visibleRows(page)).map((r) => r[column('Sender')]);
      assert.ok(senders.includes(PWN_IMG) && senders.includes(PWN_SCRIPT), `the markup is the cell text: ${senders.join(' | ')}`);
      assert.equal(await page.locator('.grid img, .grid script').count(), 0, 'no element was created from data');
      await page.locator('.grid-row[data-pos="2"] .grid-cell[data-col="4"]').dblclick();
      await page.locator('.detail-body').waitFor();
      assert.match(await page.locator('.detail-body').innerText(), /"note": "<\/script><img src=x onerror=window.__pwned=3>"/);
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'window.__pwned stays undefined');
      await screenshot(page, 'webview-5-markup-as-text');
      await page.keyboard.press('Escape');
      await page.locator('input.filter').fill('');
    },
  },
  {
    name: 'a timechart renders on a canvas with its three series',
    async run({ page }) {
      await post(page, { type: 'result', result: timechartResult('tc') });
      await waitFor(() => page.locator('#tab-chart').getAttribute('aria-selected'), (v) => v === 'true', 'the chart tab selected for a render');
      const canvas = page.locator('.chart-canvas canvas').first();
      await canvas.waitFor();
      const size = await canvas.boundingBox();
      assert.ok(size && size.width > 300 && size.height > 200, `canvas size ${JSON.stringify(size)}`);
      const label = (await page.locator('.chart-canvas').getAttribute('aria-label')) ?? '';
      assert.match(label, /Mail per hour by status/, `the chart's description: ${label}`);
      await page.locator('.series-button').click();
      const names = await page.locator('.series-item').allInnerTexts();
      assert.deepEqual(names.map((n) => n.trim()), ['Delivered', 'Failed', 'Quarantined']);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(600); // the entry animation
      await screenshot(page, 'webview-6-timechart');
      // The tooltip is drawn on the canvas (no HTML): hover a point in time.
      await page.mouse.move(size.x + size.width * 0.3, size.y + size.height * 0.5, { steps: 4 });
      await page.waitForTimeout(400);
      await screenshot(page, 'webview-6b-tooltip');
      await page.mouse.move(5, 5);
    },
  },
  {
    name: 'PNG export posts a data URL; the legend toggles a series (the image changes)',
    async run({ page }) {
      const png = async () => {
        const n = (await posted(page)).length;
        await page.locator('button', { hasText: 'PNG' }).click();
        await waitFor(() => posted(page), (all) => all.length > n, 'a new message');
        const m = await lastPosted(page, 'export-png');
        assert.ok(m, 'an export-png message');
        return m;
      };
      const first = await png();
      const valid = parseWebviewMessage(first);
      assert.ok(valid && valid.type === 'export-png' && valid.id === 'tc', 'export-png passes validation');
      const bytes = Buffer.from(String(first.dataUrl).replace(/^data:image\/png;base64,/, ''), 'base64');
      assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(path.join(resultsDir, 'webview-7-export.png'), bytes);

      await page.locator('.series-button').click();
      const failed = page.locator('.series-item', { hasText: 'Failed' }).locator('input');
      await failed.uncheck();
      assert.equal(await failed.isChecked(), false);
      await page.waitForTimeout(600);
      const hidden = await png();
      assert.notEqual(hidden.dataUrl, first.dataUrl, 'the chart changed when the series was hidden');
      await screenshot(page, 'webview-8-legend-toggled');
      await failed.check();
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'CSV, JSON and open-in-tab post their messages',
    async run({ page }) {
      await page.locator('button', { hasText: 'CSV' }).click();
      await page.locator('button', { hasText: 'JSON' }).click();
      await page.locator('button', { hasText: 'Open in tab' }).click();
      const messages = (await posted(page)).slice(-3).map((m) => parseWebviewMessage(m));
      assert.deepEqual(messages, [
        { type: 'export', format: 'csv', id: 'tc' },
        { type: 'export', format: 'json', id: 'tc' },
        { type: 'open-in-tab', id: 'tc' },
      ]);
    },
  },
  {
    name: 'a result without render: table first, a chart on request from the kind list; notices shown',
    async run({ page }) {
      await post(page, { type: 'result', result: plainResult('plain') });
      await waitFor(() => page.locator('#tab-table').getAttribute('aria-selected'), (v) => v === 'true', 'the table tab');
      const notices = await page.locator('.notice').allInnerTexts();
      assert.ok(notices.some((n) => /Partial results: PartialFailure/.test(n)), `partial failure notice: ${notices.join(' | ')}`);
      assert.ok(notices.some((n) => /first 4 of 9 rows/.test(n)), `truncation notice: ${notices.join(' | ')}`);
      await page.locator('#tab-chart').click();
      await page.locator('select.chart-kind').selectOption('piechart');
      await page.locator('.chart-canvas canvas').first().waitFor();
      await page.waitForTimeout(600);
      assert.match((await page.locator('.chart-canvas').getAttribute('aria-label')) ?? '', /pie/i);
      await screenshot(page, 'webview-9-chart-on-request');
    },
  },
  {
    name: 'running shows Cancel, which posts cancel; an error is shown as text',
    async run({ page }) {
      await post(page, { type: 'running', id: 'q9', target: 'Log Analytics demo', query: 'T | take 1' });
      const cancel = page.locator('button.cancel');
      await cancel.waitFor();
      await cancel.click();
      assert.deepEqual(parseWebviewMessage(await lastPosted(page, 'cancel')), { type: 'cancel', id: 'q9' });
      await post(page, { type: 'error', id: 'q9', message: `1:5: <b>bad</b> ${PWN_IMG}` });
      const error = page.locator('.notice.error');
      await error.waitFor();
      assert.equal(await error.innerText(), `1:5: <b>bad</b> ${PWN_IMG}`);
      assert.equal(await page.locator('.notice.error b, .notice.error img').count(), 0);
      await screenshot(page, 'webview-10-error');
      await post(page, { type: 'result', result: { bogus: true } });
      await page.waitForTimeout(100);
      assert.equal(await error.isVisible(), true, 'a malformed message is dropped');
    },
  },
  {
    name: 'the page raised no CSP violation and no script error',
    async run({ page, errors }) {
      const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
      assert.deepEqual(csp, [], 'CSP violations');
      assert.deepEqual(errors, [], 'console errors');
    },
  },
  {
    name: 'the HTML report draws its charts offline with no console errors, data as text',
    async run({ page, origin, errors }) {
      errors.length = 0;
      await page.goto(`${origin}/report.html`);
      const charts = page.locator('.chart');
      assert.equal(await charts.count(), 2);
      await waitFor(() => page.locator('.chart[data-drawn="true"] canvas').count(), (n) => n >= 2, 'two charts drawn');
      await page.waitForTimeout(800);
      await screenshot(page, 'webview-11-report');
      await page.screenshot({ path: path.join(resultsDir, 'webview-11-report-full.png'), fullPage: true });
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
      const cells = await page.locator('td').allInnerTexts();
      assert.ok(cells.includes(PWN_IMG), 'the markup is a table cell text');
      assert.equal(await page.locator('main img, main script').count(), 0);
      assert.match(await page.locator('h2').nth(1).innerText(), /<\/script><script>/);
      assert.deepEqual(errors, [], 'console errors on the report');
    },
  },
];

export async function runWebviewChecks(): Promise<{ passed: number; failed: number }> {
  if (!existsSync(path.join(webviewDir, 'results.js'))) throw new Error('dist/webview/results.js is missing: run npm run build');
  clearResults('webview-');
  const report = htmlReport([
    { title: 'Mail per hour by status', description: 'Three series over two days.', query: timechartResult('r').query, result: timechartResult('r') },
    { title: 'Statuses </script><script>window.__pwned=5</script>', query: 'T | summarize count() by Status | render piechart', result: pieResult() },
    { title: 'Largest senders (no chart)', query: 'T | take 5', result: { columns: largeColumns, rows: [0, 3, 4, 5].map(largeRow), visualization: null, totalRows: 9 } },
  ], { title: 'Sentinel Hunt report (test)', subtitle: 'fixture data', generatedAt: '2024-05-03T00:00:00Z' });
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'webview-report.html'), report);

  const { server, origin } = await startServer(report);
  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;
  try {
    browser = await launchBrowser();
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    // Nothing may leave 127.0.0.1.
    await page.route((url) => url.hostname !== '127.0.0.1', (route) => {
      errors.push(`network request blocked: ${route.request().url()}`);
      return route.abort();
    });
    const ctx: Ctx = { page, origin, errors };
    for (const check of checks) {
      const t0 = Date.now();
      try {
        await check.run(ctx);
        passed++;
        console.log(`  ✔ ${check.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failed++;
        const shot = await screenshot(page, `webview-FAILED-${passed + failed}`);
        console.log(`  ✘ ${check.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        console.log(`      ${(err instanceof Error ? err.message : String(err)).split('\n').join('\n      ')}`);
        console.log(`      screenshot: ${path.relative(repoRoot, shot)}`);
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    server.close();
  }
  return { passed, failed };
}

if (require.main === module) {
  runWebviewChecks().then(
    ({ passed, failed }) => {
      console.log(`webview: screenshots in test-results/webview-*.png`);
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(failed > 0 ? 1 : 0);
    },
    (err: unknown) => {
      console.error(err);
      console.log('0 passed, 1 failed');
      process.exit(1);
    },
  );
}
