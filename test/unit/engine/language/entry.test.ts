// The language features' engine entry (engine/language): the half-typed-YAML context, what is at a
// position, what may be typed there, in engine terms (no server).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  completionsAt,
  factsAt,
  policiesOf,
  targetAt,
  Workspace,
  yamlContext,
} from '../../../../server/src/engine';

const doc = (...lines: string[]) => lines;

void test('yamlContext reads the key path from indentation, through list items', () => {
  const lines = doc(
    'kind: NetworkPolicy',
    'spec:',
    '  ingress:',
    '  - from:',
    '    - podSelector:',
    '        matchLabels:',
    '          app: web',
    '          ro',
    '    ports:',
    '    - protocol: T',
  );
  const labels = yamlContext(lines, 7, 12)!;
  assert.deepEqual(
    [labels.path, labels.position, labels.word, labels.wordStart],
    [['spec', 'ingress', '#', 'from', '#', 'podSelector', 'matchLabels'], 'key', 'ro', 10],
  );
  assert.deepEqual([...labels.siblings], [['app', 'web']]);
  const protocol = yamlContext(lines, 9, 17)!;
  assert.deepEqual(
    [protocol.path, protocol.position, protocol.key, protocol.word],
    [['spec', 'ingress', '#', 'ports', '#'], 'value', 'protocol', 'T'],
  );
  assert.equal(protocol.kind, 'NetworkPolicy');
});

void test('yamlContext: values beside `key:` in a requirement, documents split by ---, broken indentation', () => {
  const lines = doc(
    'kind: Pod',
    '---',
    'kind: NetworkPolicy',
    'spec:',
    '  podSelector:',
    '    matchExpressions:',
    '    - key: role',
    '      operator: In',
    '      values:',
    '      - ',
  );
  const values = yamlContext(lines, 9, 8)!;
  assert.deepEqual(values.path, ['spec', 'podSelector', 'matchExpressions', '#', 'values', '#']);
  assert.equal(values.position, 'item');
  assert.equal(values.enclosing[0]!.get('key'), 'role');
  assert.equal(values.kind, 'NetworkPolicy');
  assert.equal(yamlContext(doc('name: x', '    deeper'), 1, 10), undefined);
  assert.equal(yamlContext(doc('services:', '  web:', '    '), 2, 4)!.isKubernetes, false);
});

const POLICY = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: db, labels: {role: db}}',
  'spec: {containers: [{name: c, image: x, ports: [{containerPort: 5432, name: pg}]}]}',
  '---',
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata:',
  '  name: db-in',
  'spec:',
  '  podSelector:',
  '    matchLabels:',
  '      role: db',
  '  ingress:',
  '  - ports:',
  '    - protocol: ',
].join('\n');

function workspaceOf(text: string) {
  const ws = new Workspace();
  ws.setFile({ path: 'w.yaml', text });
  return { parsed: ws.file('w.yaml')!.parsed, topology: ws.topology() };
}

void test('targetAt: the facade answers what a position points at, in engine terms', () => {
  const { parsed } = workspaceOf(POLICY);
  const label = targetAt(parsed, { line: 12, character: 7 });
  assert.deepEqual(label && { kind: label.kind, key: 'key' in label ? label.key : '' }, {
    kind: 'label',
    key: 'role',
  });
  const name = targetAt(parsed, { line: 8, character: 9 });
  assert.equal(name?.kind, 'policy');
  assert.equal(name?.kind === 'policy' && name.policy.name, 'db-in');
  assert.equal(targetAt(parsed, { line: 1, character: 2 }), undefined, 'a Pod is no target');
});

void test('completionsAt: what may be typed here, with the word to replace', () => {
  const { topology } = workspaceOf(POLICY);
  const protocol = completionsAt(POLICY, { line: 15, character: 16 }, topology)!;
  assert.deepEqual(
    protocol.offers.map((o) => [o.label, o.kind]),
    [
      ['TCP', 'enum'],
      ['UDP', 'enum'],
      ['SCTP', 'enum'],
    ],
  );
  assert.deepEqual([protocol.wordStart, protocol.needsSpace], [16, false]);
  const labelText = POLICY.replace('      role: db', '      ');
  const keys = completionsAt(labelText, { line: 12, character: 6 }, topology)!;
  assert.deepEqual(
    keys.offers.map((o) => [o.label, o.kind, o.insert]),
    [['role', 'labelKey', 'role: ']],
  );
  assert.equal(completionsAt('{"kind": "NetworkPolicy"}', { line: 0, character: 3 }, topology), undefined);
});

void test('factsAt and policiesOf: what the model says, in engine terms, for hover and CodeLens', () => {
  const { parsed, topology } = workspaceOf(POLICY);
  const selector = factsAt(parsed, { line: 10, character: 4 }, topology);
  assert.equal(selector?.facts.kind, 'podSelector');
  if (selector?.facts.kind !== 'podSelector') return;
  assert.deepEqual(
    [selector.facts.selector, selector.facts.namespace, selector.facts.match.pods.map((p) => p.name)],
    ['role=db', 'default', ['db']],
  );
  const label = factsAt(parsed, { line: 12, character: 7 }, topology)?.facts;
  assert.deepEqual(label, {
    kind: 'label',
    of: 'pod',
    label: 'role',
    namespace: 'default',
    inNamespace: 1,
    inWorkspace: 1,
  });
  const lenses = policiesOf(parsed, topology);
  assert.deepEqual(
    lenses.map((l) => [l.policy.name, parsed.lines.positionAt(l.start).line, l.counts]),
    [['db-in', 5, { selects: 1, ingress: 'any' }]],
  );
});
