// The seed's scenario as a person meets it in VS Code: the packaged .vsix installed into code-server,
// a fresh copy of samples/ opened in Chromium. The steps build on each other, so they run in order
// in one session; every expectation about the product's answers comes from the CLI (same engine).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  WAIT,
  goToLine,
  hoverText,
  problemRows,
  quickOpen,
  runCommand,
  until,
  webviewWith,
} from '../lib/browser.mjs';
import * as oracle from '../lib/oracle.mjs';
import { openSession } from '../lib/session.mjs';
import { freshSamples } from '../lib/workspaces.mjs';
import { pickTrace, readTraceView, showTrace } from './trace-view.mjs';

const BROKEN = 'seed-policies-as-written.yaml';
const FIXED = 'seed-policies-fixed.yaml';
const SEED_STEPS = ['1', '2', '3a', '3b', '3c', '4', '5', '6a', '6b', '6c', '7', '8'];
const T = { timeout: 180_000 };

let s;
before(async () => (s = await openSession(freshSamples())), { timeout: 240_000 });
after(async () => s?.close());

/** 1-based line and column of the n-th `needle` after `anchor` in a workspace file. */
function locate(file, anchor, needle) {
  const text = fs.readFileSync(path.join(s.workspace, file), 'utf8');
  const offset = text.indexOf(needle, text.indexOf(anchor));
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1).length + 1 };
}

test('the seed file: two errors in the Problems panel, quick fixes clear them', T, async () => {
  const { page } = s;
  const expected = oracle
    .check(path.join(s.workspace, BROKEN))
    .filter((f) => f.severity === 'error')
    .map((f) => ({ line: f.range.start.line + 1, message: f.message }));
  assert.deepEqual(
    expected.map((e) => e.line),
    [16, 25],
  );
  await quickOpen(page, BROKEN);
  const rows = await problemRows(
    page,
    (r) => expected.every((e) => r.some((t) => t.includes(e.message))),
    'the Problems panel lists both errors',
  );
  for (const e of expected) {
    const row = rows.find((t) => t.includes(e.message));
    assert.match(row, new RegExp(`\\[Ln ${e.line}, Col \\d+\\]`), row);
    assert.match(row, /netpol-lens/);
  }
  await s.shot('01-problems-seed-file');

  for (let round = 1; ; round++) {
    const left = await page.locator('.markers-panel .monaco-list-row', { hasText: BROKEN }).count();
    if (left === 0) break;
    assert.ok(round <= 4, 'the quick fixes keep leaving problems');
    await applyFirstQuickFix(page, round);
  }
  await problemRows(page, (r) => !r.some((t) => t.includes(BROKEN)), 'the problems disappear');
  await s.shot('02-quick-fixes-applied');
  // Back to the seed as written, so the trace steps below see the workspace as shipped.
  await runCommand(page, 'File: Revert File');
  await problemRows(
    page,
    (r) => r.some((t) => t.includes(expected[0].message)),
    'the revert brings them back',
  );
});

/** Puts the cursor on the first problem (click in the Problems panel), then Ctrl+. and Enter. */
async function applyFirstQuickFix(page, round) {
  const marker = page.locator('.markers-panel .monaco-list-row:has(.marker-icon)').first();
  await marker.dblclick();
  await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: WAIT });
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget .monaco-list-row.action').first();
  await menu.waitFor({ timeout: WAIT });
  if (round === 1) await s.shot('02a-quick-fix-menu');
  const before = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  await page.keyboard.press('Enter');
  await until(
    async () =>
      JSON.stringify(await page.locator('.markers-panel .monaco-list-row').allInnerTexts()) !==
      JSON.stringify(before),
    `quick fix ${round} changes the problems`,
  );
}

test('hover on the db policy podSelector lists default/db with its node and IP', T, async () => {
  const { page } = s;
  const place = oracle.podPlace(
    oracle.trace(s.workspace, 'default/backend', 'default/db', 5432),
    'default/db',
  );
  await quickOpen(page, FIXED);
  const at = locate(FIXED, 'name: db-access-ingress', 'podSelector');
  await goToLine(page, at.line, at.column + 3);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const text = await hoverText(page, 'default/db');
  assert.ok(text.includes(place.node), `hover names node ${place.node}:\n${text}`);
  assert.ok(text.includes(place.ip), `hover names IP ${place.ip}:\n${text}`);
  assert.doesNotMatch(text, /default\/(web|backend)\b/);
  await s.shot('03-hover-db-selector');
  await page.keyboard.press('Escape');
});

