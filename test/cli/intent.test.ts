// `netpol-lens allow|deny` on the built binary: the unified diff and the proof summary, --write (the
// files change, validate, and the same intent is then already met), exit codes and one-line reasons.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/paths';
import { runCli } from './runCli';
import { makeTree, removeTree } from '../helpers/tree';

const PORTS_CHECKED =
  'TCP 53, TCP 6379, TCP 8080, TCP 8443, TCP 9090, TCP 9092, TCP 9153, TCP 9200, TCP 15432, TCP 50051, UDP 53';

void test('allow prints the unified diff of each file, then the proof', () => {
  const r = runCli([
    'allow',
    'samples/shop',
    '--from',
    'storefront/web',
    '--to',
    'data/postgres',
    '--port',
    '15432',
  ]);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(
    r.stdout,
    `--- a/samples/shop/policies/data.yaml
+++ b/samples/shop/policies/data.yaml
@@ -32,6 +32,12 @@
           podSelector:
             matchLabels:
               app: orders-api
+        - namespaceSelector:
+            matchLabels:
+              kubernetes.io/metadata.name: storefront
+          podSelector:
+            matchLabels:
+              app: web
       ports:
         - port: postgres
 ---
--- a/samples/shop/policies/storefront.yaml
+++ b/samples/shop/policies/storefront.yaml
@@ -75,6 +75,15 @@
               app: checkout
       ports:
         - port: 8080
+    - to:
+        - namespaceSelector:
+            matchLabels:
+              kubernetes.io/metadata.name: data
+          podSelector:
+            matchLabels:
+              app: postgres
+      ports:
+        - port: 15432
 ---
 apiVersion: networking.k8s.io/v1
 kind: NetworkPolicy

Allow deploy/storefront/web → deploy/data/postgres on TCP 15432
  - add deploy/storefront/web to ingress rule 1 of data/postgres
  - add an egress rule to deploy/data/postgres in storefront/web

Intended: 6 connections between 5 pods now allowed (e.g. storefront/web-5hw8bthfzp-gxwm6 → data/postgres-tqw8c72sn2-dfkln on TCP 15432).
Other changes: none (every pair of pods compared on ${PORTS_CHECKED} and 29 other ports (one in each span of the policies' port ranges)).
`,
  );
});

void test('deny removes what allowed the connection and proves nothing else changes', () => {
  const r = runCli([
    'deny',
    'samples/shop',
    '--from',
    'orders/checkout',
    '--to',
    'orders/payments',
    '--port',
    '8443',
  ]);
  assert.equal(r.status, 0);
  assert.match(
    r.stdout,
    /^--- a\/samples\/shop\/policies\/orders\.yaml\n\+\+\+ b\/samples\/shop\/policies\/orders\.yaml\n@@ -123,13 \+123,7 @@\n/,
  );
  assert.match(r.stdout, /\n- {2}ingress:\n- {4}- from:\n(-.*\n){5}\+ {2}ingress: \[\]\n/);
  assert.match(r.stdout, /\nIntended: 4 connections between 4 pods now denied /);
  assert.match(r.stdout, /\nOther changes: none /);
});

void test('deny on every port: proved on the declared ports and on a port of each span of the port ranges', () => {
  const r = runCli(['deny', 'samples/shop', '--from', 'orders/checkout', '--to', 'orders/payments']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\nDeny deploy\/orders\/checkout → deploy\/orders\/payments on every port\n/);
  assert.match(r.stdout, /\nIntended: 4 connections between 4 pods now denied /);
  assert.ok(
    r.stdout.endsWith(
      `\nOther changes: none (every pair of pods compared on ${PORTS_CHECKED} and 29 other ports (one in each span of the policies' port ranges)).\n`,
    ),
    r.stdout,
  );
});

const POSTGRES_NOTE =
  'netpol-lens: note: no container of deploy/data/postgres declares TCP 5432: Service data/postgres sends its port 5432 to targetPort postgres (TCP 15432) on these pods, so traffic through the Service is on TCP 15432, which this intent does not cover (ask for port 15432, or for svc/data/postgres on port 5432)\n';

