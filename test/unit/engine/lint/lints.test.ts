// Every lint on the sample cluster (default/web, default/backend, default/db on two nodes): exact
// codes, ranges and messages, and the cases where a lint must stay silent.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { LINT_RULES } from '../../../../server/src/engine/lint';
import { YAML_RULES } from '../../../../server/src/engine/rules';
import type { EngineOptions } from '../../../../server/src/engine/workspace';
import { fixedSeedFile } from '../../../helpers/paths';
import { errors, findingOf, lints, POLICY_HEAD as H, workspace } from './helpers';

interface Case {
  name: string;
  text: string;
  expect: string[];
  options?: EngineOptions;
  /** Other files of the workspace. */
  others?: Record<string, string>;
  /** Without the sample cluster and pods. */
  bare?: boolean;
}

const dbIngress = (ports: string) =>
  `${H}  name: db-ports\nspec:\n  podSelector:\n    matchLabels:\n      role: db\n  ingress:\n  - ports:\n${ports}`;

const CASES: Case[] = [
  {
    name: 'policy-selects-nothing: names the label no pod has, on the podSelector',
    text: `${H}  name: db-typo\nspec:\n  podSelector:\n    matchLabels:\n      role: dbx\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          role: backend\n`,
    expect: [
      'policy-selects-nothing 7:5-8:16 This policy selects no pod: no pod in namespace default has label role=dbx.',
    ],
  },
  {
    name: 'policy-selects-nothing: a namespace without pods',
    text: `${H}  name: p\n  namespace: prod\nspec:\n  podSelector: {}\n  ingress:\n  - {}\n`,
    expect: [
      'policy-selects-nothing 7:16-7:18 This policy selects no pod: namespace prod has no pods.',
      'allow-all 9:5-9:7 This rule allows all ingress traffic to every pod in namespace prod (no pod), overriding any other policy that restricts their ingress.',
    ],
  },
  {
    name: 'peer-selects-nothing: on the podSelector, with the reason',
    text: `${H}  name: db-peer\nspec:\n  podSelector:\n    matchLabels:\n      role: db\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          role: frontend\n`,
    expect: [
      'peer-selects-nothing 12:9-13:25 This peer matches no pod, so it allows nothing: no pod in namespace default has label role=frontend.',
    ],
  },
  {
    name: 'peer-selects-nothing: namespaces match, pods do not (pod AND namespace)',
    text: `${H}  name: db-peer\nspec:\n  podSelector:\n    matchLabels:\n      role: db\n  ingress:\n  - from:\n    - namespaceSelector: {}\n      podSelector:\n        matchExpressions:\n        - {key: role, operator: In, values: [web, backend]}\n        - {key: tier, operator: Exists}\n`,
    expect: [
      'peer-selects-nothing 13:9-15:40 This peer matches no pod, so it allows nothing: no pod in namespace default has label tier.',
    ],
  },
  {
    name: 'namespace-selector-matches-nothing: a namespace that differs in earnest is no suggestion',
    text: `${H}  name: db-ns\nspec:\n  podSelector:\n    matchLabels:\n      role: db\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          env: prod\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: staging\n  labels:\n    env: staging\n`,
    expect: [
      'namespace-selector-matches-nothing 12:9-13:20 This namespaceSelector matches no namespace: no namespace has label env=prod.',
    ],
  },
  {
    name: 'namespace-selector-matches-nothing: a typo of a namespace label names the closest namespace',
    text: `${H}  name: db-ns\nspec:\n  podSelector:\n    matchLabels:\n      role: db\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          env: stagign\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: staging\n  labels:\n    env: staging\n`,
    expect: [
      'namespace-selector-matches-nothing 12:9-13:23 This namespaceSelector matches no namespace: no namespace has label env=stagign. The closest is namespace staging (env=staging, kubernetes.io/metadata.name=staging).',
    ],
  },
  {
    name: 'namespace-selector-matches-nothing: a short value is close only in another case',
    text: `${H}  name: db-ns\nspec:\n  podSelector:\n    matchLabels:\n      role: db\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: b\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels:\n    team: a\n`,
    expect: [
      'namespace-selector-matches-nothing 12:9-13:18 This namespaceSelector matches no namespace: no namespace has label team=b.',
    ],
  },
  {
    name: 'a DNS rule to kube-system, which the workspace does not describe, is not reported',
    text: `${H}  name: dns\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:\n    - {protocol: UDP, port: 53}\n    - {protocol: TCP, port: dns-tcp}\n`,
    expect: [],
  },
  {
    name: 'a DNS rule to kube-system, where the workspace describes other pods than kube-dns, is reported',
    text: `${H}  name: dns\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:\n    - {protocol: UDP, port: 53}\n`,
    others: {
      'system.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: metrics\n  namespace: kube-system\n  labels:\n    k8s-app: metrics-server\nspec:\n  nodeName: node-1\n  containers:\n  - name: m\n    image: m\n',
    },
    expect: [
      'peer-selects-nothing 14:9-15:28 This peer matches no pod, so it allows nothing: no pod in namespace kube-system has label k8s-app=kube-dns.',
    ],
  },
  {
    name: 'named-port-unknown and port-not-served on ingress ports',
    text: dbIngress(
      '    - port: postgress\n    - port: postgres\n      protocol: UDP\n    - port: 5433\n    - port: 5432\n    - port: 5400\n      endPort: 5500\n',
    ),
    expect: [
      'named-port-unknown 11:13-11:22 No pod selected by this policy declares a TCP container port named `postgress`, so this port matches nothing. Declared names: `postgres`.',
      'named-port-unknown 12:13-12:21 No pod selected by this policy declares a UDP container port named `postgres`, so this port matches nothing. default/db declares `postgres` on TCP; set `protocol: TCP`.',
      'port-not-served 14:13-14:17 No pod selected by this policy declares container port TCP 5433 (they declare TCP 5432).',
    ],
  },
  {
    name: 'named-port-unknown on egress resolves against the destination pods',
    text: `${H}  name: web-out\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - podSelector:\n        matchLabels:\n          role: backend\n    ports:\n    - port: http\n    - port: api\n  - ports:\n    - protocol: UDP\n      port: 53\n    - port: anything\n`,
    expect: [
      'named-port-unknown 16:13-16:17 No destination pod of this egress rule declares a TCP container port named `http`, so this port matches nothing. Declared names: `api`.',
    ],
  },
  {
    name: 'egress-blocks-dns: on the Egress policy type',
    text: `${H}  name: web-egress\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  policyTypes:\n  - Egress\n  egress:\n  - to:\n    - podSelector:\n        matchLabels:\n          role: backend\n    ports:\n    - port: 8080\n`,
    expect: [
      'egress-blocks-dns 10:5-10:11 This policy isolates pods for egress but no egress rule allows DNS (UDP port 53), so the selected pods cannot resolve any name, Service names included. Allow UDP and TCP 53 to kube-dns.',
    ],
  },
  {
    name: 'egress-blocks-dns: only for the pods no other policy rescues',
    text: `${H}  name: deny-out\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n---\n${H}  name: web-dns\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  policyTypes: [Egress]\n  egress:\n  - ports:\n    - {protocol: UDP, port: 50, endPort: 60}\n`,
    expect: [
      'deny-all 4:9-4:17 Default deny-egress for namespace default: all egress traffic from every pod in namespace default (3 pods: default/web, default/backend, default/db) is denied, unless another policy selecting them allows it.',
      'egress-blocks-dns 7:17-7:23 This policy isolates pods for egress but no egress rule allows DNS (UDP port 53), so 2 of the 3 selected pods (default/backend, default/db) cannot resolve any name, Service names included. Allow UDP and TCP 53 to kube-dns.',
    ],
  },
  {
    name: 'egress-blocks-dns: silent when another policy of the same pods allows DNS',
    text: `${H}  name: web-egress\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - podSelector:\n        matchLabels:\n          role: backend\n---\n${H}  name: dns\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - ports:\n    - protocol: UDP\n      port: 53\n`,
    expect: [],
  },
  {
    name: 'policy-types-implied: egress rules make it [Ingress, Egress] (and ingress becomes deny-all)',
    text: `${H}  name: web-out\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  egress:\n  - ports:\n    - protocol: UDP\n      port: 53\n`,
    expect: [
      'deny-all 4:9-4:16 All ingress traffic to pods role=web in namespace default (1 pod: default/web) is denied, unless another policy selecting them allows it.',
      'policy-types-implied 9:3-9:9 `policyTypes` is omitted, so it defaults to [Ingress, Egress] because of these egress rules: the selected pods are isolated for egress as well as for ingress (all ingress is denied unless a rule allows it).',
    ],
  },
  {
    name: 'policy-types-implied: an empty egress does not deny egress',
    text: `${H}  name: web-out\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  ingress:\n  - from:\n    - podSelector: {}\n  egress: []\n`,
    expect: [
      'policy-types-implied 12:3-12:9 `policyTypes` is omitted and `egress` is empty, so it defaults to [Ingress] only: this does NOT deny egress. To deny all egress, list Egress in `policyTypes`.',
    ],
  },
  {
    name: 'deny-all: a selector-scoped egress deny',
    text: `${H}  name: db-no-out\nspec:\n  podSelector:\n    matchLabels:\n      role: db\n  policyTypes: [Egress]\n`,
    expect: [
      'deny-all 4:9-4:18 All egress traffic from pods role=db in namespace default (1 pod: default/db) is denied, unless another policy selecting them allows it.',
      'egress-blocks-dns 9:17-9:23 This policy isolates pods for egress but no egress rule allows DNS (UDP port 53), so the selected pods cannot resolve any name, Service names included. Allow UDP and TCP 53 to kube-dns.',
    ],
  },
  {
    name: 'deny-all: default deny-ingress of a namespace',
    text: `${H}  name: default-deny\n  namespace: default\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n`,
    expect: [
      'deny-all 4:9-4:21 Default deny-ingress for namespace default: all ingress traffic to every pod in namespace default (3 pods: default/web, default/backend, default/db) is denied, unless another policy selecting them allows it.',
    ],
  },
  {
    name: 'allow-all: an empty rule',
    text: `${H}  name: allow-all\nspec:\n  podSelector: {}\n  ingress:\n  - {}\n`,
    expect: [
      'allow-all 8:5-8:7 This rule allows all ingress traffic to every pod in namespace default (3 pods: default/web, default/backend, default/db), overriding any other policy that restricts their ingress.',
    ],
  },
  {
    name: 'ipblock-overlaps-pod-network: on the cidr, unless except removes the pod network',
    text: `${H}  name: from-corp\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n    - ipBlock:\n        cidr: 10.0.0.0/8\n        except:\n        - 10.244.0.0/16\n    - ipBlock:\n        cidr: 10.244.1.0/24\n    - ipBlock:\n        cidr: 203.0.113.0/24\n`,
    expect: [
      'ipblock-overlaps-pod-network 12:15-12:25 ipBlock 10.0.0.0/8 overlaps the pod network 10.244.0.0/16: whether it matches traffic between pods is implementation-defined (ipBlock is meant for traffic from or to outside the cluster, and pod IPs change). Select pods with podSelector/namespaceSelector instead, or exclude it with `except: [10.244.0.0/16]`.',
      'ipblock-overlaps-pod-network 18:15-18:28 ipBlock 10.244.1.0/24 overlaps the pod network 10.244.0.0/16: whether it matches traffic between pods is implementation-defined (ipBlock is meant for traffic from or to outside the cluster, and pod IPs change). Select pods with podSelector/namespaceSelector instead.',
    ],
  },
  {
    name: 'ipblock-overlaps-pod-network: 0.0.0.0/0 and ::/0 mean anywhere and are not reported',
    text: `${H}  name: anywhere\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  policyTypes: [Ingress, Egress]\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n    - ipBlock:\n        cidr: ::/0\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n        except:\n        - 169.254.169.254/32\n`,
    expect: [],
  },
  {
    name: 'ipblock-overlaps-pod-network: against a pod network no ConfigMap declares, says it is assumed',
    text: `${H}  name: from-corp\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.244.1.0/24\n`,
    bare: true,
    expect: [
      "ipblock-overlaps-pod-network 10:15-10:28 ipBlock 10.244.1.0/24 overlaps the pod network 10.244.0.0/16 (assumed: flannel's default, as no kube-flannel-cfg ConfigMap declares it): whether it matches traffic between pods is implementation-defined (ipBlock is meant for traffic from or to outside the cluster, and pod IPs change). Select pods with podSelector/namespaceSelector instead.",
    ],
  },
  {
    name: 'policy-not-enforced: once per policy, at its name, when enforcement is off',
    text: `${H}  name: db-in\nspec:\n  podSelector:\n    matchLabels:\n      role: db\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          role: backend\n`,
    options: { enforcement: false },
    expect: [
      'policy-not-enforced 4:9-4:14 plain flannel does not enforce NetworkPolicy; this policy has no effect until a policy engine (such as Calico, as in Canal) runs beside flannel (policy enforcement is off in the settings).',
    ],
  },
  {
    name: 'duplicate-policy: the later file is in effect',
    text: `${H}  name: db-in\nspec:\n  podSelector:\n    matchLabels:\n      role: db\n  ingress:\n  - from:\n    - podSelector: {}\n`,
    others: {
      'a.yaml': `${H}  name: db-in\nspec:\n  podSelector:\n    matchLabels:\n      role: db\n  ingress:\n  - {}\n`,
    },
    expect: [
      'duplicate-policy 4:9-4:14 NetworkPolicy default/db-in is also defined at a.yaml:4; this later definition is the one in effect.',
    ],
  },
  {
    name: 'rules-ignored: egress rules without Egress in policyTypes',
    text: `${H}  name: web-in\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - podSelector: {}\n  egress:\n  - to:\n    - podSelector: {}\n`,
    expect: [
      'rules-ignored 14:3-14:9 These egress rules are ignored: `policyTypes` does not list Egress, so the policy does not isolate or allow egress traffic.',
    ],
  },
  {
    name: 'without pods in the workspace, the topology lints stay silent',
    text: `${H}  name: db-typo\nspec:\n  podSelector:\n    matchLabels:\n      role: dbx\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          role: nobody\n      namespaceSelector:\n        matchLabels:\n          env: prod\n    ports:\n    - port: http\n`,
    bare: true,
    expect: [],
  },
  {
    name: "the seed's corrected policies lint cleanly",
    text: fs.readFileSync(fixedSeedFile, 'utf8'),
    expect: [],
  },
];

