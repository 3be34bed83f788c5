// apiVersion and kind: required everywhere; NetworkPolicy only in networking.k8s.io/v1.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyse, dedent, describeFindings, np, ruleCases } from './helpers';

const body = dedent(`
  metadata:
    name: p
  spec:
    podSelector: {}
`);

ruleCases([
  {
    name: 'kind missing',
    bad: `⟦apiVersion⟧: networking.k8s.io/v1\n${body}`,
    code: 'missing-kind',
    message: ['no `kind`', "Object 'Kind' is missing", 'Add `kind: NetworkPolicy`'],
    fix: true,
    good: np('podSelector: {}'),
  },
  {
    name: 'kind and apiVersion both missing (a plain map in a manifest file)',
    bad: `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n${body}---\n⟦foo⟧: bar\n`,
    code: 'missing-kind',
    message: ['no `kind`'],
    fix: false,
    good: np('podSelector: {}'),
  },
  {
    name: 'apiVersion missing',
    bad: `⟦kind⟧: NetworkPolicy\n${body}`,
    code: 'missing-api-version',
    message: ['no `apiVersion`', 'networking.k8s.io/v1'],
    fix: true,
    good: np('podSelector: {}'),
  },
  {
    name: 'extensions/v1beta1',
    bad: `apiVersion: ⟦extensions/v1beta1⟧\nkind: NetworkPolicy\n${body}`,
    code: 'removed-api-version',
    message: ['removed in Kubernetes 1.16', 'use `apiVersion: networking.k8s.io/v1`'],
    fix: true,
    good: np('podSelector: {}'),
  },
  {
    name: 'networking.k8s.io/v1beta1 never served NetworkPolicy',
    bad: `apiVersion: ⟦networking.k8s.io/v1beta1⟧\nkind: NetworkPolicy\n${body}`,
    code: 'unknown-api-version',
    message: ['no NetworkPolicy in `networking.k8s.io/v1beta1`', 'no matches for kind'],
    fix: true,
    good: np('podSelector: {}'),
  },
  {
    name: 'core v1',
    bad: `apiVersion: ⟦v1⟧\nkind: NetworkPolicy\n${body}`,
    code: 'unknown-api-version',
    message: ['`v1`'],
    fix: true,
    good: np('podSelector: {}'),
  },
  {
    name: 'kind in the wrong case',
    bad: `apiVersion: networking.k8s.io/v1\nkind: ⟦networkpolicy⟧\n${body}`,
    code: 'unknown-kind',
    message: ['No kind `networkpolicy`', 'case-sensitive', 'kind: NetworkPolicy'],
    fix: true,
    good: np('podSelector: {}'),
  },
  {
    name: 'kind in the plural',
    bad: `apiVersion: networking.k8s.io/v1\nkind: ⟦NetworkPolicies⟧\n${body}`,
    code: 'unknown-kind',
    message: ['singular'],
    fix: true,
    good: np('podSelector: {}'),
  },
]);

void test('a misspelt kind is still validated as a NetworkPolicy', () => {
  const text = np('podSelector: {}\npolicyTypes: [ingress]').replace(
    'kind: NetworkPolicy',
    'kind: Networkpolicy',
  );
  const codes = analyse(text).map((f) => f.code);
  assert.deepEqual(codes, ['unknown-kind', 'policy-type-invalid']);
});

void test('NetworkPolicy kinds of custom resource groups and other kinds are not checked against the schema', () => {
  const others = dedent(`
    apiVersion: projectcalico.org/v3
    kind: NetworkPolicy
    metadata: {name: Calico_Name}
    spec: {selector: all(), ingress: [{action: Allow}]}
    ---
    apiVersion: policy.networking.k8s.io/v1alpha1
    kind: AdminNetworkPolicy
    metadata: {name: anp}
    spec: {priority: 10, subject: {namespaces: {}}}
    ---
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: web}
    spec: {rules: []}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: web, labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
  `);
  const findings = analyse(others);
  assert.deepEqual(findings, [], describeFindings(findings));
});

void test('a non-string kind is a type error and the object is not validated further', () => {
  const findings = analyse(`apiVersion: networking.k8s.io/v1\nkind: 5\n${body}`);
  assert.deepEqual(
    findings.map((f) => [f.code, f.range.start.line]),
    [['needs-quotes', 1]],
  );
});
