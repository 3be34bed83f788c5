// Namespaces, Pods and workloads whose name, namespace or label values kubectl reads as YAML 1.1
// booleans or as numbers: flagged where written (needs-quotes, quoting fix), and left out of the
// topology as the API server would reject them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Workspace } from '../../../../server/src/engine/workspace';
import { applyFix, dedent, marked } from './helpers';

interface Case {
  name: string;
  /** The object, with the flagged value marked ⟦…⟧. */
  text: string;
  message: string;
}

const ns = (meta: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n${meta}`;
const pod = (meta: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n${meta}`;
const deployment = (labels: string, selector: string) =>
  dedent(`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: shop
    spec:
      replicas: 2
      selector:
        matchLabels:
          ${selector}
      template:
        metadata:
          labels:
            ${labels}
  `);

const YAML11 = '(YAML 1.1, which kubectl uses)';

const CASES: Case[] = [
  {
    name: 'a Namespace named `yes`',
    text: ns('  name: ⟦yes⟧\n'),
    message: `\`metadata.name\` must be a string, but kubectl reads the unquoted \`yes\` as the boolean true ${YAML11}. Quote it: \`"yes"\`.`,
  },
  {
    name: 'a Namespace label value `off`',
    text: ns('  name: shop\n  labels:\n    monitored: ⟦off⟧\n'),
    message: `The value of \`monitored\` in \`metadata.labels\` must be a string, but kubectl reads the unquoted \`off\` as the boolean false ${YAML11}. Quote it: \`"off"\`.`,
  },
  {
    name: 'a Pod in namespace `no`',
    text: pod('  name: web\n  namespace: ⟦no⟧\n'),
    message: `\`metadata.namespace\` must be a string, but kubectl reads the unquoted \`no\` as the boolean false ${YAML11}. Quote it: \`"no"\`.`,
  },
  {
    name: 'a Pod label value `y`',
    text: pod('  name: web\n  labels:\n    canary: ⟦y⟧\n'),
    message: `The value of \`canary\` in \`metadata.labels\` must be a string, but kubectl reads the unquoted \`y\` as the boolean true ${YAML11}. Quote it: \`"y"\`.`,
  },
  {
    name: 'a Pod label value that is a number',
    text: pod('  name: web\n  labels:\n    version: ⟦2⟧\n'),
    message:
      'The value of `version` in `metadata.labels` must be a string, but kubectl reads the unquoted `2` as the number 2. Quote it: `"2"`.',
  },
  {
    name: 'a Pod named with a number',
    text: pod('  name: ⟦1.5⟧\n'),
    message:
      '`metadata.name` must be a string, but kubectl reads the unquoted `1.5` as the number 1.5. Quote it: `"1.5"`.',
  },
  {
    name: "a Deployment's pod template label `on`",
    text: deployment('app: ⟦on⟧', 'app: "on"'),
    message: `The value of \`app\` in \`spec.template.metadata.labels\` must be a string, but kubectl reads the unquoted \`on\` as the boolean true ${YAML11}. Quote it: \`"on"\`.`,
  },
  {
    name: "a Deployment's selector label `true`",
    text: deployment('app: "true"', 'app: ⟦true⟧'),
    message:
      'The value of `app` in `spec.selector.matchLabels` must be a string, but kubectl reads the unquoted `true` as the boolean true. Quote it: `"true"`.',
  },
  {
    name: "a CronJob's pod template label",
    text: dedent(`
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: report
      spec:
        schedule: "0 * * * *"
        jobTemplate:
          spec:
            template:
              metadata:
                labels:
                  nightly: ⟦yes⟧
    `),
    message: `The value of \`nightly\` in \`spec.jobTemplate.spec.template.metadata.labels\` must be a string, but kubectl reads the unquoted \`yes\` as the boolean true ${YAML11}. Quote it: \`"yes"\`.`,
  },
  {
    name: "a ReplicationController's selector (a plain label map)",
    text: dedent(`
      apiVersion: v1
      kind: ReplicationController
      metadata:
        name: legacy
      spec:
        selector:
          legacy: ⟦Y⟧
        template:
          metadata:
            labels:
              legacy: "Y"
    `),
    message: `The value of \`legacy\` in \`spec.selector\` must be a string, but kubectl reads the unquoted \`Y\` as the boolean true ${YAML11}. Quote it: \`"Y"\`.`,
  },
];

function workspaceOf(text: string): Workspace {
  const ws = new Workspace();
  ws.setFile({ path: 'objects.yaml', text });
  return ws;
}

const topologyNames = (ws: Workspace): string[] => {
  const t = ws.topology();
  return [
    ...[...t.namespaces.values()].filter((n) => n.declared).map((n) => `ns ${n.name}`),
    ...t.pods.map((p) => `pod ${p.namespace}/${p.name}`),
  ];
};

void describe('topology objects kubectl would misread', () => {
  for (const c of CASES) {
    void test(`${c.name}: needs-quotes on the value, the object left out, the fix brings it back`, () => {
      const { text, range } = marked(c.text);
      const ws = workspaceOf(text);
      const findings = ws.findings('objects.yaml');
      assert.deepEqual(
        findings.map((f) => ({ code: f.code, severity: f.severity, range: f.range, message: f.message })),
        [{ code: 'needs-quotes', severity: 'error', range, message: c.message }],
      );
      assert.deepEqual(topologyNames(ws), []);
      const fixed = applyFix(text, findings[0]!);
      const again = workspaceOf(fixed);
      assert.deepEqual(again.findings('objects.yaml'), []);
      assert.notDeepEqual(topologyNames(again), []);
    });
  }

  void test('the same with the file kept open (YAML trees kept, as in the editor)', () => {
    const { text } = marked(CASES[3]!.text);
    const ws = new Workspace();
    ws.keepTrees('objects.yaml', true);
    ws.setFile({ path: 'objects.yaml', text });
    assert.deepEqual(
      ws.findings('objects.yaml').map((f) => f.code),
      ['needs-quotes'],
    );
    assert.deepEqual(topologyNames(ws), []);
  });

  void test('quoted values and `!!str` are strings: nothing flagged, the objects are used', () => {
    const text = [
      ns('  name: "yes"\n  labels:\n    monitored: !!str off\n'),
      pod('  name: web\n  namespace: "yes"\n  labels:\n    version: "2"\n    canary: \'y\'\n'),
    ].join('---\n');
    const ws = workspaceOf(text);
    assert.deepEqual(ws.findings('objects.yaml'), []);
    assert.deepEqual(topologyNames(ws), ['ns yes', 'pod yes/web']);
  });

  void test('objects of other API groups (custom resources) are not flagged', () => {
    const text = 'apiVersion: example.com/v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    canary: y\n';
    assert.deepEqual(workspaceOf(text).findings('objects.yaml'), []);
  });
});
