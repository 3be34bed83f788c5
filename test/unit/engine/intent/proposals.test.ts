// Intent edits on the sample workspaces: each kind of intent, the exact YAML it writes (in the file's
// own style), its proof (the intended connections, nothing else), and the reasons of impossible ones.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/edits';
import type { ConnectionIntent, IntentResult, Proposal } from '../../../../server/src/engine/intent';
import {
  applied,
  canTighten,
  proposeConnection,
  proposeIsolation,
  proposeTightening,
} from '../../../../server/src/engine/intent';
import { podKey } from '../../../../server/src/engine/model';
import { evaluateConnection } from '../../../../server/src/engine/reachability';
import { findPod } from '../../../../server/src/engine/topology';
import { Workspace } from '../../../../server/src/engine/workspace';
import { endpoint, fixtures, sample, SEED_FIXED } from './workspaces';

const shop = sample('shop');
const seed = sample('seed');

function propose(
  ws: Workspace,
  action: 'allow' | 'deny',
  from: string,
  to: string,
  port?: number,
  protocol?: 'TCP' | 'UDP',
): IntentResult {
  const intent: ConnectionIntent = { action, from: endpoint(ws, from), to: endpoint(ws, to) };
  if (port !== undefined) intent.port = port;
  if (protocol) intent.protocol = protocol;
  return proposeConnection(ws, intent);
}

function proposal(
  r: IntentResult | { ok: true; proposal: Proposal } | { ok: false; reason: string },
): Proposal {
  if (!r.ok) assert.fail(r.reason);
  return r.proposal;
}

/** The text of one edited file. */
function edited(ws: Workspace, p: Proposal, file: string): string {
  const f = p.files.find((x) => x.file === file);
  assert.ok(f, `${file} is not edited`);
  return applyEdits(ws.summary(file)!.text, f.edits);
}

function allowed(
  ws: Workspace,
  from: string,
  to: string,
  port: number,
  protocol: 'TCP' | 'UDP' = 'TCP',
): boolean {
  const t = ws.topology();
  return evaluateConnection(t, findPod(t, from).pod!, findPod(t, to).pod!, port, protocol).allowed;
}

function exact(p: Proposal, intended: number): void {
  assert.equal(p.proof.intended.length, intended);
  assert.deepEqual(p.proof.missed, []);
  assert.deepEqual(p.proof.other, { added: [], removed: [] });
  assert.deepEqual(p.proof.errors, []);
  assert.deepEqual(p.widened, []);
}

