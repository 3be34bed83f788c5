// The seed's scenario as a person meets it in VS Code: the packaged .vsix installed into code-server,
// a fresh copy of samples/seed/ opened in Chromium. The story: open the broken file, apply the two
// quick fixes (the Problems panel is then empty), then trace web → db: dropped by
// default/db-access-ingress. The steps build on each other, so they run in order in one session;
// every expectation about the product's answers comes from the CLI (same engine).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  WAIT,
  goToLine,
  hidePanel,
  hoverAtCursor,
  paste,
  pick,
  problemCounts,
  problemRows,
  quickOpen,
  runCommand,
  until,
  webviewWith,
} from '../lib/browser.mjs';
import * as oracle from '../lib/oracle.mjs';
import { openSession, uiStep } from '../lib/session.mjs';
import { freshSamples } from '../lib/workspaces.mjs';
import { pickTrace, readTraceView, showTrace } from './trace-view.mjs';

const BROKEN = 'seed-policies-as-written.yaml';
/** The same file once its two quick fixes are applied and saved: the steps after the first use it. */
const FIXED = BROKEN;
const SEED_STEPS = ['1', '2', '3a', '3b', '3c', '4', '5', '6a', '6b', '6c', '7', '8'];
const T = { timeout: 180_000 };

let s;
before(async () => (s = await openSession(freshSamples())), { timeout: 240_000 });
after(async () => s?.close());
const step = uiStep(test, () => s, T);

/** 1-based line and column of the n-th `needle` after `anchor` in a workspace file. */
function locate(file, anchor, needle) {
  const text = fs.readFileSync(path.join(s.workspace, file), 'utf8');
  const offset = text.indexOf(needle, text.indexOf(anchor));
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1).length + 1 };
}

const rowsOf = (page, severity) =>
  page.locator(`.markers-panel .monaco-list-row:has(.marker-icon.${severity})`);

step('the seed file: two errors in the Problems panel; the two quick fixes leave it empty', async () => {
  const { page } = s;
  assert.deepEqual(fs.readdirSync(s.workspace).sort(), [
    'cluster.yaml',
    'pods.yaml',
    BROKEN,
    'services.yaml',
  ]);
  const expected = oracle
    .check(path.join(s.workspace, BROKEN))
    .filter((f) => f.severity === 'error')
    .map((f) => ({ line: f.range.start.line + 1, message: f.message }));
  assert.deepEqual(
    expected.map((e) => e.line),
    [16, 25],
  );
  await quickOpen(page, BROKEN);
  await problemRows(
    page,
    (r) => expected.every((e) => r.some((t) => t.includes(e.message))),
    'the Problems panel lists both errors',
  );
  const errorRows = await rowsOf(page, 'error').allInnerTexts();
  assert.equal(errorRows.length, 2, errorRows.join('\n'));
  for (const e of expected) {
    const row = errorRows.find((t) => t.includes(e.message));
    assert.match(row, new RegExp(`\\[Ln ${e.line}, Col \\d+\\]`), row);
    assert.match(row, /netpol-lens/);
  }
  await s.shot('01-problems-seed-file');

  await applyQuickFix(page, 1);
  await applyQuickFix(page, 2);
  await problemRows(
    page,
    (r) => !r.some((t) => expected.some((e) => t.includes(e.message))),
    'the errors disappear',
  );
  await until(async () => (await problemCounts(page)).errors === 0, 'no error left in the status bar');
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active:not(.dirty)', { hasText: BROKEN }).waitFor({ timeout: WAIT });
  // Nothing else to report anywhere in the workspace: the CLI finds nothing, and the Problems panel is empty.
  assert.deepEqual(
    oracle.check(s.workspace).map((f) => [f.file, f.severity, f.code]),
    [],
  );
  await until(
    async () => (await page.locator('.markers-panel .monaco-list-row').count()) === 0,
    'the Problems panel is empty',
  );
  const counts = await problemCounts(page);
  assert.deepEqual(counts, { errors: 0, warnings: 0 });
  await s.shot('02-quick-fixes-applied');
});

/**
 * Ctrl+. until the quick-fix menu shows. Right after the Problems panel updates, the first Ctrl+.
 * sometimes answers "No code actions available" (about 1 press in 6 here); a person presses again.
 */
