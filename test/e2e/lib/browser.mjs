// Debian's Chromium driven by playwright-core (no Playwright browser download), and helpers that
// use the VS Code workbench the way a person does: keyboard shortcuts, palette, panels, webviews.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from './code-server.mjs';
import { tempDir } from './interrupt.mjs';

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const artifactsDir = path.join(repoRoot, 'test', 'e2e', 'artifacts');
/** Default wait for one UI condition. */
export const WAIT = Number(process.env.E2E_WAIT_MS || 30000);

const CHROMIUM_ARGS = [
  '--no-sandbox', // running as root
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking', // closed network: no connection attempts
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser() {
  if (!fs.existsSync(chromiumPath))
    throw new Error(`Chromium not found at ${chromiumPath}; run: npm run setup:e2e`);
  // Chromium writes ~/.config/chromium despite Playwright's temp profile: point XDG dirs elsewhere.
  const home = tempDir('netpol-chromium-');
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(home.dir, 'config'),
    XDG_CACHE_HOME: path.join(home.dir, 'cache'),
  };
  try {
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      env,
      args: CHROMIUM_ARGS,
    });
    browser.on('disconnected', home.dispose);
    return browser;
  } catch (e) {
    home.dispose();
    throw e;
  }
}

/** Resolves once the workbench has restored and the explorer lists the folder. */
export async function waitForWorkbench(page, timeout = 90000) {
  await page.waitForSelector('.monaco-workbench', { timeout });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout });
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
}

const quickInput = (page) => page.locator('.quick-input-widget input');
const quickRow = (page, text) =>
  page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();

/** Quick Open (Ctrl+P) a file by name; resolves when its editor tab is active. */
export async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  await quickInput(page).waitFor({ state: 'visible' });
  await quickInput(page).fill(name);
  await quickRow(page, name).waitFor({ timeout: WAIT });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: WAIT });
  await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: WAIT });
}

/** Quick Open a file by its path in the workspace (`policies/data.yaml`, when names repeat). */
export async function quickOpenPath(page, relPath) {
  const [dir, name] = [
    relPath.slice(0, relPath.lastIndexOf('/')),
    relPath.slice(relPath.lastIndexOf('/') + 1),
  ];
  await page.keyboard.press('Control+P');
  await quickInput(page).waitFor({ state: 'visible' });
  await quickInput(page).fill(relPath);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: name })
    .filter({ hasText: dir })
    .first()
    .waitFor({ timeout: WAIT });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: WAIT });
  await page.locator('.breadcrumbs-control', { hasText: dir }).first().waitFor({ timeout: WAIT });
  await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: WAIT });
}

/** Runs a command by its palette title (F1): the first entry containing `title`. */
export async function runCommand(page, title) {
  // An editor taking the focus just then (one a command opened) closes the palette: open it again.
  await until(async () => {
    await page.keyboard.press('F1');
    try {
      await quickInput(page).waitFor({ state: 'visible', timeout: 3000 });
      await quickInput(page).fill('>' + title, { timeout: 3000 });
      await quickRow(page, title).waitFor({ timeout: 10_000 });
      return true;
    } catch {
      return false;
    }
  }, `the palette offers "${title}"`);
  await page.keyboard.press('Enter');
  // Done when the palette is gone or replaced by the command's own quick pick.
  await until(
    async () =>
      !(await quickInput(page).isVisible()) || !(await quickInput(page).inputValue()).startsWith('>'),
    `the palette closes after "${title}"`,
  );
}

/**
 * Answers an open quick pick: types `text`, waits for a row containing `rowText`, picks it, and
 * waits until that pick is gone (hidden, or the next step of a multi-step pick is showing), so the
 * next keystrokes cannot land in it.
 */
export async function pick(page, text, rowText = text) {
  await quickInput(page).waitFor({ state: 'visible', timeout: WAIT });
  await quickInput(page).fill(text);
  await quickRow(page, rowText).waitFor({ timeout: WAIT });
  const title = page.locator('.quick-input-widget .quick-input-title');
  const before = await title.innerText().catch(() => '');
  await page.keyboard.press('Enter');
  await until(
    async () =>
      !(await quickInput(page).isVisible()) ||
      (await title.innerText().catch(() => '')) !== before ||
      (await quickInput(page).inputValue()) !== text,
    `the quick pick moves on after "${rowText}"`,
  );
}

