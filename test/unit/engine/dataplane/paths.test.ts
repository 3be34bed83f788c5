// The seed's packet walks: same node (steps 1–4), across nodes over VXLAN (1–8), and host-gw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDataplane } from '../../../../server/src/engine/dataplane';
import { lastHop, shopCluster, steps, traceOk } from './cluster';

const topology = shopCluster();
const dp = buildDataplane(topology);
const pod = (key: string) => {
  const p = dp.pods.get(key);
  assert.ok(p, key);
  return p;
};
const node = (name: string) => {
  const n = dp.nodes.find((x) => x.name === name);
  assert.ok(n, name);
  return n;
};

void describe('trace on one node (seed steps 1–4)', () => {
  const t = traceOk(topology, 'shop/api', 'shop/client', 8080);
  const api = pod('shop/api');
  const client = pod('shop/client');

  void it('goes pod eth0 → veth → cni0 with ARP → destination veth → pod eth0', () => {
    assert.deepEqual(steps(t), ['1', '1', null, '2', '3', null, '4', '4']);
    assert.deepEqual(
      t.hops.map((h) => [h.node, h.netns, h.device, h.place]),
      [
        ['node-a', 'shop/api', 'eth0', 'pod-eth0'],
        ['node-a', 'root', api.veth.name, 'veth'],
        ['node-a', 'root', api.veth.name, 'veth'],
        ['node-a', 'root', 'cni0', 'bridge'],
        ['node-a', 'root', 'cni0', 'bridge'],
        ['node-a', 'root', 'cni0', 'bridge'],
        ['node-a', 'root', client.veth.name, 'veth'],
        ['node-a', 'shop/client', 'eth0', 'pod-eth0'],
      ],
    );
    assert.equal(t.verdict, 'delivered');
    assert.equal(t.drop, null);
  });

  void it('never touches flannel.1, encapsulates nothing and routes nothing (TTL stays 64)', () => {
    assert.ok(t.hops.every((h) => h.device !== 'flannel.1' && h.encapsulation === null && !h.packet.outer));
    assert.ok(t.hops.every((h) => h.packet.ip.ttl === 64));
    assert.ok(t.hops.every((h) => h.packet.ethernet?.dst === '0a:58:0a:f4:00:05'));
  });

  void it('shows the ARP exchange on cni0 and the FDB entry that forwards the frame', () => {
    assert.deepEqual(t.hops[3]?.arp, {
      device: 'cni0',
      request: 'who-has 10.244.0.5 tell 10.244.0.6',
      reply: '10.244.0.5 is-at 0a:58:0a:f4:00:05',
    });
    assert.deepEqual(
      t.hops[4]?.entries.map((e) => e.text),
      [`0a:58:0a:f4:00:05 dev ${client.veth.name} master cni0`],
    );
    assert.match(t.hops[3]?.action ?? '', /cni0, the node bridge \(also called cbr0\)/);
  });

  void it('checks egress at the source veth and ingress before the destination veth', () => {
    assert.equal(t.hops[2]?.policy?.direction, 'egress');
    assert.equal(t.hops[2]?.policy?.pod, 'shop/api');
    assert.equal(t.hops[5]?.policy?.direction, 'ingress');
    assert.equal(t.hops[5]?.policy?.pod, 'shop/client');
    assert.equal(t.hops[5]?.policy?.allowed, true);
    assert.equal(t.hops[5]?.policy?.enforced, true);
  });

  void it('has a deterministic ephemeral source port and a one-sentence summary', () => {
    const port = t.hops[0]?.packet.l4.srcPort ?? 0;
    assert.ok(port >= 32768 && port <= 60999);
    assert.deepEqual(t.hops[0]?.packet.l4, { protocol: 'TCP', srcPort: port, dstPort: 8080 });
    assert.equal(t.summary, 'shop/api reached shop/client on node-a through cni0, without leaving the node.');
  });
});

