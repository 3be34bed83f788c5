// Value shapes and types as the API server decodes them, YAML 1.1 readings included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyse, applyFix, describeFindings, errorsOf, np, ruleCases } from './helpers';

ruleCases([
  {
    name: 'a map where the list of rules belongs',
    bad: np(`
      podSelector: {}
      ⟦ingress⟧:
        from:
        - podSelector: {}
    `),
    code: 'invalid-type',
    message: ['`spec.ingress` must be a list', 'not a map', 'Start the item with `- `'],
    fix: true,
    good: np(`
      podSelector: {}
      ingress:
      - from:
        - podSelector: {}
    `),
  },
  {
    name: 'a flow map where a list belongs',
    bad: np('podSelector: {}\ningress:\n- ⟦from⟧: {podSelector: {}}'),
    code: 'invalid-type',
    message: ['`spec.ingress[0].from` must be a list'],
    fix: true,
    good: np('podSelector: {}\ningress:\n- from: [{podSelector: {}}]'),
  },
  {
    name: 'a one-item list where the selector map belongs',
    bad: np('⟦podSelector⟧:\n  - matchLabels:\n      app: web'),
    code: 'invalid-type',
    message: ['`spec.podSelector` must be a label selector map', 'not a list', 'Remove the `- `'],
    fix: true,
    good: np('podSelector:\n  matchLabels:\n    app: web'),
  },
  {
    name: 'a string where the selector map belongs',
    bad: np('podSelector: ⟦app=web⟧'),
    code: 'invalid-type',
    message: [
      'must be a label selector map',
      'not the string "app=web"',
      'Write `{matchLabels: {app: web}}`',
    ],
    fix: true,
    good: np('podSelector: {matchLabels: {app: web}}'),
  },
  {
    name: 'a string where the list of policy types belongs',
    bad: np('podSelector: {}\npolicyTypes: ⟦Egress⟧'),
    code: 'invalid-type',
    message: ['`spec.policyTypes` must be a list', 'Write `[Egress]`'],
    fix: true,
    good: np('podSelector: {}\npolicyTypes: [Egress]'),
  },
  {
    name: 'a quoted number where endPort belongs',
    bad: np('podSelector: {}\negress:\n- ports:\n  - port: 8000\n    endPort: ⟦"9000"⟧'),
    code: 'invalid-type',
    message: [
      '`spec.egress[0].ports[0].endPort` must be a whole number, not the string "9000"',
      'Remove the quotes',
    ],
    fix: true,
    good: np('podSelector: {}\negress:\n- ports:\n  - port: 8000\n    endPort: 9000'),
  },
  {
    name: 'a fractional port',
    bad: np('podSelector: {}\ningress:\n- ports:\n  - port: ⟦80.5⟧'),
    code: 'invalid-type',
    message: ['must be a whole port number or a port name, not 80.5'],
    fix: false,
    good: np('podSelector: {}\ningress:\n- ports:\n  - port: 80'),
  },
  {
    name: 'endPort beyond 32 bits',
    bad: np('podSelector: {}\ningress:\n- ports:\n  - port: 80\n    endPort: ⟦4294967296⟧'),
    code: 'invalid-type',
    message: ['does not fit in a 32-bit integer'],
    good: np('podSelector: {}\ningress:\n- ports:\n  - port: 80\n    endPort: 90'),
  },
  {
    name: 'a quoted boolean in an owner reference',
    bad: np(
      'podSelector: {}',
      'name: p\nownerReferences:\n- {apiVersion: v1, kind: ConfigMap, name: c, uid: u, controller: ⟦"true"⟧}',
    ),
    code: 'invalid-type',
    message: ['must be `true` or `false`'],
    fix: true,
    good: np(
      'podSelector: {}',
      'name: p\nownerReferences:\n- {apiVersion: v1, kind: ConfigMap, name: c, uid: u, controller: true}',
    ),
  },
  {
    name: 'a timestamp that is not RFC 3339',
    bad: np('podSelector: {}', 'name: p\ncreationTimestamp: ⟦"2024-05-01 10:20"⟧'),
    code: 'invalid-type',
    message: ['RFC 3339'],
    good: np('podSelector: {}', 'name: p\ncreationTimestamp: "2024-05-01T10:20:00Z"'),
  },
  {
    name: 'a map as a label value',
    bad: np('podSelector: {}', 'name: p\nlabels:\n  ⟦app⟧: {name: web}'),
    code: 'invalid-type',
    message: ['`metadata.labels.app` must be a string, not a map'],
    good: np('podSelector: {}', 'name: p\nlabels:\n  app: web'),
  },
  {
    name: 'an unquoted number as a label value',
    bad: np('podSelector:\n  matchLabels:\n    version: ⟦1.0⟧'),
    code: 'needs-quotes',
    message: ['The value of `version`', 'reads the unquoted `1.0` as the number 1', 'Quote it: `"1.0"`'],
    fix: true,
    good: np('podSelector:\n  matchLabels:\n    version: "1.0"'),
  },
  {
    name: 'yes: a string in YAML 1.2, a boolean for kubectl',
    bad: np('podSelector: {}', 'name: p\nlabels:\n  enabled: ⟦yes⟧'),
    code: 'needs-quotes',
    message: ['as the boolean true (YAML 1.1, which kubectl uses)', '`"yes"`'],
    fix: true,
    good: np('podSelector: {}', 'name: p\nlabels:\n  enabled: "yes"'),
  },
  {
    name: 'off as a matchExpressions value',
    bad: np('podSelector:\n  matchExpressions:\n  - {key: mode, operator: In, values: [⟦off⟧]}'),
    code: 'needs-quotes',
    message: ['`spec.podSelector.matchExpressions[0].values[0]` must be a string', 'the boolean false'],
    fix: true,
    good: np('podSelector:\n  matchExpressions:\n  - {key: mode, operator: In, values: ["off"]}'),
  },
  {
    name: 'a number as the name',
    bad: np('podSelector: {}', 'name: ⟦123⟧'),
    code: 'needs-quotes',
    message: ['`metadata.name` must be a string'],
    fix: true,
    good: np('podSelector: {}', 'name: "123"'),
  },
  {
    name: 'an unquoted key kubectl rewrites',
    bad: np('podSelector:\n  matchLabels:\n    ⟦on⟧: "yes"'),
    code: 'yaml11-key',
    severity: 'warning',
    message: ['reads the unquoted key `on`', 'sends the key "true"'],
    fix: true,
    good: np('podSelector:\n  matchLabels:\n    "on": "yes"'),
  },
]);