void describe('lints', () => {
  for (const c of CASES) {
    void test(c.name, () => {
      const ws = workspace({ ...c.others, 'p.yaml': c.text }, c.options, !c.bare);
      assert.deepEqual(errors(ws, 'p.yaml'), [], 'the policy under test is valid');
      assert.deepEqual(lints(ws, 'p.yaml'), c.expect);
    });
  }
});

void describe('related locations', () => {
  void test('duplicate-policy points at the other definition; the earlier one says it is replaced', () => {
    const text = `${H}  name: db-in\nspec:\n  podSelector: {}\n  ingress:\n  - {}\n`;
    const ws = workspace({ 'a.yaml': text, 'b.yaml': `# copy\n${text}` });
    const earlier = findingOf(ws, 'a.yaml', 'duplicate-policy');
    assert.equal(
      earlier.message,
      'NetworkPolicy default/db-in is defined again at b.yaml:5, which replaces this definition (the later file wins).',
    );
    assert.deepEqual(earlier.related, [
      {
        file: 'b.yaml',
        range: { start: { line: 4, character: 8 }, end: { line: 4, character: 13 } },
        message: 'other definition of default/db-in',
      },
    ]);
  });

  void test('namespace-selector-matches-nothing points at the closest declared namespace', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: staging\n  labels:\n    env: staging\n';
    const policy = `${H}  name: db-ns\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          env: Stagin\n`;
    const ws = workspace({ 'ns.yaml': ns, 'p.yaml': policy });
    assert.deepEqual(findingOf(ws, 'p.yaml', 'namespace-selector-matches-nothing').related, [
      {
        file: 'ns.yaml',
        range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } },
        message: 'namespace staging',
      },
    ]);
  });

  void test('ipblock-overlaps-pod-network points at the flannel configuration', () => {
    const policy = `${H}  name: corp\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n`;
    const related = findingOf(
      workspace({ 'p.yaml': policy }),
      'p.yaml',
      'ipblock-overlaps-pod-network',
    ).related;
    assert.deepEqual(
      related?.map((r) => [r.file, r.range.start.line, r.message]),
      [['cluster.yaml', 24, 'flannel network (net-conf.json)']],
    );
  });
});

void describe('the lint registry', () => {
  void test('codes are unique, kebab-case, documented, and distinct from the YAML rules', () => {
    const codes = LINT_RULES.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const r of LINT_RULES) {
      assert.match(r.code, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(r.title.length > 0 && r.help.length > 20, r.code);
      assert.notEqual(r.severity, 'error', 'lints never reject what the API server accepts');
    }
    for (const y of YAML_RULES) assert.ok(!codes.includes(y.code), y.code);
  });

  void test('every code a case expects is registered with the severity it is reported with', () => {
    const ws = workspace({ 'p.yaml': CASES[0]!.text });
    for (const f of ws.findings('p.yaml')) {
      const rule = LINT_RULES.find((r) => r.code === f.code);
      if (rule) assert.equal(f.severity, rule.severity);
    }
  });
});
