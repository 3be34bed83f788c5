// Lists kubectl flattens: `kind: List` and typed lists (`NetworkPolicyList`, `PodList`, `DeploymentList`)
// with `items`. Each item is an object of its own, validated where it is written and, when valid, part
// of the topology; an item without kind and apiVersion takes them from its typed list, as kubectl does.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Workspace } from '../../../../server/src/engine/workspace';
import { analyse, dedent, describeFindings, marked } from './helpers';

const POLICY_LIST = dedent(`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicyList
  items:
  - metadata:
      name: good
    spec:
      podSelector: {}
      policyTypes: [Ingress]
  - metadata:
      name: old-export
    spec:
      podSelector: {}
    ⟦status⟧: {}
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: also-good
      namespace: shop
    spec:
      podSelector:
        matchLabels:
          app: web
`);

void describe('lists kubectl flattens', () => {
  void test('a NetworkPolicyList item with an unknown field gets the error on its line', () => {
    const { text, range } = marked(POLICY_LIST);
    const findings = analyse(text);
    assert.equal(findings.length, 1, describeFindings(findings));
    assert.equal(findings[0]!.code, 'unknown-field');
    assert.equal(findings[0]!.severity, 'error');
    assert.deepEqual(findings[0]!.range, range);
    assert.equal(
      findings[0]!.message,
      'Unknown field `status`: kubectl reports `unknown field "status"`. A NetworkPolicy object has only `apiVersion`, `kind`, `metadata`, `spec`.',
    );
  });

  void test("a NetworkPolicyList's valid items enter the topology; the one with an error does not", () => {
    const ws = new Workspace();
    ws.setFile({ path: 'list.yaml', text: marked(POLICY_LIST).text });
    const t = ws.topology();
    assert.deepEqual(
      t.policies.map((p) => `${p.namespace}/${p.name} ${p.policyTypes.join(',')}`),
      ['default/good Ingress', 'shop/also-good Ingress'],
    );
  });

  void test('an item takes the apiVersion of its NetworkPolicyList, reported on the item when wrong', () => {
    const text = dedent(`
      apiVersion: networking.k8s.io/v1beta1
      kind: NetworkPolicyList
      items:
      - metadata:
          name: p
        spec:
          podSelector: {}
    `);
    const findings = analyse(text);
    assert.equal(
      describeFindings(findings),
      '3:2 error unknown-api-version This item is a NetworkPolicy in `networking.k8s.io/v1beta1`, the apiVersion of its NetworkPolicyList: there is no NetworkPolicy in `networking.k8s.io/v1beta1`. Set `apiVersion: networking.k8s.io/v1` on the list.',
    );
    assert.deepEqual(findings[0]!.range.end, { line: 3, character: 11 });
  });

  void test("an item of `kind: List` takes no kind from it (kubectl: Object 'Kind' is missing)", () => {
    const text = dedent(`
      apiVersion: v1
      kind: List
      items:
      - apiVersion: networking.k8s.io/v1
        metadata:
          name: p
        spec:
          podSelector: {}
    `);
    assert.deepEqual(
      analyse(text).map((f) => `${f.range.start.line}:${f.range.start.character} ${f.code}`),
      ['3:2 missing-kind'],
    );
  });

  void test("a PodList's and a DeploymentList's items are pods of the topology", () => {
    const text = dedent(`
      apiVersion: v1
      kind: PodList
      items:
      - metadata:
          name: one
          namespace: shop
          labels: {app: web}
      - apiVersion: v1
        kind: Pod
        metadata:
          name: two
          namespace: shop
    ---
    apiVersion: apps/v1
    kind: DeploymentList
    items:
    - metadata:
        name: api
        namespace: shop
      spec:
        replicas: 2
        selector:
          matchLabels: {app: api}
        template:
          metadata:
            labels: {app: api}
    `);
    const ws = new Workspace();
    ws.setFile({ path: 'pods.yaml', text });
    assert.deepEqual(ws.findings('pods.yaml'), []);
    const pods = ws.topology().pods.map((p) => `${p.namespace}/${p.name} ${p.labels['app'] ?? '-'}`);
    assert.equal(pods.length, 4);
    assert.deepEqual(pods.slice(0, 2), ['shop/one web', 'shop/two -']);
    assert.match(pods[2]!, /^shop\/api-[a-z0-9]{10}-[a-z0-9]{5} api$/);
  });
});
