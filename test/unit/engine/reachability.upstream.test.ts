// The upstream Kubernetes e2e network-policy cases (test/e2e/network/netpol/network_policy.go) on the
// same model: namespaces x, y, z; pods a, b, c; ports 80 and 81 on TCP and UDP. Each case lists its
// policies and, per probe, upstream's expected truth table; the matrix and evaluateConnection must
// both reproduce it cell by cell.
import { describe, test } from 'node:test';
import { formatCidr, parseCidr } from '../../../server/src/engine/ipv4';
import type { Protocol } from '../../../server/src/engine/types';
import {
  assertReachability,
  modelTopology,
  modelWorkspace,
  netpol,
  podIP,
  Reachability,
} from '../../helpers/e2eModel';

interface Probe {
  port: number;
  protocol: Protocol;
  expect: () => Reachability;
}

interface Case {
  name: string;
  policies: () => string[];
  probes: Probe[];
}

const all = (v = true) => new Reachability(v);
const tcp = (port: number, expect: () => Reachability): Probe => ({ port, protocol: 'TCP', expect });
const udp = (port: number, expect: () => Reachability): Probe => ({ port, protocol: 'UDP', expect });
const sel = (labels: Record<string, string>) => ({ matchLabels: labels });
const expr = (key: string, operator: string, values?: string[]) => ({
  matchExpressions: [values ? { key, operator, values } : { key, operator }],
});
const podA = sel({ pod: 'a' });