void describe('trace across nodes over VXLAN (seed steps 1–8)', () => {
  const t = traceOk(topology, 'shop/api', 'shop/db', 5432);
  const [a, b] = [node('node-a'), node('node-b')];
  const db = pod('shop/db');
  const byStep = (s: string) => {
    const hop = t.hops.find((h) => h.step === s);
    assert.ok(hop, `step ${s}`);
    return hop;
  };

  void it('follows the seed’s steps in order, policy checks in between', () => {
    assert.deepEqual(steps(t), [
      '1',
      '1',
      null,
      '2',
      '3a',
      '3b',
      '3c',
      '4',
      '5',
      '6a',
      '6b',
      '6c',
      '7',
      null,
      '8',
      '8',
    ]);
    assert.deepEqual(
      t.hops.map((h) => `${h.node} ${h.device}`),
      [
        'node-a eth0',
        `node-a ${pod('shop/api').veth.name}`,
        `node-a ${pod('shop/api').veth.name}`,
        'node-a cni0',
        'node-a flannel.1',
        'node-a flannel.1',
        'node-a eth0',
        'node-a eth0',
        'node-a underlay',
        'node-b eth0',
        'node-b flannel.1',
        'node-b cni0',
        'node-b cni0',
        'node-b cni0',
        `node-b ${db.veth.name}`,
        'node-b eth0',
      ],
    );
    assert.equal(lastHop(t).netns, 'shop/db');
    assert.equal(t.verdict, 'delivered');
  });

  void it('puts step 5 on the underlay, in no node’s netns', () => {
    assert.deepEqual(
      t.hops.filter((h) => h.netns === 'underlay').map((h) => [h.step, h.node, h.device, h.place]),
      [['5', 'node-a', 'underlay', 'underlay']],
    );
  });

  void it('is VXLAN-encapsulated from 3b to 6b: node IPs outside, UDP 8472, VNI 1', () => {
    const vxlan = {
      type: 'vxlan',
      outerSrc: '192.168.56.11',
      outerDst: '192.168.56.12',
      udpDstPort: 8472,
      vni: 1,
    };
    const encapsulated = t.hops.filter((h) => h.encapsulation !== null).map((h) => h.step);
    assert.deepEqual(encapsulated, ['3b', '3c', '4', '5', '6a', '6b']);
    for (const h of t.hops.filter((x) => x.encapsulation)) {
      assert.deepEqual(h.encapsulation, vxlan);
      assert.equal(h.packet.outer?.ip.src, '192.168.56.11');
      assert.equal(h.packet.outer?.ip.dst, '192.168.56.12');
      assert.equal(h.packet.outer?.ip.protocol, 'UDP');
      assert.equal(h.packet.outer?.udp.dstPort, 8472);
      assert.equal(h.packet.outer?.vxlan.vni, 1);
      assert.deepEqual(h.packet.outer?.ethernet, { src: a.eth0.mac, dst: b.eth0.mac });
      assert.deepEqual(h.packet.ethernet, { src: a.vtep?.mac, dst: b.vtep?.mac });
    }
  });

  void it('quotes the route to flannel.1 (3a) and flanneld’s neighbour and FDB entries (3b)', () => {
    assert.deepEqual(
      byStep('3a').entries.map((e) => e.text),
      ['10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink'],
    );
    assert.match(byStep('3a').action, /flannel.1, flannel's VXLAN device \(also called flannel0\)/);
    const entries = byStep('3b').entries;
    assert.deepEqual(
      entries.map((e) => [e.table, e.text]),
      [
        ['neigh', `10.244.1.0 dev flannel.1 lladdr ${b.vtep?.mac} PERMANENT`],
        ['fdb', `${b.vtep?.mac} dev flannel.1 dst 192.168.56.12 self permanent`],
      ],
    );
    assert.ok(entries.every((e) => e.origin.startsWith('flanneld')));
  });

  void it('decrements the inner TTL at each routing hop (3a on node-a, 6c on node-b)', () => {
    assert.deepEqual(
      t.hops.map((h) => h.packet.ip.ttl),
      [64, 64, 64, 64, 63, 63, 63, 63, 63, 63, 63, 62, 62, 62, 62, 62],
    );
    assert.equal(byStep('3a').packet.ethernet, null, 'routed: no link-layer header yet');
  });

  void it('ARPs for the pod on node-b’s cni0 (step 7) and forwards through its veth', () => {
    assert.deepEqual(byStep('7').arp, {
      device: 'cni0',
      request: 'who-has 10.244.1.7 tell 10.244.1.1',
      reply: '10.244.1.7 is-at 0a:58:0a:f4:01:07',
    });
    assert.deepEqual(byStep('7').packet.ethernet, { src: b.bridge.mac, dst: '0a:58:0a:f4:01:07' });
    assert.equal(
      byStep('6c').entries[0]?.text,
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
    );
    assert.equal(t.hops[13]?.policy?.direction, 'ingress');
    assert.deepEqual(t.hops[13]?.policy?.allowedBy, ['shop/db-ingress']);
  });

  void it('summarises the overlay crossing', () => {
    assert.equal(
      t.summary,
      "shop/api on node-a reached shop/db on node-b through flannel's VXLAN overlay (outer 192.168.56.11 → 192.168.56.12, UDP 8472, VNI 1).",
    );
    assert.equal(t.backend, 'vxlan');
  });

  void it('draws every node with its bridge, VTEP and pods', () => {
    assert.deepEqual(
      t.nodes.map((n) => [n.name, n.ip, n.podCIDR, n.bridge.ip, n.vtep?.ip, n.pods.map((p) => p.key)]),
      [
        ['node-a', '192.168.56.11', '10.244.0.0/24', '10.244.0.1', '10.244.0.0', ['shop/client', 'shop/api']],
        ['node-b', '192.168.56.12', '10.244.1.0/24', '10.244.1.1', '10.244.1.0', ['shop/db']],
        [
          'node-c',
          '192.168.56.13',
          '10.244.2.0/24',
          '10.244.2.1',
          '10.244.2.0',
          ['shop/cache', 'staging/api'],
        ],
      ],
    );
    assert.deepEqual(t.nodes[1]?.pods[0], {
      key: 'shop/db',
      node: 'node-b',
      ip: '10.244.1.7',
      mac: '0a:58:0a:f4:01:07',
      veth: db.veth.name,
      sandbox: 'k8s_POD_db_shop',
      labels: { app: 'db' },
    });
  });
});

void describe('trace across nodes with host-gw', () => {
  const hostGw = shopCluster({ backend: 'host-gw' });
  const t = traceOk(hostGw, 'shop/api', 'shop/db', 5432);
  const b = buildDataplane(hostGw).nodes[1];

  void it('routes via the node IP on eth0, without flannel.1 or encapsulation', () => {
    assert.deepEqual(steps(t), ['1', '1', null, '2', '3a', '4', '5', '6a', '6c', '7', null, '8', '8']);
    assert.ok(t.hops.every((h) => h.encapsulation === null && h.device !== 'flannel.1' && !h.packet.outer));
    const route = t.hops[4];
    assert.equal(route?.device, 'eth0');
    assert.deepEqual(
      route?.entries.map((e) => e.text),
      ['10.244.1.0/24 via 192.168.56.12 dev eth0'],
    );
    const leaving = t.hops[5];
    assert.equal(leaving?.packet.ethernet?.dst, b?.eth0.mac, 'next hop: node-b');
    assert.equal(leaving?.packet.ip.dst, '10.244.1.7', 'no outer header: the pod address travels as is');
    assert.equal(t.backend, 'host-gw');
    assert.equal(t.verdict, 'delivered');
    assert.ok(t.nodes.every((n) => n.vtep === undefined));
    assert.match(t.summary, /routed by the host-gw backend via 192\.168\.56\.12, without encapsulation/);
  });
});

void describe('nodes on different underlay segments', () => {
  const routed = shopCluster({ cluster: 'cluster-routed.yaml' });
  const nodes = buildDataplane(routed).nodes;
  const [a, b] = [nodes[0], nodes[1]];

  void it('VXLAN: the outer packet goes to node-a’s gateway, and the router forwards it to node-b (step 5)', () => {
    const t = traceOk(routed, 'shop/api', 'shop/db', 5432);
    assert.equal(t.verdict, 'delivered');
    const at = (step: string) => t.hops.find((h) => h.step === step);
    assert.deepEqual(
      at('3c')?.entries.map((e) => e.text),
      ['default via 192.168.56.1 dev eth0', `192.168.56.1 dev eth0 lladdr ${a?.gatewayMac} REACHABLE`],
    );
    assert.deepEqual(at('4')?.packet.outer?.ethernet, { src: a?.eth0.mac, dst: a?.gatewayMac });
    assert.equal(at('4')?.packet.outer?.ip.ttl, 64);
    assert.deepEqual(at('5')?.packet.outer?.ethernet, { src: a?.gatewayMac, dst: b?.eth0.mac });
    assert.equal(at('5')?.packet.outer?.ip.ttl, 63);
    assert.equal(at('5')?.packet.ip.ttl, 63, 'the inner TTL is untouched by the underlay');
    assert.match(at('5')?.action ?? '', /through the router 192\.168\.56\.1/);
    assert.equal(at('6a')?.encapsulation?.outerDst, '192.168.57.12');
  });

  void it('host-gw: the route via node-b cannot exist off-link, so the packet has no route', () => {
    const t = traceOk(
      shopCluster({ cluster: 'cluster-routed.yaml', backend: 'host-gw' }),
      'shop/api',
      'shop/db',
      5432,
    );
    assert.equal(t.verdict, 'dropped');
    assert.deepEqual(steps(t), ['1', '1', null, '2', '3a']);
    assert.equal(t.drop?.reason, 'no-route');
    assert.deepEqual(t.drop?.policies, []);
    assert.match(
      t.drop?.explanation[0] ?? '',
      /^host-gw needs every node on one L2 segment, and node-b \(192\.168\.57\.12\) is not on node-a's 192\.168\.56\.0\/24/,
    );
    assert.equal(lastHop(t).device, 'eth0');
  });
});
