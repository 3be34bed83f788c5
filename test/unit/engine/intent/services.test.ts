// Services as intent endpoints: `svc/ns/name` stands for the Service's endpoint pods, selected by the
// Service's selector, and the Service port asked for becomes the targetPort they serve it on (what
// policies see); names resolve as the trace resolves them (workloadRefs.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intentFor, proposeConnection } from '../../../../server/src/engine/intent';
import type { ConnectionIntent } from '../../../../server/src/engine/intent';
import { podKey } from '../../../../server/src/engine/model';
import { sample } from './workspaces';
import { Workspace } from '../../../../server/src/engine/workspace';

const shop = sample('shop');

void test('svc/data/postgres on its Service port 5432 is the postgres pods on targetPort 15432', () => {
  const intent = intentFor(shop, {
    action: 'allow',
    from: 'storefront/web',
    to: 'svc/data/postgres',
    port: 5432,
  });
  assert.ok(typeof intent !== 'string', String(intent));
  assert.equal(intent.port, 15432);
  assert.equal(intent.to.label, 'svc/data/postgres');
  assert.ok(intent.to.kind === 'pods');
  assert.deepEqual(
    intent.to.pods.map((p) => podKey(p).split('-')[0]),
    intent.to.pods.map(() => 'data/postgres'),
  );
  assert.deepEqual(intent.to.selectorLabels, { app: 'postgres' });
  const r = proposeConnection(shop, intent as ConnectionIntent);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  assert.equal(r.proposal.title, 'Allow deploy/storefront/web → svc/data/postgres on TCP 15432');
  assert.deepEqual(r.proposal.proof.other, { added: [], removed: [] });
});

void test('Service names that cannot be an endpoint say why', () => {
  const reason = (to: string, port?: number) =>
    intentFor(shop, { action: 'allow', from: 'storefront/web', to, ...(port ? { port } : {}) });
  assert.equal(reason('svc/data/nope'), 'no Service data/nope in the workspace');
  assert.equal(
    reason('svc/data/postgres', 15432),
    'Service data/postgres has no port TCP 15432 (it has TCP 5432)',
  );
  assert.match(String(reason('widget/data/postgres')), /^unknown kind "widget" in widget\/data\/postgres/);
  const every = intentFor(shop, {
    action: 'deny',
    from: 'deploy/storefront/catalog',
    to: 'service/data/postgres',
  });
  assert.ok(typeof every !== 'string' && every.port === undefined);
});

void test('a Service port asked on the pods behind it: the proposal (or the reason) carries a note naming the targetPort', () => {
  const note = (svc: string, port: number, target: string, served: number, to: string) =>
    `no container of ${to} declares TCP ${port}: Service ${svc} sends its port ${port} to ${target} on these pods, ` +
    `so traffic through the Service is on TCP ${served}, which this intent does not cover ` +
    `(ask for port ${served}, or for svc/${svc} on port ${port})`;
  const cases: { action: 'allow' | 'deny'; from: string; to: string; port: number; notes: string[] }[] = [
    {
      action: 'allow',
      from: 'storefront/web',
      to: 'data/postgres',
      port: 5432,
      notes: [note('data/postgres', 5432, 'targetPort postgres (TCP 15432)', 15432, 'deploy/data/postgres')],
    },
    {
      action: 'allow',
      from: 'storefront/web',
      to: 'deploy/orders/checkout',
      port: 80,
      notes: [note('orders/checkout', 80, 'targetPort http (TCP 8080)', 8080, 'deploy/orders/checkout')],
    },
    // The port the pods serve, the Service itself, a port no Service has, and kube-dns (same port).
    { action: 'allow', from: 'storefront/web', to: 'data/postgres', port: 15432, notes: [] },
    { action: 'allow', from: 'storefront/web', to: 'svc/data/postgres', port: 5432, notes: [] },
    { action: 'allow', from: 'storefront/web', to: 'data/postgres', port: 5433, notes: [] },
  ];
  for (const c of cases) {
    const intent = intentFor(shop, c);
    assert.ok(typeof intent !== 'string', String(intent));
    const r = proposeConnection(shop, intent);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.deepEqual(r.proposal.notes, c.notes, `${c.to} ${c.port}`);
  }
  // Already denied on the Service port: the reason says so, and the note says why it matters.
  const denied = intentFor(shop, {
    action: 'deny',
    from: 'orders/orders-api',
    to: 'data/postgres',
    port: 5432,
  });
  assert.ok(typeof denied !== 'string');
  assert.deepEqual(proposeConnection(shop, denied), {
    ok: false,
    reason: 'deploy/orders/orders-api → deploy/data/postgres on TCP 5432 is already denied',
    notes: [note('data/postgres', 5432, 'targetPort postgres (TCP 15432)', 15432, 'deploy/data/postgres')],
  });
});

void test('the note names a numeric targetPort as written, and no Service port means no note', () => {
  const ws = new Workspace();
  const yaml = [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: api, namespace: shop, labels: {app: api}}\nspec: {containers: [{name: main, image: nginx, ports: [{containerPort: 8080}]}]}\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\nspec: {containers: [{name: main, image: nginx}]}\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}\n',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n',
  ].join('---\n');
  ws.setFile({ path: 'shop.yaml', text: yaml });
  const notes = (port: number) => {
    const intent = intentFor(ws, { action: 'allow', from: 'shop/web', to: 'shop/api', port });
    assert.ok(typeof intent !== 'string', String(intent));
    const r = proposeConnection(ws, intent);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    return r.proposal.notes;
  };
  assert.deepEqual(notes(80), [
    'no container of shop/api declares TCP 80: Service shop/api sends its port 80 to targetPort 8080 on these pods, so traffic through the Service is on TCP 8080, which this intent does not cover (ask for port 8080, or for svc/shop/api on port 80)',
  ]);
  assert.deepEqual(notes(8080), []);
  assert.deepEqual(notes(81), []);
});
