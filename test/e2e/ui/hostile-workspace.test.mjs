// A workspace whose labels and node name are HTML (`<img src=x onerror=alert(…)>`): the hover and
// the trace webview must show them as text: no element injected, no script run (no dialog).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { goToLine, hoverAtCursor, quickOpen, runCommand, WAIT } from '../lib/browser.mjs';
import { openSession, uiStep } from '../lib/session.mjs';
import { freshFixture } from '../lib/workspaces.mjs';
import { pickTrace, showTrace } from './trace-view.mjs';

const T = { timeout: 180_000 };
const HOSTILE = /<img src=x onerror=alert\(\d\)>/;

let s;
before(async () => (s = await openSession(freshFixture('hostile'))), { timeout: 240_000 });
after(async () => s?.close());
const step = uiStep(test, () => s, T);

step('hover over a selector with a hostile label shows it as text', async () => {
  const { page } = s;
  await quickOpen(page, 'policy.yaml');
  const lines = fs.readFileSync(path.join(s.workspace, 'policy.yaml'), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes('- podSelector:')) + 1;
  await goToLine(page, line, lines[line - 1].indexOf('podSelector') + 3);
  const { hover, text } = await hoverAtCursor(
    page,
    (t) => t.includes('default/web'),
    'a hover listing the pods of the peer',
  );
  assert.ok(text.includes('pods role=<img src=x onerror=alert(1)>'), text);
  assert.ok(text.includes('default/web on <img src=x onerror=alert(2)>'), text);
  assert.equal(await hover.locator('img').count(), 0, 'no <img> element in the hover');
  await s.shot('08-hostile-hover');
  await page.keyboard.press('Escape');
});

step('the trace webview renders hostile names as text', async () => {
  const { page } = s;
  await runCommand(page, 'NetworkPolicy Lens: Trace Packet');
  await pickTrace(page, { from: 'web', to: 'db', port: 5432, protocol: 'TCP' });
  const view = await showTrace(page, 'default/web', 'default/db');
  await view.locator('#steps li').first().waitFor({ timeout: WAIT });
  const dom = await view.evaluate(() => ({
    text: globalThis.document.body.textContent ?? '',
    injected: globalThis.document.querySelectorAll('img, image, iframe, object, embed, [onerror]').length,
  }));
  assert.match(dom.text, HOSTILE, 'the hostile node name appears literally');
  const where = await view.locator('#steps .step-where').allInnerTexts();
  assert.ok(where.includes('<img src=x onerror=alert(2)> root netns'), where.join('\n'));
  assert.equal(dom.injected, 0, 'no element injected from workspace names');
  await s.shot('09-hostile-trace');
  assert.deepEqual(s.dialogs, [], 'no script ran');
});
