// Unknown fields (strict field validation) and known fields at the wrong level, with their fixes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toJS } from '../../../../server/src/engine/yamlTree';
import { analyseFile } from '../../../../server/src/engine/workspace';
import { analyse, applyFix, dedent, describeFindings, errorsOf, np, ruleCases } from './helpers';

const head = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n';

ruleCases([
  {
    name: 'misspelt field, with the correction',
    bad: np(`
      podSelector: {}
      ingress:
      - ⟦fromm⟧:
        - podSelector: {}
    `),
    code: 'unknown-field',
    message: ['Unknown field `fromm`', 'unknown field "spec.ingress[0].fromm"', 'Did you mean `from`?'],
    fix: true,
    good: np(`
      podSelector: {}
      ingress:
      - from:
        - podSelector: {}
    `),
  },
  {
    name: 'field in the wrong case',
    bad: np('⟦PodSelector⟧: {}'),
    code: 'unknown-field',
    message: ['unknown field "spec.PodSelector"', 'Did you mean `podSelector`?'],
    fix: true,
    good: np('podSelector: {}'),
  },
  {
    name: 'no close field: the valid ones are listed',
    bad: np('podSelector: {}\n⟦status⟧: {}'),
    code: 'unknown-field',
    message: ['has only `podSelector`, `ingress`, `egress`, `policyTypes`'],
    fix: false,
    good: np('podSelector: {}'),
  },
  {
    name: 'the top-level status of older API versions',
    bad: `${head}spec:\n  podSelector: {}\n⟦status⟧: {}\n`,
    code: 'unknown-field',
    message: ['unknown field "status"'],
    fix: false,
    good: np('podSelector: {}'),
  },
  {
    name: 'unknown metadata field',
    bad: np('podSelector: {}', 'name: p\n⟦lables⟧:\n  app: web'),
    code: 'unknown-field',
    message: ['unknown field "metadata.lables"', 'Did you mean `labels`?'],
    fix: true,
    good: np('podSelector: {}', 'name: p\nlabels:\n  app: web'),
  },
  {
    name: 'the seed: ingress at the top level',
    bad: `${head}spec:\n  podSelector:\n    matchLabels:\n      role: db\n⟦ingress⟧:\n  - from:\n    - podSelector: {}\n`,
    code: 'misplaced-field',
    message: [/^`ingress` belongs under `spec`/, 'unknown field "ingress"', 'role=db', 'deny all ingress'],
    fix: true,
    good: np('podSelector:\n  matchLabels:\n    role: db\ningress:\n  - from:\n    - podSelector: {}'),
  },
  {
    name: 'policyTypes at the top level, before spec',
    bad: `${head}⟦policyTypes⟧: [Egress]\nspec:\n  podSelector: {}\n`,
    code: 'misplaced-field',
    message: [/^`policyTypes` belongs under `spec`/],
    fix: true,
    good: np('podSelector: {}\npolicyTypes: [Egress]'),
  },
  {
    name: 'podSelector at the top level with no spec: the fix creates spec',
    bad: `${head}⟦podSelector⟧:\n  matchLabels:\n    app: web\n`,
    code: 'misplaced-field',
    message: ['`podSelector` belongs under `spec`', 'select every pod in its namespace'],
    fix: true,
    good: np('podSelector:\n  matchLabels:\n    app: web'),
  },
  {
    name: 'egress under an empty spec',
    bad: `${head}spec:\n⟦egress⟧:\n- {}\n`,
    code: 'misplaced-field',
    message: ['`egress` belongs under `spec`'],
    fix: true,
    good: np('egress:\n- {}'),
  },
  {
    name: 'name at the top level',
    bad: `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  namespace: x\n⟦name⟧: p\nspec:\n  podSelector: {}\n`,
    code: 'misplaced-field',
    message: ['`name` belongs under `metadata`'],
    fix: true,
    good: np('podSelector: {}', 'namespace: x\nname: p'),
  },
  {
    name: 'labels under spec',
    bad: np('podSelector: {}\n⟦labels⟧:\n  app: web'),
    code: 'misplaced-field',
    message: ['`labels` belongs under `metadata`', 'unknown field "spec.labels"'],
    fix: true,
    good: np('podSelector: {}', 'name: p\nlabels:\n  app: web'),
  },
  {
    name: 'ports indented into the peer',
    bad: np(`
      podSelector: {}
      ingress:
      - from:
        - podSelector: {}
          ⟦ports⟧:
          - port: 80
    `),
    code: 'misplaced-field',
    message: ['`ports` belongs in the rule', 'outdent', 'unknown field "spec.ingress[0].from[0].ports"'],
    fix: true,
    good: np(`
      podSelector: {}
      ingress:
      - from:
        - podSelector: {}
        ports:
        - port: 80
    `),
  },
  {
    name: 'to in an ingress rule',
    bad: np(`
      podSelector: {}
      ingress:
      - ⟦to⟧:
        - podSelector: {}
    `),
    code: 'misplaced-field',
    message: ['ingress rule lists its sources under `from`', 'unknown field "spec.ingress[0].to"'],
    fix: true,
    good: np(`
      podSelector: {}
      ingress:
      - from:
        - podSelector: {}
    `),
  },
  {
    name: 'from in an egress rule',
    bad: np('podSelector: {}\negress:\n- ⟦from⟧: [{podSelector: {}}]'),
    code: 'misplaced-field',
    message: ['egress rule lists its destinations under `to`'],
    fix: true,
    good: np('podSelector: {}\negress:\n- to: [{podSelector: {}}]'),
  },
  {
    name: 'a selector directly in a rule',
    bad: np('podSelector: {}\ningress:\n- ⟦podSelector⟧: {}'),
    code: 'misplaced-field',
    message: ['belongs in a peer, an item of `from`'],
    fix: false,
    good: np('podSelector: {}\ningress:\n- from:\n  - podSelector: {}'),
  },
  {
    name: 'cidr directly in a peer',
    bad: np('podSelector: {}\ningress:\n- from:\n  - ipBlock: {}\n    ⟦cidr⟧: 10.0.0.0/8'),
    code: 'misplaced-field',
    message: ['`cidr` belongs under `ipBlock`'],
    fix: false,
    good: np('podSelector: {}\ningress:\n- from:\n  - ipBlock:\n      cidr: 10.0.0.0/8'),
  },
  {
    name: 'a label directly under podSelector',
    bad: np('podSelector:\n  ⟦app⟧: web'),
    code: 'misplaced-field',
    message: ['`app` belongs under `matchLabels`', 'unknown field "spec.podSelector.app"'],
    fix: true,
    good: np('podSelector:\n  matchLabels:\n    app: web'),
  },
  {
    name: 'a label beside matchLabels',
    bad: np('podSelector:\n  matchLabels:\n    app: web\n  ⟦role⟧: db'),
    code: 'misplaced-field',
    message: ['`role` belongs under `matchLabels`'],
    fix: true,
    good: np('podSelector:\n  matchLabels:\n    app: web\n    role: db'),
  },
  {
    name: 'the port name as `name`',
    bad: np('podSelector: {}\ningress:\n- ports:\n  - ⟦name⟧: http'),
    code: 'misplaced-field',
    message: ['`port: <name>`'],
    fix: true,
    good: np('podSelector: {}\ningress:\n- ports:\n  - port: http'),
  },
  {
    name: 'spec indented under metadata',
    bad: `${head}  ⟦spec⟧:\n    podSelector: {}\n`,
    code: 'misplaced-field',
    message: ['`spec` belongs at the top level', 'unknown field "metadata.spec"'],
    fix: true,
    good: np('podSelector: {}'),
  },
]);

