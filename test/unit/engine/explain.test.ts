// Policies in plain language: the patterns (default deny ingress/egress/all, allow-all), restricted
// directions with their rules and what each peer matches, defaulted policyTypes, ignored rules.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explainPolicy } from '../../../server/src/engine/explain';
import { modelTopology, netpol } from '../../helpers/e2eModel';

function explain(spec: Record<string, unknown>, options: { enforcement?: boolean } = {}) {
  const t = modelTopology([netpol('x', 'p', spec)]);
  const topology =
    options.enforcement === false ? { ...t, dataplane: { ...t.dataplane, enforcement: false } } : t;
  return explainPolicy(topology.policies[0]!, topology);
}

void describe('explainPolicy', () => {
  void test('default deny-ingress', () => {
    assert.deepEqual(explain({ podSelector: {}, policyTypes: ['Ingress'] }), {
      policy: 'x/p',
      summary:
        'Default deny-ingress for namespace x. Every pod in namespace x (3 pods: x/a, x/b, x/c): all ingress traffic is denied.',
      details: [
        'Selects 3 pods: x/a, x/b, x/c.',
        'Isolates for: Ingress (as listed in policyTypes).',
        'Ingress: no rule, so all ingress traffic is denied.',
      ],
    });
  });

  void test('default deny-all', () => {
    assert.equal(
      explain({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }).summary,
      'Default deny-all for namespace x. Every pod in namespace x (3 pods: x/a, x/b, x/c): all ingress and egress traffic is denied.',
    );
  });

  void test('default deny-egress of selected pods is not a namespace pattern', () => {
    assert.equal(
      explain({ podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Egress'] }).summary,
      'Pods pod=a in namespace x (1 pod: x/a): all egress traffic is denied.',
    );
  });

  void test('allow-all ingress', () => {
    const e = explain({ podSelector: {}, ingress: [{}] });
    assert.equal(
      e.summary,
      'Allow-all ingress for namespace x. Every pod in namespace x (3 pods: x/a, x/b, x/c): all ingress traffic is allowed (overriding stricter ingress policies).',
    );
    assert.deepEqual(e.details.slice(2), ['Ingress rule 1: from anywhere on every port.']);
  });

  void test('restricted ingress and egress, rule by rule, with what each peer matches; defaulted policyTypes', () => {
    const e = explain({
      podSelector: { matchLabels: { pod: 'a' } },
      ingress: [
        {
          from: [
            { namespaceSelector: { matchLabels: { ns: 'y' } }, podSelector: { matchLabels: { pod: 'b' } } },
          ],
        },
        {
          from: [{ ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.1.0/24'] } }],
          ports: [{ port: 80, endPort: 81 }],
        },
      ],
      egress: [
        {
          to: [{ podSelector: { matchLabels: { pod: 'z' } } }],
          ports: [{ protocol: 'UDP', port: 'serve-81-udp' }],
        },
      ],
    });
    assert.equal(
      e.summary,
      'Pods pod=a in namespace x (1 pod: x/a): ingress is allowed only from pods pod=b in namespaces ns=y on every port, or from IPs in 192.168.0.0/16 except 192.168.1.0/24 on TCP 80-81; egress is allowed only to pods pod=z in namespace x on UDP port serve-81-udp.',
    );
    assert.deepEqual(e.details, [
      'Selects 1 pod: x/a.',
      'Isolates for: Ingress, Egress (policyTypes is omitted, so it defaults to Ingress, plus Egress because the spec has egress rules).',
      'Ingress rule 1: from pods pod=b in namespaces ns=y (1 pod: y/b) on every port.',
      'Ingress rule 2: from IPs in 192.168.0.0/16 except 192.168.1.0/24 (matches nothing: no pod IP is in 192.168.0.0/16 except 192.168.1.0/24) on TCP 80-81.',
      'Egress rule 1: to pods pod=z in namespace x (matches nothing: no pod in namespace x has label pod=z) on UDP port serve-81-udp.',
    ]);
  });

  void test('rules of an unlisted type are called ignored; a policy isolating nothing has no effect', () => {
    const e = explain({ podSelector: {}, policyTypes: ['Egress'], ingress: [{}], egress: [{}] });
    assert.ok(e.details.includes('Ingress rules are ignored: policyTypes does not list Ingress.'));
    const none = explain({
      podSelector: { matchLabels: { pod: 'q' } },
      policyTypes: ['Ingress'],
      ingress: [{}],
    });
    assert.equal(none.details[0], 'Selects no pod in the workspace.');
  });

  void test('enforcement off is stated', () => {
    const e = explain({ podSelector: {}, policyTypes: ['Ingress'] }, { enforcement: false });
    assert.equal(
      e.details.at(-1),
      'Not enforced: plain flannel does not implement NetworkPolicy (policy enforcement is off).',
    );
  });
});