void describe('allow', () => {
  // postgres serves 15432 (its `postgres` port, behind the Service port 5432): policies see 15432.
  void test('storefront/web → data/postgres on 15432: a peer in the postgres rule, an egress rule in web', () => {
    const p = proposal(propose(shop, 'allow', 'storefront/web', 'data/postgres', 15432));
    assert.deepEqual(p.steps, [
      'add deploy/storefront/web to ingress rule 1 of data/postgres',
      'add an egress rule to deploy/data/postgres in storefront/web',
    ]);
    assert.deepEqual(
      p.files.map((f) => f.file),
      ['samples/shop/policies/data.yaml', 'samples/shop/policies/storefront.yaml'],
    );
    const data = shop.summary('samples/shop/policies/data.yaml')!.text;
    const anchor = '              app: orders-api\n';
    const peer = [
      '        - namespaceSelector:',
      '            matchLabels:',
      '              kubernetes.io/metadata.name: storefront',
      '          podSelector:',
      '            matchLabels:',
      '              app: web',
      '',
    ].join('\n');
    assert.equal(edited(shop, p, 'samples/shop/policies/data.yaml'), data.replace(anchor, anchor + peer));
    exact(p, 6);
    const after = applied(shop, p.files);
    assert.equal(
      allowed(shop, 'storefront/web-5hw8bthfzp-gxwm6', 'data/postgres-tqw8c72sn2-dfkln', 15432),
      false,
    );
    assert.equal(
      allowed(after, 'storefront/web-5hw8bthfzp-gxwm6', 'data/postgres-tqw8c72sn2-dfkln', 15432),
      true,
    );
  });

  void test('default/web → default/db on the seed: a rule in db-access-ingress, in its list style', () => {
    const p = proposal(propose(seed, 'allow', 'default/web', 'default/db', 5432));
    const file = SEED_FIXED;
    const rule = [
      '  - from:',
      '    - podSelector:',
      '        matchLabels:',
      '          app: myapp',
      '          role: web',
      '    ports:',
      '    - port: 5432',
      '',
    ].join('\n');
    assert.equal(edited(seed, p, file), seed.summary(file)!.text + rule);
    exact(p, 1);
  });

  void test('to an address outside the pods: an ipBlock egress rule', () => {
    const p = proposal(propose(shop, 'allow', 'orders/notifications', '198.51.100.7', 443));
    assert.deepEqual(p.steps, ['add an egress rule to 198.51.100.7 in orders/notifications']);
    assert.match(
      edited(shop, p, 'samples/shop/policies/orders.yaml'),
      /- to:\n {8}- ipBlock:\n {12}cidr: 198\.51\.100\.7\/32\n {6}ports:\n {8}- port: 443\n/,
    );
    assert.equal(p.proof.intended.length, 2);
    assert.deepEqual(p.proof.other, { added: [], removed: [] });
  });

  void test('impossible: already allowed, enforcement off, a pod to itself, two addresses', () => {
    assert.deepEqual(propose(shop, 'allow', 'orders/orders-api', 'data/kafka', 9092), {
      ok: false,
      reason: 'deploy/orders/orders-api → deploy/data/kafka on TCP 9092 is already allowed',
    });
    const flannel = sample('shop', { enforcement: false });
    assert.deepEqual(propose(flannel, 'allow', 'storefront/web', 'data/postgres', 5432), {
      ok: false,
      reason: 'policy enforcement is off (plain flannel never blocks): the connection is already allowed',
    });
    assert.deepEqual(propose(flannel, 'deny', 'storefront/web', 'storefront/catalog', 8080), {
      ok: false,
      reason: 'policy enforcement is off (plain flannel never blocks): no policy can deny it',
    });
    assert.deepEqual(propose(seed, 'allow', 'default/web', 'default/web', 80), {
      ok: false,
      reason: 'a pod may always reach itself: NetworkPolicy does not apply to that traffic',
    });
    assert.deepEqual(propose(shop, 'deny', '198.51.100.7', '203.0.113.0/24'), {
      ok: false,
      reason:
        'no policy can deny 198.51.100.7 → 203.0.113.0/24 on every port: neither end is a pod, and NetworkPolicy applies only to pods',
    });
    assert.deepEqual(propose(shop, 'allow', '198.51.100.7', '203.0.113.9', 443), {
      ok: false,
      reason:
        '198.51.100.7 → 203.0.113.9 on TCP 443 is already allowed: neither end is a pod, and NetworkPolicy applies only to pods',
    });
  });
});

void describe('labels that select other pods', () => {
  const ws = fixtures('workloads.yaml', 'api-from-admin.yaml');

  void test("allow with the workload's selector names the other pods it admits, and offers the narrower labels", () => {
    const p = proposal(propose(ws, 'allow', 'shop/web', 'shop/api', 8080));
    const canary = 'shop/web-canary-z9kmnqm7nc-6r2x2';
    assert.deepEqual(p.widened, [canary]);
    assert.deepEqual(
      p.proof.other.added.map((c) => c.from),
      [canary, canary],
    );
    assert.deepEqual(p.proof.other.removed, []);
    const narrow = p.narrower;
    assert.ok(narrow);
    exact(narrow, 2);
    assert.match(
      edited(ws, narrow, 'test/fixtures/intent/api-from-admin.yaml'),
      / {8}- podSelector:\n {12}matchLabels:\n {14}app: web\n {14}tier: front\n {6}ports:/,
    );
  });

  void test("allow from one replica: its labels are its workload's, so the new policy is named after the workload and the other replicas are named", () => {
    const replica = shop.topology().pods.find((q) => q.owner === 'Deployment/web')!;
    const p = proposal(propose(shop, 'allow', podKey(replica), 'data/postgres', 15432));
    assert.deepEqual(p.steps, [
      `add ${podKey(replica)} to ingress rule 1 of data/postgres`,
      `new policy storefront/allow-web-to-postgres: egress of ${podKey(replica)} to deploy/data/postgres`,
    ]);
    const others = shop.topology().pods.filter((q) => q.owner === 'Deployment/web' && q !== replica);
    assert.deepEqual(p.widened, others.map(podKey).sort());
    assert.equal(p.narrower, undefined);
  });

  void test('deny through a policy selecting other pods too: they keep the rule in a policy of their own', () => {
    const wide = fixtures('workloads.yaml', 'namespace-wide.yaml');
    const p = proposal(propose(wide, 'deny', 'shop/admin', 'shop/api', 8080));
    assert.deepEqual(p.steps, [
      'ingress rule 1 of shop/same-namespace: keep everything but deploy/shop/admin on TCP 8080',
      'new policy shop/same-namespace-except-api: the other pods shop/same-namespace selects keep its ingress as it was',
    ]);
    exact(p, 2);
  });
});

