// The reachability matrix on a realistic application (samples/shop: 29 pods of 13 Deployments in
// 4 namespaces), in the default side-by-side layout: the manifest in the first column, the matrix
// beside it. Rows and columns are workloads (their cells agree with `netpol-lens matrix` on every
// replica pair), and clicking cells opens their traces in one reused panel, never a third column.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WAIT, pick, quickOpen, runCommand, until, webviewWith } from '../lib/browser.mjs';
import * as oracle from '../lib/oracle.mjs';
import { openSession, uiStep } from '../lib/session.mjs';
import { freshShop } from '../lib/workspaces.mjs';

const T = { timeout: 180_000 };

let s;
before(async () => (s = await openSession(freshShop())), { timeout: 240_000 });
after(async () => s?.close());
const step = uiStep(test, () => s, T);

/** `storefront/web-5hw8bthfzp-29sp8` → `storefront/Deployment/web` (a Deployment's pod names). */
const workloadOf = (pod) => {
  const [ns, name] = pod.split('/');
  return `${ns}/Deployment/${name.split('-').slice(0, -2).join('-')}`;
};

/** The tab labels of each editor group, left to right. */
const groupTabs = (page) =>
  page
    .locator('.editor-group-container')
    .evaluateAll((groups) =>
      groups.map((g) => [...g.querySelectorAll('.tab .label-name')].map((t) => t.textContent ?? '')),
    );

const cellAt = (view, row, col) => view.locator(`#matrix button.cell[data-row="${row}"][data-col="${col}"]`);

let view;

step('the matrix opens beside the manifest, grouped by namespace and workload', async () => {
  const { page } = s;
  await quickOpen(page, 'storefront.yaml');
  await page.locator('.statusbar-item', { hasText: '29 pods' }).waitFor({ timeout: 60_000 });
  await runCommand(page, 'NetworkPolicy Lens: Show Reachability Matrix');
  await pick(page, '8080', '8080/TCP');
  view = await webviewWith(page, '#matrix button.cell');
  assert.deepEqual(await groupTabs(page), [['storefront.yaml'], ['Reachability: TCP 8080']]);

  const namespaces = await view.locator('#matrix .ns-head').allInnerTexts();
  assert.deepEqual(
    namespaces.map((t) => t.trim()),
    ['data', 'kube-system', 'orders', 'storefront'],
  );
  const rows = await view.locator('#matrix th.row-head').allInnerTexts();
  assert.equal(rows.length, 13, rows.join('\n'));
  assert.ok(
    rows.some((r) => r.trim() === '▸ web ×3'),
    rows.join('\n'),
  );
  assert.ok(
    rows.every((r) => !/-[a-z0-9]{10}-[a-z0-9]{5}/.test(r)),
    'no pod hash in a closed row',
  );

  // Every workload cell sums its replica pairs as the CLI computes them.
  const want = oracle.matrix(s.workspace, 8080);
  const allowed = new Set(want.allowed.map(([a, b]) => `${a} ${b}`));
  const expected = new Map();
  for (const a of want.pods)
    for (const b of want.pods) {
      if (a === b) continue;
      const key = `${workloadOf(a)} ${workloadOf(b)}`;
      const seen = expected.get(key) ?? new Set();
      seen.add(allowed.has(`${a} ${b}`));
      expected.set(key, seen);
    }
  const cells = await view
    .locator('#matrix button.cell')
    .evaluateAll((bs) => bs.map((b) => [b.dataset.row, b.dataset.col, b.classList[1]]));
  assert.equal(cells.length, 13 * 13);
  for (const [row, col, state] of cells) {
    const seen = expected.get(`${row} ${col}`);
    const want = !seen ? 'self' : seen.size === 2 ? 'some' : seen.has(true) ? 'allowed' : 'denied';
    assert.equal(state, want, `${row} → ${col}`);
  }
  assert.equal(await view.locator('#cell-reason').isVisible(), false, 'no reason box before a hover');

  await view.locator('button[data-toggle="storefront/Deployment/web"]').first().click();
  await until(
    async () => (await view.locator('#matrix th.row-head.replica').count()) === 3,
    'web opens to 3 rows',
  );
  await s.shot('shop-matrix');
});

step('two cells open their traces in one reused panel, in the manifest column', async () => {
  const { page } = s;
  const web = 'storefront/Deployment/web';
  const first = cellAt(view, web, 'orders/Deployment/checkout');
  const second = cellAt(view, web, 'storefront/Deployment/cart');
  const [from, to1, to2] = [
    await first.getAttribute('data-from'),
    await first.getAttribute('data-to'),
    await second.getAttribute('data-to'),
  ];
  await first.click();
  await page.locator('.tab', { hasText: `Trace: ${from} → ${to1}` }).waitFor({ timeout: WAIT });
  await webviewWith(page, '#trace-title', { text: `${from} → ${to1}` });
  await second.click();
  await page.locator('.tab', { hasText: `Trace: ${from} → ${to2}` }).waitFor({ timeout: WAIT });
  await webviewWith(page, '#trace-title', { text: `${from} → ${to2}` });
  const groups = await groupTabs(page);
  assert.equal(groups.length, 2, JSON.stringify(groups));
  assert.deepEqual(groups, [['storefront.yaml', `Trace: ${from} → ${to2}`], ['Reachability: TCP 8080']]);
  await s.shot('shop-matrix-trace');
  assert.deepEqual(s.dialogs, []);
});
