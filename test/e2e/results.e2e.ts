// Browser end-to-end checks of running a query in the real workbench: Ctrl+Enter in a hunt of
// the demo folder (`sentinel-hunt demo`, made by makeDemoFolder before code-server starts), the
// results view in the panel (a webview: two iframes deep), its status line, chart and table,
// copy to the clipboard, and markup in the data shown as text. Run by test/harness/run-e2e.ts
// after editor.e2e.ts, in the same code-server, in a second window opened on the demo folder.
// Screenshots: test-results/e2e-7-*.png and on.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { mod, screenshot } from '../harness/browser';
import { repoRoot } from '../support/paths';
import { editor, openFile, poll, visibleText, type Check } from './editor.e2e';

/** The hunt that is run: a time chart over the last day (`render timechart`). */
export const HUNT_FILE = 'mail-flow.kql';

/** Typed as a new block below the hunt: markup that would run if the panel used innerHTML. */
const PWN_IMG = '<img src=x onerror=window.__pwned=1>';
const PWN_SCRIPT = '<script>window.__pwned2=1</script>';
const INJECTION = `print Cell = "${PWN_IMG}", Script = "${PWN_SCRIPT}"`;

/** The first run starts the query host and loads the workspace's Parquet files. */
const FIRST_RUN_TIMEOUT_MS = 45_000;

/**
 * Makes a small demo folder with the built CLI (a few seconds): DIR/workspace (a local workspace),
 * DIR/hunts/*.kql and DIR/.vscode/settings.json pointing sentinelHunt.localWorkspace at it.
 * Resolves with the CLI's output. Exit code 1 (a hunt missed an injected incident) is reported
 * by the demo itself and does not matter here: the folder is all this test needs.
 */
export function makeDemoFolder(dir: string): Promise<string> {
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  if (!existsSync(cli)) return Promise.reject(new Error('dist/cli.js is missing: run npm run build'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'demo', '--dir', dir, '--days', '10', '--rows', '60000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const made = ['.vscode/settings.json', `hunts/${HUNT_FILE}`, 'workspace'].every((f) => existsSync(path.join(dir, f)));
      if ((code === 0 || code === 1) && made) {
        // The demo's data ends at today 00:00 UTC and the hunt looks back 1d from now: shortly before
        // midnight UTC that window holds (almost) no rows. Two days always hold a day of data.
        const hunt = path.join(dir, 'hunts', HUNT_FILE);
        writeFileSync(hunt, readFileSync(hunt, 'utf8').replace(/^let lookback = 1d;/m, 'let lookback = 2d;'));
        resolve(out);
      } else reject(new Error(`sentinel-hunt demo --dir ${dir} failed (${signal ?? `exit ${code}`}${made ? '' : ', folder incomplete'}):\n${out.slice(-2000)}`));
    });
  });
}

/** The results view's iframe (VS Code names the extension in the webview's URL). */
const RESULTS_IFRAME = 'iframe.webview[src*="extensionId=sentinel-hunt.sentinel-hunt"][src*="purpose=webviewView"]';

/** The results view's content, two iframes deep (re-resolved on every use). */
function results(page: Page): FrameLocator {
  return page.locator(RESULTS_IFRAME).first().contentFrame().frameLocator('#active-frame');
}

/** The content frame itself, for evaluating in the webview's window. */
async function resultsFrame(page: Page): Promise<Frame> {
  const outer = await (await page.locator(RESULTS_IFRAME).first().elementHandle({ timeout: 5_000 }))?.contentFrame();
  const inner = await (await outer?.locator('#active-frame').elementHandle({ timeout: 5_000 }))?.contentFrame();
  if (!inner) throw new Error('the results webview has no content frame');
  return inner;
}

async function waitFor<T>(probe: () => Promise<T>, accept: (v: T) => boolean, what: string, timeoutMs: number, page: Page): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | string = '(no answer)';
  for (;;) {
    try {
      const v = await probe();
      if (accept(v)) return v;
      last = v;
    } catch (err) {
      // The frame may not be there yet, or be replaced while VS Code moves the view.
      last = `(${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
    }
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)?.slice(0, 400)} after ${Math.round(timeoutMs / 1000)} s`);
    await page.waitForTimeout(200);
  }
}

const summaryText = (page: Page) => results(page).locator('.status .summary').innerText({ timeout: 2_000 });

/** The row count in the status line ("1,234 rows · 85 ms · local workspace ..."), or -1. */
function rowCount(summary: string): number {
  const m = /^([\d,]+) rows?\b/.exec(summary.trim());
  return m ? Number(m[1].replace(/,/g, '')) : -1;
}

