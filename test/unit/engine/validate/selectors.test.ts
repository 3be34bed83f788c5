// Label selectors: matchLabels and matchExpressions as ValidateLabelSelector checks them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyse, np, ruleCases } from './helpers';

const expr = (e: string) => np(`podSelector:\n  matchExpressions:\n  - ${e}`);
const peerExpr = (e: string) =>
  np(`podSelector: {}\ningress:\n- from:\n  - namespaceSelector:\n      matchExpressions:\n      - ${e}`);

ruleCases([
  {
    name: 'operator in the wrong case',
    bad: expr('{key: app, operator: ⟦in⟧, values: [web]}'),
    code: 'selector-operator',
    message: [
      '`spec.podSelector.matchExpressions[0].operator` "in" is not a valid selector operator',
      'Did you mean `In`?',
    ],
    fix: true,
    good: expr('{key: app, operator: In, values: [web]}'),
  },
  {
    name: 'operator written as a symbol',
    bad: peerExpr('{key: team, operator: ⟦"!="⟧, values: [a]}'),
    code: 'selector-operator',
    message: [
      '`spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].operator`',
      'Did you mean `NotIn`?',
    ],
    fix: true,
    good: peerExpr('{key: team, operator: NotIn, values: [a]}'),
  },
  {
    name: 'operator missing',
    bad: expr('⟦{key: app}⟧'),
    code: 'selector-operator',
    message: [
      '`spec.podSelector.matchExpressions[0].operator` is required',
      '`In`, `NotIn`, `Exists` or `DoesNotExist`',
    ],
    good: expr('{key: app, operator: Exists}'),
  },
  {
    name: 'an unknown operator gets no fix when the values do not fit the guess',
    bad: expr('{key: app, operator: ⟦exists⟧, values: [a]}'),
    code: 'selector-operator',
    message: ['Did you mean `Exists`?'],
    fix: false,
    good: expr('{key: app, operator: In, values: [a]}'),
  },
  {
    name: 'In without values',
    bad: expr('{key: app, operator: ⟦In⟧}'),
    code: 'selector-values-required',
    message: ["must be specified when `operator` is 'In' or 'NotIn'", 'use `Exists`'],
    good: expr('{key: app, operator: In, values: [web]}'),
  },
  {
    name: 'NotIn with an empty list',
    bad: expr('key: app\n    operator: NotIn\n    ⟦values⟧: []'),
    code: 'selector-values-required',
    message: ['`spec.podSelector.matchExpressions[0].values` must be specified'],
    good: expr('key: app\n    operator: NotIn\n    values: [web]'),
  },
  {
    name: 'Exists with values',
    bad: expr('key: app\n    operator: Exists\n    ⟦values⟧:\n    - web'),
    code: 'selector-values-forbidden',
    message: ["may not be specified when `operator` is 'Exists'", 'use `In`'],
    fix: true,
    good: expr('key: app\n    operator: Exists'),
  },
  {
    name: 'DoesNotExist with values, flow style',
    bad: expr('{key: app, operator: DoesNotExist, ⟦values⟧: [web]}'),
    code: 'selector-values-forbidden',
    message: ["'DoesNotExist'", 'use `NotIn`'],
    fix: true,
    good: expr('{key: app, operator: DoesNotExist}'),
  },
  {
    name: 'values first on the dash line',
    bad: expr('⟦values⟧: [web]\n    key: app\n    operator: Exists'),
    code: 'selector-values-forbidden',
    message: ["'Exists'"],
    fix: true,
    good: expr('key: app\n    operator: Exists'),
  },
  {
    name: 'a requirement without key',
    bad: expr('{key: ⟦""⟧, operator: Exists}'),
    code: 'invalid-label-key',
    message: ['`spec.podSelector.matchExpressions[0].key` is empty'],
    good: expr('{key: app, operator: Exists}'),
  },
  {
    name: 'an invalid key',
    bad: expr('{key: ⟦-app⟧, operator: Exists}'),
    code: 'invalid-label-key',
    message: ['Label key `-app`', 'start and end with an alphanumeric character'],
    good: expr('{key: app, operator: Exists}'),
  },
  {
    name: 'an invalid value',
    bad: expr('{key: app, operator: In, values: [web, ⟦"web app"⟧]}'),
    code: 'invalid-label-value',
    message: ['`spec.podSelector.matchExpressions[0].values[1]`', 'it contains a space'],
    good: expr('{key: app, operator: In, values: [web, web-app]}'),
  },
  {
    name: 'an invalid matchLabels key',
    bad: np('podSelector:\n  matchLabels:\n    ⟦app_⟧: web'),
    code: 'invalid-label-key',
    message: ['Label key `app_` in `spec.podSelector.matchLabels`'],
    good: np('podSelector:\n  matchLabels:\n    app: web'),
  },
  {
    name: 'an invalid matchLabels value in a namespaceSelector',
    bad: np(
      'podSelector: {}\negress:\n- to:\n  - namespaceSelector:\n      matchLabels:\n        team: ⟦a,b⟧',
    ),
    code: 'invalid-label-value',
    message: ['`spec.egress[0].to[0].namespaceSelector.matchLabels`', "it contains ','"],
    good: np('podSelector: {}\negress:\n- to:\n  - namespaceSelector:\n      matchLabels:\n        team: a'),
  },
  {
    name: 'a matchLabels key without value',
    bad: np('podSelector:\n  matchLabels:\n    ⟦role⟧:'),
    code: 'null-label-value',
    severity: 'warning',
    message: ['kubectl sends an empty string', 'operator: Exists'],
    good: np('podSelector:\n  matchLabels:\n    role: ""'),
  },
]);

void test('the empty string is a valid label value', () => {
  assert.deepEqual(analyse(np('podSelector:\n  matchLabels:\n    role: ""')), []);
});
