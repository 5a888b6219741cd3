// Debian Chromium driven by playwright-core, and helpers for the VS Code workbench.
// See ../../../shared/notes/vscode-testing.md ("Browser end-to-end").
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { resultsDir } from './code-server';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launches headless Chromium (Playwright makes its own fresh profile). HEADED=1 shows it. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is missing at ${chromiumPath}. Run: bash scripts/install-test-tools.sh`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: !process.env.HEADED,
    timeout: 60_000,
    // The harnesses handle signals themselves (browser first, then code-server's process group);
    // Playwright's own handler would exit the process before code-server is stopped.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Opens the workbench URL and waits until the workbench and its editor area are there. */
export async function openWorkbench(page: Page, url: string, timeoutMs = 60_000): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await waitForWorkbench(page, timeoutMs);
}

export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: timeoutMs });
}

/** The key that stands for Ctrl/Cmd in the workbench running on this OS (Linux: Control). */
export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/**
 * Runs a command from the command palette by its title. The palette snapshots its list when it
 * opens, so when the row is not there within ~3 s, close it and open it again.
 */
export async function runCommand(page: Page, title: string, attempts = 5): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    const row = page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: title }) })
      .first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3_000 });
      await row.click();
      await input.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      return;
    } catch {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  throw new Error(`command "${title}" not found in the command palette after ${attempts} attempts`);
}

/** Quick Open (Ctrl+P) a file by name, with the same retry as the palette. */
export async function quickOpen(page: Page, fileName: string, attempts = 5): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await page.keyboard.press(`${mod}+P`);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(fileName);
    const row = page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: fileName }) })
      .first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3_000 });
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      return;
    } catch {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  throw new Error(`file "${fileName}" not found by Quick Open after ${attempts} attempts`);
}

/** The tab of an open editor, by its file name. */
export function editorTab(page: Page, fileName: string): Locator {
  return page.locator(`.tabs-container .tab[data-resource-name=${JSON.stringify(fileName)}]`);
}

/** Saves a full-page screenshot to test-results/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, timeout: 15_000 }).catch((err: unknown) => {
    console.error(`screenshot ${name} failed: ${String(err)}`);
  });
  return file;
}
