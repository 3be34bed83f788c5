// The matrix on a port name or on every declared port (portsMatrix.ts) against the pair-by-pair
// reference (evaluateConnection on each destination's own numbers), on the upstream e2e model plus
// pods that serve `http` on different numbers, and one that does not serve it at all.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stringify } from 'yaml';
import type { Topology } from '../../../server/src/engine/model';
import { podKey } from '../../../server/src/engine/model';
import { computePortsMatrix } from '../../../server/src/engine/portsMatrix';
import { evaluateConnection } from '../../../server/src/engine/reachability';
import type { Protocol } from '../../../server/src/engine/types';
import { modelTopology, netpol } from '../../helpers/e2eModel';

const pod = (name: string, ports: { name: string; containerPort: number }[]) =>
  // YAML 1.1, as kubectl reads it: the namespace `y` is written quoted.
  stringify(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'y', labels: { pod: name, app: 'api' } },
      spec: { containers: [{ name: 'main', image: 'api:1', ports }] },
    },
    { version: '1.1' },
  );

const extra = [
  pod('api-1', [{ name: 'http', containerPort: 8080 }]),
  pod('api-2', [
    { name: 'http', containerPort: 9090 },
    { name: 'metrics', containerPort: 9100 },
  ]),
  pod('worker', [{ name: 'metrics', containerPort: 9100 }]),
].join('---\n');

const policies = [
  netpol('y', 'api-http', {
    podSelector: { matchLabels: { app: 'api' } },
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'x' } } }], ports: [{ port: 'http' }] }],
  }),
  netpol('x', 'a-out', {
    podSelector: { matchLabels: { pod: 'a' } },
    policyTypes: ['Egress'],
    egress: [{ ports: [{ port: 8080 }, { port: 9100 }] }],
  }),
];

/** The reference: every pair, on each number the destination serves under the name. */
function reference(t: Topology, port: string, protocol: Protocol): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const src of t.pods)
    for (const dst of t.pods) {
      const numbers = [
        ...new Set(
          dst.ports
            .filter((c) => c.protocol === protocol && (port === 'declared' || c.name === port))
            .map((c) => c.containerPort),
        ),
      ].sort((a, b) => a - b);
      const allowed = numbers.filter((n) => evaluateConnection(t, src, dst, n, protocol).allowed);
      if (allowed.length) out.set(`${podKey(src)}>${podKey(dst)}`, allowed);
    }
  return out;
}

void describe('matrix on a port name or the declared ports', () => {
  const t = modelTopology(policies, extra);
  for (const port of ['http', 'metrics', 'declared', 'serve-80-tcp', 'nothing'])
    void test(`--port ${port} agrees with the pair-by-pair reference`, () => {
      const m = computePortsMatrix(t, port, 'TCP');
      const got = new Map(m.allowed.map(([a, b], i) => [`${a}>${b}`, m.allowedPorts[i]!]));
      assert.deepEqual([...got].sort(), [...reference(t, port, 'TCP')].sort());
      assert.equal(m.port, port);
      assert.deepEqual(m.pods, [...m.pods].sort());
    });

  void test('each destination resolves the name to its own number; without it, nothing reaches it', () => {
    const m = computePortsMatrix(t, 'http', 'TCP');
    assert.deepEqual(m.ports['y/api-1'], [8080]);
    assert.deepEqual(m.ports['y/api-2'], [9090]);
    assert.deepEqual(m.ports['y/worker'], []);
    assert.ok(!m.allowed.some(([, to]) => to === 'y/worker'));
    const pairs = new Set(m.allowed.map(([a, b]) => `${a}>${b}`));
    assert.ok(pairs.has('x/a>y/api-1'), 'x/a may send to 8080');
    assert.ok(!pairs.has('x/a>y/api-2'), 'x/a may not send to 9090');
    assert.ok(pairs.has('x/b>y/api-2'));
    assert.ok(!pairs.has('z/b>y/api-1'), 'only namespace x may reach the api pods');
    assert.ok(pairs.has('y/api-1>y/api-1'), 'a pod reaches itself on its own port');
  });
});
