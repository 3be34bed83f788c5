// Intent edits from the command palette, the trace view and the changes view, on a committed copy of
// samples/shop plus a policy left wide open (data/search-open, every port): each proposal's quick
// picks and preview as a person reads them, and the files once applied compared with the CLI's
// `--write` of the same intent on a copy (the same engine, no editor).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  WAIT,
  hidePanel,
  pick,
  problemCounts,
  quickOpenPath,
  runCommand,
  until,
  webviewWith,
} from '../lib/browser.mjs';
import {
  apply,
  filesRead,
  preview,
  proposalOracle,
  quickPickRows,
  quickPickTitled,
  textsOf,
} from '../lib/intent.mjs';
import { openSession, uiStep } from '../lib/session.mjs';
import { commitAll, freshShop } from '../lib/workspaces.mjs';

const T = { timeout: 180_000 };

const SEARCH_OPEN = `# Left wide open while the search cluster was being set up.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: search-open
  namespace: data
spec:
  podSelector:
    matchLabels:
      app: search
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: storefront
`;

function workspace() {
  const ws = freshShop();
  fs.writeFileSync(path.join(ws.dir, 'policies', 'search-open.yaml'), SEARCH_OPEN);
  commitAll(ws.dir);
  return ws;
}

let s;
before(async () => (s = await openSession(workspace())), { timeout: 240_000 });
after(async () => s?.close());
const step = uiStep(test, () => s, T);

const saveAll = (page) => runCommand(page, 'File: Save All');
const log = (what, rows) => console.log(`${what}:\n  ${rows.join('\n  ')}`);

const WEB_DEBUG = `# A debug pod someone started with the web app's label, without its tier.
apiVersion: v1
kind: Pod
metadata:
  name: web-debug
  namespace: storefront
  labels:
    app: web
spec:
  nodeName: node-c
  containers:
    - name: shell
      image: busybox:1.36
      command: [sleep, infinity]
`;

const title = (page) =>
  page
    .locator('.quick-input-widget .quick-input-title')
    .innerText()
    .catch(() => '');
const ALLOW_PAYMENTS = 'Allow deploy/storefront/web → svc/orders/payments on TCP 8443';
let allowed; // the files once web → payments is allowed (the CLI's answer)
let original; // the policy files as committed

step('Allow Connection… from the palette: source, a Service, its port; the preview; apply', async () => {
  const { page } = s;
  await hidePanel(page);
  await quickOpenPath(page, 'policies/orders.yaml');
  await page.locator('.statusbar-item', { hasText: '29 pods' }).waitFor({ timeout: 90_000 });
  const problems = await problemCounts(page);
  allowed = proposalOracle(s.workspace, 'allow', [
    '--from',
    'deploy/storefront/web',
    '--to',
    'svc/orders/payments',
    '--port',
    '443',
  ]).files;
  assert.deepEqual(Object.keys(allowed).sort(), ['policies/orders.yaml', 'policies/storefront.yaml']);
  original = textsOf(s.workspace, Object.keys(allowed));
  await runCommand(page, 'NetworkPolicy Lens: Allow Connection…');
  await quickPickTitled(page, 'Allow Connection (1/4)');
  await pick(page, 'deploy/storefront/web');
  await page.locator('.quick-input-widget input').fill('svc/orders/payments');
  assert.deepEqual(await quickPickTitled(page, 'Allow Connection (2/4)', (r) => r.length === 1), [
    'svc/orders/payments · 10.99.162.153 · 443/TCP → https',
  ]);
  await pick(page, 'svc/orders/payments');
  await pick(page, 'TCP');
  assert.deepEqual(await quickPickTitled(page, 'Allow Connection (4/4)'), [
    '443 · https, port of Service orders/payments → targetPort https',
    'every TCP port',
  ]);
  await s.shot('intent-palette-ports');
  await pick(page, '443', 'port of Service orders/payments');
  assert.deepEqual(await preview(page, ALLOW_PAYMENTS, 'orders.yaml'), [
    '— Intended change',
    'now allowed: 3 pods of deploy/storefront/web → 2 pods of deploy/orders/payments · TCP 8443 · 6 connections',
    '— Every other change',
    'None: no other connection changes · every pair of pods compared on 11 ports',
    '— Choose',
    'Apply · edits policies/orders.yaml, policies/storefront.yaml (undo with Undo)',
    'Show the changes of policies/orders.yaml',
    'Show the changes of policies/storefront.yaml',
  ]);
  await s.shot('intent-palette-preview');
  await apply(page, 'orders.yaml');
  await saveAll(page);
  assert.deepEqual(await filesRead(s.workspace, allowed, 'saved as the CLI writes it'), allowed);
  assert.deepEqual(await problemCounts(page), problems);
  await s.shot('intent-palette-applied');
});