void describe('a JSON file', () => {
  const policy = (from: unknown[]) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'api', namespace: 'shop' },
    spec: {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from, ports: [{ port: 8080 }] }],
    },
  });
  const admin = { podSelector: { matchLabels: { app: 'admin' } } };

  void test('gets JSON laid out as the file is', () => {
    const ws = fixtures('workloads.yaml');
    ws.setFile({ path: 'api.json', text: JSON.stringify(policy([admin]), null, 2) + '\n' });
    const web = proposal(propose(ws, 'allow', 'shop/web', 'shop/api', 8080)).narrower!;
    const peer = { podSelector: { matchLabels: { app: 'web', tier: 'front' } } };
    assert.equal(edited(ws, web, 'api.json'), JSON.stringify(policy([admin, peer]), null, 2) + '\n');
  });
});

void describe('deny', () => {
  void test('orders/checkout → orders/payments on 8443, keeping everything else', () => {
    const p = proposal(propose(shop, 'deny', 'orders/checkout', 'orders/payments', 8443));
    assert.deepEqual(p.steps, [
      'ingress rule 1 of orders/payments: keep everything but deploy/orders/checkout on TCP 8443',
    ]);
    const text = edited(shop, p, 'samples/shop/policies/orders.yaml');
    const before = shop.summary('samples/shop/policies/orders.yaml')!.text;
    const rule =
      '  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: checkout\n      ports:\n        - port: https\n  egress:\n    # The payment';
    assert.ok(before.includes(rule));
    assert.equal(text, before.replace(rule, '  ingress: []\n  egress:\n    # The payment'));
    exact(p, 4);
  });

  void test('default/web → default/backend on 8080: the other ports stay open, as ranges around it', () => {
    const p = proposal(propose(seed, 'deny', 'default/web', 'default/backend', 8080));
    const file = SEED_FIXED;
    const anchor = '          role: web\n---';
    const ports = [
      '          role: web',
      '    ports:',
      '    - port: 1',
      '      endPort: 8079',
      '    - port: 8081',
      '      endPort: 65535',
      '    - protocol: UDP',
      '    - protocol: SCTP',
      '---',
    ].join('\n');
    assert.equal(edited(seed, p, file), seed.summary(file)!.text.replace(anchor, ports));
    exact(p, 1);
    const after = applied(seed, p.files);
    assert.equal(allowed(after, 'default/web', 'default/backend', 8080), false);
    assert.equal(allowed(after, 'default/web', 'default/backend', 80), true);
    assert.equal(allowed(after, 'default/web', 'default/backend', 53, 'UDP'), true);
  });

  void test('to pods no policy isolates: a new policy isolates them and allows everyone else', () => {
    const p = proposal(propose(shop, 'deny', 'storefront/web', 'kube-system/coredns', 53, 'UDP'));
    assert.deepEqual(p.steps, [
      'new policy kube-system/deny-web-to-coredns: isolates deploy/kube-system/coredns for ingress and allows everything but deploy/storefront/web on UDP 53',
    ]);
    const text = edited(shop, p, 'samples/shop/cluster.yaml');
    assert.ok(text.startsWith(shop.summary('samples/shop/cluster.yaml')!.text));
    assert.match(
      text,
      /\n---\napiVersion: networking\.k8s\.io\/v1\nkind: NetworkPolicy\nmetadata:\n {2}name: deny-web-to-coredns\n {2}namespace: kube-system\n/,
    );
    exact(p, 6);
  });

  void test('the smaller side wins; emptying defaulted egress writes policyTypes out', () => {
    const ws = fixtures('workloads.yaml', 'admin-egress.yaml');
    const p = proposal(propose(ws, 'deny', 'shop/admin', 'shop/api', 8080));
    const file = 'test/fixtures/intent/admin-egress.yaml';
    const before = ws.summary(file)!.text;
    const after = before
      .replace('      app: admin\n', '      app: admin\n  policyTypes:\n    - Ingress\n    - Egress\n')
      .replace(/ {2}egress:\n[^]*$/, '  egress: []\n');
    assert.equal(edited(ws, p, file), after);
    exact(p, 2);
  });

  void test('every port of a pair: the declared ports first, then one port of each span the policies tell apart', () => {
    const p = proposal(propose(seed, 'deny', 'default/backend', 'default/db'));
    exact(p, 9);
    assert.deepEqual(
      p.proof.intended.map((c) => `${c.protocol} ${c.port}`),
      ['TCP 80', 'TCP 5432', 'TCP 8080', 'SCTP 1', 'SCTP 65535', 'TCP 1', 'TCP 65535', 'UDP 1', 'UDP 65535'],
    );
  });

  void test('impossible: already denied (on the pods, the Service port has a note)', () => {
    assert.deepEqual(propose(shop, 'deny', 'storefront/web', 'data/postgres', 15432), {
      ok: false,
      reason: 'deploy/storefront/web → deploy/data/postgres on TCP 15432 is already denied',
    });
    const onServicePort = propose(shop, 'deny', 'storefront/web', 'data/postgres', 5432);
    assert.ok(!onServicePort.ok);
    assert.equal(
      onServicePort.reason,
      'deploy/storefront/web → deploy/data/postgres on TCP 5432 is already denied',
    );
    assert.match(
      onServicePort.notes?.join('\n') ?? '',
      /^no container of deploy\/data\/postgres declares TCP 5432: /,
    );
  });
});

