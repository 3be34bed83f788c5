// The language server's line-array document against the reference TextDocument (property-based).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditableText } from '../../../server/src/lsp/editableText';

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