step('Undo in the edited file restores both files exactly', async () => {
  const { page } = s;
  await page.keyboard.press('Control+Z');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 5000 }).catch(() => {});
  if (await dialog.isVisible()) {
    console.log('undo dialog: ' + (await dialog.innerText()).replace(/\s+/g, ' '));
    await s.shot('intent-palette-undo-dialog');
    await dialog.locator('.monaco-button').first().click();
  }
  await page.waitForTimeout(1000);
  await saveAll(page);
  await s.shot('intent-palette-undo');
  console.log(JSON.stringify(Object.keys(original).map((f) => textsOf(s.workspace, [f])[f] === original[f])));
});

step('the trace view: a dropped trace to a Service, "Allow…" under the verdict, applied', async () => {
  const { page } = s;
  await runCommand(page, 'NetworkPolicy Lens: Trace Packet');
  await pick(page, 'deploy/storefront/web');
  await pick(page, 'svc/orders/payments');
  await pick(page, 'TCP');
  await pick(page, '443', 'port of Service orders/payments');
  const view = await webviewWith(page, '#verdict-allow');
  const allow = view.locator('#verdict-allow');
  console.log('verdict: ' + (await view.locator('#verdict-box').innerText()).replace(/\s+/g, ' '));
  console.log('allow title: ' + (await allow.getAttribute('title')));
  await s.shot('intent-trace-allow');
  await allow.click();
  log('trace preview', await preview(page, ALLOW_PAYMENTS, 'orders.yaml'));
  await s.shot('intent-trace-preview');
  await apply(page, 'orders.yaml');
  await saveAll(page);
  assert.deepEqual(await filesRead(s.workspace, allowed, 'saved as the CLI writes it'), allowed);
  await page.waitForTimeout(2000);
  await s.shot('intent-trace-applied');
  console.log(
    'verdict after: ' +
      (
        await view
          .locator('#verdict-box')
          .innerText()
          .catch(() => '?')
      ).replace(/\s+/g, ' '),
  );
});

step('the changes view: the newly allowed group, "Deny…", applied', async () => {
  const { page } = s;
  await runCommand(page, 'NetworkPolicy Lens: Show Reachability Changes');
  const view = await webviewWith(page, 'li.change');
  console.log('changes: ' + (await view.locator('body').innerText()).replace(/\s+/g, ' ').slice(0, 600));
  const deny = view.locator('li.change button[data-action="intent"]').first();
  console.log('deny title: ' + (await deny.getAttribute('title')) + ' text ' + (await deny.innerText()));
  await s.shot('intent-changes-deny');
  await deny.click();
  log(
    'changes preview',
    await preview(page, 'Deny deploy/storefront/web → deploy/orders/payments on TCP 8443', 'orders.yaml'),
  );
  await s.shot('intent-changes-preview');
  await apply(page, 'orders.yaml');
  await saveAll(page);
  await page.locator('.tab', { hasText: 'Changes vs HEAD' }).first().click();
  await page.waitForTimeout(2000);
  console.log(
    'changes after: ' + (await view.locator('body').innerText()).replace(/\s+/g, ' ').slice(0, 600),
  );
  await s.shot('intent-changes-applied');
});