void describe('isolate a namespace', () => {
  void test('data for egress: a default-deny with DNS, and the list of what it cuts', () => {
    const r = proposeIsolation(shop, { namespace: 'data', directions: ['egress'] });
    if (!r.ok) assert.fail(r.reason);
    const p = r.proposal;
    assert.deepEqual(p.steps, [
      'new policy data/default-deny-egress: isolates every pod of data for egress, keeping DNS to kube-dns',
    ]);
    assert.ok(p.cut.length > 0);
    assert.ok(p.cut.every((c) => c.from.startsWith('data/')));
    assert.ok(!p.cut.some((c) => c.to.startsWith('kube-system/') && c.port === 53), 'DNS is kept');
    assert.ok(
      p.cut.some((c) => c.from.startsWith('data/kafka') && c.to.startsWith('data/kafka') && c.port === 9092),
    );
    assert.deepEqual(p.proof.errors, []);
  });

  void test('kube-system for ingress: the cluster DNS keeps taking DNS from everywhere, the rest is cut', () => {
    const r = proposeIsolation(shop, { namespace: 'kube-system', directions: ['ingress'] });
    if (!r.ok) assert.fail(r.reason);
    const p = r.proposal;
    assert.deepEqual(p.steps, [
      'new policy kube-system/default-deny-ingress: isolates every pod of kube-system for ingress',
      'new policy kube-system/allow-dns-ingress: keeps DNS to the pods of kube-system/kube-dns from everywhere',
    ]);
    const added = [
      '---',
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: allow-dns-ingress',
      '  namespace: kube-system',
      'spec:',
      '  podSelector:',
      '    matchLabels:',
      '      k8s-app: kube-dns',
      '  policyTypes:',
      '    - Ingress',
      '  ingress:',
      '    - ports:',
      '        - protocol: UDP',
      '          port: 53',
      '        - protocol: TCP',
      '          port: 53',
      '',
    ].join('\n');
    assert.ok(edited(shop, p, 'samples/shop/cluster.yaml').endsWith(added));
    assert.ok(!p.cut.some((c) => c.port === 53), 'DNS is kept');
    assert.ok(
      p.cut.some((c) => c.to.startsWith('kube-system/coredns') && c.port === 9153),
      'metrics are cut',
    );
    assert.deepEqual(p.proof.other.added, []);
    assert.deepEqual(p.proof.errors, []);
  });

  void test('keeping a connection the user ticks', () => {
    const plain = proposeIsolation(shop, { namespace: 'data', directions: ['egress'] });
    if (!plain.ok) assert.fail(plain.reason);
    const kafka = plain.proposal.cut.find(
      (c) => c.from.startsWith('data/kafka') && c.to.startsWith('data/kafka') && c.port === 9092,
    )!;
    const r = proposeIsolation(shop, { namespace: 'data', directions: ['egress'], keep: [kafka] });
    if (!r.ok) assert.fail(r.reason);
    assert.ok(!r.proposal.cut.some((c) => c.from === kafka.from && c.to === kafka.to && c.port === 9092));
    assert.equal(r.proposal.cut.length < plain.proposal.cut.length, true);
    assert.deepEqual(r.proposal.proof.missed, []);
    assert.deepEqual(r.proposal.kept, [kafka]);
    assert.deepEqual(plain.proposal.kept, []);
    assert.equal(allowed(applied(shop, r.proposal.files), kafka.from, kafka.to, 9092), true);
  });

  void test('impossible: already isolated', () => {
    assert.deepEqual(proposeIsolation(shop, { namespace: 'storefront', directions: ['ingress', 'egress'] }), {
      ok: false,
      reason: 'every pod of namespace storefront is already isolated for ingress and egress',
    });
  });
});

