// drop.nearMiss on the upstream e2e model (namespaces x, y, z; pods a, b, c serving 80/81 TCP and
// UDP): the rule that came closest to allowing a denied connection, ranked peer > protocol > port.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isTraceError, traceConnection } from '../../../server/src/engine/dataplane';
import type { Protocol } from '../../../server/src/engine/types';
import { modelTopology, netpol } from '../../helpers/e2eModel';

const fromPod = (pod: string, ns?: string) => ({
  podSelector: { matchLabels: { pod } },
  ...(ns ? { namespaceSelector: { matchLabels: { ns } } } : {}),
});

function nearMissOf(
  spec: Record<string, unknown>,
  from: string,
  to: string,
  port: number,
  protocol: Protocol = 'TCP',
) {
  const topology = modelTopology([
    netpol('x', 'p', spec),
    netpol('x', 'q', { podSelector: {}, policyTypes: ['Ingress'] }),
  ]);
  const trace = traceConnection(topology, { from, to, port, protocol });
  assert.ok(!isTraceError(trace));
  assert.equal(trace.verdict, 'dropped');
  return trace.drop?.nearMiss ?? null;
}

const onA = (...ingress: unknown[]) => ({ podSelector: { matchLabels: { pod: 'a' } }, ingress });

void describe('drop.nearMiss', () => {
  const cases: {
    name: string;
    spec: Record<string, unknown>;
    from: string;
    port: number;
    protocol?: Protocol;
    rule: number;
    differs: string[];
  }[] = [
    {
      name: 'peer matches but port differs beats port matches but peer differs',
      spec: onA(
        { from: [fromPod('c')], ports: [{ port: 80 }] },
        { from: [fromPod('b')], ports: [{ port: 81 }] },
      ),
      from: 'x/b',
      port: 80,
      rule: 2,
      differs: ['port'],
    },
    {
      name: 'protocol only beats peer only',
      spec: onA(
        { from: [fromPod('c')], ports: [{ port: 80 }] },
        { from: [fromPod('b')], ports: [{ port: 80, protocol: 'UDP' }] },
      ),
      from: 'x/b',
      port: 80,
      rule: 2,
      differs: ['protocol'],
    },
    {
      name: 'port only beats protocol only',
      spec: onA(
        { from: [fromPod('b')], ports: [{ port: 80, protocol: 'UDP' }] },
        { from: [fromPod('b')], ports: [{ port: 81 }] },
      ),
      from: 'x/b',
      port: 80,
      rule: 2,
      differs: ['port'],
    },
    {
      name: 'one difference beats the same plus another',
      spec: onA(
        { from: [fromPod('c')], ports: [{ port: 81 }] },
        { from: [fromPod('c')], ports: [{ port: 80 }] },
      ),
      from: 'x/b',
      port: 80,
      rule: 2,
      differs: ['peer'],
    },
    {
      name: 'a peer in the right namespace beats one in another namespace',
      spec: onA({ from: [fromPod('c', 'z')] }, { from: [fromPod('c', 'y')] }),
      from: 'y/b',
      port: 80,
      rule: 2,
      differs: ['peer'],
    },
    {
      name: 'a named port the destination declares on another number differs by port',
      spec: onA({ from: [fromPod('b')], ports: [{ port: 'serve-81-tcp' }] }),
      from: 'x/b',
      port: 80,
      rule: 1,
      differs: ['port'],
    },
    {
      name: 'a different protocol and number differ in both',
      spec: onA({ from: [fromPod('b')], ports: [{ port: 81, protocol: 'SCTP' }] }),
      from: 'x/b',
      port: 80,
      rule: 1,
      differs: ['protocol', 'port'],
    },
  ];
  for (const c of cases)
    void test(c.name, () => {
      const miss = nearMissOf(c.spec, c.from, 'x/a', c.port, c.protocol);
      assert.deepEqual(
        miss && { policy: miss.policy, direction: miss.direction, rule: miss.rule, differs: miss.differs },
        { policy: 'x/p', direction: 'ingress', rule: c.rule, differs: c.differs },
      );
    });

  void test('the explanation names what was asked, the rule, what it allows and what differs', () => {
    const spec = onA({ from: [fromPod('b')], ports: [{ port: 81 }] });
    assert.equal(
      nearMissOf(spec, 'x/b', 'x/a', 80)?.explanation,
      'no ingress rule allows TCP 80 from x/b; closest: x/p ingress rule 1, which allows TCP 81 from pods pod=b in namespace x (the port differs)',
    );
  });

  void test('null when the isolating policies have no rule in that direction', () => {
    assert.equal(nearMissOf({ podSelector: {}, policyTypes: ['Ingress'] }, 'x/b', 'x/a', 80), null);
  });

  void test('egress: the rule to the right pod on another port', () => {
    const spec = {
      podSelector: { matchLabels: { pod: 'b' } },
      policyTypes: ['Egress'],
      egress: [{ to: [fromPod('a')], ports: [{ port: 81 }] }],
    };
    const topology = modelTopology([netpol('x', 'p', spec)]);
    const trace = traceConnection(topology, { from: 'x/b', to: 'x/a', port: 80, protocol: 'TCP' });
    assert.ok(!isTraceError(trace));
    assert.deepEqual(trace.drop?.nearMiss, {
      policy: 'x/p',
      direction: 'egress',
      rule: 1,
      differs: ['port'],
      explanation:
        'no egress rule allows TCP 80 to x/a; closest: x/p egress rule 1, which allows TCP 81 to pods pod=a in namespace x (the port differs)',
    });
  });
});
