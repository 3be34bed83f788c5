// A label written without a value (`role:`) is what kubectl sends: the empty string. Selectors read
// from YAML (`matchLabels: {role: }`, a null `values` item) and pod or namespace labels follow it, so
// explain, the lints, the matrix and the traces all give the one answer kubectl's objects would.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFile } from '../../../server/src/engine/parse/documents';
import { explainPolicy } from '../../../server/src/engine/explain';
import { computeMatrix } from '../../../server/src/engine/matrix';
import { describeSelector, selectorFromNode } from '../../../server/src/engine/selectors';
import { Workspace } from '../../../server/src/engine/workspace';
import type { YNode } from '../../../server/src/engine/yamlTree';

const CLUSTER = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team:
---
apiVersion: v1
kind: Namespace
metadata:
  name: ops
  labels:
    team: ops
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels:
    role: web
---
apiVersion: v1
kind: Pod
metadata:
  name: blank
  namespace: shop
  labels:
    role:
---
apiVersion: v1
kind: Pod
metadata:
  name: tool
  namespace: ops
  labels:
    role: ""
`;

const policy = (spec: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: shop\nspec:\n${spec}`;

function workspace(policyText: string, cluster = CLUSTER): Workspace {
  const ws = new Workspace();
  ws.setFile({ path: 'cluster.yaml', text: cluster });
  ws.setFile({ path: 'policy.yaml', text: policyText });
  return ws;
}

const codes = (ws: Workspace) => ws.findings('policy.yaml').map((f) => `${f.code}: ${f.message}`);

void describe('null label values', () => {
  void test('selectorFromNode reads `role:`, `~` and null `values` items as ""', () => {
    const text =
      'matchLabels:\n  role:\n  tier: ~\nmatchExpressions:\n- key: env\n  operator: In\n  values: [a, ~, null]\n';
    const s = selectorFromNode(parseFile({ path: 's.yaml', text }).documents[0]!.root as YNode, 's.yaml')!;
    assert.deepEqual(s.matchLabels, { role: '', tier: '' });
    assert.deepEqual(s.matchExpressions, [{ key: 'env', operator: 'In', values: ['a', '', ''] }]);
    assert.equal(describeSelector(s), 'role="", tier="", env in (a, "", "")');
  });

  void test('pod and namespace labels without a value are ""', () => {
    const t = workspace(policy('  podSelector: {}\n')).topology();
    assert.deepEqual(t.pods.find((p) => p.name === 'blank')!.labels, { role: '' });
    assert.equal(t.namespaces.get('shop')!.labels['team'], '');
  });

  void test('explain: `{role: }` selects only the pod whose role is "", not the whole namespace', () => {
    const ws = workspace(policy('  podSelector:\n    matchLabels:\n      role:\n  policyTypes: [Ingress]\n'));
    const t = ws.topology();
    assert.deepEqual(explainPolicy(t.policies[0]!, t), {
      policy: 'shop/p',
      summary: 'Pods role="" in namespace shop (1 pod: shop/blank): all ingress traffic is denied.',
      details: [
        'Selects 1 pod: shop/blank.',
        'Isolates for: Ingress (as listed in policyTypes).',
        'Ingress: no rule, so all ingress traffic is denied.',
      ],
    });
    assert.deepEqual(codes(ws), [
      'null-label-value: `role` in `spec.podSelector.matchLabels` has no value, so kubectl sends an empty string: this matches only pods whose `role` label is "". Write the value, or use `matchExpressions: [{key: role, operator: Exists}]` to match any value.',
      'deny-all: All ingress traffic to pods role="" in namespace shop (1 pod: shop/blank) is denied, unless another policy selecting them allows it.',
    ]);
  });

  void test('deny-all does not fire when `{role: }` matches no pod; policy-selects-nothing says why', () => {
    const cluster = CLUSTER.replace('  labels:\n    role:\n', '  labels:\n    role: api\n');
    const ws = workspace(
      policy('  podSelector:\n    matchLabels:\n      role:\n  policyTypes: [Ingress]\n'),
      cluster,
    );
    assert.deepEqual(codes(ws).slice(1), [
      'policy-selects-nothing: This policy selects no pod: no pod in namespace shop has label role="".',
    ]);
    const t = ws.topology();
    assert.equal(
      explainPolicy(t.policies[0]!, t).summary,
      'Pods role="" in namespace shop (no pod): all ingress traffic is denied.',
    );
  });

  void test('the empty selector is still a default deny of the whole namespace', () => {
    const ws = workspace(policy('  podSelector: {}\n  policyTypes: [Ingress]\n'));
    assert.deepEqual(codes(ws), [
      'deny-all: Default deny-ingress for namespace shop: all ingress traffic to every pod in namespace shop (2 pods: shop/web, shop/blank) is denied, unless another policy selecting them allows it.',
    ]);
  });

  const MATRIX_CLUSTER = `${CLUSTER}---
apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: shop
  labels:
    role: api
---
apiVersion: v1
kind: Pod
metadata:
  name: cron
  namespace: ops
  labels:
    role: cron
`;
  const into = (target: string, policyText: string) =>
    computeMatrix(workspace(policyText, MATRIX_CLUSTER).topology(), 80, 'TCP')
      .allowed.filter(([, d]) => d === target)
      .map(([s]) => s);

  void test('matrix: a peer `podSelector: {matchLabels: {role: }}` admits only the pods whose role is ""', () => {
    const text = policy(
      '  podSelector:\n    matchLabels:\n      role: web\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          role:\n',
    );
    assert.deepEqual(into('shop/web', text), ['shop/blank', 'shop/web']);
  });

  void test('matrix: `namespaceSelector: {matchLabels: {team: }}` admits only namespaces whose team is ""', () => {
    const text = policy(
      '  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team:\n',
    ).replace('namespace: shop', 'namespace: ops');
    assert.deepEqual(into('ops/tool', text), ['ops/tool', 'shop/api', 'shop/blank', 'shop/web']);
    const ws = workspace(text, MATRIX_CLUSTER);
    assert.deepEqual(
      ws.findings('policy.yaml').map((f) => f.message),
      [
        '`team` in `spec.ingress[0].from[0].namespaceSelector.matchLabels` has no value, so kubectl sends an empty string: this matches only namespaces whose `team` label is "". Write the value, or use `matchExpressions: [{key: team, operator: Exists}]` to match any value.',
      ],
    );
  });
});