/** Answers an open quick pick or input box with free text (no row to wait for). */
export async function enterText(page, text) {
  await quickInput(page).waitFor({ state: 'visible', timeout: WAIT });
  await quickInput(page).fill(text);
  await page.keyboard.press('Enter');
}

/** Pastes text at the cursor through the clipboard (verbatim: typing would auto-indent each line). */
export async function paste(page, text) {
  await page.evaluate((t) => globalThis.navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

/** Moves the cursor of the active editor to a 1-based line and column (Ctrl+G). */
export async function goToLine(page, line, column = 1) {
  await page.keyboard.press('Control+G');
  await quickInput(page).waitFor({ state: 'visible' });
  await quickInput(page).fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator(`[id="status.editor.selection"]`, { hasText: `Ln ${line}, Col ${column}` }).waitFor({
    timeout: WAIT,
  });
}

/** The status bar's problem counts, e.g. {errors: 2, warnings: 0} (a count it leaves out is 0). */
export async function problemCounts(page) {
  const label = (await page.locator('[id="status.problems"] a').first().getAttribute('aria-label')) ?? '';
  const count = (re) => Number((re.exec(label) ?? [])[1] ?? 0);
  return { errors: count(/Errors: (\d+)/), warnings: count(/Warnings: (\d+)/) };
}

/** Polls `fn` until it returns a truthy value; throws `message` (with the last value) on timeout. */
export async function until(fn, message, timeout = WAIT) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`${message} (after ${timeout} ms; last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Hides the panel area (Problems, Output, …) to give the editors the height. */
export async function hidePanel(page) {
  if (!(await page.locator('.part.panel').isVisible())) return;
  await page.keyboard.press('Control+J');
  await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: WAIT });
}

/** Opens the Problems panel and returns the texts of its rows once `ready(rows)` holds. */
export async function problemRows(page, ready, message) {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ timeout: WAIT });
  return until(async () => {
    const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    return ready(rows) && rows;
  }, message);
}

/**
 * The frame of the webview whose document has `selector` (with exactly `text`, when given). Webview
 * content sits two iframes deep, and hidden panels keep their frames, hence the search.
 */
export async function webviewWith(page, selector, { text, timeout = WAIT } = {}) {
  return until(
    async () => {
      for (const frame of page.frames()) {
        const found = frame.locator(selector).first();
        if (!(await found.count().catch(() => 0))) continue;
        if (text === undefined || (await found.innerText().catch(() => '')).trim() === text) return frame;
      }
      return null;
    },
    `no webview shows ${selector}${text === undefined ? '' : ` "${text}"`}`,
    timeout,
  );
}

/**
 * Hovers the mouse over the text at the editor's cursor until the hover's text satisfies `ready`.
 * Every 2 s without it, the mouse moves away and back to where the cursor is then: a hover asked
 * before the language server has indexed comes back empty, and CodeLenses appearing later shift
 * the lines down. Returns the hover's locator and text.
 */
export async function hoverAtCursor(page, ready, message) {
  // The editor's hover, not a stale workbench hover (Problems rows, status bar) left in the DOM.
  const hover = page.locator('.monaco-hover:not(.hidden):visible').first();
  const cursor = page.locator('.monaco-editor.focused .cursors-layer .cursor').first();
  let asked = 0;
  const text = await until(async () => {
    if (Date.now() - asked > 2000) {
      const box = await cursor.boundingBox();
      if (!box) throw new Error('no cursor in a focused editor to hover at');
      await page.mouse.move(box.x + 600, box.y + box.height / 2); // past the end of the line
      await page.mouse.move(box.x + 4, box.y + box.height / 2);
      asked = Date.now();
    }
    const t = (await hover.isVisible()) ? await hover.innerText().catch(() => '') : '';
    return ready(t) && t;
  }, message);
  return { hover, text };
}
