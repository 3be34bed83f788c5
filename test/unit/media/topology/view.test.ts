import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findById, textOf, walk } from '../../../../media/src/shared/el';
import { rectsOverlap } from '../../../../media/src/diagram/geometry';
import { boxIndex } from '../../../../media/src/diagram/layout';
import { nodesPerRow, topologyLayout } from '../../../../media/src/topology/layout';
import {
  hostInCidr,
  servicePortText,
  topologyNodes,
  topologySummary,
  topologyView,
} from '../../../../media/src/topology/view';
import type { TopologyResult } from '../../../../server/src/protocol/requests';

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
    assert.equal(findById(el, 'cluster-dns'), undefined, 'a server without Services: no DNS line');
  });

  void it('lists the Services and says when the cluster DNS is synthesized, or declared', () => {
    const dns = {
      service: 'kube-system/kube-dns',
      clusterIP: '10.96.0.10',
      synthesized: true,
      pods: [{ key: 'kube-system/coredns-a', node: 'node-1', ip: '10.244.0.254' }],
    };
    const services = [
      {
        key: 'default/db',
        type: 'ClusterIP',
        clusterIP: '10.96.0.20',
        ports: [{ name: 'postgres', port: 5432, protocol: 'TCP' as const, targetPort: 15432 }],
        endpoints: 1,
      },
    ];
    const withDns: TopologyResult = { ...topology, services, dns };
    assert.equal(
      topologySummary(withDns),
      '2 nodes · 2 pods · 1 Service · flannel vxlan 10.244.0.0/16 · policies enforced · cluster DNS synthesized',
    );
    const el = topologyView(withDns);
    assert.equal(
      textOf(findById(el, 'services-table')!),
      'ServiceTypeClusterIPPortsEndpointsdefault/dbClusterIP10.96.0.20postgres 5432/TCP → 154321',
    );
    assert.equal(
      textOf(findById(el, 'cluster-dns')!),
      'Cluster DNS kube-system/kube-dns 10.96.0.10: synthesized — the workspace declares no CoreDNS pods, so ' +
        '1 made-up pod (kube-system/coredns-a on node-1 (10.244.0.254)) answer DNS traces and the DNS lint ' +
        'only; they are not in the diagram, the matrix or the pod counts.',
    );
    const declared = topologyView({ ...withDns, dns: { ...dns, synthesized: false } });
    assert.equal(
      textOf(findById(declared, 'cluster-dns')!),
      'Cluster DNS kube-system/kube-dns 10.96.0.10: declared, served by kube-system/coredns-a on node-1 (10.244.0.254).',
    );
  });
});

/** n nodes, each with pods in namespaces ns-0..ns-2 (30+ pods in all for n >= 3), given in reverse order. */
function bigTopology(n: number, podsPerNode: number): TopologyResult {
  const nodes = Array.from({ length: n }, (_, i) => ({
    name: `node-${i}`,
    ip: `192.168.56.${20 + i}`,
    podCIDR: `10.244.${i}.0/24`,
    synthesized: false,
  }));
  const pods = nodes
    .flatMap((node, i) =>
      Array.from({ length: podsPerNode }, (_, j) => ({
        key: `ns-${j % 3}/recommendations-cb42vjm9fs-${i}${j}`,
        namespace: `ns-${j % 3}`,
        name: `recommendations-cb42vjm9fs-${i}${j}`,
        node: node.name,
        ip: `10.244.${i}.${j + 2}`,
        labels: {},
        ports: [],
      })),
    )
    .reverse();
  return { ...topology, nodes, pods, policies: [] };
}

void describe('topology diagram', () => {
  const t = bigTopology(3, 12);

  void it('groups the pods of each node by namespace, namespaces and pods in key order', () => {
    const layout = topologyLayout(topologyNodes(t), 2);
    const groups = layout.boxes.filter((b) => b.kind === 'group' && b.node === 'node-1').map((b) => b.id);
    assert.deepEqual(groups, ['group:node-1:ns-0', 'group:node-1:ns-1', 'group:node-1:ns-2']);
    const rows = layout.boxes.filter((b) => b.kind === 'pod-row' && b.node === 'node-1').map((b) => b.pod);
    assert.deepEqual(rows, [...rows].sort());
    assert.equal(rows.length, 12);
    const idx = boxIndex(layout);
    for (const r of layout.boxes.filter((b) => b.kind === 'pod-row')) {
      const g = idx.get(`group:${r.node}:${r.pod?.split('/')[0]}`)!;
      assert.ok(r.y >= g.y && r.y + r.h <= g.y + g.h, `${r.id} inside its namespace`);
    }
    const names = layout.boxes.filter(
      (b) => b.kind === 'bridge' || b.kind === 'vtep' || b.kind === 'node-eth0',
    );
    assert.deepEqual([...new Set(names.map((b) => b.label))], ['cni0', 'flannel.1', 'eth0']);
  });

  for (const perRow of [1, 2, 3, 5])
    void it(`draws ${perRow} node(s) per row with no text overlapping another or leaving its box`, () => {
      const layout = topologyLayout(topologyNodes(t), perRow);
      assert.deepEqual(
        layout.nodes.map((n) => n.row),
        [0, 1, 2].map((i) => Math.floor(i / perRow)),
      );
      const idx = boxIndex(layout);
      layout.labels.forEach((a, i) => {
        for (const b of layout.labels.slice(i + 1))
          assert.ok(!rectsOverlap(a.rect, b.rect), `${a.text} / ${b.text}`);
        const box = idx.get(a.box)!;
        assert.ok(a.rect.x >= box.x && a.rect.x + a.rect.w <= box.x + box.w, `${a.text} inside ${a.box}`);
      });
      const nodes = layout.boxes.filter((b) => b.kind === 'node');
      nodes.forEach((a, i) => nodes.slice(i + 1).forEach((b) => assert.ok(!rectsOverlap(a, b))));
    });

  void it('puts as many nodes side by side as the pane shows at a scale', () => {
    assert.equal(nodesPerRow(560, 10 / 12), 1);
    assert.equal(nodesPerRow(650, 10 / 12), 2);
    assert.equal(nodesPerRow(1400, 10 / 12), 4);
    assert.equal(nodesPerRow(50, 1), 1);
  });
});

void describe('topology Service ports', () => {
  const base = { port: 5432, protocol: 'TCP' as const };
  const cases: [string, Parameters<typeof servicePortText>[0], string][] = [
    ['same port', { ...base, name: 'postgres', targetPort: 5432 }, 'postgres 5432/TCP'],
    ['another number', { ...base, targetPort: 15432 }, '5432/TCP → 15432'],
    [
      'a name, with its number on the endpoints',
      { ...base, name: 'pg', targetPort: 'postgres', resolvedPorts: [15432] },
      'pg 5432/TCP → postgres (15432)',
    ],
    [
      'a name served on two numbers',
      { ...base, targetPort: 'postgres', resolvedPorts: [15432, 15433] },
      '5432/TCP → postgres (15432, 15433)',
    ],
    ['a name no endpoint serves', { ...base, targetPort: 'postgres' }, '5432/TCP → postgres'],
    [
      'a nodePort',
      { port: 80, protocol: 'TCP', name: 'http', targetPort: 8080, nodePort: 30080 },
      'http 80/TCP → 8080, nodePort 30080',
    ],
  ];
  for (const [why, port, text] of cases)
    void it(`reads ${why}`, () => assert.equal(servicePortText(port), text));
});
