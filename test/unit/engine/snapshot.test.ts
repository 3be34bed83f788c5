// The topology snapshot the engine hands out carries what is derived from it: its cluster part (same
// object while only policies change), the definitions of policies defined twice, its lookups. A spread
// copy is a plain topology and derives its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TopologySnapshot } from '../../../server/src/engine/snapshot';
import { clusterOf, findPod, policyDefinitions } from '../../../server/src/engine/topology';
import { Workspace } from '../../../server/src/engine/workspace';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\n';
const policy = (name: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  podSelector: {}\n`;

void test('a policy edit gives a new snapshot with the same cluster; a pod edit a new cluster', () => {
  const ws = new Workspace();
  ws.setFile({ path: 'pods.yaml', text: POD });
  ws.setFile({ path: 'p.yaml', text: policy('a') });
  const first = ws.topology();
  assert.ok(first instanceof TopologySnapshot);
  ws.setFile({ path: 'p.yaml', text: policy('b') });
  const second = ws.topology();
  assert.notEqual(second, first);
  assert.equal(clusterOf(second), clusterOf(first));
  ws.setFile({ path: 'pods.yaml', text: POD.replace('web', 'api') });
  assert.notEqual(clusterOf(ws.topology()), clusterOf(second));
});

void test('duplicates: every definition of a policy defined twice, by its snapshot', () => {
  const ws = new Workspace();
  ws.setFile({ path: 'a.yaml', text: policy('x') });
  ws.setFile({ path: 'b.yaml', text: policy('x') });
  const defs = policyDefinitions(ws.topology(), { namespace: 'default', name: 'x' });
  assert.deepEqual(
    defs.map((d) => d.file),
    ['a.yaml', 'b.yaml'],
  );
  assert.deepEqual(policyDefinitions({ ...ws.topology() }, { namespace: 'default', name: 'x' }), []);
});

void test("a spread copy is a plain topology: it keeps none of the snapshot's derived data", () => {
  const ws = new Workspace();
  ws.setFile({ path: 'pods.yaml', text: POD });
  const topology = ws.topology();
  assert.equal(findPod(topology, 'default/web').pod?.name, 'web');
  const copy = { ...topology, pods: [] };
  assert.deepEqual(Object.keys(copy).sort(), [
    'dataplane',
    'idleWorkloads',
    'namespaces',
    'nodes',
    'pods',
    'policies',
    'services',
  ]);
  assert.deepEqual(findPod(copy, 'default/web').matches, []);
  assert.equal(clusterOf(copy), copy);
});
