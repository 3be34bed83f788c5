// Intent edits in the editor, on samples/shop: the matrix on postgres's port shows web → postgres
// denied; its cell's "Allow…" proposes the smallest edit, previewed (the diff editor of the policy
// file, the intended change first and no other change), and applied: the edited file opens in the
// manifest's column, the matrix stays in view and its cell turns allowed, and the policy files are
// edited (saved, the YAML on disk has the new peer and the egress rule).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { WAIT, pick, quickOpen, runCommand, until, webviewWith } from '../lib/browser.mjs';
import { apply, preview } from '../lib/intent.mjs';
import { openSession, uiStep } from '../lib/session.mjs';
import { freshShop } from '../lib/workspaces.mjs';

const T = { timeout: 180_000 };

let s;
before(async () => (s = await openSession(freshShop())), { timeout: 240_000 });
after(async () => s?.close());
const step = uiStep(test, () => s, T);

const WEB = 'storefront/Deployment/web';
const POSTGRES = 'data/Deployment/postgres';
const cell = (view) => view.locator(`#matrix button.cell[data-row="${WEB}"][data-col="${POSTGRES}"]`);
const stateOf = async (view) => (await cell(view).getAttribute('class'))?.split(' ')[1];

let view;

step('the matrix on TCP 15432 shows web → postgres denied, with "Allow…" over the cell', async () => {
  const { page } = s;
  await quickOpen(page, 'storefront.yaml');
  await page.locator('.statusbar-item', { hasText: '29 pods' }).waitFor({ timeout: 60_000 });
  await runCommand(page, 'NetworkPolicy Lens: Show Reachability Matrix');
  await pick(page, '15432', '15432/TCP');
  view = await webviewWith(page, '#matrix button.cell');
  assert.equal(await stateOf(view), 'denied');
  await cell(view).hover();
  const allow = view.locator(
    `td:has(> button.cell[data-row="${WEB}"][data-col="${POSTGRES}"]) button.intent-allow`,
  );
  await allow.waitFor({ state: 'visible', timeout: WAIT });
  assert.deepEqual(
    [await allow.getAttribute('data-from'), await allow.getAttribute('data-to')],
    ['deployment/storefront/web', 'deployment/data/postgres'],
  );
  await s.shot('shop-intent-allow-button');
  await allow.click();
});

step('the preview: the diff editor of the policy file, the intended change first, nothing else', async () => {
  const { page } = s;
  assert.deepEqual(
    await preview(page, 'Allow deploy/storefront/web → deploy/data/postgres on TCP 15432', 'data.yaml'),
    [
      '— Intended change',
      'now allowed on TCP 15432: 6 connections · now allowed by storefront/web egress rule 4; now allowed by data/postgres ingress rule 1 ⏎ 3 pods of deploy/storefront/web → 2 pods of deploy/data/postgres',
      '— Every other change',
      'None: no other connection changes · every pair of pods compared on 11 ports',
      '— Choose',
      'Apply · edits policies/data.yaml, policies/storefront.yaml (undo with Undo)',
      'Show the changes of policies/data.yaml',
      'Show the changes of policies/storefront.yaml',
    ],
  );
  // The proposed side of the diff holds the new peer.
  await page
    .locator('.editor-instance .modified-in-monaco-diff-editor', { hasText: 'app: web' })
    .first()
    .waitFor({
      timeout: WAIT,
    });
  await s.shot('shop-intent-preview');
});

step('apply: the cell turns allowed, the policy files are edited; saved, the YAML has the peer', async () => {
  const { page } = s;
  await apply(page, 'data.yaml');
  assert.deepEqual(
    await page
      .locator('.editor-group-container')
      .evaluateAll((groups) =>
        groups.map((g) => g.querySelector('.tab.active .label-name')?.textContent ?? ''),
      ),
    ['data.yaml', 'Reachability: TCP 15432'],
  );
  await until(async () => (await stateOf(view)) === 'allowed', 'web → postgres turns allowed in the matrix');
  await s.shot('shop-intent-applied-matrix');
  await runCommand(page, 'File: Save All');
  const data = path.join(s.workspace, 'policies', 'data.yaml');
  const storefront = path.join(s.workspace, 'policies', 'storefront.yaml');
  await until(
    () =>
      /kubernetes\.io\/metadata\.name: storefront\n {10}podSelector:\n {12}matchLabels:\n {14}app: web\n/.test(
        fs.readFileSync(data, 'utf8'),
      ),
    'data.yaml on disk gains the web peer',
  );
  await until(
    () => fs.readFileSync(storefront, 'utf8').includes('app: postgres\n      ports:\n        - port: 15432'),
    'storefront.yaml on disk gains the egress rule to postgres',
  );
  await s.shot('shop-intent-applied');
  assert.deepEqual(s.dialogs, []);
});
