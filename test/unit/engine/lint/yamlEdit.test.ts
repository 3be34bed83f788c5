// YamlEditor writes the same text for a value whether or not it wrote an equal value before (its
// yaml output is remembered by the value's JSON): values JSON cannot tell apart from others (an
// object reached twice, -0, NaN) are written afresh, and the file's line breaks are its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { YamlEditor } from '../../../../server/src/engine/lint/yamlEdit';
import { parseFile } from '../../../../server/src/engine/parse/documents';
import type { YMap } from '../../../../server/src/engine/yamlTree';

function editorOf(text: string): { editor: YamlEditor; root: YMap } {
  const parsed = parseFile({ path: 'p.yaml', text });
  const root = parsed.objects[0]!.node;
  return { editor: new YamlEditor(parsed, root), root };
}

const added = (text: string, value: unknown): string => {
  const { editor, root } = editorOf(text);
  return editor.addPair(root, 'extra', value).newText;
};

const expected = (value: unknown, eol = '\n'): string =>
  eol +
  stringify({ extra: value }, { indent: 2, indentSeq: true, lineWidth: 0 })
    .replace(/\n$/, '')
    .split('\n')
    .join(eol);

const LF = 'kind: A\nspec:\n  a: 1\n';
const CRLF = LF.replace(/\n/g, '\r\n');

void test('values JSON cannot tell apart are written as yaml writes them, after an equal-looking value', () => {
  const shared = { k: 'v' };
  const cases: [string, unknown, unknown][] = [
    ['an object reached twice (an anchor and an alias)', [{ k: 'v' }, { k: 'v' }], [shared, shared]],
    ['-0 after 0', [0], [-0]],
    ['NaN after null', [null], [Number.NaN]],
    ['Infinity after null', [null], [Number.POSITIVE_INFINITY]],
  ];
  for (const [name, first, second] of cases) {
    assert.equal(added(LF, first), expected(first), name);
    assert.equal(added(LF, second), expected(second), name);
    assert.notEqual(expected(first), expected(second), `${name}: the two differ in yaml`);
  }
});

void test('the same value in files with other line breaks and indentation', () => {
  const value = [{ to: [{ podSelector: {} }], ports: [{ port: 53 }] }];
  assert.equal(added(LF, value), expected(value));
  assert.equal(added(CRLF, value), expected(value, '\r\n'));
  assert.equal(added(LF, value), expected(value));
  const fourSpaces = 'kind: A\nspec:\n    a: 1\n    l:\n    - x\n';
  const { editor, root } = editorOf(fourSpaces);
  assert.equal(
    editor.addPair(root, 'extra', value).newText,
    '\n' + stringify({ extra: value }, { indent: 4, indentSeq: false, lineWidth: 0 }).replace(/\n$/, ''),
  );
});
