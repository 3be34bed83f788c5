// The Service hover's reachability, judged once per equivalence class of sources, against the
// pod-by-pod oracle (every pod but the endpoints, evaluated alone): same totals, same groups with the
// same counts, and every pod named in a group is one the oracle lets in for that reason — on the
// samples and on random worlds (extra pods behind the Services, random policies).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { podKey } from '../../../../server/src/engine/model';
import type { Topology } from '../../../../server/src/engine/model';
import { evaluateConnection } from '../../../../server/src/engine/reachability';
import { servicesOf } from '../../../../server/src/engine/services';
import { describeService } from '../../../../server/src/engine/services/describe';
import { Workspace } from '../../../../server/src/engine/workspace';
import { samplesDir } from '../../../helpers/paths';
import { shopWithServices } from './cluster';

function shopSample(): Topology {
  const dir = path.join(samplesDir, '..', 'shop');
  const ws = new Workspace();
  for (const f of fs.readdirSync(dir, { recursive: true }).map(String))
    if (f.endsWith('.yaml'))
      ws.setFile({ path: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') });
  return ws.topology();
}

/** Reason → pods allowed, pod by pod (what the hover computed before classes). */
function oracle(
  topology: Topology,
  key: string,
  index: number,
): { total: number; groups: Map<string, string[]> } {
  const service = servicesOf(topology).byKey.get(key)!;
  const serving = service.endpoints.filter((e) => e.targetPorts[index] !== null && e.pod);
  const target = serving[0]!.pod!;
  const port = serving[0]!.targetPorts[index]!;
  const behind = new Set(serving.map((e) => e.pod));
  const sources = topology.pods.filter((p) => !behind.has(p));
  const groups = new Map<string, string[]>();
  for (const src of sources) {
    const v = evaluateConnection(topology, src, target, port, service.ports[index]!.protocol);
    if (!v.allowed) continue;
    const reason = v.ingress?.isolated
      ? [
          ...new Set(v.ingress.allowedBy.map((a) => `${podKey(a.policy)} ingress rule ${a.ruleIndex + 1}`)),
        ].join(', ')
      : `no policy isolates ${podKey(target)} for ingress`;
    groups.set(reason, [...(groups.get(reason) ?? []), podKey(src)]);
  }
  return { total: sources.length, groups };
}

/** Every Service port with a pod endpoint: the class-based description equals the oracle. */
function assertMatchesOracle(topology: Topology): number {
  let checked = 0;
  for (const service of servicesOf(topology).services) {
    service.ports.forEach((_, index) => {
      if (!service.endpoints.some((e) => e.pod && e.targetPorts[index] !== null)) return;
      const got = describeService(topology, service, index).ports[0]!;
      const want = oracle(topology, `${service.namespace}/${service.name}`, index);
      const where = `${service.namespace}/${service.name} port ${index}`;
      assert.equal(got.total, want.total, where);
      assert.equal(
        got.allowed,
        [...want.groups.values()].reduce((n, g) => n + g.length, 0),
        where,
      );
      assert.deepEqual(
        got.groups.map((g) => [g.reason, g.count]).sort(),
        [...want.groups].map(([r, pods]) => [r, pods.length]).sort(),
        where,
      );
      for (const g of got.groups) {
        assert.equal(g.first.length, Math.min(3, g.count), where);
        assert.equal(new Set(g.first).size, g.first.length, where);
        for (const pod of g.first) assert.ok(want.groups.get(g.reason)?.includes(pod), `${where}: ${pod}`);
      }
      checked++;
    });
  }
  return checked;
}

void describe('Service hover reachability by equivalence classes', () => {
  for (const [name, topology] of [
    ['samples/shop', shopSample()],
    ['the small shop', shopWithServices().topology()],
  ] as const)
    void it(`matches the pod-by-pod oracle on every Service port of ${name}`, () => {
      const checked = assertMatchesOracle(topology);
      assert.ok(checked >= 3, `${checked} Service ports checked`);
    });

  void it('matches the pod-by-pod oracle on random worlds', () => {
    fc.assert(
      fc.property(
        fc.array(podArb, { maxLength: 8 }),
        fc.array(policyArb, { maxLength: 4 }),
        (pods, policies) => {
          const ws = shopWithServices([...pods.map(podYaml), ...policies.map(policyYaml)].join('---\n'));
          assert.ok(assertMatchesOracle(ws.topology()) >= 3);
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** What an arbitrary generates. */
type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const apps = ['api', 'db', 'pg', 'client', 'cache'] as const;
const containerPorts = [
  { name: 'postgres', containerPort: 15432 },
  { name: 'postgres', containerPort: 5432 },
  { name: 'http', containerPort: 8080 },
  { containerPort: 8080 },
  { containerPort: 9090 },
];

/** An extra pod: it joins the Services that select its app (shop) or none (staging). */
const podArb = fc.record({
  namespace: fc.constantFrom('shop', 'staging'),
  app: fc.constantFrom(...apps),
  tier: fc.constantFrom('a', 'b'),
  ports: fc.subarray(containerPorts, { maxLength: 2 }),
  node: fc.integer({ min: 0, max: 2 }),
});

function podYaml(p: ValueOf<typeof podArb>, i: number): string {
  const ports = p.ports.map((c) => JSON.stringify(c)).join(', ');
  return `apiVersion: v1
kind: Pod
metadata: {name: x${i}, namespace: ${p.namespace}, labels: {app: ${p.app}, tier: ${p.tier}}}
spec:
  nodeName: node-${'abc'[p.node]}
  containers: [{name: c, ports: [${ports}]}]
status: {podIP: 10.244.${p.node}.${50 + i}}
`;
}

/** Peers and ports a random rule picks from (by index). */
const PEERS = [
  '{podSelector: {matchLabels: {app: api}}}',
  '{podSelector: {matchLabels: {tier: b}}}',
  '{namespaceSelector: {}}',
  '{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: staging}}, podSelector: {}}',
  '{ipBlock: {cidr: 10.244.0.0/16, except: [10.244.1.0/24]}}',
  '{ipBlock: {cidr: 10.244.2.0/24}}',
];
const PORTS = [
  '{port: 5432}',
  '{port: 15432}',
  '{port: postgres}',
  '{port: http}',
  '{port: 8000, endPort: 9000}',
];

const policyArb = fc.record({
  selector: fc.constantFrom('{}', ...apps.map((a) => `{matchLabels: {app: ${a}}}`)),
  direction: fc.constantFrom('ingress', 'egress'),
  rules: fc.array(
    fc.record({
      peers: fc.subarray([...PEERS.keys()], { maxLength: 2 }),
      ports: fc.subarray([...PORTS.keys()], { maxLength: 2 }),
    }),
    { maxLength: 3 },
  ),
  namespace: fc.constantFrom('shop', 'staging'),
});

function policyYaml(p: ValueOf<typeof policyArb>, i: number): string {
  const key = p.direction === 'ingress' ? 'from' : 'to';
  const rules = p.rules.map((r) => {
    const parts = [];
    if (r.peers.length) parts.push(`${key}: [${r.peers.map((k) => PEERS[k]).join(', ')}]`);
    if (r.ports.length) parts.push(`ports: [${r.ports.map((k) => PORTS[k]).join(', ')}]`);
    return `{${parts.join(', ')}}`;
  });
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: r${i}, namespace: ${p.namespace}}
spec:
  podSelector: ${p.selector}
  policyTypes: [${p.direction === 'ingress' ? 'Ingress' : 'Egress'}]
  ${p.direction}: [${rules.join(', ')}]
`;
}
