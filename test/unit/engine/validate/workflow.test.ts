// `generateName` without `name`: `kubectl apply` rejects it, `kubectl create` accepts it. The user's
// workflow (netpolLens.kubectlWorkflow, CLI --workflow) decides between an error and an information,
// and with `create` the policy takes part in the analysis under a deterministic generated name.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explainPolicy } from '../../../../server/src/engine/explain';
import type { KubectlWorkflow } from '../../../../server/src/engine/workspace';
import { Workspace } from '../../../../server/src/engine/workspace';
import { dedent } from './helpers';

const TEXT = dedent(`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    generateName: deny-
    namespace: shop
  spec:
    podSelector: {}
    policyTypes: [Ingress]
  ---
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicyList
  items:
  - metadata:
      generateName: deny-
      namespace: shop
    spec:
      podSelector: {}
  - metadata:
      generateName: deny-
      namespace: shop
    spec:
      podSelector: {}
`);

function workspace(workflow?: KubectlWorkflow): Workspace {
  const ws = new Workspace(workflow ? { workflow } : {});
  ws.setFile({ path: 'p.yaml', text: TEXT });
  return ws;
}

const shown = (ws: Workspace) =>
  ws
    .findings('p.yaml')
    .filter((f) => f.code !== 'deny-all')
    .map(
      (f) =>
        `${f.range.start.line}:${f.range.start.character}-${f.range.end.character} ${f.severity} ${f.code} ${f.message}`,
    );

const APPLY_MESSAGE =
  '`metadata.name` is required: `kubectl apply` finds the object by its name; `kubectl create` would accept `generateName`. If you create objects with kubectl create, set the workflow to `create` (setting netpolLens.kubectlWorkflow, CLI --workflow create).';

void describe('the kubectl workflow and generateName', () => {
  void test('apply (the default): an error at metadata, saying kubectl create would accept it; no policy used', () => {
    for (const ws of [workspace(), workspace('apply')]) {
      assert.deepEqual(shown(ws), [
        `2:0-8 error missing-name ${APPLY_MESSAGE}`,
        `12:2-10 error missing-name ${APPLY_MESSAGE}`,
        `17:2-10 error missing-name ${APPLY_MESSAGE}`,
      ]);
      assert.deepEqual(ws.topology().policies, []);
    }
  });

  void test('create: an information on generateName; the policies are used under distinct deterministic names', () => {
    const ws = workspace('create');
    const findings = shown(ws);
    const first = ws.findings('p.yaml')[0]!;
    assert.deepEqual(
      { code: first.code, severity: first.severity },
      { code: 'generated-name', severity: 'information' },
    );
    assert.equal(findings.length, 3);
    const names = ws.topology().policies.map((p) => p.name);
    assert.equal(new Set(names).size, 3);
    for (const name of names) assert.match(name, /^deny-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.deepEqual(
      findings,
      [
        [3, 16, 21],
        [13, 18, 23],
        [18, 18, 23],
      ].map(
        ([line, from, to], i) =>
          `${line}:${from}-${to} information generated-name \`kubectl create\` names this object \`deny-\` followed by 5 random characters; the analysis calls it \`${names[i]}\`. (\`kubectl apply\` would need \`metadata.name\`.)`,
      ),
    );
    // Same workspace, same names; and the explanation names the policy.
    assert.deepEqual(
      workspace('create')
        .topology()
        .policies.map((p) => p.name),
      names,
    );
    const t = ws.topology();
    assert.equal(explainPolicy(t.policies[0]!, t).policy, `shop/${names[0]}`);
  });

  void test('switching the workflow re-validates the files already read', () => {
    const ws = workspace();
    assert.equal(ws.topology().policies.length, 0);
    ws.setOptions({ workflow: 'create' });
    assert.equal(ws.topology().policies.length, 3);
    assert.deepEqual(
      ws.findings('p.yaml').map((f) => f.severity),
      ['information', 'information', 'information', 'hint', 'hint', 'hint'],
    );
    ws.setOptions({});
    assert.equal(ws.topology().policies.length, 0);
  });
});
