// The trace and topology views at the size of a real application, as a person sees them: a fresh copy
// of samples/shop (3 nodes, 29 pods) in code-server, a manifest open on the left and the trace view in
// the second column (600-700 px wide). Checked from the DOM: the verdict and the diagram are on
// screen at the end of a replay, and every text of the diagrams is at least 10 px high. Expected
// answers come from the CLI (same engine).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WAIT, hidePanel, quickOpen, runCommand, until, webviewWith } from '../lib/browser.mjs';
import * as oracle from '../lib/oracle.mjs';
import { openSession, uiStep } from '../lib/session.mjs';
import { freshShop, shopDir } from '../lib/workspaces.mjs';
import { readTraceView, showTrace } from './trace-view.mjs';

const T = { timeout: 180_000 };
const KEY = 'ctrl+alt+shift+f9';
/** A window whose two editor columns are 600-700 px wide each, beside the explorer. */
const VIEWPORT = { width: 1600, height: 1000 };

/** Storefront web → catalog on TCP 8080, the first such pair of pods on two nodes, from the CLI. */
function crossNodePair() {
  const m = oracle.matrix(shopDir, 8080);
  for (const [from, to] of m.allowed) {
    if (!from.startsWith('storefront/web-') || !to.startsWith('storefront/catalog-')) continue;
    const t = oracle.trace(shopDir, from, to, 8080);
    const nodes = [...new Set(t.hops.map((h) => h.node))];
    if (t.verdict === 'delivered' && nodes.length === 2) return { from, to, trace: t, nodes };
  }
  throw new Error('no cross-node storefront web → catalog pair allowed on 8080 in samples/shop');
}

const pair = crossNodePair();
const request = { from: pair.from, to: pair.to, port: 8080, protocol: 'TCP' };

let s;
before(
  async () =>
    (s = await openSession(
      freshShop(),
      {},
      { viewport: VIEWPORT, keybindings: [{ key: KEY, command: 'netpolLens.tracePacket', args: request }] },
    )),
  { timeout: 240_000 },
);
after(async () => s?.close());
const step = uiStep(test, () => s, T);

/** In a webview frame: where an element is, and whether it lies inside the frame's viewport. */
const inView = (frame, selector) =>
  frame.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const [w, h] = [globalThis.document.documentElement.clientWidth, globalThis.innerHeight];
    return {
      top: r.top,
      bottom: r.bottom,
      left: r.left,
      right: r.right,
      w,
      h,
      inside: r.top >= 0 && r.left >= 0 && r.bottom <= h && r.right <= w && r.height > 0,
    };
  });

/** The on-screen height of every displayed <text> of the diagram (hidden ones have no box). */
const textHeights = (frame) =>
  frame
    .locator('#diagram')
    .evaluate((svg) =>
      [...svg.querySelectorAll('text')]
        .filter((t) => t.getClientRects().length > 0)
        .map((t) => ({ text: t.textContent, h: Math.round(t.getBoundingClientRect().height * 10) / 10 })),
    );

function assertReadable(texts, atLeast) {
  assert.ok(texts.length >= atLeast, `${texts.length} texts shown, expected at least ${atLeast}`);
  const small = texts.filter((t) => t.h < 10);
  assert.deepEqual(small, [], 'texts under 10 px on screen');
}

step(
  'trace web → catalog beside a manifest: verdict and diagram stay in view through the replay',
  async () => {
    const { page } = s;
    await hidePanel(page);
    await quickOpen(page, 'storefront.yaml');
    await page.locator('.statusbar-item', { hasText: '29 pods' }).waitFor({ timeout: 90_000 });
    await page.keyboard.press('Control+Alt+Shift+F9');
    const view = await showTrace(page, pair.from, pair.to);
    assert.equal(
      await page.locator('.editor-group-container').count(),
      2,
      'the trace opens in a second column',
    );
    const hops = pair.trace.hops.length;
    await until(
      async () => (await view.locator('#position').innerText()) === `hop ${hops} of ${hops}`,
      'the replay reaches the last hop',
      WAIT + hops * 1600,
    );
    await view.locator('#verdict-box.reached').waitFor({ timeout: WAIT });
    await page.waitForTimeout(1200); // the packet's last move
    const seen = await readTraceView(view);
    assert.equal(seen.verdict, 'Delivered');
    assert.deepEqual(
      seen.nodes,
      pair.nodes,
      'only the nodes on the path, in the order the packet crosses them',
    );
    assert.deepEqual(
      seen.steps.map((st) => st.device),
      pair.trace.hops.map((h) => h.device),
    );
    const verdict = await inView(view, '#verdict');
    const diagram = await inView(view, '#diagram-pane');
    assert.ok(verdict.w >= 550 && verdict.w <= 760, `the view is ${verdict.w} px wide, as a second column`);
    assert.ok(verdict.inside, `verdict on screen: ${JSON.stringify(verdict)}`);
    assert.ok(diagram.inside, `diagram on screen: ${JSON.stringify(diagram)}`);
    const packet = await inView(view, '#packet-dot');
    assert.ok(
      packet.top >= diagram.top && packet.bottom <= diagram.bottom,
      'the packet is inside the diagram pane',
    );
    const current = await inView(view, '#steps li.current');
    assert.ok(current.inside, 'the current step is scrolled into view');
    assertReadable(await textHeights(view), 20);
    await s.shot('shop-trace-end');
  },
);

step('the topology of the shop: every pod, grouped by node and namespace, no text under 10 px', async () => {
  const { page } = s;
  await runCommand(page, 'NetworkPolicy Lens: Show Topology');
  const view = await webviewWith(page, '#topology-summary');
  await view.locator('#diagram g.pod-row').first().waitFor({ timeout: WAIT });
  const pods = oracle.matrix(shopDir, 8080).pods;
  const drawn = await view
    .locator('#diagram g.pod-row > title')
    .evaluateAll((ts) => ts.map((t) => (t.textContent ?? '').split(' ')[0]));
  assert.deepEqual([...drawn].sort(), [...pods].sort());
  const groups = await view.locator('#diagram g.group').evaluateAll((gs) => gs.map((g) => g.dataset.id));
  assert.ok(
    groups.includes('group:node-a:storefront') && groups.includes('group:node-c:kube-system'),
    groups.join(),
  );
  assert.ok((await inView(view, '#diagram-pane')).top >= 0);
  assertReadable(await textHeights(view), 60);
  await s.shot('shop-topology');
});
