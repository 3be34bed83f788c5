// Worlds the intent property test (intent.property.test.ts) found wrong proposals on, kept as table
// tests: each proposal's steps, and, on every port and protocol of the grid, exactly the connections
// asked for change (ports no pod declares included), while the edited YAML validates. The edit is
// decided on every port an intent covers (proof.ts intentPorts), not only on the declared ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/edits';
import type { ConnectionIntent } from '../../../../server/src/engine/intent';
import { proposeConnection } from '../../../../server/src/engine/intent';
import type { Pod, Topology } from '../../../../server/src/engine/model';
import { podKey } from '../../../../server/src/engine/model';
import { evaluateConnection } from '../../../../server/src/engine/reachability';
import type { Protocol } from '../../../../server/src/engine/types';
import { Workspace } from '../../../../server/src/engine/workspace';
import { endpoint } from './workspaces';

const GRID: { port: number; protocol: Protocol }[] = [1, 53, 80, 81, 8080, 9000, 65535].flatMap((port) =>
  (['TCP', 'UDP'] as const).map((protocol) => ({ port, protocol })),
);

interface Case {
  name: string;
  yaml: string;
  action: 'allow' | 'deny';
  from: string;
  to: string;
  port?: number;
  protocol?: Protocol;
  steps: string[];
  /** Why the intent cannot be done, instead of steps. */
  reason?: string;
}