void test('a misplaced field whose target already has it asks for a merge and offers no fix', () => {
  const text = `${head}spec:\n  podSelector: {}\n  ingress: []\ningress:\n- {}\n`;
  const f = analyse(text).find((x) => x.code === 'misplaced-field');
  assert.ok(f);
  assert.match(f.message, /already has `ingress`: merge/);
  assert.equal(f.fixes, undefined);
});

void test('several stray labels are fixed one at a time', () => {
  let text = np('podSelector:\n  app: web\n  role: db');
  for (let i = 0; i < 2; i++) {
    const f = analyse(text).find((x) => x.code === 'misplaced-field');
    assert.ok(f, `round ${i}`);
    text = applyFix(text, f);
  }
  const after = analyse(text);
  assert.deepEqual(after, [], describeFindings(after));
  assert.equal(text, np('podSelector:\n  matchLabels:\n    app: web\n    role: db'));
});

void test('the move keeps CRLF line breaks and inner indentation', () => {
  const text =
    `${head}spec:\n    podSelector: {}\ningress:\n  - from:\n      - podSelector:\n          matchLabels: {a: b}\n`.replaceAll(
      '\n',
      '\r\n',
    );
  const f = analyse(text).find((x) => x.code === 'misplaced-field')!;
  const fixed = applyFix(text, f);
  assert.ok(!/[^\r]\n/.test(fixed), 'only CRLF line breaks');
  assert.deepEqual(errorsOf(analyse(fixed)), []);
  const spec = toJS(analyseFile({ path: 'x', text: fixed }).parsed.objects[0]!.node) as { spec: unknown };
  assert.deepEqual(spec.spec, {
    podSelector: {},
    ingress: [{ from: [{ podSelector: { matchLabels: { a: 'b' } } }] }],
  });
});

void test('a field at the end of a file without a final line break moves correctly', () => {
  const text = `${head}ingress: []\nspec:\n  podSelector: {}`;
  const f = analyse(text).find((x) => x.code === 'misplaced-field')!;
  const fixed = applyFix(text, f);
  assert.deepEqual(analyse(fixed), []);
  assert.equal(fixed, `${head}spec:\n  podSelector: {}\n  ingress: []`);
});

void test('JSON: misplaced and unknown fields keep valid JSON (rename quoted, no line moves)', () => {
  const json = dedent(`
    {
      "apiVersion": "networking.k8s.io/v1",
      "kind": "NetworkPolicy",
      "metadata": {"name": "p"},
      "spec": {"podSelektor": {}},
      "ingress": []
    }
  `);
  const findings = analyse(json, 'p.json');
  assert.deepEqual(
    findings.map((f) => f.code),
    ['unknown-field', 'misplaced-field'],
  );
  assert.equal(findings[1]!.fixes, undefined);
  const fixed = applyFix(json, findings[0]!);
  assert.doesNotThrow(() => JSON.parse(fixed));
  assert.ok(fixed.includes('"podSelector": {}'));
});

void test('a suggested field whose type does not fit the value gets no rename fix', () => {
  const text = np('podSelector: {}\ningress:\n- from:\n  - namespace: prod');
  const f = analyse(text).find((x) => x.code === 'unknown-field')!;
  assert.match(f.message, /Did you mean `namespaceSelector`\?/);
  assert.equal(f.fixes, undefined);
});

void test('a spec field inside metadata, with no spec anywhere, is reported without a fix that would nest spec in metadata', () => {
  const text = `${head}  ingress: []\n`;
  const f = analyse(text).find((x) => x.code === 'misplaced-field')!;
  assert.match(f.message, /^`ingress` belongs under `spec`/);
  assert.equal(f.fixes, undefined);
});