void describe('tighten', () => {
  void test('data/kafka: the brokers rule gets the ports brokers serve', () => {
    const r = proposeTightening(shop, { namespace: 'data', name: 'kafka' });
    const p = proposal(r);
    assert.deepEqual(p.steps, ['ingress rule 2 of data/kafka: every port → TCP 9092']);
    const before = shop.summary('samples/shop/policies/data.yaml')!.text;
    const anchor =
      '    - from:\n        - podSelector:\n            matchLabels:\n              app: kafka\n';
    assert.equal(
      edited(shop, p, 'samples/shop/policies/data.yaml'),
      before.replace(anchor, `${anchor}      ports:\n        - port: 9092\n`),
    );
    assert.deepEqual(p.proof.errors, []);
    assert.deepEqual(p.proof.other.added, []);
  });

  void test('a policy whose rules all list ports', () => {
    assert.deepEqual(proposeTightening(shop, { namespace: 'data', name: 'postgres' }), {
      ok: false,
      reason: 'every rule of data/postgres already lists its ports (or reaches addresses outside the pods)',
    });
  });
});

void describe('canTighten: what "Tighten Policy…" lists', () => {
  void test('samples/shop: only data/kafka has a rule open on every port (its brokers rule)', () => {
    const t = shop.topology();
    assert.deepEqual(t.policies.filter((p) => canTighten(t, p)).map(podKey), ['data/kafka']);
  });

  const pods = `apiVersion: v1
kind: Pod
metadata: {name: api, namespace: lab, labels: {app: api}}
spec:
  containers: [{name: c, image: i, ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: quiet, namespace: lab, labels: {app: quiet}}
spec:
  containers: [{name: c, image: i}]
`;
  const policy = (selector: string, spec: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: lab}
spec:
  podSelector: {matchLabels: {app: ${selector}}}
  ${spec}
`;
  const cases: [string, string, boolean][] = [
    ['an ingress rule on every port to pods that declare one', policy('api', 'ingress: [{}]'), true],
    ['an ingress rule that lists its ports', policy('api', 'ingress: [{ports: [{port: 8080}]}]'), false],
    ['an ingress rule to pods that declare no port', policy('quiet', 'ingress: [{}]'), false],
    ['no rule (deny all)', policy('api', 'policyTypes: [Ingress, Egress]'), false],
    [
      'an egress rule on every port to pods that declare one',
      policy('quiet', 'egress: [{to: [{podSelector: {matchLabels: {app: api}}}]}]'),
      true,
    ],
    ['an egress rule to everyone (outside the pods too)', policy('api', 'egress: [{}]'), false],
    ['an egress rule to an ipBlock', policy('api', 'egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]'), false],
  ];
  for (const [name, text, want] of cases)
    void test(name, () => {
      const ws = new Workspace();
      ws.setFile({ path: 'lab.yaml', text: pods + text });
      const t = ws.topology();
      const p = t.policies.find((x) => podKey(x) === 'lab/p');
      assert.ok(p);
      assert.equal(canTighten(t, p), want);
      assert.equal(proposeTightening(ws, { namespace: 'lab', name: 'p' }).ok, want);
    });
});
