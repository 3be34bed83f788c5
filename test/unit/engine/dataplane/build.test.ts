import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDataplane } from '../../../../server/src/engine/dataplane';
import type { NodeNet } from '../../../../server/src/engine/dataplane';
import { shopCluster } from './cluster';

const nodeNamed = (nodes: NodeNet[], name: string): NodeNet => {
  const node = nodes.find((n) => n.name === name);
  assert.ok(node, `node ${name}`);
  return node;
};

void describe('buildDataplane on three flannel VXLAN nodes', () => {
  const dp = buildDataplane(shopCluster());
  const [a, b, c] = ['node-a', 'node-b', 'node-c'].map((n) => nodeNamed(dp.nodes, n)) as [
    NodeNet,
    NodeNet,
    NodeNet,
  ];

  void it('gives each node eth0, cni0 and flannel.1 with their addresses and MTUs', () => {
    assert.equal(a.eth0.address, '192.168.56.11/24');
    assert.equal(a.eth0.mtu, 1500);
    assert.equal(a.bridge.name, 'cni0');
    assert.equal(a.bridge.address, '10.244.0.1/24');
    assert.equal(a.bridge.mtu, 1450);
    assert.equal(b.vtep?.name, 'flannel.1');
    assert.equal(b.vtep?.address, '10.244.1.0/32');
    assert.equal(b.vtep?.vni, 1);
    assert.equal(b.vtep?.udpPort, 8472);
    assert.equal(b.vtep?.mtu, 1450);
    assert.equal(c.vtep?.address, '10.244.2.0/32');
    for (const n of [a, b, c]) {
      assert.match(n.eth0.mac, /^08:00:27(:[0-9a-f]{2}){3}$/);
      assert.match(n.vtep?.mac ?? '', /^[0-9a-f][26ae](:[0-9a-f]{2}){5}$/, 'locally administered unicast');
    }
    assert.equal(new Set([a, b, c].map((n) => n.vtep?.mac)).size, 3);
  });

  void it('prints node-a’s routes as `ip route` does', () => {
    assert.equal(
      a.tables.ipRoute,
      [
        'default via 192.168.56.1 dev eth0',
        '10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1',
        '10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink',
        '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
        '192.168.56.0/24 dev eth0 proto kernel scope link src 192.168.56.11',
      ].join('\n'),
    );
    assert.equal(
      c.tables.ipRoute,
      [
        'default via 192.168.56.1 dev eth0',
        '10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink',
        '10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink',
        '10.244.2.0/24 dev cni0 proto kernel scope link src 10.244.2.1',
        '192.168.56.0/24 dev eth0 proto kernel scope link src 192.168.56.13',
      ].join('\n'),
    );
  });

  void it('prints node-a’s neighbours: underlay, local pods, then the permanent VTEP entries', () => {
    assert.equal(
      a.tables.ipNeigh,
      [
        `192.168.56.1 dev eth0 lladdr ${a.gatewayMac} REACHABLE`,
        `192.168.56.12 dev eth0 lladdr ${b.eth0.mac} REACHABLE`,
        `192.168.56.13 dev eth0 lladdr ${c.eth0.mac} REACHABLE`,
        '10.244.0.5 dev cni0 lladdr 0a:58:0a:f4:00:05 REACHABLE',
        '10.244.0.6 dev cni0 lladdr 0a:58:0a:f4:00:06 REACHABLE',
        `10.244.1.0 dev flannel.1 lladdr ${b.vtep?.mac} PERMANENT`,
        `10.244.2.0 dev flannel.1 lladdr ${c.vtep?.mac} PERMANENT`,
      ].join('\n'),
    );
  });

  void it('prints node-b’s bridge and VXLAN FDB', () => {
    const db = dp.pods.get('shop/db');
    assert.ok(db);
    assert.equal(
      b.tables.bridgeFdb,
      [
        `0a:58:0a:f4:01:07 dev ${db.veth.name} master cni0`,
        `${db.veth.mac} dev ${db.veth.name} master cni0 permanent`,
        `${a.vtep?.mac} dev flannel.1 dst 192.168.56.11 self permanent`,
        `${c.vtep?.mac} dev flannel.1 dst 192.168.56.13 self permanent`,
      ].join('\n'),
    );
  });

  void it('says flanneld wrote the VTEP entries from the remote node annotations (seed step 3b)', () => {
    const neigh = a.neighbours.find((n) => n.ip === '10.244.1.0');
    assert.match(
      neigh?.origin ?? '',
      /^flanneld: VtepMAC from node-b's annotation flannel\.alpha\.coreos\.com\/backend-data/,
    );
    assert.match(neigh?.origin ?? '', /API server or etcd \(step 3b\)/);
    const fdb = a.fdb.find((f) => f.dst === '192.168.56.12');
    assert.match(fdb?.origin ?? '', /node-b's annotation flannel\.alpha\.coreos\.com\/public-ip/);
    const route = a.routes.find((r) => r.dst === '10.244.1.0/24');
    assert.match(route?.origin ?? '', /^flanneld \(vxlan backend\): node-b's subnet lease/);
    assert.equal(
      b.annotations['flannel.alpha.coreos.com/backend-data'],
      JSON.stringify({ VNI: 1, VtepMAC: b.vtep?.mac }),
    );
    assert.equal(b.annotations['flannel.alpha.coreos.com/public-ip'], '192.168.56.12');
  });

  void it('lists flannel’s masquerade rules', () => {
    assert.equal(
      b.tables.iptables,
      [
        '-A FLANNEL-POSTRTG -s 10.244.0.0/16 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j RETURN',
        '-A FLANNEL-POSTRTG -s 10.244.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully',
        '-A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d 10.244.1.0/24 -m comment --comment "flanneld masq" -j RETURN',
        '-A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully',
      ].join('\n'),
    );
  });

  void it('gives each pod a netns held by its pause container, eth0, routes and a host-side veth', () => {
    const client = dp.pods.get('shop/client');
    assert.ok(client);
    assert.equal(client.node, 'node-a');
    assert.equal(client.sandbox, 'k8s_POD_client_shop');
    assert.deepEqual(client.eth0, {
      name: 'eth0',
      mac: '0a:58:0a:f4:00:05',
      address: '10.244.0.5/24',
      mtu: 1450,
    });
    assert.equal(client.veth.name, 'veth108d5048', 'veth + 8 hex characters, stable across runs');
    assert.equal(client.gateway, '10.244.0.1');
    assert.deepEqual(
      client.routes.map((r) => r.text),
      [
        'default via 10.244.0.1 dev eth0',
        '10.244.0.0/24 dev eth0 proto kernel scope link src 10.244.0.5',
        '10.244.0.0/16 via 10.244.0.1 dev eth0',
      ],
    );
    const names = [...dp.pods.values()].map((p) => p.veth.name);
    assert.ok(names.every((n) => /^veth[0-9a-f]{8}$/.test(n)));
    assert.equal(new Set(names).size, names.length);
  });

  void it('is deterministic', () => {
    const again = buildDataplane(shopCluster());
    assert.deepEqual(
      again.nodes.map((n) => n.tables),
      dp.nodes.map((n) => n.tables),
    );
  });
});

void describe('buildDataplane with the host-gw backend', () => {
  const dp = buildDataplane(shopCluster({ backend: 'host-gw' }));
  const a = nodeNamed(dp.nodes, 'node-a');

  void it('routes other nodes’ pod CIDRs via their node IP on eth0, with no flannel.1', () => {
    assert.equal(dp.backend, 'host-gw');
    assert.equal(
      a.tables.ipRoute,
      [
        'default via 192.168.56.1 dev eth0',
        '10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1',
        '10.244.1.0/24 via 192.168.56.12 dev eth0',
        '10.244.2.0/24 via 192.168.56.13 dev eth0',
        '192.168.56.0/24 dev eth0 proto kernel scope link src 192.168.56.11',
      ].join('\n'),
    );
    assert.equal(a.vtep, null);
    assert.equal(a.bridge.mtu, 1500);
    for (const table of Object.values(a.tables)) assert.doesNotMatch(table, /flannel\.1/);
    assert.equal(a.annotations['flannel.alpha.coreos.com/backend-type'], 'host-gw');
  });
});

void describe('buildDataplane on pods it cannot place', () => {
  void it('leaves out a pod whose IP is outside its node’s pod CIDR, with the reason', () => {
    const extra = `apiVersion: v1
kind: Pod
metadata:
  name: stray
  namespace: shop
spec:
  nodeName: node-a
  containers: [{ name: c, image: busybox }]
status:
  podIP: 10.244.1.99
`;
    const dp = buildDataplane(shopCluster({ extra }));
    assert.equal(dp.pods.has('shop/stray'), false);
    assert.equal(dp.unplaced.get('shop/stray'), "10.244.1.99 is outside node-a's podCIDR 10.244.0.0/24");
  });
});

void describe('buildDataplane on nodes it cannot model', () => {
  const extra = `apiVersion: v1
kind: Node
metadata: {name: node-d}
spec: {podCIDR: 10.244.1.0/24}
status: {addresses: [{type: InternalIP, address: 192.168.56.14}]}
---
apiVersion: v1
kind: Node
metadata: {name: node-e}
spec: {podCIDR: 10.244.9.0/31}
status: {addresses: [{type: InternalIP, address: 192.168.56.15}]}
---
apiVersion: v1
kind: Pod
metadata: {name: late, namespace: shop}
spec: {nodeName: node-d, containers: [{name: c, image: busybox}]}
`;
  const dp = buildDataplane(shopCluster({ extra }));

  void it('leaves out a node whose podCIDR overlaps an earlier node’s, and one too small for pods', () => {
    assert.deepEqual(
      dp.nodes.map((n) => n.name),
      ['node-a', 'node-b', 'node-c'],
    );
    assert.equal(
      dp.unplaced.get('shop/late'),
      "node node-d's podCIDR 10.244.1.0/24 overlaps node-b's 10.244.1.0/24",
    );
    assert.ok(!dp.nodes[0]?.tables.ipRoute.includes('192.168.56.14'));
  });
});
