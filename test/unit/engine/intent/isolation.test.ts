// Whether a namespace is isolated, per direction: every pod of it selected by some policy of its
// namespace with the direction in its effective policyTypes (what the "Isolate namespace…" code
// action and the isolate intent decide on), and the isolate intent naming a direction already isolated.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Direction } from '../../../../server/src/engine/types';
import { isolatedDirections, proposeIsolation } from '../../../../server/src/engine/intent';
import { Workspace } from '../../../../server/src/engine/workspace';
import { sample } from './workspaces';

const pod = (ns: string, name: string, app: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: {app: ${app}}}\nspec: {containers: [{name: main, image: nginx}]}\n`;
const policy = (ns: string, name: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: ${spec}\n`;
const PODS = [pod('a', 'one', 'web'), pod('a', 'two', 'db'), pod('b', 'three', 'web')];

const CASES: { name: string; policies: string[]; namespace?: string; isolated: Direction[] }[] = [
  { name: 'no policy', policies: [], isolated: [] },
  {
    name: 'a default-deny for ingress only isolates only ingress',
    policies: [policy('a', 'deny', '{podSelector: {}, policyTypes: [Ingress]}')],
    isolated: ['ingress'],
  },
  {
    name: 'policies with selectors that together select every pod',
    policies: [
      policy('a', 'web', '{podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}'),
      policy('a', 'db', '{podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress, Egress]}'),
    ],
    isolated: ['ingress'],
  },
  {
    name: 'one pod selected by no policy: not isolated',
    policies: [
      policy('a', 'web', '{podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress, Egress]}'),
    ],
    isolated: [],
  },
  {
    name: 'policyTypes left out and no egress rules: ingress only',
    policies: [policy('a', 'all', '{podSelector: {}, ingress: [{}]}')],
    isolated: ['ingress'],
  },
  {
    name: 'policyTypes left out: Egress counts only where egress rules are written',
    policies: [
      policy('a', 'all', '{podSelector: {}, ingress: [{}]}'),
      policy('a', 'out', '{podSelector: {}, egress: [{ports: [{port: 53, protocol: UDP}]}]}'),
    ],
    isolated: ['ingress', 'egress'],
  },
  {
    name: 'a selector that selects no pod isolates none',
    policies: [
      policy(
        'a',
        'none',
        '{podSelector: {matchExpressions: [{key: app, operator: In, values: [x]}]}, policyTypes: [Ingress]}',
      ),
    ],
    isolated: [],
  },
  {
    name: "another namespace's default-deny does not count",
    policies: [policy('b', 'deny', '{podSelector: {}, policyTypes: [Ingress, Egress]}')],
    isolated: [],
  },
  {
    name: 'a namespace without pods is not said to be isolated',
    policies: [policy('c', 'deny', '{podSelector: {}, policyTypes: [Ingress, Egress]}')],
    namespace: 'c',
    isolated: [],
  },
];

for (const c of CASES)
  void test(c.name, () => {
    const ws = new Workspace();
    ws.setFile({ path: 'w.yaml', text: [...PODS, ...c.policies].join('---\n') });
    assert.deepEqual(isolatedDirections(ws.topology(), c.namespace ?? 'a'), c.isolated);
  });

void test('isolating data for both directions on the shop says ingress is already isolated', () => {
  const shop = sample('shop');
  assert.deepEqual(isolatedDirections(shop.topology(), 'data'), ['ingress']);
  const r = proposeIsolation(shop, { namespace: 'data', directions: ['ingress', 'egress'] });
  if (!r.ok) return assert.fail(r.reason);
  assert.equal(r.proposal.title, 'Isolate namespace data (egress; ingress already isolated)');
  assert.deepEqual(r.proposal.steps, [
    'new policy data/default-deny-egress: isolates every pod of data for egress, keeping DNS to kube-dns',
  ]);
});
