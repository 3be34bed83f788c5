// A workspace whose labels and node name are HTML (`<img src=x onerror=alert(…)>`): the hover and
// the trace webview must show them as text: no element injected, no script run (no dialog).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { goToLine, quickOpen, runCommand, until, WAIT } from '../lib/browser.mjs';
import { openSession } from '../lib/session.mjs';
import { freshFixture } from '../lib/workspaces.mjs';
import { pickTrace, showTrace } from './trace-view.mjs';

const T = { timeout: 180_000 };
const HOSTILE = /<img src=x onerror=alert\(\d\)>/;

let s;
before(async () => (s = await openSession(freshFixture('hostile'))), { timeout: 240_000 });
after(async () => s?.close());

test('hover over a selector with a hostile label shows it as text', T, async () => {
  const { page } = s;
  await quickOpen(page, 'policy.yaml');
  const lines = fs.readFileSync(path.join(s.workspace, 'policy.yaml'), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes('- podSelector:')) + 1;
  await goToLine(page, line, lines[line - 1].indexOf('podSelector') + 3);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  const text = await until(async () => {
    const t = (await hover.isVisible()) ? await hover.innerText() : '';
    return HOSTILE.test(t) && t;
  }, 'a hover showing the label literally');
  assert.match(text, HOSTILE);
  assert.equal(await hover.locator('img').count(), 0, 'no <img> element in the hover');
  await s.shot('08-hostile-hover');
  await page.keyboard.press('Escape');
});

test('the trace webview renders hostile names as text', T, async () => {
  const { page } = s;
  await runCommand(page, 'NetworkPolicy Lens: Trace Packet');
  await pickTrace(page, { from: 'web', to: 'db', port: 5432, protocol: 'TCP' });
  const view = await showTrace(page, 'default/web', 'default/db');
  await view.locator('#steps li').first().waitFor({ timeout: WAIT });
  const dom = await view.evaluate(() => ({
    text: globalThis.document.body.textContent ?? '',
    injected: globalThis.document.querySelectorAll('img, script:not([nonce]), [onerror]').length,
  }));
  assert.match(dom.text, HOSTILE, 'the hostile node name appears literally');
  assert.equal(dom.injected, 0, 'no element injected from workspace names');
  await s.shot('09-hostile-trace');
  assert.deepEqual(s.dialogs, [], 'no script ran');
});
