// Properties of the topology on random workspaces: the same input always gives the same output (also
// when files arrive in another order), and allocated addresses are unique and inside their node's
// pod CIDR, never colliding with an address a pod declares.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { factsOf } from '../../../server/src/engine/cluster/facts';
import { parseFile } from '../../../server/src/engine/parse/documents';
import { cidrContains, parseCidr, parseIPv4 } from '../../../server/src/engine/ipv4';
import { buildTopology } from '../../../server/src/engine/topology';

const podArb = fc.record({
  name: fc.constantFrom('web', 'api', 'db', 'cache', 'worker', 'queue'),
  namespace: fc.constantFrom('default', 'shop', 'ops'),
  nodeName: fc.option(fc.constantFrom('node-1', 'node-2', 'edge-1'), { nil: undefined }),
  podIP: fc.option(fc.constantFrom('10.244.0.5', '10.244.1.9', '10.244.0.77'), { nil: undefined }),
  app: fc.constantFrom('a', 'b'),
});
const workloadArb = fc.record({
  kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet'),
  name: fc.constantFrom('front', 'back', 'batch'),
  replicas: fc.integer({ min: 0, max: 5 }),
});
const fileArb = fc.record({
  pods: fc.array(podArb, { maxLength: 8 }),
  workloads: fc.array(workloadArb, { maxLength: 3 }),
  declareNodes: fc.boolean(),
});

type FileSpec = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

function text(f: FileSpec): string {
  const docs: unknown[] = f.pods.map((p) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, namespace: p.namespace, labels: { app: p.app } },
    spec: { ...(p.nodeName ? { nodeName: p.nodeName } : {}), containers: [{ name: 'c', image: 'x' }] },
    ...(p.podIP ? { status: { podIP: p.podIP } } : {}),
  }));
  for (const w of f.workloads) {
    const template = {
      metadata: { labels: { app: w.name } },
      spec: { containers: [{ name: 'c', image: 'x' }] },
    };
    const count = w.kind === 'Job' ? { parallelism: w.replicas } : { replicas: w.replicas };
    docs.push({
      apiVersion: 'apps/v1',
      kind: w.kind,
      metadata: { name: w.name },
      spec: { ...count, template },
    });
  }
  if (f.declareNodes) {
    for (const [i, name] of ['node-1', 'node-2'].entries()) {
      docs.push({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name },
        spec: { podCIDR: `10.244.${i}.0/24` },
      });
    }
  }
  return docs.map((d) => JSON.stringify(d)).join('\n---\n');
}

const build = (files: [string, string][]) =>
  buildTopology(
    files.flatMap(([path, t]) => factsOf(parseFile({ path, text: t }).objects)),
    { enforcement: true, nodeCount: 2 },
  );

void test('same workspace, same topology, whatever the order files arrive in', () => {
  fc.assert(
    fc.property(fc.array(fileArb, { minLength: 1, maxLength: 3 }), (files) => {
      const named = files.map((f, i): [string, string] => [`f${i}.yaml`, text(f)]);
      const a = build(named);
      assert.deepEqual(build(named), a);
      assert.deepEqual(build([...named].reverse()), a);
    }),
    { numRuns: 150 },
  );
});

void test('allocated IPs are unique, inside the node CIDR, and never an address a pod declares', () => {
  fc.assert(
    fc.property(fc.array(fileArb, { minLength: 1, maxLength: 3 }), (files) => {
      const t = build(files.map((f, i): [string, string] => [`f${i}.yaml`, text(f)]));
      const declared = new Set(t.pods.filter((p) => !p.ipAllocated).map((p) => p.ip));
      const allocated = t.pods.filter((p) => p.ipAllocated).map((p) => p.ip);
      assert.equal(new Set(allocated).size, allocated.length);
      for (const p of t.pods.filter((x) => x.ipAllocated)) {
        assert.ok(!declared.has(p.ip), `${p.ip} is declared by another pod`);
        const node = t.nodes.find((n) => n.name === p.nodeName)!;
        assert.ok(
          cidrContains(parseCidr(node.podCIDR)!, parseIPv4(p.ip)!),
          `${p.ip} outside ${node.podCIDR}`,
        );
      }
      assert.equal(new Set(t.pods.map((p) => `${p.namespace}/${p.name}`)).size, t.pods.length);
    }),
    { numRuns: 150 },
  );
});