step('Deny Connection… on every port: the preview proves nothing else changes', async () => {
  const { page } = s;
  const problems = await problemCounts(page);
  const want = proposalOracle(s.workspace, 'deny', [
    '--from',
    'deploy/orders/checkout',
    '--to',
    'deploy/orders/payments',
    '--protocol',
    'TCP',
  ]).files;
  await runCommand(page, 'NetworkPolicy Lens: Deny Connection…');
  await pick(page, 'deploy/orders/checkout');
  await pick(page, 'deploy/orders/payments');
  await pick(page, 'TCP');
  assert.deepEqual(await quickPickTitled(page, 'Deny Connection (4/4)'), [
    '8443 · https (declared by orders/payments-tflbxdml4w-cbgqc)',
    'every TCP port',
  ]);
  await pick(page, 'every TCP port');
  assert.deepEqual(
    await preview(
      page,
      'Deny deploy/orders/checkout → deploy/orders/payments on every TCP port',
      'orders.yaml',
    ),
    [
      '— Intended change',
      'now denied: 2 pods of deploy/orders/checkout → 2 pods of deploy/orders/payments · TCP 8443 · 4 connections',
      '— Every other change',
      'None: no other connection changes · every pair of pods compared on 11 ports',
      '— Choose',
      'Apply · edits policies/orders.yaml (undo with Undo)',
      'Show the changes of policies/orders.yaml',
    ],
  );
  await s.shot('intent-deny-preview');
  await apply(page, 'orders.yaml');
  await saveAll(page);
  assert.deepEqual(await filesRead(s.workspace, want, 'saved as the CLI writes it'), want);
  console.log('deny problems ' + JSON.stringify([problems, await problemCounts(page)]));
});

step('Isolate Namespace…: data, egress; tick one connection to keep', async () => {
  const { page } = s;
  await runCommand(page, 'NetworkPolicy Lens: Isolate Namespace…');
  log('namespaces', await quickPickTitled(page, 'Isolate Namespace (1/2)'));
  await pick(page, 'data');
  log('directions', await quickPickTitled(page, 'Isolate Namespace (2/2)'));
  await pick(page, 'Egress only');
  log('cut', await quickPickTitled(page, 'Isolate Namespace: connections to keep'));
  await s.shot('intent-isolate-cut');
  await page.keyboard.press('Escape');
});

step('Tighten Policy…: data/search-open', async () => {
  const { page } = s;
  await runCommand(page, 'NetworkPolicy Lens: Tighten Policy…');
  log('policies', await quickPickTitled(page, 'Tighten Policy'));
  await pick(page, 'data/search-open');
  await until(async () => (await title(page)).startsWith('Preview'), 'preview');
  console.log(await title(page));
  log('tighten preview', await quickPickRows(page));
  await s.shot('intent-tighten-preview');
  await page.keyboard.press('Escape');
});

step('narrower', async () => {
  const { page } = s;
  fs.writeFileSync(path.join(s.workspace, 'web-debug.yaml'), WEB_DEBUG);
  await page.locator('.statusbar-item', { hasText: '30 pods' }).waitFor({ timeout: 60_000 });
  await runCommand(page, 'NetworkPolicy Lens: Allow Connection…');
  await pick(page, 'deploy/storefront/web');
  await pick(page, 'deploy/data/postgres');
  await pick(page, 'TCP');
  await pick(page, '15432');
  await until(async () => (await title(page)).startsWith('Preview'), 'preview');
  console.log(await title(page));
  log('wide preview', await quickPickRows(page));
  await s.shot('intent-wide-preview');
  await pick(page, 'narrower', 'narrower');
  await page.waitForTimeout(1500);
  log('narrow preview', await quickPickRows(page));
  await s.shot('intent-narrow-preview');
  await page.keyboard.press('Escape');
});