const CASES: Case[] = [
  {
    name: "should support a 'default-deny-ingress' policy",
    policies: () => [netpol('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })],
    probes: [
      tcp(80, () => all().expectPeer('*', 'x', false)),
      udp(81, () => all().expectPeer('*', 'x', false)),
    ],
  },
  {
    name: "should support a 'default-deny-all' policy",
    policies: () => [netpol('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
    probes: [tcp(80, () => all().expectPeer('*', 'x', false).expectPeer('x', '*', false))],
  },
  {
    name: 'should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    policies: () => [
      netpol('x', 'x-a-allows-x-b', {
        podSelector: podA,
        ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }] }],
      }),
    ],
    probes: [tcp(80, () => all().expectAllIngress('x/a', false).expectPeer('x/b', 'x/a', true))],
  },
  {
    name: 'should enforce policy to allow ingress traffic for a target',
    policies: () => [
      netpol('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
      netpol('x', 'allow-ingress-target', { podSelector: podA, ingress: [{}] }),
    ],
    probes: [tcp(80, () => all().expectPeer('*', 'x', false).expectAllIngress('x/a', true))],
  },
  {
    name: 'should enforce policy to allow ingress traffic from pods in all namespaces',
    policies: () => [
      netpol('x', 'allow-from-all-ns', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] }),
    ],
    probes: [tcp(80, () => all())],
  },
  {
    name: 'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector',
    policies: () => [
      netpol('x', 'allow-ns-y', {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }] }],
      }),
    ],
    probes: [tcp(80, () => all().expectPeer('x', 'x', false).expectPeer('z', 'x', false))],
  },
  {
    name: 'should enforce policy based on PodSelector with MatchExpressions',
    policies: () => [
      netpol('x', 'pod-in-b', {
        podSelector: podA,
        ingress: [{ from: [{ podSelector: expr('pod', 'In', ['b']) }] }],
      }),
    ],
    probes: [tcp(80, () => all().expectAllIngress('x/a', false).expectPeer('x/b', 'x/a', true))],
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions',
    policies: () => [
      netpol('x', 'ns-in-y', {
        podSelector: podA,
        ingress: [{ from: [{ namespaceSelector: expr('ns', 'In', ['y']) }] }],
      }),
    ],
    probes: [tcp(80, () => all().expectAllIngress('x/a', false).expectPeer('y', 'x/a', true))],
  },
  {
    name: 'should enforce policy based on PodSelector or NamespaceSelector',
    policies: () => [
      netpol('x', 'ns-not-x-or-pod-b', {
        podSelector: podA,
        ingress: [
          { from: [{ namespaceSelector: expr('ns', 'NotIn', ['x']) }, { podSelector: sel({ pod: 'b' }) }] },
        ],
      }),
    ],
    probes: [tcp(80, () => all().expectPeer('x/c', 'x/a', false))],
  },
  {
    name: 'should enforce policy based on PodSelector and NamespaceSelector',
    policies: () => [
      netpol('x', 'ns-not-x-and-pod-b', {
        podSelector: podA,
        ingress: [
          { from: [{ namespaceSelector: expr('ns', 'NotIn', ['x']), podSelector: sel({ pod: 'b' }) }] },
        ],
      }),
    ],
    probes: [
      tcp(80, () =>
        all().expectAllIngress('x/a', false).expectPeer('y/b', 'x/a', true).expectPeer('z/b', 'x/a', true),
      ),
    ],
  },
  {
    name: 'should enforce policy based on Multiple PodSelectors and NamespaceSelectors',
    policies: () => [
      netpol('x', 'ns-not-x-and-pod-b-or-c', {
        podSelector: podA,
        ingress: [
          {
            from: [
              { namespaceSelector: expr('ns', 'NotIn', ['x']), podSelector: expr('pod', 'In', ['b', 'c']) },
            ],
          },
        ],
      }),
    ],
    probes: [
      tcp(80, () =>
        all()
          .expectAllIngress('x/a', false)
          .expectPeer('y/b', 'x/a', true)
          .expectPeer('y/c', 'x/a', true)
          .expectPeer('z/b', 'x/a', true)
          .expectPeer('z/c', 'x/a', true),
      ),
    ],
  },
  {
    name: 'should enforce policy based on any PodSelectors',
    policies: () => [
      netpol('x', 'pod-b-or-c', {
        podSelector: podA,
        ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }, { podSelector: sel({ pod: 'c' }) }] }],
      }),
    ],
    probes: [
      tcp(80, () =>
        all().expectAllIngress('x/a', false).expectPeer('x/b', 'x/a', true).expectPeer('x/c', 'x/a', true),
      ),
    ],
  },
  {
    name: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    policies: () => [
      netpol('x', 'y-a-only', {
        podSelector: podA,
        ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }), podSelector: podA }] }],
      }),
    ],
    probes: [tcp(80, () => all().expectAllIngress('x/a', false).expectPeer('y/a', 'x/a', true))],
  },
  {
    name: 'should enforce policy based on Ports',
    policies: () => [
      netpol('x', 'ns-y-port-81', {
        podSelector: podA,
        ingress: [
          { from: [{ namespaceSelector: sel({ ns: 'y' }) }], ports: [{ port: 81, protocol: 'TCP' }] },
        ],
      }),
    ],
    probes: [
      tcp(81, () => all().expectAllIngress('x/a', false).expectPeer('y', 'x/a', true)),
      tcp(80, () => all().expectAllIngress('x/a', false)),
    ],
  },
  {
    name: 'should enforce multiple, stacked policies with overlapping podSelectors',
    policies: () =>
      [80, 81].map((port) =>
        netpol('x', `ns-y-port-${port}`, {
          podSelector: podA,
          ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }], ports: [{ port, protocol: 'TCP' }] }],
        }),
      ),
    probes: [80, 81].map((port) =>
      tcp(port, () => all().expectAllIngress('x/a', false).expectPeer('y', 'x/a', true)),
    ),
  },
  {
    name: 'should support allow-all policy',
    policies: () => [netpol('x', 'allow-all', { podSelector: {}, ingress: [{}] })],
    probes: [tcp(80, () => all()), udp(81, () => all())],
  },
  {
    name: 'should allow ingress access on one named port',
    policies: () => [
      netpol('x', 'named-81', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] }),
    ],
    probes: [tcp(81, () => all()), tcp(80, () => all().expectPeer('*', 'x', false))],
  },
  {
    name: 'should allow ingress access from namespace on one named port',
    policies: () => [
      netpol('x', 'ns-y-named-80', {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }], ports: [{ port: 'serve-80-tcp' }] }],
      }),
    ],
    probes: [
      tcp(80, () => all().expectPeer('x', 'x', false).expectPeer('z', 'x', false)),
      tcp(81, () => all().expectPeer('*', 'x', false)),
    ],
  },
  {
    name: 'should allow egress access on one named port',
    policies: () => [
      netpol('x', 'egress-named-80', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 'serve-80-tcp' }] }],
      }),
    ],
    probes: [tcp(80, () => all()), tcp(81, () => all().expectPeer('x', '*', false))],
  },
  {
    name: 'should deny ingress from pods on other namespaces',
    policies: () => [netpol('x', 'same-ns', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })],
    probes: [tcp(80, () => all().expectPeer('y', 'x', false).expectPeer('z', 'x', false))],
  },
  {
    name: 'should deny egress from pods based on PodSelector',
    policies: () => [netpol('x', 'deny-egress-a', { podSelector: podA, policyTypes: ['Egress'] })],
    probes: [tcp(80, () => all().expectAllEgress('x/a', false))],
  },
  {
    name: 'should deny egress from all pods in a namespace',
    policies: () => [netpol('x', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] })],
    probes: [tcp(80, () => all().expectPeer('x', '*', false))],
  },
  {
    name: 'should work with Ingress, Egress specified together',
    policies: () => [
      netpol('x', 'a-with-b', {
        podSelector: podA,
        ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }] }],
        egress: [
          { to: [{ podSelector: sel({ pod: 'b' }) }], ports: [{ port: 80 }] },
          { ports: [{ protocol: 'UDP', port: 53 }] },
        ],
      }),
    ],
    probes: [
      tcp(80, () =>
        all()
          .expectAllEgress('x/a', false)
          .expectAllIngress('x/a', false)
          .expectPeer('x/a', 'x/b', true)
          .expectPeer('x/b', 'x/a', true),
      ),
      tcp(81, () =>
        all().expectAllEgress('x/a', false).expectAllIngress('x/a', false).expectPeer('x/b', 'x/a', true),
      ),
    ],
  },
  {
    name: 'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)',
    policies: () => [
      netpol('x', 'a-to-y-a', {
        podSelector: podA,
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: sel({ ns: 'y' }), podSelector: podA }] }],
      }),
      netpol('y', 'allow-all', { podSelector: {}, ingress: [{}] }),
    ],
    probes: [tcp(80, () => all().expectAllEgress('x/a', false).expectPeer('x/a', 'y/a', true))],
  },
  {
    name: 'should enforce ingress policy allowing any port traffic to a server on a specific protocol',
    policies: () => [
      netpol('x', 'any-tcp', { podSelector: podA, ingress: [{ ports: [{ protocol: 'TCP' }] }] }),
    ],
    probes: [tcp(80, () => all()), tcp(81, () => all()), udp(80, () => all().expectAllIngress('x/a', false))],
  },
  {
    name: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence',
    policies: () => [
      netpol('x', 'port-80-only', { podSelector: podA, ingress: [{ ports: [{ port: 80 }] }] }),
      netpol('x', 'allow-all', { podSelector: {}, ingress: [{}] }),
    ],
    probes: [tcp(81, () => all())],
  },
  {
    name: 'should enforce multiple egress policies with egress allow-all policy taking precedence',
    policies: () => [
      netpol('x', 'egress-80-only', {
        podSelector: podA,
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 80 }] }],
      }),
      netpol('x', 'allow-all-egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }),
    ],
    probes: [tcp(81, () => all())],
  },
  {
    name: 'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector',
    policies: () => [
      netpol('x', 'allow-egress-a-to-b', {
        podSelector: podA,
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: sel({ pod: 'b' }) }] }],
      }),
      netpol('x', 'deny-ingress-a', { podSelector: podA, policyTypes: ['Ingress'] }),
    ],
    probes: [
      tcp(80, () =>
        all().expectAllEgress('x/a', false).expectPeer('x/a', 'x/b', true).expectAllIngress('x/a', false),
      ),
    ],
  },
  {
    name: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP'",
    policies: () => [
      netpol('x', 'sctp-80', { podSelector: podA, ingress: [{ ports: [{ protocol: 'SCTP', port: 80 }] }] }),
    ],
    probes: [
      tcp(80, () => all().expectAllIngress('x/a', false)),
      { port: 80, protocol: 'SCTP', expect: () => all() },
    ],
  },
  {
    name: 'should not allow access by TCP when a policy specifies only UDP',
    policies: () => [
      netpol('x', 'udp-81', { podSelector: podA, ingress: [{ ports: [{ protocol: 'UDP', port: 81 }] }] }),
    ],
    probes: [tcp(81, () => all().expectAllIngress('x/a', false)), udp(81, () => all())],
  },
  {
    name: 'should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label',
    policies: () => [
      netpol('x', 'default-ns-label', {
        podSelector: podA,
        ingress: [{ from: [{ namespaceSelector: sel({ 'kubernetes.io/metadata.name': 'y' }) }] }],
      }),
    ],
    probes: [tcp(80, () => all().expectAllIngress('x/a', false).expectPeer('y', 'x/a', true))],
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions using default ns label',
    policies: () => [
      netpol('x', 'default-ns-label-expr', {
        podSelector: podA,
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: expr('kubernetes.io/metadata.name', 'In', ['y']) }] }],
      }),
    ],
    probes: [tcp(80, () => all().expectAllEgress('x/a', false).expectPeer('x/a', 'y', true))],
  },
  {
    name: 'should support the endPort field (ingress, port range 80-81)',
    policies: () => [
      netpol('x', 'range-80-81', {
        podSelector: podA,
        ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }], ports: [{ port: 80, endPort: 81 }] }],
      }),
    ],
    probes: [80, 81].map((port) =>
      tcp(port, () => all().expectAllIngress('x/a', false).expectPeer('y', 'x/a', true)),
    ),
  },
  {
    name: 'should support the endPort field (egress, a range that excludes 80)',
    policies: () => [
      netpol('x', 'range-81-90', {
        podSelector: podA,
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 81, endPort: 90 }] }],
      }),
    ],
    probes: [
      tcp(81, () => all()),
      tcp(80, () => all().expectAllEgress('x/a', false)),
      udp(81, () => all().expectAllEgress('x/a', false)),
    ],
  },
  {
    name: 'matchExpressions Exists and DoesNotExist',
    policies: () => [
      netpol('x', 'exists', {
        podSelector: podA,
        ingress: [{ from: [{ podSelector: expr('pod', 'Exists') }] }],
      }),
      netpol('y', 'does-not-exist', {
        podSelector: podA,
        ingress: [{ from: [{ podSelector: expr('pod', 'DoesNotExist') }] }],
      }),
    ],
    probes: [
      tcp(80, () =>
        all().expectAllIngress('x/a', false).expectPeer('x', 'x/a', true).expectAllIngress('y/a', false),
      ),
    ],
  },
  {
    name: 'policyTypes defaults to [Ingress, Egress] when egress rules are present',
    policies: () => [
      netpol('x', 'egress-only-rules', {
        podSelector: podA,
        egress: [{ to: [{ podSelector: sel({ pod: 'b' }) }] }],
      }),
    ],
    probes: [
      tcp(80, () =>
        all().expectAllIngress('x/a', false).expectAllEgress('x/a', false).expectPeer('x/a', 'x/b', true),
      ),
    ],
  },
  {
    name: 'policyTypes defaults to [Ingress] when egress is an empty list',
    policies: () => [netpol('x', 'empty-egress', { podSelector: podA, egress: [] })],
    probes: [tcp(80, () => all().expectAllIngress('x/a', false))],
  },
  {
    name: 'an explicit policyTypes [Egress] ignores ingress rules',
    policies: () => [
      netpol('x', 'egress-type', {
        podSelector: podA,
        policyTypes: ['Egress'],
        ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }] }],
      }),
    ],
    probes: [tcp(80, () => all().expectAllEgress('x/a', false))],
  },
  {
    name: 'deny-all unioned with allow-all allows everything',
    policies: () => [
      netpol('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      netpol('x', 'allow-all', {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{}],
        egress: [{}],
      }),
    ],
    probes: [tcp(80, () => all()), udp(81, () => all())],
  },
  {
    name: 'should allow egress access to server in CIDR block',
    policies: () => [
      netpol('x', 'a-to-y-b-cidr', {
        podSelector: podA,
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: `${podIP('y/b')}/32` } }] }],
      }),
    ],
    probes: [tcp(80, () => all().expectAllEgress('x/a', false).expectPeer('x/a', 'y/b', true))],
  },
  {
    name: 'should enforce except clause while egress access to server in CIDR block',
    policies: () => [
      netpol('x', 'cidr-except-y-a', {
        podSelector: podA,
        policyTypes: ['Egress'],
        egress: [
          { to: [{ ipBlock: { cidr: canonical(`${podIP('y/a')}/4`), except: [`${podIP('y/a')}/32`] } }] },
        ],
      }),
    ],
    probes: [tcp(80, () => all().expectPeer('x/a', 'y/a', false))],
  },
  {
    name: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed',
    policies: () => [
      netpol('x', 'cidr-except-y-a', {
        podSelector: podA,
        policyTypes: ['Egress'],
        egress: [
          { to: [{ ipBlock: { cidr: canonical(`${podIP('y/a')}/4`), except: [`${podIP('y/a')}/32`] } }] },
        ],
      }),
      netpol('x', 'y-a-cidr', {
        podSelector: podA,
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: `${podIP('y/a')}/32` } }] }],
      }),
    ],
    probes: [tcp(80, () => all())],
  },
  {
    name: 'ingress from an ipBlock holding pod IPs',
    policies: () => [
      netpol('x', 'from-y-b-ip', {
        podSelector: podA,
        ingress: [{ from: [{ ipBlock: { cidr: `${podIP('y/b')}/32` } }] }],
      }),
    ],
    probes: [tcp(80, () => all().expectAllIngress('x/a', false).expectPeer('y/b', 'x/a', true))],
  },
];

