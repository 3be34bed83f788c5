import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findById, textOf, walk } from '../../../media/src/shared/el';
import { hostInCidr, topologyNodes, topologySummary, topologyView } from '../../../media/src/topology/view';
import type { TopologyResult } from '../../../server/src/protocol/requests';

const topology: TopologyResult = {
  nodes: [
    { name: 'node-1', ip: '192.168.56.11', podCIDR: '10.244.0.0/24', synthesized: false },
    { name: 'node-2', ip: '192.168.56.12', podCIDR: '10.244.1.0/24', synthesized: false },
  ],
  pods: [
    {
      key: 'default/web',
      namespace: 'default',
      name: 'web',
      node: 'node-1',
      ip: '10.244.0.2',
      labels: { app: 'myapp' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    },
    {
      key: 'default/db',
      namespace: 'default',
      name: 'db',
      node: 'node-2',
      ip: '10.244.1.2',
      labels: {},
      ports: [],
    },
  ],
  policies: [{ key: 'default/db-access-ingress', file: '/w/p.yaml', line: 12 }],
  backend: 'vxlan',
  network: '10.244.0.0/16',
  enforcement: true,
};

void describe('topology view', () => {
  void it('derives bridge and flannel.1 addresses from the pod CIDR', () => {
    assert.equal(hostInCidr('10.244.1.0/24', 1), '10.244.1.1');
    assert.equal(hostInCidr('10.244.1.77/24', 0), '10.244.1.0');
    assert.equal(hostInCidr('10.0.0.0/8', 1), '10.0.0.1');
    assert.equal(hostInCidr('0.0.0.0/0', 1), '0.0.0.1');
    assert.equal(hostInCidr('not a cidr', 1), '');
    assert.equal(hostInCidr('10.0.0.300/24', 1), '');
  });

  void it('turns the topology into diagram nodes (no flannel.1 with host-gw)', () => {
    const nodes = topologyNodes(topology);
    assert.deepEqual(nodes[0]?.bridge, { name: 'cni0', ip: '10.244.0.1' });
    assert.deepEqual(nodes[1]?.vtep, { name: 'flannel.1', ip: '10.244.1.0' });
    assert.deepEqual(nodes[1]?.pods, [{ key: 'default/db', ip: '10.244.1.2' }]);
    assert.equal(topologyNodes({ ...topology, backend: 'host-gw' })[0]?.vtep, null);
  });

  void it('summarises and lists nodes, pods and policies', () => {
    assert.equal(
      topologySummary(topology),
      '2 nodes · 2 pods · flannel vxlan 10.244.0.0/16 · policies enforced',
    );
    const el = topologyView(topology);
    assert.ok(findById(el, 'diagram'));
    assert.match(
      textOf(findById(el, 'pods-table')!),
      /default\/web.*node-1.*10\.244\.0\.2.*app=myapp.*80\/TCP \(http\)/,
    );
    const link = [...walk(findById(el, 'policies-list')!)].find((e) => e.tag === 'button');
    assert.deepEqual(
      [link?.attrs['data-policy'], link?.attrs['data-action']],
      ['default/db-access-ingress', 'open-policy'],
    );
  });
});
