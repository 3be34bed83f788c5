// The matrix's equivalence classes: pods policies cannot tell apart share one evaluation; and the
// cost stays far below pairwise evaluation on a large random workspace.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeMatrix } from '../../../server/src/engine/matrix';
import { modelTopology, netpol } from '../../helpers/e2eModel';
import { cluster, seeded, topologyOf } from '../../helpers/clusterGen';

void describe('equivalence classes', () => {
  void test('without policies every pod is alike: one class, every pair allowed', () => {
    const m = computeMatrix(modelTopology([]), 80, 'TCP');
    assert.equal(m.classes, 1);
    assert.equal(m.allowed.length, 81);
  });

  void test('a policy in x on label pod: x pods by label, y and z merged (no namespaceSelector sees them)', () => {
    const t = modelTopology([
      netpol('x', 'a', { podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Ingress'] }),
    ]);
    assert.equal(computeMatrix(t, 80, 'TCP').classes, 6);
  });

  void test('a namespaceSelector on ns=y separates y from z', () => {
    const spec = {
      podSelector: {},
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'y' } } }] }],
    };
    assert.equal(computeMatrix(modelTopology([netpol('x', 'from-y', spec)]), 80, 'TCP').classes, 3);
  });

  void test('an ipBlock splits off the pods whose IPs it holds; a named port only when pods differ', () => {
    const t = modelTopology([]);
    const ip = t.pods.find((p) => p.namespace === 'z' && p.name === 'c')!.ip;
    const spec = {
      podSelector: {},
      ingress: [{ from: [{ ipBlock: { cidr: `${ip}/32` } }], ports: [{ port: 'serve-80-tcp' }] }],
    };
    assert.equal(computeMatrix(modelTopology([netpol('x', 'ip', spec)]), 80, 'TCP').classes, 3);
  });
});

void describe('scale', () => {
  void test('1,000 pods × 300 policies', () => {
    const t = topologyOf(cluster(seeded(42), { namespaces: 10, pods: 1000, policies: 300 }));
    const start = process.cpuUsage();
    const m = computeMatrix(t, 80, 'TCP');
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    assert.equal(m.pods.length, 1000);
    assert.ok(m.classes < 1000);
    assert.ok(ms < 4000, `matrix took ${ms.toFixed(0)} ms of CPU`);
  });
});
