// Browser end-to-end checks: what a person sees in VS Code (code-server + Chromium) with the
// packaged extension installed. Run by test/harness/run-e2e.ts, in order, against a temporary
// copy of test/fixtures/workspace. Each check leaves a screenshot in test-results/.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { editorTab, mod, quickOpen, screenshot } from '../harness/browser';
import { listExtensions, type CodeServer } from '../harness/code-server';

export interface E2EContext {
  page: Page;
  server: CodeServer;
  workspace: string;
}

export interface Check {
  name: string;
  timeoutMs?: number;
  run(ctx: E2EContext): Promise<void>;
}

const EXTENSION_ID = 'sentinel-hunt.sentinel-hunt';
/** The language server starts asynchronously and loads Kusto.Language. */
const SERVER_TIMEOUT_MS = 45_000;

export const editor = (page: Page) => page.locator('.part.editor .editor-group-container.active .monaco-editor').first();

/** Opens a workspace file the way a person does: a click in the Explorer (Quick Open as fallback). */
export async function openFile(page: Page, name: string): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row', {
    has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }),
  });
  if (await row.first().isVisible().catch(() => false)) await row.first().click();
  else await quickOpen(page, name);
  await editorTab(page, name).first().waitFor({ state: 'visible', timeout: 15_000 });
  await editor(page).locator('.view-lines').waitFor({ state: 'visible' });
}

interface Token {
  text: string;
  color: string;
  cls: string;
}

/** The rendered tokens (Monaco's <span class="mtkN">) of the visible lines of the active editor. */
async function tokens(page: Page): Promise<Token[]> {
  return editor(page)
    .locator('.view-lines .view-line > span > span')
    .evaluateAll((els) =>
      els.map((e) => ({ text: (e.textContent ?? '').replace(/\u00a0/g, ' '), color: getComputedStyle(e).color, cls: e.className })),
    );
}

