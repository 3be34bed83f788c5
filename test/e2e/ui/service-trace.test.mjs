// Tracing to a Service as a person does it, in the real editor: samples/shop (3 nodes, 29 pods) with a
// manifest on the left, Trace Packet… from the command palette picking the storefront web Deployment
// and the catalog Service from the quick picks; the trace view beside it replays the DNS lookup, then
// the connection, and shows kube-proxy's DNAT (ClusterIP:80 → the endpoint's IP:8080) on its box and
// in the inspector. Then from inside the Service's manifest, "Trace Packet to this Service…"; last,
// the demo (samples/seed, fixed): backend → the db Service. The expected answers come from the CLI.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  WAIT,
  goToLine,
  hidePanel,
  pick,
  quickOpen,
  runCommand,
  until,
  webviewWith,
} from '../lib/browser.mjs';
import * as oracle from '../lib/oracle.mjs';
import { openSession, uiStep } from '../lib/session.mjs';
import { freshFixedSamples, freshShop, shopDir } from '../lib/workspaces.mjs';

const T = { timeout: 180_000 };
const VIEWPORT = { width: 1600, height: 1000 };
const FROM = 'deploy/storefront/web';
const want = oracle.trace(shopDir, FROM, 'catalog.storefront', 80);
const dnat = want.hops.find((h) => h.nat)?.nat;

let s;
before(async () => (s = await openSession(freshShop(), {}, { viewport: VIEWPORT })), { timeout: 240_000 });
after(async () => s?.close());
const step = uiStep(test, () => s, T);

/** Waits for the trace view of the catalog Service (by its DNS name) and returns its frame. */
async function catalogTraceView(page) {
  const view = await webviewWith(page, '#trace-title', { text: `${want.from} → catalog.storefront` });
  await view.locator('#trace-service').waitFor({ timeout: WAIT });
  return view;
}

/** Jumps to the connection's DNAT (the last kube-proxy DNAT hop) and returns the inspector's rewrite. */
async function showDnat(view) {
  const item = view.locator('#steps li[data-index]', {
    has: view.locator('.step-kind', { hasText: 'kube-proxy DNAT' }),
  });
  await item.last().locator('button').click();
  await view.locator('#inspector-nat').waitFor({ timeout: WAIT });
  return (await view.locator('#inspector-nat').innerText()).replace(/\s+/g, ' ');
}

step('Trace Packet… lists the Service; the view shows the DNS lookup, then kube-proxy’s DNAT', async () => {
  assert.ok(dnat && want.dns, 'the CLI trace goes through DNS and a DNAT');
  const { page } = s;
  await hidePanel(page);
  await quickOpen(page, 'storefront.yaml');
  await page.locator('.statusbar-item', { hasText: '29 pods' }).waitFor({ timeout: 90_000 });
  await runCommand(page, 'NetworkPolicy Lens: Trace Packet');
  await pick(page, FROM);
  await pick(page, 'svc/storefront/catalog');
  await pick(page, 'TCP');
  await pick(page, '80', 'port of Service storefront/catalog');
  const view = await catalogTraceView(page);
  assert.equal(
    (await view.locator('#trace-service').innerText()).trim(),
    `Service storefront/catalog · ClusterIP ${want.service.clusterIP}:80 → ${want.service.endpoint} on 8080 · 1 of 2 endpoints (kube-proxy picks one at random)`,
  );
  const legs = await view.locator('#steps li.leg').allInnerTexts();
  assert.equal(legs.length, 2, legs.join(' | '));
  assert.match(legs[0], /^DNS lookup of catalog\.storefront\.svc\.cluster\.local \(UDP 53 to kube-dns\)/);
  assert.match(legs[1], /^Connection · TCP 80 to /);
  assert.equal(
    await view.locator('#steps li[data-index]').count(),
    want.dns.hops.length + want.hops.length,
    'every hop of the lookup and of the connection is a step',
  );
  const nodes = [...new Set(want.hops.filter((h) => h.nat).map((h) => h.node))];
  for (const node of nodes)
    await view
      .locator(`#diagram g.box.kube-proxy[data-id="node:${node}:kube-proxy"]`)
      .waitFor({ timeout: WAIT });
  const nat = await showDnat(view);
  assert.ok(nat.includes(`Destination before ${dnat.from}`), nat);
  assert.ok(nat.includes(`Destination after ${dnat.to}`), nat);
  await view.locator('#diagram g.box.kube-proxy.current').waitFor({ timeout: WAIT });
  await page.waitForTimeout(1000); // the packet's move onto the box
  await s.shot('service-trace-dnat');
  assert.equal((await view.locator('#verdict').innerText()).trim(), 'Delivered');
});

step('inside the Service manifest, “Trace Packet to this Service…” traces to it', async () => {
  const { page } = s;
  await runCommand(page, 'View: Close All Editors');
  await quickOpen(page, 'storefront.yaml');
  await goToLine(page, 80); // inside `kind: Service`, name catalog
  await until(async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Trace Packet to this Service');
    const found = await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Trace Packet to this Service' })
      .count();
    if (!found) await page.keyboard.press('Escape');
    return found > 0;
  }, 'the command is offered inside a Service manifest');
  await page.keyboard.press('Enter');
  await pick(page, FROM);
  await pick(page, 'TCP');
  await pick(page, '80', 'port of Service storefront/catalog');
  const view = await catalogTraceView(page);
  const nat = await showDnat(view);
  assert.ok(nat.includes(`Destination after ${dnat.to}`), nat);
});

step('the demo: backend → the db Service from the palette, DNAT to db on its named targetPort', async () => {
  await s.close();
  s = await openSession(freshFixedSamples(), {}, { viewport: VIEWPORT });
  const { page } = s;
  const demo = oracle.trace(s.workspace, 'default/backend', 'db.default', 5432);
  const rewrite = demo.hops.find((h) => h.nat)?.nat;
  await quickOpen(page, 'services.yaml');
  await page.locator('.statusbar-item', { hasText: '3 pods' }).waitFor({ timeout: 90_000 });
  await runCommand(page, 'NetworkPolicy Lens: Trace Packet');
  await pick(page, 'default/backend');
  await pick(page, 'svc/default/db');
  await pick(page, 'TCP');
  await pick(page, '5432', 'port of Service default/db');
  const view = await webviewWith(page, '#trace-title', { text: 'default/backend → db.default' });
  assert.match(await view.locator('#trace-service').innerText(), /^Service default\/db · ClusterIP /);
  const nat = await showDnat(view);
  assert.ok(
    nat.includes(`Destination before ${rewrite.from}`) && nat.includes(`Destination after ${rewrite.to}`),
    nat,
  );
  assert.equal(demo.verdict, 'delivered', 'the fixed demo lets backend reach db');
  assert.equal((await view.locator('#verdict').innerText()).trim(), 'Delivered');
  await s.shot('service-trace-demo');
});
