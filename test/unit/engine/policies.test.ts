// Reading NetworkPolicies into the model: policyTypes defaulting exactly as the API server does it,
// rules, peers and ports with their source spans, and leniency on broken objects.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { parseFile } from '../../../server/src/engine/parse/documents';
import { policyFromObject } from '../../../server/src/engine/policies';
import { seedFile } from '../../helpers/paths';

const HEAD = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n';
const read = (text: string, path = 'p.yaml') => policyFromObject(parseFile({ path, text }).objects[0]!);
const specOf = (spec: string) => read(`${HEAD}spec:\n${spec}`)!;

void describe('policyTypes defaulting', () => {
  const cases: [string, string, string[], boolean][] = [
    ['omitted, no egress: Ingress', '  podSelector: {}\n', ['Ingress'], true],
    [
      'omitted, egress rules: Ingress and Egress',
      '  podSelector: {}\n  egress:\n  - {}\n',
      ['Ingress', 'Egress'],
      true,
    ],
    ['omitted, egress: []: Ingress only', '  podSelector: {}\n  egress: []\n', ['Ingress'], true],
    [
      'empty list defaults too',
      '  podSelector: {}\n  policyTypes: []\n  egress:\n  - {}\n',
      ['Ingress', 'Egress'],
      true,
    ],
    [
      'explicit Egress only',
      '  podSelector: {}\n  policyTypes: [Egress]\n  ingress:\n  - {}\n',
      ['Egress'],
      false,
    ],
    [
      'explicit both, listed order ignored',
      '  podSelector: {}\n  policyTypes: [Egress, Ingress]\n',
      ['Ingress', 'Egress'],
      false,
    ],
  ];
  for (const [name, spec, types, defaulted] of cases) {
    void test(name, () => {
      const p = specOf(spec);
      assert.deepEqual(p.policyTypes, types);
      assert.equal(p.policyTypesDefaulted, defaulted);
    });
  }
});

void describe('policyFromObject', () => {
  void test('rules, peers and ports with spans', () => {
    const text = `${HEAD}  namespace: prod\nspec:\n  podSelector:\n    matchLabels: {app: db}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: web}}\n      namespaceSelector: {}\n    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}\n    ports:\n    - port: 5432\n    - {protocol: UDP, port: dns, endPort: 60}\n`;
    const p = read(text)!;
    assert.equal(p.namespace, 'prod');
    assert.equal(p.name, 'p');
    assert.deepEqual(p.podSelector.matchLabels, { app: 'db' });
    const rule = p.ingress[0]!;
    assert.equal(rule.peers!.length, 2);
    assert.deepEqual(rule.peers![0]!.podSelector!.matchLabels, { app: 'web' });
    assert.deepEqual(rule.peers![0]!.namespaceSelector!.matchLabels, {});
    assert.deepEqual(
      { cidr: rule.peers![1]!.ipBlock!.cidr, except: rule.peers![1]!.ipBlock!.except },
      {
        cidr: '10.0.0.0/8',
        except: ['10.1.0.0/16'],
      },
    );
    assert.deepEqual(
      rule.ports!.map((x) => [x.protocol, x.port, x.endPort]),
      [
        ['TCP', 5432, undefined],
        ['UDP', 'dns', 60],
      ],
    );
    const slice = (s: { span: { start: number; end: number } } | undefined) =>
      text.slice(s!.span.start, s!.span.end);
    assert.equal(slice(rule.peers![1]!.source), 'ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}\n');
    assert.equal(slice(rule.ports![1]!.source), '{protocol: UDP, port: dns, endPort: 60}');
    assert.equal(slice(p.podSelector.source), 'matchLabels: {app: db}\n');
    assert.equal(p.source.file, 'p.yaml');
  });
  void test('namespace defaults to default; other kinds are not policies', () => {
    assert.equal(specOf('  podSelector: {}\n').namespace, 'default');
    assert.equal(read('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n'), undefined);
  });
  void test('a null rule item is the zero-value rule: every peer, every port', () => {
    const p = specOf('  podSelector: {}\n  ingress:\n  -\n');
    assert.equal(p.ingress.length, 1);
    assert.equal(p.ingress[0]!.peers, undefined);
    assert.equal(p.ingress[0]!.ports, undefined);
  });
  void test('the seed as written: both pasted policies still read (for hover); the second lost its rules', () => {
    const text = fs.readFileSync(seedFile, 'utf8');
    const policies = parseFile({ path: 'seed.yaml', text }).objects.map((o) => policyFromObject(o)!);
    assert.deepEqual(
      policies.map((p) => [p.name, p.podSelector.matchLabels, p.ingress.length]),
      [
        ['backend-access-ingress', { app: 'myapp', role: 'backend' }, 1],
        ['db-access-ingress', { app: 'myapp', role: 'db' }, 0],
      ],
    );
  });

  void test('lenient on broken objects: wrong types are skipped, nothing throws', () => {
    const p = specOf(
      '  podSelector: app=web\n  ingress: {from: []}\n  egress:\n  - to: [1, {podSelector: 3}]\n    ports: [{port: [80]}, x]\n',
    );
    assert.deepEqual(p.podSelector, { matchLabels: {}, matchExpressions: [] });
    assert.deepEqual(p.ingress, []);
    assert.equal(p.egress[0]!.peers!.length, 1);
    assert.equal(p.egress[0]!.peers![0]!.podSelector, undefined);
    assert.deepEqual(
      p.egress[0]!.ports!.map((x) => x.port),
      [undefined],
    );
  });
});
