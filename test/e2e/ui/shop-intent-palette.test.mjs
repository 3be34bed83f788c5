// Intent edits as a person meets them outside the matrix, in one session on a committed copy of
// samples/shop plus a policy left open on every port (data/search-open): "Allow Connection…" from the
// palette to a Service, its preview, apply and Undo; "Allow…" under a dropped trace's verdict; the
// changes view's "Deny…"; "Deny Connection…" on every port; "Isolate Namespace…" keeping a ticked
// connection; "Tighten Policy…"; and, once a debug pod shares web's label, the narrower selector.
// Each step asserts the quick picks and the preview as shown, and the files once applied and saved,
// compared with the CLI's `--write` of the same intent on a copy (same engine, no editor).
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
import { apply, filesRead, preview, proposalOracle, quickPickTitled, textsOf } from '../lib/intent.mjs';
import * as oracle from '../lib/oracle.mjs';
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

/** A debug pod someone started with the web app's label but not its tier. */
const WEB_DEBUG = `apiVersion: v1
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

/** File: Save All, done when no editor tab is dirty. */
async function saveAll(page) {
  await runCommand(page, 'File: Save All');
  await until(async () => (await page.locator('.tab.dirty').count()) === 0, 'every tab saved');
}

/** The editor tabs' names now, without waiting. */
const tabNames = (page) =>
  page.locator('.tab').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('aria-label')));
const NONE_OTHER = 'None: no other connection changes · every pair of pods compared on 11 ports';
const WEB_TO_PAYMENTS = '3 pods of deploy/storefront/web → 2 pods of deploy/orders/payments';
const ALLOW_PAYMENTS = 'Allow deploy/storefront/web → svc/orders/payments on TCP 8443';
const ALLOW_PAYMENTS_ROWS = [
  '— Intended change',
  `now allowed on TCP 8443: 6 connections · now allowed by storefront/web egress rule 4; now allowed by orders/payments ingress rule 1 ⏎ ${WEB_TO_PAYMENTS}`,
  '— Every other change',
  NONE_OTHER,
  '— Choose',
  'Apply · edits policies/orders.yaml, policies/storefront.yaml (undo with Undo)',
  'Show the changes of policies/orders.yaml',
  'Show the changes of policies/storefront.yaml',
];
let allowed; // the policy files once web → payments is allowed, as the CLI writes them
let original; // the same files as committed

step(
  'Allow Connection… from the palette: a workload, a Service and its port; the preview; apply',
  async () => {
    const { page } = s;
    await hidePanel(page);
    await quickOpenPath(page, 'policies/orders.yaml');
    await page.locator('.statusbar-item', { hasText: '29 pods' }).waitFor({ timeout: 90_000 });
    const problems = await problemCounts(page);
    const args = ['--from', 'deploy/storefront/web', '--to', 'svc/orders/payments', '--port', '443'];
    allowed = proposalOracle(s.workspace, 'allow', args).files;
    assert.deepEqual(Object.keys(allowed).sort(), ['policies/orders.yaml', 'policies/storefront.yaml']);
    original = textsOf(s.workspace, Object.keys(allowed));
    await runCommand(page, 'NetworkPolicy Lens: Allow Connection…');
    const sources = await quickPickTitled(page, 'Allow Connection (1/4)');
    assert.equal(
      sources[0],
      "deploy/data/kafka · 3 replicas ⏎ all 3 replicas, selected by the workload's labels",
    );
    await pick(page, 'deploy/storefront/web');
    await page.locator('.quick-input-widget input').fill('svc/orders/payments');
    assert.deepEqual(await quickPickTitled(page, 'Allow Connection (2/4)', (r) => r.length === 1), [
      'svc/orders/payments · 10.99.162.153 · 443/TCP → https ⏎ Service: its 2 endpoint pods, on the targetPort (policies see the pods, not the Service)',
    ]);
    await pick(page, 'svc/orders/payments');
    await pick(page, 'TCP');
    assert.deepEqual(await quickPickTitled(page, 'Allow Connection (4/4)'), [
      '443 · https, port of Service orders/payments → targetPort https',
      'every TCP port',
    ]);
    await pick(page, '443', 'port of Service orders/payments');
    assert.deepEqual(await preview(page, ALLOW_PAYMENTS, 'orders.yaml'), ALLOW_PAYMENTS_ROWS);
    // The proposed side of the diff holds the new peer.
    await page
      .locator('.editor-instance .modified-in-monaco-diff-editor', {
        hasText: 'kubernetes.io/metadata.name: storefront',
      })
      .first()
      .waitFor({ timeout: WAIT });
    await s.shot('intent-palette-preview');
    await apply(page, 'orders.yaml');
    // Every edited file has its editor as soon as the edit is applied: Save All saves editors only.
    assert.deepEqual(await tabNames(page), ['orders.yaml', 'storefront.yaml']);
    // The edited file opens where its edit starts (after `app: checkout`, the new peer below), not at line 1.
    await page.locator('.statusbar-item', { hasText: 'Ln 130, Col 28' }).waitFor({ timeout: WAIT });
    await saveAll(page);
    assert.deepEqual(await filesRead(s.workspace, allowed, 'saved as the CLI writes them'), allowed);
    assert.deepEqual(await problemCounts(page), problems, 'the edit adds no problem');
    await s.shot('intent-palette-applied');
  },
);

step('Undo (Ctrl+Z) in the edited file restores both files exactly', async () => {
  const { page } = s;
  await page.keyboard.press('Control+Z');
  await saveAll(page);
  assert.deepEqual(await filesRead(s.workspace, original, 'both files as committed again'), original);
});

step('a dropped trace to the Service: "Allow…" under the verdict proposes the same edit', async () => {
  const { page } = s;
  await runCommand(page, 'NetworkPolicy Lens: Trace Packet');
  await pick(page, 'deploy/storefront/web');
  await pick(page, 'svc/orders/payments');
  await pick(page, 'TCP');
  await pick(page, '443', 'port of Service orders/payments');
  const view = await webviewWith(page, '#verdict-allow');
  const allow = view.locator('#verdict-allow');
  assert.equal(
    (await view.locator('#verdict').innerText()).trim(),
    'Dropped by storefront/default-deny-all, storefront/allow-dns, storefront/web',
  );
  assert.deepEqual(
    [await allow.innerText(), await allow.getAttribute('title')],
    [
      'Allow…',
      'Propose the smallest edit that allows deploy/storefront/web → svc/orders/payments on TCP 443',
    ],
  );
  await s.shot('intent-trace-allow');
  await allow.click();
  assert.deepEqual(await preview(page, ALLOW_PAYMENTS, 'orders.yaml'), ALLOW_PAYMENTS_ROWS);
  await apply(page, 'orders.yaml');
  await saveAll(page);
  assert.deepEqual(await filesRead(s.workspace, allowed, 'saved as the CLI writes them'), allowed);
  await until(
    async () => (await view.locator('#verdict').innerText()).trim() === 'Delivered',
    'the trace view, live, turns delivered',
  );
  await s.shot('intent-trace-applied');
});

step('the changes view: the group the edit opened, its "Deny…", applied: no change left', async () => {
  const { page } = s;
  await runCommand(page, 'NetworkPolicy Lens: Show Reachability Changes');
  const view = await webviewWith(page, 'li.change');
  assert.deepEqual(await view.locator('li.change .pair').allInnerTexts(), [WEB_TO_PAYMENTS]);
  const deny = view.locator('li.change button[data-action="intent"]');
  assert.deepEqual(
    [await deny.innerText(), await deny.getAttribute('title')],
    [
      'Deny…',
      'Propose the smallest edit that denies deploy/storefront/web → deploy/orders/payments on TCP 8443',
    ],
  );
  await s.shot('intent-changes-deny');
  await deny.click();
  assert.deepEqual(
    await preview(page, 'Deny deploy/storefront/web → deploy/orders/payments on TCP 8443', 'orders.yaml'),
    [
      '— Intended change',
      `now denied on TCP 8443: 6 connections · orders/payments ingress rule 1 no longer allows it (isolated by orders/default-deny-all, orders/payments) ⏎ ${WEB_TO_PAYMENTS}`,
      '— Every other change',
      NONE_OTHER,
      '— Choose',
      'Apply · edits policies/orders.yaml (undo with Undo)',
      'Show the changes of policies/orders.yaml',
    ],
  );
  await apply(page, 'orders.yaml');
  await saveAll(page);
  await until(
    async () =>
      (await view.locator('body').innerText()).includes('No connection changed since the last commit.'),
    'the changes view has nothing left to show',
  );
  assert.match(
    await view.locator('#changes-summary').innerText(),
    /^0 added, 0 removed, 1064 unchanged connections vs HEAD \([0-9a-f]{7}\)$/,
  );
  await s.shot('intent-changes-applied');
});

step(
  'Deny Connection… on every port: the intended change, nothing else; the file as the CLI writes it',
  async () => {
    const { page } = s;
    const problems = await problemCounts(page);
    const args = ['--from', 'deploy/orders/checkout', '--to', 'deploy/orders/payments', '--protocol', 'TCP'];
    const want = proposalOracle(s.workspace, 'deny', args).files;
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
        'now denied on TCP 8443: 4 connections · orders/payments ingress rule 1 no longer allows it (isolated by orders/default-deny-all, orders/payments) ⏎ 2 pods of deploy/orders/checkout → 2 pods of deploy/orders/payments',
        '— Every other change',
        NONE_OTHER,
        '— Choose',
        'Apply · edits policies/orders.yaml (undo with Undo)',
        'Show the changes of policies/orders.yaml',
      ],
    );
    await s.shot('intent-deny-preview');
    await apply(page, 'orders.yaml');
    await saveAll(page);
    assert.deepEqual(await filesRead(s.workspace, want, 'saved as the CLI writes it'), want);
    assert.deepEqual(await problemCounts(page), problems, 'the edit adds no problem');
  },
);

step('Isolate Namespace…: data for egress, DNS kept, kafka → kafka ticked to keep', async () => {
  const { page } = s;
  await runCommand(page, 'NetworkPolicy Lens: Isolate Namespace…');
  assert.deepEqual(await quickPickTitled(page, 'Isolate Namespace (1/2)'), [
    'data · 9 pods',
    'kube-system · 2 pods',
    'orders · 9 pods',
    'storefront · 9 pods',
  ]);
  await pick(page, 'data');
  assert.deepEqual(await quickPickTitled(page, 'Isolate Namespace (2/2)'), [
    'Ingress and egress',
    'Ingress only',
    'Egress only (DNS kept)',
  ]);
  await pick(page, 'Egress only (DNS kept)');
  assert.deepEqual(await quickPickTitled(page, 'Isolate Namespace: connections to keep'), [
    'deploy/data/kafka → deploy/data/kafka · TCP 9092 · 6 connections',
    'deploy/data/kafka → deploy/kube-system/coredns · TCP 9153 · 6 connections',
    'deploy/data/kafka → deploy/storefront/web · TCP 8080 · 9 connections',
    'deploy/data/postgres → deploy/kube-system/coredns · TCP 9153 · 4 connections',
    'deploy/data/postgres → deploy/storefront/web · TCP 8080 · 6 connections',
    'deploy/data/redis → deploy/kube-system/coredns · TCP 9153 · 4 connections',
    'deploy/data/redis → deploy/storefront/web · TCP 8080 · 6 connections',
    'deploy/data/search → deploy/kube-system/coredns · TCP 9153 · 4 connections',
    'deploy/data/search → deploy/storefront/web · TCP 8080 · 6 connections',
  ]);
  await s.shot('intent-isolate-cut');
  // Kafka's brokers replicate among themselves on 9092: tick that row.
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'deploy/data/kafka → deploy/data/kafka' })
    .first()
    .click();
  await page.locator('.quick-input-widget', { hasText: '1 Selected' }).waitFor({ timeout: WAIT });
  await page.keyboard.press('Enter');
  const rows = await preview(page, 'Isolate namespace data (egress)', 'data.yaml');
  const cut = (port, n, from, to) =>
    new RegExp(
      `^now denied on TCP ${port}: ${n} connections · now isolated for egress by data/default-deny-egress.* ⏎ ${from} → ${to}$`,
    );
  const expected = [
    /^— Intended change$/,
    cut(
      8080,
      18,
      '6 pods of deploy/data/postgres, deploy/data/redis and deploy/data/search',
      '3 pods of deploy/storefront/web',
    ),
    cut(
      9153,
      12,
      '6 pods of deploy/data/postgres, deploy/data/redis and deploy/data/search',
      '2 pods of deploy/kube-system/coredns',
    ),
    cut(8080, 9, '3 pods of deploy/data/kafka', '3 pods of deploy/storefront/web'),
    cut(9153, 6, '3 pods of deploy/data/kafka', '2 pods of deploy/kube-system/coredns'),
    // The ticked connection, shown kept: the server checked it is allowed once the edit is applied.
    /^— Kept as ticked$/,
    /^still allowed on TCP 9092: 6 connections ⏎ deploy\/data\/kafka → deploy\/data\/kafka$/,
    /^— Every other change$/,
    new RegExp(`^${NONE_OTHER}$`),
    /^— Choose$/,
    /^Apply · edits policies\/data\.yaml \(undo with Undo\)$/,
    /^Show the changes of policies\/data\.yaml$/,
  ];
  assert.equal(rows.length, expected.length, rows.join('\n'));
  rows.forEach((r, i) => assert.match(r, expected[i]));
  await s.shot('intent-isolate-preview');
  await apply(page, 'data.yaml');
  await saveAll(page);
  // What the applied edit does, by the CLI on the saved files: DNS and the ticked connection kept.
  const kafka = oracle
    .matrix(s.workspace, 9092)
    .allowed.filter(([f, t]) => f !== t && f.startsWith('data/kafka-') && t.startsWith('data/kafka-'));
  assert.equal(kafka.length, 6, 'kafka → kafka on 9092 kept');
  const [from] = kafka[0];
  assert.equal(oracle.trace(s.workspace, from, 'deploy/kube-system/coredns', 53, 'UDP').verdict, 'delivered');
  assert.equal(oracle.trace(s.workspace, from, 'deploy/storefront/web', 8080).verdict, 'dropped');
  assert.deepEqual(
    oracle.check(s.workspace).filter((d) => d.severity === 'error'),
    [],
  );
});

step('Tighten Policy…: the policies open on every port; search-open gets port 9200', async () => {
  const { page } = s;
  await runCommand(page, 'NetworkPolicy Lens: Tighten Policy…');
  // Only the policies with a rule open on every port: kafka's brokers rule and search-open's.
  assert.deepEqual(await quickPickTitled(page, 'Tighten Policy'), [
    'data/kafka · policies/data.yaml',
    'data/search-open · policies/search-open.yaml',
  ]);
  await pick(page, 'data/search-open');
  assert.deepEqual(
    await preview(page, 'Tighten data/search-open to the ports its peers serve', 'search-open.yaml'),
    [
      '— Intended change',
      'No connection between pods changes',
      '— Every other change',
      NONE_OTHER,
      '— Choose',
      'Apply · edits policies/search-open.yaml (undo with Undo)',
      'Show the changes of policies/search-open.yaml',
    ],
  );
  await s.shot('intent-tighten-preview');
  await apply(page, 'search-open.yaml');
  await saveAll(page);
  const tightened = { 'policies/search-open.yaml': `${SEARCH_OPEN}      ports:\n        - port: 9200\n` };
  assert.deepEqual(await filesRead(s.workspace, tightened, 'the rule on port 9200 only'), tightened);
});

step('a debug pod shares web’s label: the preview names it and offers the narrower selector', async () => {
  const { page } = s;
  fs.writeFileSync(path.join(s.workspace, 'web-debug.yaml'), WEB_DEBUG);
  await page.locator('.statusbar-item', { hasText: '30 pods' }).waitFor({ timeout: WAIT });
  const args = [
    '--from',
    'deploy/storefront/web',
    '--to',
    'deploy/data/postgres',
    '--port',
    '15432',
    '--narrow',
  ];
  const want = proposalOracle(s.workspace, 'allow', args).files;
  await runCommand(page, 'NetworkPolicy Lens: Allow Connection…');
  await pick(page, 'deploy/storefront/web');
  await pick(page, 'deploy/data/postgres');
  await pick(page, 'TCP');
  await pick(page, '15432');
  const title = 'Allow deploy/storefront/web → deploy/data/postgres on TCP 15432';
  const intended = [
    '— Intended change',
    'now allowed on TCP 15432: 6 connections · now allowed by storefront/allow-web-to-postgres egress rule 1; now allowed by data/postgres ingress rule 1 ⏎ 3 pods of deploy/storefront/web → 2 pods of deploy/data/postgres',
    '— Every other change',
    NONE_OTHER,
  ];
  const files = ['Show the changes of policies/data.yaml', 'Show the changes of policies/storefront.yaml'];
  assert.deepEqual(await preview(page, title, 'data.yaml'), [
    ...intended,
    '— Wider than asked',
    'The labels chosen also select 1 other pod ⏎ storefront/web-debug',
    '— Choose',
    'Apply · edits policies/data.yaml, policies/storefront.yaml (undo with Undo)',
    'Preview the narrower selector instead · exactly what was asked ⏎ add deploy/storefront/web to ingress rule 1 of data/postgres; new policy storefront/allow-web-to-postgres: egress of deploy/storefront/web to deploy/data/postgres',
    ...files,
  ]);
  await s.shot('intent-wide-preview');
  await pick(page, 'narrower', 'Preview the narrower selector instead');
  assert.deepEqual(await preview(page, title, 'data.yaml', (r) => r.some((x) => x.startsWith('Back'))), [
    ...intended,
    '— Choose',
    'Apply · edits policies/data.yaml, policies/storefront.yaml (undo with Undo)',
    "Back to the workload's selector · 1 other pod also selected",
    ...files,
  ]);
  await page
    .locator('.editor-instance .modified-in-monaco-diff-editor', { hasText: 'tier: frontend' })
    .first()
    .waitFor({ timeout: WAIT });
  await s.shot('intent-narrow-preview');
  await apply(page, 'data.yaml');
  await saveAll(page);
  assert.deepEqual(await filesRead(s.workspace, want, 'saved as the CLI writes it'), want);
});