function canonical(cidr: string): string {
  return formatCidr(parseCidr(cidr)!);
}

void describe('upstream e2e network-policy cases', () => {
  for (const c of CASES) {
    void test(c.name, () => {
      const topology = modelTopology(c.policies());
      for (const probe of c.probes) assertReachability(topology, probe.port, probe.protocol, probe.expect());
    });
  }
});

void describe('upstream e2e cases that update the cluster', () => {
  void test('should enforce updated policy', () => {
    const ws = modelWorkspace([]);
    const allow = (port: number) =>
      netpol('x', 'allow-port', { podSelector: {}, ingress: [{ ports: [{ port, protocol: 'TCP' }] }] });
    ws.setFile({ path: 'policy.yaml', text: allow(81) });
    assertReachability(ws.topology(), 81, 'TCP', all());
    assertReachability(ws.topology(), 80, 'TCP', all().expectPeer('*', 'x', false));
    ws.setFile({ path: 'policy.yaml', text: allow(80) });
    assertReachability(ws.topology(), 80, 'TCP', all());
    assertReachability(ws.topology(), 81, 'TCP', all().expectPeer('*', 'x', false));
  });

  void test('should allow ingress access from updated namespace', () => {
    const policy = netpol('x', 'from-updated-ns', {
      podSelector: podA,
      ingress: [{ from: [{ namespaceSelector: sel({ ns2: 'updated' }) }] }],
    });
    const ws = modelWorkspace([policy]);
    assertReachability(ws.topology(), 80, 'TCP', all().expectAllIngress('x/a', false));
    const text = ws
      .file('model.yaml')!
      .parsed.text.replace('labels:\n    ns: "y"', 'labels:\n    ns: "y"\n    ns2: updated');
    ws.setFile({ path: 'model.yaml', text });
    assertReachability(
      ws.topology(),
      80,
      'TCP',
      all().expectAllIngress('x/a', false).expectPeer('y', 'x/a', true),
    );
  });

  void test('should deny ingress access to updated pod', () => {
    const ws = modelWorkspace([
      netpol('x', 'deny-isolated', { podSelector: sel({ target: 'isolated' }), policyTypes: ['Ingress'] }),
    ]);
    assertReachability(ws.topology(), 80, 'TCP', all());
    const text = ws
      .file('model.yaml')!
      .parsed.text.replace(
        /(name: a\n {2}namespace: x\n {2}labels:\n {4}pod: a)/,
        '$1\n    target: isolated',
      );
    ws.setFile({ path: 'model.yaml', text });
    assertReachability(ws.topology(), 80, 'TCP', all().expectAllIngress('x/a', false));
  });

  void test('should stop enforcing policies after they are deleted', () => {
    const ws = modelWorkspace([
      netpol('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    ]);
    assertReachability(
      ws.topology(),
      80,
      'TCP',
      all().expectPeer('*', 'x', false).expectPeer('x', '*', false),
    );
    ws.removeFile('policy-00.yaml');
    assertReachability(ws.topology(), 80, 'TCP', all());
  });
});