async function openQuickFixMenu(page) {
  const menu = page.locator('.action-widget .monaco-list-row.action').first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    const shown = await menu.waitFor({ timeout: 2000 }).then(
      () => true,
      () => false,
    );
    if (shown) return;
    assert.ok(attempt < 4, 'Ctrl+. shows no quick fix');
    console.log(`Ctrl+. showed no quick fix (attempt ${attempt}); pressing it again`);
    await page.keyboard.press('Escape');
  }
}

/** Goes to the first error the Problems panel lists (Ctrl+G to its [Ln, Col]), then Ctrl+. and Enter. */
async function applyQuickFix(page, round) {
  const errors = await rowsOf(page, 'error').count();
  const row = await rowsOf(page, 'error').first().innerText();
  const [, line, column] = /\[Ln (\d+), Col (\d+)\]/.exec(row) ?? [];
  assert.ok(line, row);
  await page
    .locator('.editor-instance .monaco-editor')
    .first()
    .click({ position: { x: 5, y: 5 } });
  await goToLine(page, Number(line), Number(column));
  await openQuickFixMenu(page);
  await s.shot(`02${'ab'[round - 1]}-quick-fix-menu`);
  await page.keyboard.press('Enter');
  await until(
    async () => (await rowsOf(page, 'error').count()) < errors,
    `quick fix ${round} removes an error`,
  );
}

step('hover on the db policy podSelector lists default/db with its node and IP', async () => {
  const { page } = s;
  const place = oracle.podPlace(
    oracle.trace(s.workspace, 'default/backend', 'default/db', 5432),
    'default/db',
  );
  await quickOpen(page, FIXED);
  const at = locate(FIXED, 'name: db-access-ingress', 'podSelector');
  await goToLine(page, at.line, at.column + 3);
  const { text } = await hoverAtCursor(page, (t) => t.includes('default/db'), 'a hover listing default/db');
  assert.ok(text.includes(place.node), `hover names node ${place.node}:\n${text}`);
  assert.ok(text.includes(place.ip), `hover names IP ${place.ip}:\n${text}`);
  assert.doesNotMatch(text, /default\/(web|backend)\b/);
  await s.shot('03-hover-db-selector');
  await page.keyboard.press('Escape');
});

step('Trace Packet… from the palette: web → db is dropped, backend → db delivered', async () => {
  const { page } = s;
  await hidePanel(page);
  for (const [from, to] of [
    ['backend', 'db'],
    ['web', 'db'],
  ]) {
    const want = oracle.trace(s.workspace, `default/${from}`, `default/${to}`, 5432);
    await page.keyboard.press('Control+1'); // from the editor group, so the view opens beside it
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

step('editing the policy to allow web updates the open trace view to Delivered', async () => {
  const { page } = s;
  await page.keyboard.press('Control+1'); // the editor group; the trace view stays visible beside it
  await quickOpen(page, FIXED);
  const lines = fs.readFileSync(path.join(s.workspace, FIXED), 'utf8').trimEnd().split('\n');
  await goToLine(page, lines.length, lines.at(-1).length + 1);
  await paste(page, '\n    - podSelector:\n        matchLabels:\n          app: myapp\n          role: web');
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active:not(.dirty)', { hasText: FIXED }).waitFor({ timeout: WAIT });
  // The edit is valid YAML that keeps the policy, and the policy now admits web.
  const findings = oracle.check(path.join(s.workspace, FIXED));
  assert.deepEqual(
    findings.filter((f) => f.severity === 'error'),
    [],
  );
  const now = oracle.trace(s.workspace, 'default/web', 'default/db', 5432);
  assert.equal(now.verdict, 'delivered');
  const ingress = now.hops.find((h) => h.policy?.direction === 'ingress');
  assert.deepEqual(ingress?.policy.allowedBy, ['default/db-access-ingress']);
  const view = await webviewWith(page, '#trace-title', { text: 'default/web → default/db' });
  await until(
    async () => (await view.locator('#verdict').innerText()).trim() === 'Delivered',
    'the open trace view turns to Delivered',
  );
  await s.shot('06-trace-updated-after-edit');
});

step('the reachability matrix agrees with netpol-lens matrix', async () => {
  const { page } = s;
  const want = oracle.matrix(s.workspace, 5432);
  await runCommand(page, 'NetworkPolicy Lens: Show Reachability Matrix');
  await pick(page, '5432', '5432/TCP');
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