export async function visibleText(page: Page): Promise<string> {
  const lines = await editor(page)
    .locator('.view-lines .view-line')
    .evaluateAll((els) =>
      els
        .map((e) => ({ top: parseFloat((e as HTMLElement).style.top || '0'), text: (e.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
  return lines.join('\n');
}

export async function poll<T>(probe: () => Promise<T>, accept: (v: T) => boolean, timeoutMs: number, page: Page): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let v = await probe();
  while (!accept(v) && Date.now() < deadline) {
    await page.waitForTimeout(250);
    v = await probe();
  }
  return v;
}

function suggestRows(page: Page): Locator {
  return page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
}

async function suggestLabels(page: Page): Promise<string[]> {
  return suggestRows(page).evaluateAll((els) =>
    els.map((e) => (e.querySelector('.label-name')?.textContent ?? e.getAttribute('aria-label') ?? '').trim()),
  );
}

const TYPED = 'EmailEvents_CL | where Size_d > 1000 | take 10';

export const checks: Check[] = [
  {
    name: 'the packaged extension is installed in code-server',
    async run({ server }) {
      const exts = listExtensions(server);
      assert.ok(
        exts.some((e) => e.startsWith(`${EXTENSION_ID}@`)),
        `${EXTENSION_ID} should be listed by code-server --list-extensions; got: ${exts.join(', ') || '(none)'}`,
      );
    },
  },
  {
    name: 'the workbench shows the fixture workspace in the Explorer',
    async run({ page }) {
      const row = page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: 'scratch.kql' }) });
      await row.first().waitFor({ state: 'visible', timeout: 30_000 });
      await screenshot(page, 'e2e-1-workbench');
    },
  },
  {
    name: 'a .kql file opens in KQL mode',
    async run({ page }) {
      await openFile(page, 'scratch.kql');
      const mode = page.locator('[id="status.editor.mode"]');
      await mode.waitFor({ state: 'visible', timeout: 15_000 });
      await poll(() => mode.innerText(), (t) => /KQL/.test(t), 15_000, page);
      assert.match(await mode.innerText(), /KQL/, 'the status bar language indicator should say KQL');
    },
  },
  {
    name: 'typed KQL is syntax highlighted (keyword and table name in different colours)',
    async run({ page }) {
      await openFile(page, 'scratch.kql');
      await editor(page).locator('.view-lines').click();
      await page.keyboard.press(`${mod}+A`);
      await page.keyboard.press('Delete');
      await page.keyboard.type(TYPED, { delay: 15 });
      await page.keyboard.press('Escape'); // close any quick suggestions
      const text = await poll(() => visibleText(page), (t) => t.includes(TYPED), 5_000, page);
      assert.ok(text.includes(TYPED), `the editor should show what was typed; it shows:\n${text}`);
      const toks = await poll(
        () => tokens(page),
        (ts) => ts.some((t) => t.text.trim() === 'where') && ts.some((t) => t.text.trim() === 'EmailEvents_CL'),
        10_000,
        page,
      );
      await screenshot(page, 'e2e-2-highlighting');
      const kw = toks.find((t) => t.text.trim() === 'where');
      const table = toks.find((t) => t.text.trim() === 'EmailEvents_CL');
      const dump = toks.map((t) => `${JSON.stringify(t.text)} ${t.cls} ${t.color}`).join('\n  ');
      assert.ok(kw && table, `"where" and "EmailEvents_CL" should be separate tokens; tokens:\n  ${dump}`);
      assert.notEqual(kw.color, table.color, `keyword and table name should differ in colour; tokens:\n  ${dump}`);
      const colours = new Set(toks.map((t) => t.color));
      assert.ok(colours.size >= 3, `expected at least 3 colours in the line; tokens:\n  ${dump}`);
    },
  },
  {
    name: 'Ctrl+Space after "where" lists the column SenderAddress_s',
    timeoutMs: SERVER_TIMEOUT_MS + 30_000,
    async run({ page }) {
      await openFile(page, 'scratch.kql');
      await editor(page).locator('.view-lines').click();
      await page.keyboard.press(`${mod}+A`);
      await page.keyboard.press('Delete');
      await page.keyboard.type('EmailEvents_CL | where ', { delay: 15 });
      // The server may still be starting: re-trigger until the list has the column.
      const deadline = Date.now() + SERVER_TIMEOUT_MS;
      let labels: string[] = [];
      let filtered = false;
      while (Date.now() < deadline) {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+Space');
        await suggestRows(page).first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
        await page.waitForTimeout(500);
        labels = await suggestLabels(page);
        if (labels.includes('SenderAddress_s')) break;
        if (!filtered && labels.length > 0) {
          // A long list shows only its first rows: narrow it the way a person would.
          await page.keyboard.type('Sender', { delay: 30 });
          filtered = true;
          await page.waitForTimeout(700);
          labels = await suggestLabels(page);
          if (labels.includes('SenderAddress_s')) break;
        }
      }
      await screenshot(page, 'e2e-3-completion');
      assert.ok(labels.includes('SenderAddress_s'), `the suggest widget should list SenderAddress_s; it shows: ${labels.join(', ') || '(nothing)'}`);
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'a syntax error is underlined and counted in the status bar',
    timeoutMs: SERVER_TIMEOUT_MS + 20_000,
    async run({ page }) {
      await openFile(page, 'syntax-error.kql');
      const squiggle = editor(page).locator('.squiggly-error');
      await squiggle.first().waitFor({ state: 'attached', timeout: SERVER_TIMEOUT_MS });
      await screenshot(page, 'e2e-4-diagnostics');
      const problems = page.locator('[id="status.problems"]');
      const label = await poll(
        async () => (await problems.getAttribute('aria-label').catch(() => null)) ?? (await problems.innerText().catch(() => '')),
        (l) => /Errors?:\s*[1-9]/i.test(l),
        10_000,
        page,
      );
      assert.match(label, /Errors?:\s*[1-9]/i, `the status bar should count an error; it says "${label}"`);
    },
  },
  {
    name: 'hovering strcat shows its documentation',
    timeoutMs: SERVER_TIMEOUT_MS + 20_000,
    async run({ page }) {
      await openFile(page, 'hover.kql');
      const word = editor(page).locator('.view-lines .view-line span span', { hasText: /^strcat$/ }).first();
      await word.waitFor({ state: 'visible', timeout: 10_000 });
      const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents').first();
      const deadline = Date.now() + SERVER_TIMEOUT_MS;
      let text = '';
      while (Date.now() < deadline) {
        const box = await word.boundingBox();
        assert.ok(box, 'strcat is on screen');
        await page.mouse.move(box.x + box.width / 2, box.y + box.height + 40);
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
        text = await hover
          .waitFor({ state: 'visible', timeout: 3_000 })
          .then(() => hover.innerText())
          .catch(() => '');
        if (/strcat/i.test(text)) break;
      }
      await screenshot(page, 'e2e-5-hover');
      assert.match(text, /strcat/i, `the hover should describe strcat; it shows "${text}"`);
      await page.mouse.move(5, 5);
    },
  },
  {
    name: 'a ```kql block in markdown is highlighted as KQL',
    async run({ page }) {
      await openFile(page, 'README.md');
      const toks = await poll(
        () => tokens(page),
        (ts) => ts.some((t) => t.text.trim() === 'where') && ts.some((t) => t.text.trim() === 'EmailEvents_CL'),
        10_000,
        page,
      );
      await screenshot(page, 'e2e-6-markdown');
      const kw = toks.find((t) => t.text.trim() === 'where');
      const table = toks.find((t) => t.text.trim() === 'EmailEvents_CL');
      const dump = toks.filter((t) => /where|EmailEvents|ago|count/.test(t.text)).map((t) => `${JSON.stringify(t.text)} ${t.color}`);
      assert.ok(kw && table, `the fenced block should be tokenized as KQL (separate "where" token); tokens: ${dump.join('; ')}`);
      assert.notEqual(kw.color, table.color, `keyword and table name should differ in colour: ${dump.join('; ')}`);
    },
  },
];