void test('a Service port asked on its pods: a note before the diff names the targetPort, and the port is compared', () => {
  const r = runCli([
    'allow',
    'samples/shop',
    '--from',
    'storefront/web',
    '--to',
    'data/postgres',
    '--port',
    '5432',
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, POSTGRES_NOTE);
  assert.ok(r.stdout.startsWith('--- a/samples/shop/policies/data.yaml\n'), r.stdout);
  assert.ok(
    r.stdout.endsWith(
      `\nOther changes: none (every pair of pods compared on ${PORTS_CHECKED.replace('TCP 6379', 'TCP 5432, TCP 6379')} and 28 other ports (one in each span of the policies' port ranges)).\n`,
    ),
    r.stdout,
  );
});

void test('an address outside the pods: an ipBlock, and the proof counts the pods and names the address', () => {
  const r = runCli([
    'allow',
    'samples/shop',
    '--from',
    'orders/checkout',
    '--to',
    '203.0.113.9',
    '--port',
    '443',
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stdout,
    /\n\+ {8}- ipBlock:\n\+ {12}cidr: 203\.0\.113\.9\/32\n\+ {6}ports:\n\+ {8}- port: 443\n/,
  );
  assert.match(r.stdout, /\nIntended: 2 connections between 2 pods and 203\.0\.113\.9 now allowed /);
});

void test('--write edits the files; they validate, and the same intent is then already met', () => {
  const root = makeTree({});
  try {
    fs.cpSync(path.join(repoRoot, 'samples', 'shop'), root, { recursive: true });
    const args = ['--from', 'orders/checkout', '--to', 'orders/payments', '--port', '8443'];
    const before = fs.readFileSync(path.join(root, 'policies', 'orders.yaml'), 'utf8');
    const r = runCli(['deny', root, ...args, '--write']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`^wrote ${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/policies/orders\\.yaml\n\nDeny `),
    );
    const after = fs.readFileSync(path.join(root, 'policies', 'orders.yaml'), 'utf8');
    assert.notEqual(after, before);
    assert.ok(after.includes('  ingress: []\n'));
    assert.equal(runCli(['check', root]).status, 0);
    const again = runCli(['deny', root, ...args]);
    assert.equal(again.status, 2);
    assert.equal(again.stdout, '');
    assert.equal(
      again.stderr,
      'netpol-lens: deploy/orders/checkout → deploy/orders/payments on TCP 8443 is already denied\n',
    );
  } finally {
    removeTree(root);
  }
});

void test("impossible intents exit 2 with one line (after the intent's notes)", () => {
  const cases: [string[], string][] = [
    [
      [
        'allow',
        'samples/shop',
        '--from',
        'storefront/web',
        '--to',
        'data/postgres',
        '--port',
        '5432',
        '--no-enforcement',
      ],
      'netpol-lens: policy enforcement is off (plain flannel never blocks): the connection is already allowed\n',
    ],
    [
      ['deny', 'samples/shop', '--from', 'storefront/nope', '--to', 'data/postgres'],
      'netpol-lens: no pod or workload storefront/nope in the workspace\n',
    ],
    [
      ['allow', 'samples/shop', '--from', 'deploy/orders/orders-api', '--to', 'data/kafka', '--port', '9092'],
      'netpol-lens: deploy/orders/orders-api → deploy/data/kafka on TCP 9092 is already allowed\n',
    ],
    [
      ['allow', 'samples/shop', '--from', 'widget/storefront/web', '--to', 'data/postgres'],
      'netpol-lens: unknown kind "widget" in widget/storefront/web (use pod, deploy, sts, ds, rs, rc, job, cronjob or svc)\n',
    ],
    [
      ['deny', 'samples/shop', '--from', 'orders/orders-api', '--to', 'data/postgres', '--port', '5432'],
      `${POSTGRES_NOTE}netpol-lens: deploy/orders/orders-api → deploy/data/postgres on TCP 5432 is already denied\n`,
    ],
    [
      ['allow', 'samples/shop', '--to', 'data/postgres'],
      "netpol-lens: required option '--from <src>' not specified\n",
    ],
  ];
  for (const [args, stderr] of cases) {
    const r = runCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, stderr);
  }
});

void test('--narrow with nothing narrower to take says so, and proposes the same edit', () => {
  const args = [
    'allow',
    'samples/shop',
    '--from',
    'storefront/web',
    '--to',
    'data/postgres',
    '--port',
    '15432',
  ];
  const plain = runCli(args);
  const narrow = runCli([...args, '--narrow']);
  assert.equal(narrow.status, 0, narrow.stderr);
  assert.equal(
    narrow.stderr,
    'netpol-lens: note: --narrow: the labels chosen select only the pods asked for\n',
  );
  assert.equal(narrow.stdout, plain.stdout);
});

void test('labels that select other pods are named, and --narrow takes the narrower ones', () => {
  const files = ['test/fixtures/intent/workloads.yaml', 'test/fixtures/intent/api-from-admin.yaml'];
  const args = ['allow', ...files, '--from', 'shop/web', '--to', 'shop/api', '--port', '8080'];
  const wide = runCli(args);
  assert.equal(wide.status, 0, wide.stderr);
  assert.match(
    wide.stdout,
    /\nOther changes: 2 opened, 0 closed \(compared on TCP 8080 and 8 other ports \(one in each span of the policies' port ranges\)\):\n {2}\+ shop\/web-canary-/,
  );
  assert.match(
    wide.stdout,
    /\nThe labels chosen also select shop\/web-canary-z9kmnqm7nc-6r2x2\.\nA narrower selector admits fewer pods: run again with --narrow\.\n$/,
  );
  const narrow = runCli([...args, '--narrow']);
  assert.equal(narrow.status, 0, narrow.stderr);
  assert.match(narrow.stdout, /\n\+ {14}app: web\n\+ {14}tier: front\n/);
  assert.match(
    narrow.stdout,
    /\nOther changes: none \(every pair of pods compared on TCP 8080 and 8 other ports \(one in each span of the policies' port ranges\)\)\.\n$/,
  );
});