const pod = (name: string, labels: string, ports: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ns0\n  labels: ${labels}\nspec:\n  containers:\n    - name: main\n      image: nginx\n      ports: ${ports}\n`;
const policy = (name: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ns0\nspec:\n${spec}`;
const world = (...docs: string[]) =>
  ['apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns0\n', ...docs].join('---\n');

const CASES: Case[] = [
  {
    // The egress rule allowing UDP 80 to everyone allows a port pod3 does not declare: it was left as
    // it was, since only declared ports were evaluated to find the rules to rewrite.
    name: 'deny on every UDP port rewrites a rule allowing only a port no pod declares',
    yaml: world(
      pod('pod0', '{app: api}', '[{containerPort: 8080, protocol: UDP}]'),
      pod('pod3', '{tier: back}', '[{containerPort: 81, protocol: UDP}]'),
      // The ingress side cannot be edited: an ipBlock admits pod0 by its address.
      policy(
        'by-address',
        '  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 10.244.0.0/16\n',
      ),
      policy(
        'egress',
        '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports:\n        - protocol: UDP\n          port: 80\n    - to:\n        - podSelector: {matchLabels: {tier: back}}\n      ports:\n        - protocol: UDP\n          port: 80\n          endPort: 9000\n',
      ),
    ),
    action: 'deny',
    from: 'ns0/pod0',
    to: 'ns0/pod3',
    protocol: 'UDP',
    steps: [
      'egress rules 1, 2 of ns0/egress: keep everything but ns0/pod3 on UDP',
      'new policy ns0/egress-except-pod0: the other pods ns0/egress selects keep its egress as it was',
    ],
  },
  {
    // The egress rule allows pod1's named port only: on every other TCP port pod3's egress blocks the
    // connection, which was not seen, since only declared ports were evaluated to find what blocks it.
    name: 'allow on every TCP port opens the side that blocks only ports no pod declares',
    yaml: world(
      pod('pod1', '{app: api}', '[{name: http, containerPort: 80}]'),
      pod('pod3', '{app: db}', '[]'),
      policy(
        'policy0',
        '  podSelector: {}\n  ingress: []\n  egress:\n    - to:\n        - podSelector: {}\n      ports:\n        - port: http\n',
      ),
    ),
    action: 'allow',
    from: 'ns0/pod3',
    to: 'ns0/pod1',
    protocol: 'TCP',
    steps: [
      'new policy ns0/allow-pod3-to-pod1: ingress of ns0/pod1 from ns0/pod3',
      'new policy ns0/allow-pod3-to-pod1-2: egress of ns0/pod3 to ns0/pod1',
    ],
  },
  {
    // Two pods with the same labels, no port declared: isolating pod1 by its labels isolates pod0 too,
    // and leaving pod0 out by its labels leaves pod1 out as well. The proof compared no port (none
    // declared) and called the edit exact; on every span's port it sees pod1 → pod0 closing.
    name: 'deny between pods with the same labels and no declared port: impossible, and said so',
    yaml: world(pod('pod0', '{app: web, tier: front}', '[]'), pod('pod1', '{app: web, tier: front}', '[]')),
    action: 'deny',
    from: 'ns0/pod0',
    to: 'ns0/pod1',
    steps: [],
    reason:
      'no edit denies exactly ns0/pod0 → ns0/pod1 on every port: on the ingress side, the edit found would also close 6 other connections (ns0/pod1 → ns0/pod0 on SCTP 1)',
  },
  {
    // pod0 has no label, so the only policy that isolates its egress selects every pod of ns0,
    // pod1 too, whose egress policy0 already limits to TCP 80-9000: the new policy's "everything
    // but pod1 on 8080" opened pod1's egress on every other port. The proof compared only the
    // declared ports and 8080 and called it exact; it now compares a port of every span.
    name: 'deny whose new egress policy would also select an isolated pod: impossible, and said so',
    yaml: world(
      pod('pod0', '{}', '[{name: dns, containerPort: 80}]'),
      pod('pod1', '{app: cache, tier: front}', '[]'),
      policy(
        'policy0',
        '  podSelector:\n    matchExpressions: [{key: app, operator: In, values: [cache, back]}]\n  ingress:\n    - ports:\n        - port: 80\n          endPort: 80\n    - from:\n        - namespaceSelector: {}\n        - podSelector:\n            matchExpressions: [{key: tier, operator: NotIn, values: [web, back]}]\n  egress:\n    - ports:\n        - protocol: TCP\n          port: 80\n          endPort: 80\n        - port: 80\n          endPort: 9000\n',
      ),
    ),
    action: 'deny',
    from: 'ns0/pod0',
    to: 'ns0/pod1',
    port: 8080,
    steps: [],
    reason:
      'no edit denies exactly ns0/pod0 → ns0/pod1 on TCP 8080: ingress rule 2 of ns0/policy0: the pods of ns0/pod0 have no labels that tell them from the other pods of namespace ns0',
  },
];

function pods(t: Topology, key: string): Pod {
  return t.pods.find((p) => podKey(p) === key)!;
}

for (const c of CASES)
  void test(c.name, () => {
    const ws = new Workspace();
    ws.setFile({ path: 'world.yaml', text: c.yaml });
    const intent: ConnectionIntent = { action: c.action, from: endpoint(ws, c.from), to: endpoint(ws, c.to) };
    if (c.port !== undefined) intent.port = c.port;
    if (c.protocol) intent.protocol = c.protocol;
    const r = proposeConnection(ws, intent);
    if (c.reason) return assert.deepEqual(r, { ok: false, reason: c.reason });
    if (!r.ok) return assert.fail(r.reason);
    assert.deepEqual(r.proposal.steps, c.steps);
    const after = new Workspace();
    after.setFile({ path: 'world.yaml', text: applyEdits(c.yaml, r.proposal.files[0]!.edits) });
    assert.deepEqual(
      after.findings('world.yaml').filter((f) => f.severity === 'error'),
      [],
    );
    const changed: string[] = [];
    const asked: string[] = [];
    const before = ws.topology();
    const now = after.topology();
    for (const a of before.pods)
      for (const b of before.pods)
        for (const { port, protocol } of GRID) {
          if (a === b) continue;
          const key = `${podKey(a)} ${podKey(b)} ${protocol}/${port}`;
          const covered =
            podKey(a) === c.from &&
            podKey(b) === c.to &&
            (c.port === undefined || c.port === port) &&
            (c.protocol === undefined || c.protocol === protocol);
          const was = evaluateConnection(before, a, b, port, protocol).allowed;
          if (covered && was !== (c.action === 'allow')) asked.push(key);
          const is = evaluateConnection(
            now,
            pods(now, podKey(a)),
            pods(now, podKey(b)),
            port,
            protocol,
          ).allowed;
          if (is !== was) changed.push(key);
        }
    assert.ok(asked.length > 0);
    assert.deepEqual(changed, asked);
  });