/** Text of the rendered rows: [gutter, ...cells] per row, in row order. */
async function gridRows(page: Page): Promise<string[][]> {
  return results(page)
    .locator('.grid-row:not([hidden])')
    .evaluateAll((rows) =>
      rows
        .map((r) => ({
          pos: Number((r as HTMLElement).dataset.pos),
          cells: Array.from(r.children).map((c) => (c.querySelector('.text') ?? c).textContent ?? ''),
        }))
        .sort((a, b) => a.pos - b.pos)
        .map((r) => r.cells),
    );
}

/** The clipboard of the browser (the workbench writes it for vscode.env.clipboard). */
const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const writeClipboard = (page: Page, text: string) => page.evaluate((t) => navigator.clipboard.writeText(t), text);

/** Runs the block at the cursor with Ctrl+Enter; waits until the status line shows a result that `accept`s. */
async function runAndWait(page: Page, accept: (summary: string) => boolean, timeoutMs: number): Promise<string> {
  await page.keyboard.press(`${mod}+Enter`);
  return waitFor(() => summaryText(page), (s) => rowCount(s) >= 0 && accept(s), 'the results status line', timeoutMs, page);
}

export function resultsChecks(demoDir: string): Check[] {
  const target = `local workspace ${path.join(demoDir, 'workspace')}`;
  return [
    {
      name: `Ctrl+Enter in hunts/${HUNT_FILE} shows the result in the panel: rows and the local workspace`,
      timeoutMs: FIRST_RUN_TIMEOUT_MS + 30_000,
      async run({ page }) {
        await openFile(page, HUNT_FILE);
        // The cursor in the query (the file is one block); the keybinding needs the editor's focus.
        await editor(page).locator('.view-lines .view-line', { hasText: 'summarize' }).first().click();
        const summary = await runAndWait(page, (s) => s.includes(target), FIRST_RUN_TIMEOUT_MS);
        assert.ok(rowCount(summary) > 0, `the status line should count rows; it says "${summary}"`);
        assert.ok(summary.includes(target), `the status line should name ${target}; it says "${summary}"`);
      },
    },
    {
      name: 'the hunt\'s render timechart is drawn on a canvas in the chart tab',
      async run({ page }) {
        const r = results(page);
        await waitFor(() => r.locator('#tab-chart').getAttribute('aria-selected', { timeout: 2_000 }), (v) => v === 'true', 'the chart tab selected for the render', 10_000, page);
        const kind = await r.locator('select.chart-kind option:checked').innerText();
        assert.match(kind, /timechart/, `the chart kind should be the query's timechart; it is "${kind}"`);
        const canvas = r.locator('.chart-canvas canvas').first();
        await canvas.waitFor({ state: 'visible', timeout: 10_000 });
        const box = await canvas.boundingBox();
        assert.ok(box && box.width > 200 && box.height > 80, `canvas size ${JSON.stringify(box)}`);
        // Drawn: many pixels painted in several colours (axis, labels, the line), after the animation.
        const frame = await resultsFrame(page);
        const paint = () =>
          frame.evaluate(() => {
            const c = document.querySelector<HTMLCanvasElement>('.chart-canvas canvas');
            const ctx = c?.getContext('2d');
            if (!c || !ctx || c.width === 0 || c.height === 0) return { painted: 0, colours: 0, width: 0, height: 0 };
            const d = ctx.getImageData(0, 0, c.width, c.height).data;
            const colours = new Set<number>();
            let painted = 0;
            for (let i = 0; i < d.length; i += 4) {
              if (d[i + 3] === 0) continue;
              painted++;
              if (colours.size < 1000) colours.add(((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]) * 256 + d[i + 3]);
            }
            return { painted, colours: colours.size, width: c.width, height: c.height };
          });
        const drawn = await waitFor(paint, (p) => p.colours >= 8 && p.painted > 500, 'the chart canvas painted', 10_000, page);
        await page.waitForTimeout(700); // ECharts' entry animation, for the screenshot
        await screenshot(page, 'e2e-7-results-timechart');
        assert.ok(drawn.colours >= 8, `the canvas should be drawn: ${JSON.stringify(drawn)}`);
      },
    },
    {
      name: 'the table tab lists the rows (time bin and count)',
      async run({ page }) {
        const r = results(page);
        const total = rowCount(await summaryText(page));
        await r.locator('#tab-table').click();
        await waitFor(() => r.locator('#tab-table').getAttribute('aria-selected', { timeout: 2_000 }), (v) => v === 'true', 'the table tab selected', 5_000, page);
        const headers = (await r.locator('.grid-hcell').allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').trim());
        assert.deepEqual(headers.filter((h) => h !== ''), ['Received', 'Messages'], `the columns: ${headers.join(' | ')}`);
        const rows = await waitFor(() => gridRows(page), (rs) => rs.length > 0, 'table rows', 10_000, page);
        assert.equal(await r.locator('.grid-viewport').getAttribute('aria-rowcount'), String(total + 1), 'the grid holds every row of the status line');
        assert.equal(rows[0][0], '1', `the gutter numbers rows: ${JSON.stringify(rows[0])}`);
        assert.match(rows[0][1], /^\d{4}-\d\d-\d\dT\d\d:\d\d/, `Received is a time: ${JSON.stringify(rows[0])}`);
        assert.match(rows[0][2], /^\d[\d,]*$/, `Messages is a count: ${JSON.stringify(rows[0])}`);
        await screenshot(page, 'e2e-8-results-table');
      },
    },
    {
      name: 'a selected cell copies its text to the clipboard (Ctrl+C and the Copy button)',
      async run({ page }) {
        const r = results(page);
        // Copy goes webview -> extension (a copy message) -> vscode.env.clipboard -> the browser's
        // clipboard (the workbench page writes it). run-e2e grants clipboard-read/-write to the
        // workbench's origin, so the page reads it back. The Copy button has no native copy
        // event to fall back on: its text can only arrive through the extension.
        await writeClipboard(page, 'before copy');
        const rows = await gridRows(page);
        const cell = r.locator('.grid-row[data-pos="0"] .grid-cell[data-col="1"]');
        await cell.click();
        await waitFor(() => cell.getAttribute('class', { timeout: 2_000 }), (c) => /\bfocused\b/.test(c ?? ''), 'the clicked cell focused', 5_000, page);
        await page.keyboard.press(`${mod}+C`);
        const expected = rows[0][2];
        const copied = await waitFor(() => readClipboard(page), (t) => t !== 'before copy', 'the clipboard after Ctrl+C', 10_000, page);
        assert.equal(copied, expected, 'Ctrl+C copies the focused cell\'s text');

        await writeClipboard(page, 'before copy');
        const second = r.locator('.grid-row[data-pos="1"] .grid-cell[data-col="0"]');
        await second.click();
        await r.locator('.toolbar button', { hasText: /^Copy$/ }).click();
        const viaButton = await waitFor(() => readClipboard(page), (t) => t !== 'before copy', 'the clipboard after the Copy button', 10_000, page);
        assert.equal(viaButton, rows[1][1], 'the Copy button copies the selected cell\'s text');
      },
    },
    {
      name: 'markup typed in a query\'s strings is shown as text in the panel, never run',
      timeoutMs: 60_000,
      async run({ page }) {
        await openFile(page, HUNT_FILE);
        await editor(page).locator('.view-lines').click();
        await page.keyboard.press(`${mod}+End`);
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
        await page.keyboard.type(INJECTION, { delay: 5 });
        await page.keyboard.press('Escape'); // a suggestion, if any
        const text = await poll(() => visibleText(page), (t) => t.includes(INJECTION), 5_000, page);
        assert.ok(text.includes(INJECTION), `the editor should hold the typed block (auto-closing must not change it); it shows:\n${text}`);
        await page.keyboard.press('End');
        await runAndWait(page, (s) => rowCount(s) === 1, 30_000);
        const r = results(page);
        await waitFor(() => r.locator('#tab-table').getAttribute('aria-selected', { timeout: 2_000 }), (v) => v === 'true', 'the table tab for a result without render', 5_000, page);
        const rows = await waitFor(() => gridRows(page), (rs) => rs.length === 1 && rs[0].length === 3, 'the one row', 10_000, page);
        assert.deepEqual(rows[0].slice(1), [PWN_IMG, PWN_SCRIPT], 'the cells show the markup as text');
        await page.waitForTimeout(300); // an onerror would have fired by now
        const frame = await resultsFrame(page);
        const inFrame = await frame.evaluate(() => ({
          // Read here too, so that the checks below are known to run in the results view's window.
          cells: Array.from(document.querySelectorAll('#app .grid-row[data-pos="0"] .grid-cell')).map((c) => (c.querySelector('.text') ?? c).textContent),
          elements: document.querySelectorAll('#app img, #app script').length,
          pwned: (window as unknown as { __pwned?: unknown }).__pwned,
          pwned2: (window as unknown as { __pwned2?: unknown }).__pwned2,
        }));
        assert.deepEqual(inFrame, { cells: [PWN_IMG, PWN_SCRIPT], elements: 0, pwned: undefined, pwned2: undefined }, 'no element made from data, nothing ran in the webview');
        const inPage = await page.evaluate(() => [(window as unknown as { __pwned?: unknown }).__pwned, (window as unknown as { __pwned2?: unknown }).__pwned2]);
        assert.deepEqual(inPage, [undefined, undefined], 'nothing ran in the workbench page');
        await screenshot(page, 'e2e-9-injection-as-text');
      },
    },
  ];
}
