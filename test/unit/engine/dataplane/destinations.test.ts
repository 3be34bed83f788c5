// Destinations that are not another pod: an unused address in a pod CIDR, addresses outside the
// cluster, a node's own addresses, the pod itself.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDataplane } from '../../../../server/src/engine/dataplane';
import { lastHop, shopCluster, steps, traceOk } from './cluster';

const topology = shopCluster();
const dp = buildDataplane(topology);

void describe('an unused IP inside a pod CIDR', () => {
  void it('on another node: crosses the overlay and fails at ARP on that node’s cni0', () => {
    const t = traceOk(topology, 'shop/api', '10.244.1.50', 5432);
    assert.equal(t.to, '10.244.1.50');
    assert.equal(t.verdict, 'dropped');
    assert.equal(steps(t).at(-1), '7');
    const hop = lastHop(t);
    assert.equal(hop.node, 'node-b');
    assert.equal(hop.device, 'cni0');
    assert.deepEqual(hop.arp, {
      device: 'cni0',
      request: 'who-has 10.244.1.50 tell 10.244.1.1',
      reply: null,
    });
    assert.deepEqual(
      hop.entries.map((e) => e.text),
      ['10.244.1.50 dev cni0 FAILED'],
    );
    assert.equal(t.drop?.reason, 'arp-failed');
    assert.deepEqual(t.drop?.policies, []);
  });

  void it('on the same node: the ARP request on the source bridge gets no answer (step 2)', () => {
    const t = traceOk(topology, 'shop/api', '10.244.0.50', 80);
    assert.deepEqual(steps(t), ['1', '1', null, '2']);
    assert.equal(lastHop(t).arp?.reply, null);
    assert.equal(t.drop?.reason, 'arp-failed');
  });
});

void describe('an address outside the cluster network', () => {
  const t = traceOk(topology, 'shop/api', '93.184.216.34', 443);
  const a = dp.nodes[0];

  void it('leaves through the node’s eth0, masqueraded to the node IP by flanneld’s rule', () => {
    assert.equal(t.verdict, 'delivered');
    assert.deepEqual(steps(t), ['1', '1', null, '2', null, null]);
    assert.deepEqual(
      t.hops[4]?.entries.map((e) => e.text),
      ['default via 192.168.56.1 dev eth0'],
    );
    const out = lastHop(t);
    assert.equal(out.node, 'node-a');
    assert.equal(out.device, 'eth0');
    assert.equal(out.packet.ip.src, '192.168.56.11');
    assert.equal(out.packet.ip.dst, '93.184.216.34');
    assert.deepEqual(out.packet.ethernet, { src: a?.eth0.mac, dst: a?.gatewayMac });
    assert.deepEqual(
      out.entries.map((e) => [e.table, e.text]),
      [
        [
          'iptables',
          '-A FLANNEL-POSTRTG -s 10.244.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully',
        ],
        ['neigh', `192.168.56.1 dev eth0 lladdr ${a?.gatewayMac} REACHABLE`],
      ],
    );
    assert.match(
      t.summary,
      /left the cluster through node-a's eth0 towards 93\.184\.216\.34, masqueraded to 192\.168\.56\.11/,
    );
  });

  void it('records the masquerade as kube-proxy’s rewrites are recorded: nat SNAT, before and after, the rule', () => {
    const before = t.hops.at(-2)!.packet;
    const out = lastHop(t);
    assert.deepEqual(out.nat, {
      type: 'SNAT',
      from: `${before.ip.src}:${before.l4.srcPort}`,
      to: `192.168.56.11:${out.packet.l4.srcPort}`,
      rule: out.entries[0]!.text,
    });
    assert.equal(before.ip.src, '10.244.0.6');
    assert.deepEqual(
      t.hops.filter((h) => h.nat).map((h) => h.nat!.type),
      ['SNAT'],
    );
  });

  void it('an address in the cluster network that no node owns goes nowhere', () => {
    const lost = traceOk(topology, 'shop/api', '10.244.77.7', 80);
    assert.equal(lost.verdict, 'dropped');
    assert.equal(lost.drop?.reason, 'no-route');
    assert.ok(!lastHop(lost).entries.some((e) => e.text.includes('MASQUERADE')));
    assert.equal(lastHop(lost).nat, null);
  });
});

void describe('a node’s own addresses', () => {
  void it('another node’s InternalIP: masqueraded out of eth0, delivered in that node’s root netns', () => {
    const t = traceOk(topology, 'shop/api', '192.168.56.12', 10250);
    assert.equal(t.verdict, 'delivered');
    const hop = lastHop(t);
    assert.deepEqual([hop.node, hop.netns, hop.device], ['node-b', 'root', 'eth0']);
    assert.deepEqual(
      hop.entries.map((e) => e.text),
      ['local 192.168.56.12 dev eth0 table local proto kernel scope host src 192.168.56.12'],
    );
  });

  void it('another node’s cni0 address: over the overlay, delivered after decapsulation', () => {
    const t = traceOk(topology, 'shop/api', '10.244.1.1', 53, 'UDP');
    assert.deepEqual(steps(t).slice(-3), ['6a', '6b', null]);
    assert.equal(lastHop(t).device, 'cni0');
  });
});

void describe('a pod to itself', () => {
  void it('is delivered over lo inside its netns, without policy', () => {
    for (const to of ['shop/client', '10.244.0.5']) {
      const t = traceOk(topology, 'shop/client', to, 8080);
      assert.equal(t.verdict, 'delivered');
      assert.equal(t.hops.length, 1);
      const hop = lastHop(t);
      assert.deepEqual([hop.step, hop.netns, hop.device], [null, 'shop/client', 'lo']);
      assert.equal(hop.policy, undefined);
      assert.match(t.summary, /sent it to itself/);
    }
  });
});
