// What the changes and trace views' intent buttons ask for: a changes group's sides as a workload
// (when the group names all its pods), a pod, or else its first pod, on the first port, "deny" for
// a newly allowed group and "allow" for a newly removed one; a trace dropped by policies as the
// user named its ends, through a Service to the endpoint on its targetPort; nothing for other drops.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intentOf, intentTitle } from '../../../../media/src/changes/intent';
import { allowOf } from '../../../../media/src/trace/verdict';
import type { Trace } from '../../../../server/src/engine/dataplane/types';
import type { ChangesResult } from '../../../../server/src/protocol/requests';

type Group = ChangesResult['groups'][number];
const group = (g: Partial<Group>): Group => ({
  change: 'added',
  from: ['orders/api-a', 'orders/api-b'],
  to: ['data/db-0', 'data/db-1'],
  fromLabel: '2 pods of deploy/orders/api',
  toLabel: '2 pods app=db in data',
  ports: [
    { protocol: 'TCP', port: 5432 },
    { protocol: 'TCP', port: 9187 },
  ],
  causes: [],
  reason: '',
  connections: 8,
  links: [],
  ...g,
});

void test('changes: deny a newly allowed group, allow a newly removed one, each side named as it can be', () => {
  const added = intentOf(group({}))!;
  assert.deepEqual(added, {
    action: 'deny',
    from: 'deploy/orders/api',
    to: 'data/db-0',
    port: 5432,
    protocol: 'TCP',
  });
  assert.equal(
    intentTitle(added),
    'Propose the smallest edit that denies deploy/orders/api → data/db-0 on TCP 5432',
  );
  const removed = group({ change: 'removed', from: ['storefront/web-a'], fromLabel: 'storefront/web-a' });
  assert.deepEqual(intentOf(removed)?.action, 'allow');
  assert.deepEqual(intentOf(removed)?.from, 'storefront/web-a');
  assert.equal(intentOf(group({ ports: [] })), undefined);
});

const dropped = {
  from: 'storefront/web-1',
  to: 'data/postgres-1',
  port: 15432,
  protocol: 'TCP',
  verdict: 'dropped',
  drop: {
    direction: 'ingress',
    pod: 'data/postgres-1',
    policies: ['data/postgres'],
    reason: 'policy',
    explanation: [],
  },
  workloads: {
    from: { workload: 'deploy/storefront/web', pod: 'storefront/web-1', replicas: 3, note: '' },
    to: null,
  },
} as unknown as Trace;

void test('trace: "Allow…" for a policy drop, a Service on its port (every endpoint); none otherwise', () => {
  assert.deepEqual(allowOf(dropped), {
    action: 'allow',
    from: 'deploy/storefront/web',
    to: 'data/postgres-1',
    port: 15432,
    protocol: 'TCP',
  });
  const service = {
    name: 'data/postgres',
    clusterIP: '10.96.0.20',
    port: 5432,
    targetPort: 15432,
    endpoint: 'data/postgres-2',
    endpoints: [],
  };
  assert.deepEqual(allowOf({ ...dropped, to: '10.96.0.20', port: 5432, service }), {
    action: 'allow',
    from: 'deploy/storefront/web',
    to: 'svc/data/postgres',
    port: 5432,
    protocol: 'TCP',
  });
  // An endpoint outside the pods (an Endpoints address): the address, on the port it serves.
  const outside = { ...service, endpoint: '192.168.9.9', targetPort: 5433 };
  assert.deepEqual(allowOf({ ...dropped, to: '10.96.0.20', port: 5432, service: outside }), {
    action: 'allow',
    from: 'deploy/storefront/web',
    to: '192.168.9.9',
    port: 5433,
    protocol: 'TCP',
  });
  assert.equal(allowOf({ ...dropped, verdict: 'delivered', drop: null }), undefined);
  assert.equal(
    allowOf({ ...dropped, drop: { ...dropped.drop!, reason: 'no-endpoints' } as Trace['drop'] }),
    undefined,
  );
});