test('Trace Packet… from the palette: web → db is dropped, backend → db delivered', T, async () => {
  const { page } = s;
  for (const [from, to] of [
    ['backend', 'db'],
    ['web', 'db'],
  ]) {
    const want = oracle.trace(s.workspace, `default/${from}`, `default/${to}`, 5432);
    await runCommand(page, 'NetworkPolicy Lens: Trace Packet');
    await pickTrace(page, { from, to, port: 5432, protocol: 'TCP' });
    const view = await showTrace(page, `default/${from}`, `default/${to}`);
    await s.shot(`04-trace-${from}-${to}`);
    const seen = await readTraceView(view);
    assert.equal(seen.title, `default/${from} → default/${to}`);
    assert.deepEqual(
      seen.steps.map((st) => [st.label, st.device]),
      want.hops.map((h) => [h.step ?? '·', h.device]),
    );
    for (const node of ['node-1', 'node-2']) assert.ok(seen.nodes.includes(node), `diagram draws ${node}`);
    assert.ok(seen.steps.some((st) => st.device === 'flannel.1'));
    if (want.verdict === 'delivered') {
      assert.equal(seen.verdict, 'Delivered');
      assert.deepEqual(
        SEED_STEPS.filter((l) => !seen.steps.some((st) => st.label === l)),
        [],
        'every seed step is listed',
      );
    } else {
      assert.equal(seen.verdict, `Dropped by ${want.drop.policies.join(', ')}`);
    }
    const encapsulated = want.hops.findIndex((h) => h.encapsulation);
    assert.ok(encapsulated >= 0, 'the CLI trace crosses the VXLAN overlay');
    await view.locator(`#steps li[data-index="${encapsulated}"] button`).click();
    const e = want.hops[encapsulated].encapsulation;
    const where = await view.locator('#inspector-where').innerText();
    assert.ok(where.includes(`VXLAN ${e.outerSrc} → ${e.outerDst} UDP ${e.udpDstPort} VNI ${e.vni}`), where);
    await s.shot(`05-trace-${from}-${to}-vxlan-hop`);
  }
  assert.equal(oracle.trace(s.workspace, 'default/web', 'default/db', 5432).verdict, 'dropped');
});

test('editing the policy to allow web updates the open trace view to Delivered', T, async () => {
  const { page } = s;
  await quickOpen(page, FIXED);
  const lines = fs.readFileSync(path.join(s.workspace, FIXED), 'utf8').trimEnd().split('\n');
  await goToLine(page, lines.length, lines.at(-1).length + 1);
  // insertText types without Monaco's auto-indent, as a paste would.
  await page.keyboard.insertText(
    '\n    - podSelector:\n        matchLabels:\n          app: myapp\n          role: web',
  );
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active:not(.dirty)', { hasText: FIXED }).waitFor({ timeout: WAIT });
  assert.equal(oracle.trace(s.workspace, 'default/web', 'default/db', 5432).verdict, 'delivered');
  await page.locator('.tab', { hasText: 'Trace: default/web → default/db' }).click();
  const view = await webviewWith(page, '#trace-title', { text: 'default/web → default/db' });
  await until(
    async () => (await view.locator('#verdict').innerText()).trim() === 'Delivered',
    'the open trace view turns to Delivered',
  );
  await s.shot('06-trace-updated-after-edit');
});

test('the reachability matrix agrees with netpol-lens matrix', T, async () => {
  const { page } = s;
  const want = oracle.matrix(s.workspace, 5432);
  await runCommand(page, 'NetworkPolicy Lens: Show Reachability Matrix');
  const view = await webviewWith(page, '#matrix button.cell');
  const cells = await view
    .locator('#matrix button.cell')
    .evaluateAll((bs) => bs.map((b) => [b.dataset.from, b.dataset.to, b.classList.contains('allowed')]));
  const pods = [...new Set(cells.map(([f]) => f))].sort();
  assert.deepEqual(pods, [...want.pods].sort());
  const allowed = cells
    .filter(([f, t, ok]) => ok && f !== t)
    .map(([f, t]) => `${f} → ${t}`)
    .sort();
  const expected = want.allowed
    .filter(([f, t]) => f !== t)
    .map(([f, t]) => `${f} → ${t}`)
    .sort();
  assert.deepEqual(allowed, expected);
  assert.equal(cells.length, want.pods.length ** 2);
  await s.shot('07-matrix');
  assert.deepEqual(s.dialogs, []);
});
