// The diff's groups and reasons on a small application: replicas of a workload grouped under the
// workload, the reason of each kind of change worded exactly, pods of one revision listed apart.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffReachability } from '../../../../server/src/engine/diff';
import type { ReachabilityDiff } from '../../../../server/src/engine/diff';
import { analyseRevisions } from '../../../../server/src/engine/diff/revisions';

function deployment(name: string, replicas: number, port: number, portName: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: main
          image: example/${name}
          ports: [{name: ${portName}, containerPort: ${port}}]
`;
}

const APP = [
  'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
  deployment('web', 3, 8080, 'http'),
  deployment('api', 2, 9000, 'grpc'),
  deployment('db', 2, 5432, 'postgres'),
].join('---\n');

function policy(name: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec:
${spec}`;
}

const DB_FROM_API = policy(
  'db-access',
  `  podSelector: {matchLabels: {app: db}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: api}}}]
      ports: [{port: postgres}]
`,
);

function diffOf(base: string[], head: string[], app = APP, headApp = app): ReachabilityDiff {
  const files = (app: string, policies: string[]) => [
    { path: 'app.yaml', text: app },
    { path: 'policies.yaml', text: policies.join('---\n') },
  ];
  const r = analyseRevisions(files(app, base), files(headApp, head));
  return diffReachability(r.base.topology, r.head.topology);
}

const lines = (d: ReachabilityDiff) =>
  d.groups.map(
    (g) =>
      `${g.change} ${g.fromLabel} → ${g.toLabel} ${g.ports.map((p) => `${p.protocol}/${p.port}`).join(',')} ${g.connections}: ${g.reason}`,
  );

void describe('groups and reasons', () => {
  const cases: { name: string; base: string[]; head: string[]; expected: string[] }[] = [
    {
      name: 'a peer added to a rule: the rule that now allows it',
      base: [DB_FROM_API],
      head: [
        DB_FROM_API.replace(
          '- from: [{podSelector: {matchLabels: {app: api}}}]',
          '- from: [{podSelector: {matchLabels: {app: api}}}, {podSelector: {matchLabels: {app: web}}}]',
        ),
      ],
      expected: [
        'added 3 pods of deploy/shop/web → 2 pods of deploy/shop/db TCP/5432 6: now allowed by shop/db-access ingress rule 1',
      ],
    },
    {
      name: 'a new egress deny-all: now isolated, one group per destination set',
      base: [],
      head: [policy('api-no-egress', '  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Egress]\n')],
      expected: [
        'removed 2 pods of deploy/shop/api → 3 pods of deploy/shop/web TCP/8080 6: now isolated for egress by shop/api-no-egress',
        'removed 2 pods of deploy/shop/api → 2 pods of deploy/shop/db TCP/5432 4: now isolated for egress by shop/api-no-egress',
        'removed 2 pods of deploy/shop/api → 2 pods of deploy/shop/api TCP/9000 2: now isolated for egress by shop/api-no-egress',
      ],
    },
    {
      name: 'the only isolating policy deleted: no longer isolated',
      base: [DB_FROM_API],
      head: [],
      expected: [
        'added 5 pods of deploy/shop/db and deploy/shop/web → 2 pods of deploy/shop/db TCP/5432 8: ingress no longer isolated (was by shop/db-access)',
      ],
    },
    {
      name: 'a port changed: the rule no longer allows it',
      base: [DB_FROM_API],
      head: [DB_FROM_API.replace('port: postgres', 'port: 5433')],
      expected: [
        'removed 2 pods of deploy/shop/api → 2 pods of deploy/shop/db TCP/5432 4: shop/db-access ingress rule 1 no longer allows it (isolated by shop/db-access)',
      ],
    },
  ];
  for (const c of cases) void test(c.name, () => assert.deepEqual(lines(diffOf(c.base, c.head)), c.expected));
});

void describe('counts and pods', () => {
  void test('unchanged counts every other connection on the declared ports, self pairs aside', () => {
    const d = diffOf([], []);
    // 7 sources × (3 + 2 + 2) destinations, minus the 7 self pairs.
    assert.deepEqual([d.added, d.removed, d.unchanged], [0, 0, 42]);
    assert.deepEqual(d.ports, [
      { protocol: 'TCP', port: 5432 },
      { protocol: 'TCP', port: 8080 },
      { protocol: 'TCP', port: 9000 },
    ]);
  });

  void test('sets of pods are named by workload, namespace, shared labels', () => {
    const head = [policy('deny-all', '  podSelector: {}\n  policyTypes: [Ingress]\n')];
    assert.deepEqual(lines(diffOf([], head)), [
      'removed all 7 pods → 3 pods of deploy/shop/web TCP/8080 18: now isolated for ingress by shop/deny-all',
      'removed all 7 pods → 2 pods of deploy/shop/api TCP/9000 12: now isolated for ingress by shop/deny-all',
      'removed all 7 pods → 2 pods of deploy/shop/db TCP/5432 12: now isolated for ingress by shop/deny-all',
    ]);
  });

  void test('--protocol alone keeps the declared ports of that protocol', () => {
    const files = [{ path: 'app.yaml', text: APP }];
    const r = analyseRevisions(files, [...files, { path: 'p.yaml', text: DB_FROM_API }]);
    const udp = diffReachability(r.base.topology, r.head.topology, { protocol: 'UDP' });
    assert.deepEqual([udp.ports, udp.added, udp.removed, udp.unchanged], [[], 0, 0, 0]);
    const tcp = diffReachability(r.base.topology, r.head.topology, { protocol: 'TCP' });
    assert.deepEqual([tcp.ports.length, tcp.removed, tcp.unchanged], [3, 8, 34]);
  });

  void test('a replica added is listed apart, not as connection changes', () => {
    const d = diffOf([DB_FROM_API], [DB_FROM_API], APP, APP.replace('replicas: 3', 'replicas: 4'));
    assert.equal(d.pods.added.length, 1);
    assert.match(d.pods.added[0]!, /^shop\/web-/);
    assert.deepEqual(d.pods.removed, []);
    assert.deepEqual(d.groups, []);
  });

  void test('--port compares every pair on that port', () => {
    const files = [{ path: 'app.yaml', text: APP }];
    const r = analyseRevisions(files, [...files, { path: 'p.yaml', text: DB_FROM_API }]);
    const d = diffReachability(r.base.topology, r.head.topology, { port: 5432 });
    assert.deepEqual(lines(d), [
      'removed 5 pods of deploy/shop/db and deploy/shop/web → 2 pods of deploy/shop/db TCP/5432 8: now isolated for ingress by shop/db-access',
    ]);
    assert.equal(d.unchanged, 7 * 6 - 8);
  });
});
