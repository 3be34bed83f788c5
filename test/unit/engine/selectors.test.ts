// Label selector matching as the API machinery does it, selector descriptions, and lenient reading.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFile } from '../../../server/src/engine/parse/documents';
import type { LabelSelector } from '../../../server/src/engine/model';
import {
  describeSelector,
  isEmptySelector,
  selectorFromNode,
  selectorMatches,
} from '../../../server/src/engine/selectors';
import type { YNode } from '../../../server/src/engine/yamlTree';

const sel = (s: Partial<LabelSelector>): LabelSelector => ({ matchLabels: {}, matchExpressions: [], ...s });

void describe('selectorMatches', () => {
  const labels = { app: 'web', tier: 'front' };
  const cases: [string, LabelSelector, Record<string, string>, boolean][] = [
    ['empty selector matches everything', sel({}), labels, true],
    ['empty selector matches no labels too', sel({}), {}, true],
    ['matchLabels equal', sel({ matchLabels: { app: 'web' } }), labels, true],
    ['matchLabels all pairs needed', sel({ matchLabels: { app: 'web', tier: 'back' } }), labels, false],
    ['matchLabels missing key', sel({ matchLabels: { role: 'x' } }), labels, false],
    ['In', sel({ matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'web'] }] }), labels, true],
    [
      'In without the key',
      sel({ matchExpressions: [{ key: 'x', operator: 'In', values: ['web'] }] }),
      labels,
      false,
    ],
    [
      'In with no values matches nothing',
      sel({ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }),
      labels,
      false,
    ],
    [
      'NotIn other value',
      sel({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }),
      labels,
      true,
    ],
    [
      'NotIn listed value',
      sel({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }),
      labels,
      false,
    ],
    [
      'NotIn matches when the key is absent',
      sel({ matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['a'] }] }),
      labels,
      true,
    ],
    ['Exists', sel({ matchExpressions: [{ key: 'tier', operator: 'Exists', values: [] }] }), labels, true],
    [
      'Exists absent',
      sel({ matchExpressions: [{ key: 'x', operator: 'Exists', values: [] }] }),
      labels,
      false,
    ],
    [
      'DoesNotExist',
      sel({ matchExpressions: [{ key: 'x', operator: 'DoesNotExist', values: [] }] }),
      labels,
      true,
    ],
    [
      'DoesNotExist present',
      sel({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist', values: [] }] }),
      labels,
      false,
    ],
    [
      'labels and expressions are ANDed',
      sel({
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }],
      }),
      labels,
      false,
    ],
    [
      'prototype keys are not labels',
      sel({ matchExpressions: [{ key: 'constructor', operator: 'Exists', values: [] }] }),
      {},
      false,
    ],
  ];
  for (const [name, s, l, expected] of cases)
    void test(name, () => assert.equal(selectorMatches(s, l), expected));
});

void describe('describeSelector', () => {
  void test('labels, In, NotIn, Exists, DoesNotExist', () => {
    const s = sel({
      matchLabels: { app: 'myapp' },
      matchExpressions: [
        { key: 'role', operator: 'In', values: ['a', 'b'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'team', operator: 'Exists', values: [] },
        { key: 'debug', operator: 'DoesNotExist', values: [] },
      ],
    });
    assert.equal(describeSelector(s), 'app=myapp, role in (a, b), env notin (dev), team, !debug');
  });
  void test('the empty selector is {}', () => {
    assert.equal(describeSelector(sel({})), '{}');
    assert.equal(isEmptySelector(sel({})), true);
  });
});

void describe('selectorFromNode', () => {
  const read = (yaml: string) => {
    const root = parseFile({ path: 's.yaml', text: yaml }).documents[0]!.root as YNode;
    return selectorFromNode(root, 's.yaml');
  };
  void test('reads matchLabels and matchExpressions with the node span', () => {
    const s = read(
      'matchLabels:\n  app: web\n  port: 80\nmatchExpressions:\n- key: role\n  operator: NotIn\n  values: [a]\n',
    )!;
    assert.deepEqual(s.matchLabels, { app: 'web', port: '80' });
    assert.deepEqual(s.matchExpressions, [{ key: 'role', operator: 'NotIn', values: ['a'] }]);
    assert.deepEqual(s.source, { file: 's.yaml', span: { start: 0, end: 97 } });
  });
  void test('an unknown operator never widens the selector: it matches nothing', () => {
    const s = read('matchExpressions:\n- key: role\n  operator: Equals\n  values: [a]\n')!;
    assert.equal(selectorMatches(s, { role: 'a' }), false);
  });
  void test('a scalar is not a selector', () => assert.equal(read('app=web'), undefined));
});
