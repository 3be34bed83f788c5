// The benchmark generator (bench/generate.ts) is deterministic and valid by construction: the engine
// finds no error in what it writes, and every policy selects the pod it was written for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateWorkspace, rng, toYaml } from '../../../bench/generate';
import type { WorkspaceSpec } from '../../../bench/generate';
import { podKey } from '../../../server/src/engine/model';
import { podsSelectedBy } from '../../../server/src/engine/reachability';
import { Workspace } from '../../../server/src/engine/workspace';

const spec: WorkspaceSpec = { seed: 5, pods: 300, policies: 120, podsPerFile: 100 };

function load(s: WorkspaceSpec): Workspace {
  const ws = new Workspace();
  for (const f of generateWorkspace(s).files) ws.setFile({ path: f.name, text: f.text });
  return ws;
}

void test('same spec, same bytes; another seed, other bytes', () => {
  const a = generateWorkspace(spec).files;
  assert.deepEqual(generateWorkspace(spec).files, a);
  assert.notDeepEqual(generateWorkspace({ ...spec, seed: 6 }).files, a);
});

void test('files: cluster, pods split by podsPerFile, policies last', () => {
  const { files, nodes, policies } = generateWorkspace(spec);
  assert.deepEqual(
    files.map((f) => f.name),
    ['cluster.yaml', 'pods-000.yaml', 'pods-001.yaml', 'pods-002.yaml', 'pods-003.yaml', 'policies.yaml'],
  );
  assert.equal(policies, files[files.length - 1]);
  assert.equal(nodes, 2);
  assert.equal(policies.text.split('\n---\n').length, 120);
});

void test('the engine finds nothing to report, not even a lint, and builds the whole topology', () => {
  const ws = load(spec);
  for (const path of ws.paths()) assert.deepEqual(ws.findings(path), [], path);
  const topo = ws.topology();
  assert.equal(topo.pods.length, 302);
  assert.equal(topo.policies.length, 120);
  assert.deepEqual(
    topo.nodes.map((n) => [n.name, n.podCIDR, n.synthesized]),
    [
      ['node-1', '10.244.0.0/24', false],
      ['node-2', '10.244.1.0/24', false],
    ],
  );
  assert.equal(new Set(topo.pods.map((p) => p.ip)).size, 302, 'pod IPs are unique');
  assert.ok(topo.pods.every((p) => !p.ipAllocated && !p.nodeAssigned));
});

void test('every policy selects at least one pod of its namespace', () => {
  const topo = load(spec).topology();
  for (const policy of topo.policies) {
    const selected = podsSelectedBy(topo, policy);
    assert.ok(selected.length > 0, `${podKey(policy)} selects nothing`);
    assert.ok(selected.every((p) => p.namespace === policy.namespace));
  }
});

void test('rng is mulberry32: fixed first values for seed 1', () => {
  const r = rng(1);
  assert.deepEqual(
    [r(), r(), r()].map((x) => x.toFixed(6)),
    ['0.627074', '0.002736', '0.527447'],
  );
});

void test('toYaml writes kubectl-style block YAML and quotes what is not plain-safe', () => {
  assert.equal(
    toYaml({ a: 1, b: ['x', { c: 'd e', f: [] }], g: { h: true } }),
    'a: 1\nb:\n  - x\n  - c: "d e"\n    f: []\ng:\n  h: true\n',
  );
});

void test('mistakes: only the policies file changes, and each kind of mistake draws its finding', () => {
  const clean = generateWorkspace(spec);
  const flawed = generateWorkspace({ ...spec, mistakes: 1 });
  assert.deepEqual(
    flawed.files.slice(0, -1),
    clean.files.slice(0, -1),
    'the cluster and pods are the same bytes',
  );
  assert.notEqual(flawed.policies.text, clean.policies.text);
  const ws = load({ ...spec, mistakes: 1 });
  const codes = new Set(ws.findings('policies.yaml').map((f) => f.code));
  assert.deepEqual([...codes].sort(), [
    'egress-blocks-dns',
    'invalid-protocol',
    'ipblock-overlaps-pod-network',
    'named-port-unknown',
    'policy-selects-nothing',
    'policy-types-implied',
    'port-not-served',
  ]);
});
