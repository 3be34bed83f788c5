// The language server's pure helpers, without a server: the line-array document against the
// reference TextDocument (property-based), Markdown escaping, settings,
// the debounce of edits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditableText } from '../../../server/src/lsp/editableText';
import * as md from '../../../server/src/lsp/markdown';
import { DEFAULT_SETTINGS, parseSettings } from '../../../server/src/lsp/settings';
import { DEBOUNCE_MS, debounceAfter, MIN_DEBOUNCE_MS } from '../../../server/src/lsp/validation';

const textArb = fc.stringMatching(/^[ab\n\r: -]{0,40}$/);
const editArb = fc.record({
  a: fc.record({ line: fc.nat(8), character: fc.nat(12) }),
  b: fc.record({ line: fc.nat(8), character: fc.nat(12) }),
  text: fc.stringMatching(/^(?:[xy\n -]|\r\n){0,6}$/),
});

void test('EditableText applies incremental edits exactly as the reference TextDocument does', () => {
  fc.assert(
    fc.property(textArb, fc.array(editArb, { maxLength: 12 }), (initial, edits) => {
      // Editors normalise line ends: \n or \r\n, never a lone \r.
      const text = initial.replace(/\r\n?/g, '\r\n');
      const mine = new EditableText('u', 1, text);
      const reference = TextDocument.create('u', 'yaml', 1, text);
      edits.forEach((e, i) => {
        const [start, end] = order(reference.offsetAt(e.a), reference.offsetAt(e.b));
        const range = { start: reference.positionAt(start), end: reference.positionAt(end) };
        mine.update([{ range, text: e.text }], i + 2);
        TextDocument.update(reference, [{ range, text: e.text }], i + 2);
        assert.equal(mine.getText(), reference.getText());
      });
      assert.equal(mine.version, edits.length + 1);
    }),
    { numRuns: 400 },
  );
});

function order(x: number, y: number): [number, number] {
  return x <= y ? [x, y] : [y, x];
}

void test('EditableText: a full-text change replaces everything; positions past a line end clamp to it', () => {
  const doc = new EditableText('u', 1, 'ab\r\ncd');
  doc.update([{ range: { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } }, text: 'X' }], 2);
  assert.equal(doc.getText(), 'abX\r\ncd');
  doc.update([{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: '!' }], 3);
  assert.equal(doc.getText(), 'abX\r\ncd!');
  doc.update([{ text: 'new\ntext' }], 4);
  assert.equal(doc.getText(), 'new\ntext');
});

void test('markdown.text escapes what Markdown or HTML would interpret; code spans hold anything', () => {
  assert.equal(md.text('<img src=x onerror=alert(1)>'), '\\<img src=x onerror=alert(1)\\>');
  assert.equal(
    md.text('*a* _b_ [l](u) `c` &amp; | ~x~ !'),
    '\\*a\\* \\_b\\_ \\[l\\](u) \\`c\\` \\&amp; \\| \\~x\\~ \\!',
  );
  assert.equal(md.text('# title'), '\\# title');
  assert.equal(md.text('1. item'), '1\\. item');
  assert.equal(md.text('see http://x and www.y.z'), 'see http\\:\\/\\/x and www\\.y.z');
  assert.equal(md.text('two\nlines'), 'two lines');
  assert.equal(md.code('a`b'), '``a`b``');
  assert.equal(md.code('`x'), '`` `x ``');
  assert.equal(md.sentence('policy `a*b` ok'), 'policy `a*b` ok');
  assert.equal(md.sentence('odd ` tick'), 'odd \\` tick');
});

void test('settings: bad values fall back to defaults, lint levels are checked', () => {
  assert.deepEqual(parseSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(parseSettings('nonsense'), DEFAULT_SETTINGS);
  const s = parseSettings({
    policyEnforcement: 'off',
    nodeCount: 0,
    extraTopologyPaths: ['/a', 7, '', '/b'],
    lint: { 'deny-all': 'off', 'allow-all': 'loud', 'policy-selects-nothing': 'error' },
    maxFileSize: 1.5,
    kubectlWorkflow: 'replace',
    serviceCIDR: '10.96.0.0/33',
  });
  assert.deepEqual(s, {
    policyEnforcement: 'off',
    nodeCount: 2,
    extraTopologyPaths: ['/a', '/b'],
    lint: { 'deny-all': 'off', 'policy-selects-nothing': 'error' },
    maxFileSize: DEFAULT_SETTINGS.maxFileSize,
    kubectlWorkflow: 'apply',
    serviceCIDR: '10.96.0.0/12',
  });
  assert.equal(parseSettings({ kubectlWorkflow: 'create' }).kubectlWorkflow, 'create');
  assert.equal(parseSettings({ serviceCIDR: ' 172.20.0.0/16 ' }).serviceCIDR, '172.20.0.0/16');
});

void test('edits wait twice the last validation time, from 50 to 200 ms', () => {
  assert.equal(debounceAfter(undefined), DEBOUNCE_MS);
  assert.equal(debounceAfter(3), MIN_DEBOUNCE_MS);
  assert.equal(debounceAfter(40), 80);
  assert.equal(debounceAfter(150), DEBOUNCE_MS);
  assert.equal(debounceAfter(40, 20), 20);
});
