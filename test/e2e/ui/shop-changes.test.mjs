// The reachability changes view in a real editor, on a fresh copy of samples/shop: outside a git
// repository it says so plainly; once the folder is committed, a policy edited by typing (not saved)
// shows up in the view as its exact group (expected text from the CLI's diff of the same edit); a
// row's Trace button opens that pair's trace, its rule button jumps to the rule in the editor.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { WAIT, goToLine, hidePanel, quickOpenPath, runCommand, until, webviewWith } from '../lib/browser.mjs';
import { tempDir } from '../lib/interrupt.mjs';
import { openSession, uiStep } from '../lib/session.mjs';
import { cliPath, commitAll, freshShop, shopDir } from '../lib/workspaces.mjs';
import { showTrace } from './trace-view.mjs';

const T = { timeout: 180_000 };
/** The edit: the redis policy admits the web pods instead of the cart pods (line 54 of policies/data.yaml). */
const LINE = 54;
const BEFORE = '              app: cart';
const AFTER = '              app: web';

/** The groups the CLI finds for the same edit: `fromLabel → toLabel`, reason, first pair. */
function expectedGroups() {
  const dir = tempDir('netpol-changes-oracle-');
  try {
    const head = path.join(dir.dir, 'head');
    fs.cpSync(shopDir, head, { recursive: true });
    const file = path.join(head, 'policies', 'data.yaml');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    assert.equal(
      lines[LINE - 1],
      BEFORE,
      'samples/shop changed: the edit is no longer where the test expects',
    );
    lines[LINE - 1] = AFTER;
    fs.writeFileSync(file, lines.join('\n'));
    const out = execFileSync(process.execPath, [cliPath, 'diff', shopDir, head, '--format', 'json'], {
      encoding: 'utf8',
    });
    return JSON.parse(out).groups;
  } finally {
    dir.dispose();
  }
}

const expected = expectedGroups();

let s;
before(async () => (s = await openSession(freshShop(), {}, { viewport: { width: 1600, height: 1000 } })), {
  timeout: 240_000,
});
after(async () => s?.close());
const step = uiStep(test, () => s, T);

let view;

step('outside a git repository the view says so plainly', async () => {
  const { page } = s;
  await hidePanel(page);
  await quickOpenPath(page, 'policies/data.yaml');
  await page.locator('.statusbar-item', { hasText: '29 pods' }).waitFor({ timeout: 90_000 });
  await runCommand(page, 'NetworkPolicy Lens: Show Reachability Changes');
  view = await webviewWith(page, '#changes-summary');
  await until(
    async () => /not inside a git repository/.test(await view.locator('#changes-summary').innerText()),
    'the view says the folder is not a git repository',
  );
  assert.match(
    await view.locator('#changes-summary').innerText(),
    /^No reachability changes to show: not inside a git repository: /,
  );
  assert.equal(await view.locator('li.change').count(), 0);
  await s.shot('changes-not-a-repository');
});

step('committed, then a policy edited by typing: the change appears in the view', async () => {
  const { page } = s;
  commitAll(s.workspace);
  await page.locator('.tab', { hasText: 'data.yaml' }).first().click();
  await goToLine(page, LINE, BEFORE.indexOf('cart') + 1);
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('web');
  await page.keyboard.press('Escape');
  const rows = view.locator('li.change');
  await until(
    async () => (await rows.count()) === expected.length,
    'the edited policy’s groups appear',
    WAIT * 2,
  );
  const seen = await rows.evaluateAll((lis) =>
    lis.map((li) => [li.querySelector('.pair')?.textContent, li.querySelector('.reason')?.textContent]),
  );
  assert.deepEqual(
    seen,
    expected.map((g) => [`${g.fromLabel} → ${g.toLabel}`, g.reason]),
  );
  assert.match(
    await view.locator('#changes-summary').innerText(),
    /^0 added, 4 removed, 1060 unchanged connections vs HEAD \([0-9a-f]{7}\)$/,
  );
  assert.equal(
    (await view.locator('#changes-policies').innerText()).replace(/\s+/g, ' ').trim(),
    'By policy data/redis +0 −4',
  );
  await s.shot('changes-edited');
});

step('a row’s Trace opens the trace of its first pair; its rule button jumps to the rule', async () => {
  const { page } = s;
  const [from, to] = [expected[0].from[0], expected[0].to[0]];
  await view.locator('li.change button[data-action="trace"]').first().click();
  const trace = await showTrace(page, from, to);
  await until(
    async () => /^Dropped/.test(await trace.locator('#verdict').innerText()),
    'the trace of a removed connection is dropped',
  );
  await s.shot('changes-trace');
  await page.locator('.tab', { hasText: 'Changes vs HEAD' }).first().click();
  view = await webviewWith(page, '#changes-summary');
  const ruleButton = view.locator('li.change button[data-action="open-link"]').first();
  assert.equal(await ruleButton.innerText(), 'data/redis ingress rule 1');
  await ruleButton.click();
  await page.locator('.tab.active', { hasText: 'data.yaml' }).waitFor({ timeout: WAIT });
  // The rule as edited now: its `- from:` line, a few lines above the edited label.
  const text = fs.readFileSync(path.join(s.workspace, 'policies', 'data.yaml'), 'utf8').split('\n');
  const ruleLine = text.findIndex((l, i) => i > text.indexOf('  name: redis') && l.trim() === '- from:') + 1;
  await page
    .locator('[id="status.editor.selection"]', { hasText: `Ln ${ruleLine},` })
    .waitFor({ timeout: WAIT });
  await s.shot('changes-rule');
});