void test('a map where a list belongs is still checked inside', () => {
  const text = np('podSelector: {}\ningress:\n  ports:\n  - port: 0');
  const codes = analyse(text).map((f) => f.code);
  assert.deepEqual(codes, ['invalid-type', 'invalid-port']);
  assert.match(analyse(text)[1]!.message, /spec\.ingress\[0\]\.ports\[0\]\.port/);
});

void test('a quoted value that would still be invalid gets no quoting fix', () => {
  const text = np('podSelector: {}\ningress:\n- ports:\n  - protocol: true');
  const f = analyse(text).find((x) => x.code === 'needs-quotes')!;
  assert.equal(f.fixes, undefined);
});

void test('nulls are zero values everywhere, as in Go', () => {
  const text = np(`
    podSelector:
      matchLabels:
      matchExpressions:
    ingress:
    -
    - from:
      ports:
      -
    egress:
    policyTypes:
  `);
  const findings = analyse(text);
  assert.deepEqual(findings, [], describeFindings(findings));
});

void test('an explicitly tagged string is a string', () => {
  const text = np('podSelector:\n  matchLabels:\n    version: !!str 1.0\n    flag: !!str yes');
  assert.deepEqual(errorsOf(analyse(text)), []);
});

void test('the quoting fix for a number keeps its digits as written', () => {
  const text = np('podSelector:\n  matchLabels:\n    build: 0012');
  const f = analyse(text).find((x) => x.code === 'needs-quotes')!;
  assert.ok(applyFix(text, f).includes('build: "0012"'));
});

void test('a selector string becomes a selector map with values quoted where YAML 1.1 would misread them', () => {
  const text = np('podSelector: app=web,enabled=yes');
  const f = analyse(text).find((x) => x.code === 'invalid-type')!;
  const fixed = applyFix(text, f);
  assert.ok(fixed.includes('podSelector: {matchLabels: {app: web, enabled: "yes"}}'), fixed);
  assert.deepEqual(analyse(fixed), []);
});
