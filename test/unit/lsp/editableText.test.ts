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
  /** A full-text change (its text replaces the document). */
  whole: fc.nat(4).map((n) => n === 0),
});
const stepArb = fc.record({ changes: fc.array(editArb, { minLength: 1, maxLength: 3 }), read: fc.boolean() });

void test('EditableText applies incremental edits exactly as the reference TextDocument does', () => {
  fc.assert(
    fc.property(textArb, fc.array(stepArb, { maxLength: 12 }), (initial, steps) => {
      // Editors normalise line ends: \n or \r\n, never a lone \r.
      const text = initial.replace(/\r\n?/g, '\r\n');
      const mine = new EditableText('u', 1, text);
      const reference = TextDocument.create('u', 'yaml', 1, text);
      steps.forEach((step, i) => {
        // A change's range is in the text left by the changes before it in the same update.
        for (const e of step.changes) {
          const change = changeOf(reference, e);
          mine.update([change], i + 2);
          TextDocument.update(reference, [change], i + 2);
        }
        // Read or not: the lines are split lazily, the text joined lazily.
        if (step.read) assert.equal(mine.getText(), reference.getText());
      });
      assert.equal(mine.getText(), reference.getText());
      assert.equal(mine.version, steps.length ? steps.length + 1 : 1);
    }),
    { numRuns: 400 },
  );
});

type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;
type Change = { range: { start: Position; end: Position }; text: string } | { text: string };
interface Position {
  line: number;
  character: number;
}

function changeOf(reference: TextDocument, e: Edit): Change {
  if (e.whole) return { text: e.text };
  const [start, end] = order(reference.offsetAt(e.a), reference.offsetAt(e.b));
  return { range: { start: reference.positionAt(start), end: reference.positionAt(end) }, text: e.text };
}

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
