// A policy file of the realistic sample (samples/shop/policies/data.yaml) as a person opens it: the
// CodeLens above each policy shows the right counts as soon as the workspace is indexed, without any
// hover (a hover used to be what refreshed them), and Explain Policy shows the explanation at once,
// naming where the policy is written with a link that opens the YAML at that line. Expected answers
// come from the CLI (`explain --format json` carries the counts the lenses show). Last, the
// walkthrough shows its whole title and the links to both samples.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { WAIT, goToLine, hidePanel, runCommand, until, webviewWith } from '../lib/browser.mjs';
import * as oracle from '../lib/oracle.mjs';
import { openSession, uiStep } from '../lib/session.mjs';
import { repoRoot } from '../lib/code-server.mjs';
import { freshShop } from '../lib/workspaces.mjs';

const T = { timeout: 180_000 };
const FILE = path.join('policies', 'data.yaml');

let s;
const WALKTHROUGH_KEY = 'ctrl+alt+shift+f8';
const walkthrough = {
  key: WALKTHROUGH_KEY,
  command: 'workbench.action.openWalkthrough',
  args: 'netpol-lens.netpol-lens#netpolLens.gettingStarted',
};
before(
  async () =>
    (s = await openSession(
      freshShop(),
      {},
      { viewport: { width: 1600, height: 1000 }, keybindings: [walkthrough] },
    )),
  { timeout: 240_000 },
);
after(async () => s?.close());
const step = uiStep(test, () => s, T);

/** The CLI's explanations of the policies of FILE, in file order. */
function explained() {
  const all = oracle.cli(['explain', s.workspace]);
  return all.filter((e) => e.file === path.join(s.workspace, FILE));
}

/** A lens title as the language server writes it (server/src/lsp/codeLens.ts), from the counts. */
function lensTitle(c) {
  const pods = (n) => `${n} ${n === 1 ? 'pod' : 'pods'}`;
  const peers = (p) => (typeof p === 'string' ? p : `${pods(p.pods)}${p.ipBlocks ? ' + IP blocks' : ''}`);
  const parts = [`selects ${pods(c.selects)}`];
  if (c.ingress) parts.push(`ingress from ${peers(c.ingress)}`);
  if (c.egress) parts.push(`egress to ${peers(c.egress)}`);
  return parts.join(' · ');
}

/** The lenses on screen, by their position in the document (a widget outside the view is hidden). */
const visibleLenses = (page) =>
  page
    .locator('.editor-instance .contentWidgets .codelens-decoration')
    .evaluateAll((ls) =>
      ls
        .filter((l) => l.checkVisibility() && l.style.visibility !== 'hidden')
        .map((l) => ({ top: Math.round(parseFloat(l.style.top) || l.offsetTop), text: l.textContent ?? '' })),
    );

/** Every lens of the file, top to bottom: read at the top of the file, then at its end. */
async function allLenses(page) {
  const byTop = new Map();
  for (const key of ['Control+Home', 'Control+End']) {
    await page.keyboard.press(key);
    await page.waitForTimeout(300); // the editor renders the widgets of the lines scrolled to
    for (const l of await visibleLenses(page)) byTop.set(l.top, l.text);
  }
  return [...byTop].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
}

/** Opens FILE with Quick Open (its name alone would also match the top-level data.yaml). */
async function openPolicyFile(page) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(FILE);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'policies' }).first();
  await row.waitFor({ timeout: WAIT });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: 'data.yaml' }).waitFor({ timeout: WAIT });
  await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: WAIT });
}

step('the CodeLens counts are right once indexed, with no hover anywhere', async () => {
  const { page } = s;
  await hidePanel(page);
  await openPolicyFile(page);
  await page.locator('.statusbar-item', { hasText: '29 pods' }).waitFor({ timeout: 90_000 });
  const want = explained().map((e) => lensTitle(e.counts));
  assert.equal(want.length, 5, 'five policies in policies/data.yaml');
  assert.ok(
    want.every((t) => !t.startsWith('selects 0 pods')),
    'each policy selects pods of the sample',
  );
  let seen = [];
  await until(
    async () => JSON.stringify((seen = await allLenses(page))) === JSON.stringify(want),
    `the lenses never showed the CLI's counts: ${JSON.stringify(seen)} instead of ${JSON.stringify(want)}`,
    60_000,
  );
  await page.keyboard.press('Control+Home');
  await s.shot('shop-codelens');
});

step(
  'Explain Policy shows the explanation at once, with a link that opens the YAML at the policy',
  async () => {
    const { page } = s;
    const postgres = explained().find((e) => e.policy === 'data/postgres');
    assert.ok(postgres, 'data/postgres is explained by the CLI');
    const line = postgres.range.start.line + 1;
    await goToLine(page, line + 2);
    await runCommand(page, 'NetworkPolicy Lens: Explain Policy');
    const preview = await webviewWith(page, 'h1', { text: 'NetworkPolicy data/postgres' });
    const body = await preview.locator('body').innerText();
    assert.ok(body.includes(postgres.summary), 'the CLI summary is shown');
    const link = preview.locator('a', { hasText: `policies/data.yaml, line ${line}` });
    assert.equal(await link.count(), 1, 'one link names the file and line');
    // The preview keeps the link as written in data-href when it rewrites href.
    const href = (await link.getAttribute('data-href')) ?? (await link.getAttribute('href'));
    assert.equal(href, `/policies/data.yaml#L${line}`);
    await s.shot('shop-explain');
    // Away from the policy first, so that landing on it proves the link moved the cursor.
    await page.locator('.tab', { hasText: 'data.yaml' }).first().click();
    await goToLine(page, 1);
    await link.click();
    await page
      .locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col \\d+`) })
      .waitFor({ timeout: WAIT });
    assert.ok(
      await page.locator('.tab.active', { hasText: 'data.yaml' }).count(),
      'the YAML is the active tab',
    );
  },
);

step('the walkthrough: its whole title and description in the header, its links as links', async () => {
  const { page } = s;
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const w = pkg.contributes.walkthroughs[0];
  await page.keyboard.press('Control+Alt+Shift+F8');
  const container = page.locator('.gettingStartedContainer');
  await container.getByText(w.title, { exact: true }).first().waitFor({ timeout: WAIT });
  for (const text of [w.title, w.description]) {
    const box = await container
      .getByText(text, { exact: true })
      .first()
      .evaluate((el) => ({
        clipped: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
        text: el.textContent,
      }));
    assert.deepEqual(box, { clipped: false, text });
  }
  for (const label of ['Open the Demo', 'Open the Shop'])
    assert.ok(await page.locator('.gettingStartedContainer').getByText(label).first().isVisible(), label);
  await s.shot('shop-walkthrough');
});
