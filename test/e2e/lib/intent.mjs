// Intent edits as the UI tests meet them: the rows of the open quick pick as a person reads them,
// the preview quick pick of a proposal, and the CLI's `allow|deny --write` on a copy of the
// workspace as the oracle of the files an applied proposal must leave.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WAIT, pick, until } from './browser.mjs';
import { tempDir } from './interrupt.mjs';
import { cliPath } from './workspaces.mjs';

const title = (page) => page.locator('.quick-input-widget .quick-input-title');

/**
 * The rows of the open quick pick, each as its visible text on one line: a section's title
 * (separator) on its own row as `— Title`, then `label · description`, and ` ⏎ detail` when the row
 * has a second line.
 */
export async function quickPickRows(page) {
  return page.locator('.quick-input-list .monaco-list-row').evaluateAll((rows) =>
    rows.flatMap((row) => {
      const text = (el) =>
        // Rows are reused: a stale separator or detail of an earlier pick stays in the DOM, hidden.
        el?.checkVisibility() ? (el.textContent?.replace(/\s+/g, ' ').trim() ?? '') : '';
      const [first, second] = row.querySelectorAll('.quick-input-list-row');
      const section = text(row.querySelector('.quick-input-list-separator'));
      const label = text(first?.querySelector('.label-name'));
      const description = text(first?.querySelector('.label-description'));
      const detail = text(second?.querySelector('.label-name'));
      const line = `${label}${description ? ` · ${description}` : ''}${detail ? ` ⏎ ${detail}` : ''}`;
      return [...(section ? [`— ${section}`] : []), ...(label ? [line] : [])];
    }),
  );
}

/** Waits for the quick pick titled `text` (exactly) and returns its rows once `ready(rows)` holds. */
export async function quickPickTitled(page, text, ready = (rows) => rows.length > 0) {
  await until(
    async () =>
      (await title(page)
        .innerText()
        .catch(() => '')) === text,
    `the quick pick "${text}"`,
  );
  return until(async () => {
    const rows = await quickPickRows(page);
    return ready(rows) && rows;
  }, `the rows of "${text}"`);
}

/** Waits for the preview of `proposal` (its title) and its diff editor; returns its rows once `ready`. */
export async function preview(page, proposal, diffTab, ready = (r) => r.some((x) => x.startsWith('Apply'))) {
  const rows = await quickPickTitled(page, `Preview: ${proposal}`, ready);
  await page.locator('.tab', { hasText: `${diffTab} ↔ proposed` }).waitFor({ timeout: WAIT });
  return rows;
}

/** Picks Apply in the open preview; resolves when the edited file `name` has the focus. */
export async function apply(page, name) {
  await pick(page, 'Apply', 'Apply');
  await page.locator('.tab', { hasText: '↔ proposed' }).first().waitFor({ state: 'detached', timeout: WAIT });
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: WAIT });
  await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: WAIT });
}

/**
 * What `netpol-lens allow|deny <copy of dir> … --write` leaves: {files: {relPath: text}, out}.
 * `args` are the CLI's flags (`--from`, `--to`, `--port`, `--protocol`, `--narrow`).
 */
export function proposalOracle(dir, action, args) {
  const t = tempDir('netpol-intent-oracle-');
  try {
    const copy = path.join(t.dir, 'ws');
    fs.cpSync(dir, copy, { recursive: true });
    const r = spawnSync(process.execPath, [cliPath, action, copy, ...args, '--write'], { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(`netpol-lens ${action} ${args.join(' ')} (exit ${r.status}): ${r.stderr}`);
    const files = {};
    for (const f of fs.readdirSync(copy, { recursive: true }).map(String)) {
      const p = path.join(copy, f);
      if (fs.statSync(p).isFile() && fs.readFileSync(p, 'utf8') !== readOr(path.join(dir, f)))
        files[f] = fs.readFileSync(p, 'utf8');
    }
    return { files, out: r.stdout };
  } finally {
    t.dispose();
  }
}

const readOr = (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined);

/** The texts of `relPaths` in `dir` now: {relPath: text}. */
export const textsOf = (dir, relPaths) =>
  Object.fromEntries(relPaths.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));

/** Waits until the files on disk read `texts` ({relPath: text}); a save is written asynchronously. */
export async function filesRead(dir, texts, message) {
  const same = () =>
    Object.entries(texts).every(([f, t]) => fs.readFileSync(path.join(dir, f), 'utf8') === t);
  await until(same, message).catch(() => {});
  return textsOf(dir, Object.keys(texts));
}
