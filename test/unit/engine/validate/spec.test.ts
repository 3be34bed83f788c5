// policyTypes and the spec as a whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyse, np, ruleCases } from './helpers';

const types = (t: string) => np(`podSelector: {}\npolicyTypes: ${t}`);

ruleCases([
  {
    name: 'a policy type in lower case',
    bad: types('[Ingress, ⟦egress⟧]'),
    code: 'policy-type-invalid',
    message: ['`spec.policyTypes[1]`: Unsupported value "egress"', 'Did you mean `Egress`?'],
    fix: true,
    good: types('[Ingress, Egress]'),
  },
  {
    name: 'a policy type that is neither',
    bad: types('[⟦All⟧]'),
    code: 'policy-type-invalid',
    message: ['"Ingress" and "Egress"'],
    fix: false,
    good: types('[Ingress, Egress]'),
  },
  {
    name: 'no correction that would repeat a type',
    bad: types('[Ingress, ⟦ingress⟧]'),
    code: 'policy-type-invalid',
    message: ['Unsupported value "ingress"'],
    fix: false,
    good: types('[Ingress]'),
  },
  {
    name: 'three policy types',
    bad: types('⟦[Ingress, Egress, Ingress]⟧'),
    code: 'policy-types-too-many',
    message: ['may not specify more than two policyTypes'],
    good: types('[Ingress, Egress]'),
  },
  {
    name: 'a repeated policy type (accepted by the API server)',
    bad: types('\n  - Egress\n  - ⟦Egress⟧'),
    code: 'policy-types-duplicate',
    severity: 'warning',
    message: ['repeats Egress (already item 0)', 'did you mean Ingress?'],
    fix: true,
    good: types('\n  - Egress'),
  },
  {
    name: 'a policy without spec',
    bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n⟦spec⟧:\n',
    code: 'missing-spec',
    severity: 'warning',
    message: ['denies all ingress to every pod in its namespace'],
    good: np('podSelector: {}\npolicyTypes: [Ingress]'),
  },
]);

void test('three policy types are reported once, not per item', () => {
  const codes = analyse(types('[a, b, c]')).map((f) => f.code);
  assert.deepEqual(codes, ['policy-types-too-many']);
});

void test('no missing-spec warning when a spec field sits at the top level instead', () => {
  const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\ningress: []\n';
  assert.deepEqual(
    analyse(text).map((f) => f.code),
    ['misplaced-field'],
  );
});

void test('too many policy types in block style are reported at the key, not over several lines', () => {
  const f = analyse(types('\n  - Ingress\n  - Egress\n  - Ingress')).find(
    (x) => x.code === 'policy-types-too-many',
  )!;
  assert.deepEqual(f.range, { start: { line: 6, character: 2 }, end: { line: 6, character: 13 } });
});
