// Policy verdicts on the walk: egress at the source before routing, ingress at the destination node
// before the destination veth; with enforcement off the packet goes on and `wouldDrop` says why not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDataplane } from '../../../../server/src/engine/dataplane';
import { lastHop, shopCluster, steps, traceOk } from './cluster';

const topology = shopCluster();
const dp = buildDataplane(topology);

void describe('egress drop', () => {
  const t = traceOk(topology, 'shop/client', 'shop/db', 5432);

  void it('ends at the source veth, before any routing or encapsulation, naming the policy', () => {
    assert.equal(t.verdict, 'dropped');
    assert.deepEqual(steps(t), ['1', '1', null]);
    const hop = lastHop(t);
    assert.equal(hop.node, 'node-a');
    assert.equal(hop.netns, 'root');
    assert.equal(hop.device, dp.pods.get('shop/client')?.veth.name);
    assert.equal(hop.place, 'veth');
    assert.equal(hop.packet.ip.ttl, 64);
    assert.ok(t.hops.every((h) => h.encapsulation === null));
    assert.deepEqual(hop.policy, {
      direction: 'egress',
      pod: 'shop/client',
      allowed: false,
      isolatingPolicies: ['shop/client-egress'],
      allowedBy: [],
      explanation: [
        'shop/client is isolated for egress by shop/client-egress, and none of their egress rules allows TCP 5432 to shop/db',
      ],
      enforced: true,
    });
  });

  void it('reports the drop with the engine’s explanation', () => {
    assert.equal(t.drop?.direction, 'egress');
    assert.equal(t.drop?.pod, 'shop/client');
    assert.deepEqual(t.drop?.policies, ['shop/client-egress']);
    assert.equal(t.drop?.reason, 'policy');
    assert.ok((t.drop?.explanation.length ?? 0) > 0);
    assert.match(t.drop?.explanation.join(' ') ?? '', /client-egress/);
    assert.equal(t.wouldDrop, null);
    assert.match(
      t.summary,
      /^Dropped on node-a at veth[0-9a-f]{8}, before routing: shop\/client is isolated for egress by shop\/client-egress/,
    );
  });

  void it('lets the allowed egress through (client → cache TCP 6379)', () => {
    const ok = traceOk(topology, 'shop/client', 'shop/cache', 6379);
    assert.equal(ok.verdict, 'delivered');
    assert.deepEqual(ok.hops[2]?.policy?.allowedBy, ['shop/client-egress']);
    assert.match(ok.hops[2]?.policy?.explanation[0] ?? '', /allowed by shop\/client-egress egress rule 1$/);
  });
});

void describe('ingress drop at the far node', () => {
  const t = traceOk(topology, 'shop/cache', 'shop/db', 5432);

  void it('crosses the overlay, then drops on node-b before the destination veth, naming the policy', () => {
    assert.equal(t.verdict, 'dropped');
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
    ]);
    const hop = lastHop(t);
    assert.equal(hop.node, 'node-b');
    assert.equal(hop.device, 'cni0');
    assert.equal(hop.policy?.direction, 'ingress');
    assert.equal(hop.policy?.allowed, false);
    assert.deepEqual(t.drop && { ...t.drop, explanation: [] }, {
      direction: 'ingress',
      pod: 'shop/db',
      policies: ['shop/db-ingress'],
      reason: 'policy',
      stage: 'connection',
      explanation: [],
      nearMiss: {
        policy: 'shop/db-ingress',
        direction: 'ingress',
        rule: 1,
        differs: ['peer'],
        explanation:
          'no ingress rule allows TCP 5432 from shop/cache; closest: shop/db-ingress ingress rule 1, which allows TCP 5432 from pods app=api in namespace shop (the peer differs)',
      },
    });
    assert.ok(!t.hops.some((h) => h.device === dp.pods.get('shop/db')?.veth.name));
    assert.match(
      t.summary,
      /^Dropped on node-b before veth[0-9a-f]{8}: shop\/db is isolated for ingress by shop\/db-ingress/,
    );
  });

  void it('checks the ingress port too: api → db on 5433 is dropped', () => {
    const other = traceOk(topology, 'shop/api', 'shop/db', 5433);
    assert.equal(other.drop?.direction, 'ingress');
  });
});

void describe('enforcement off (plain flannel)', () => {
  const plain = shopCluster({ enforcement: false });
  const t = traceOk(plain, 'shop/cache', 'shop/db', 5432);

  void it('delivers, and says which policy a policy engine would have dropped it by', () => {
    assert.equal(t.verdict, 'delivered');
    assert.equal(t.drop, null);
    assert.equal(t.enforcement, false);
    assert.equal(t.wouldDrop?.direction, 'ingress');
    assert.equal(t.wouldDrop?.pod, 'shop/db');
    assert.deepEqual(t.wouldDrop?.policies, ['shop/db-ingress']);
    assert.equal(lastHop(t).netns, 'shop/db');
    const check = t.hops.find((h) => h.policy?.direction === 'ingress')?.policy;
    assert.equal(check?.enforced, false);
    assert.equal(check?.allowed, false);
    assert.match(
      t.summary,
      /a policy engine would have dropped it \(ingress of shop\/db: shop\/db-ingress\)\.$/,
    );
  });

  void it('reports the egress drop that would have been, too', () => {
    const e = traceOk(plain, 'shop/client', 'shop/db', 5432);
    assert.equal(e.verdict, 'delivered');
    assert.equal(e.wouldDrop?.direction, 'egress');
    assert.deepEqual(e.wouldDrop?.policies, ['shop/client-egress']);
  });
});
