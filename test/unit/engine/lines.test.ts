// The line index of a part of a file (a chunk) read from the file's index is the index of the
// part's text scanned alone: same line count, positions and offsets, line breaks of every kind,
// parts cut anywhere (between a \r and its \n too), and parts outside the index (scanned).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../../server/src/engine/lines';
import type { LineBase } from '../../../server/src/engine/lines';

function assertSameIndex(actual: LineIndex, expected: LineIndex, text: string, base: LineBase): void {
  assert.equal(actual.lineCount, expected.lineCount);
  for (let o = base.offset - 1; o <= base.offset + text.length + 1; o++)
    assert.deepEqual(actual.positionAt(o), expected.positionAt(o), `offset ${o}`);
  for (let line = base.line - 1; line <= expected.lineCount; line++) {
    for (const character of [0, 1, 3, 1000]) {
      const pos = { line, character };
      assert.equal(actual.offsetAt(pos), expected.offsetAt(pos), `line ${line}:${character}`);
    }
    assert.equal(actual.lineText(line), expected.lineText(line));
  }
}

const piece = fc.constantFrom('a', 'bc', ' ', '\n', '\r', '\r\n', '---\n', 'é', '😀');

void test('a part read from the file index is the part scanned alone', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(), fc.nat(), (pieces, a, b) => {
      const text = pieces.join('');
      const file = new LineIndex(text);
      const start = a % (text.length + 1);
      const end = start + (b % (text.length - start + 1));
      const part = text.slice(start, end);
      const base = {
        offset: start,
        line: file.positionAt(start).line,
        firstLineBreak: file.firstLineBreak(),
      };
      assertSameIndex(file.part(part, base), new LineIndex(part, base), part, base);
    }),
    { numRuns: 500 },
  );
});

void test('table: parts ending between \\r and \\n, empty parts, parts past the end', () => {
  const text = 'a\r\nb\rc\n\r\nd';
  const file = new LineIndex(text);
  const cases: [number, number][] = [
    [0, 2], // ends after the \r of a \r\n
    [2, 5], // starts at the \n of a \r\n
    [3, 3], // empty
    [0, text.length],
    [5, text.length],
    [8, 9], // \r\n alone
  ];
  for (const [start, end] of cases) {
    const part = text.slice(start, end);
    const base = { offset: start, line: file.positionAt(start).line, firstLineBreak: '\r\n' };
    assertSameIndex(file.part(part, base), new LineIndex(part, base), part, base);
  }
  const outside = { offset: 9, line: 4, firstLineBreak: '\r\n' };
  assertSameIndex(file.part('d\nmore\n', outside), new LineIndex('d\nmore\n', outside), 'd\nmore\n', outside);
});

void test('lines are those a regular expression finds, with and without carriage returns', () => {
  const lf = fc.constantFrom('a', 'bc', ' ', '\n', '\n\n', 'é', '😀');
  fc.assert(
    fc.property(fc.oneof(fc.array(piece, { maxLength: 40 }), fc.array(lf, { maxLength: 40 })), (pieces) => {
      const text = pieces.join('');
      const expected = text.split(/\r\n|\r|\n/);
      const index = new LineIndex(text);
      assert.equal(index.lineCount, expected.length);
      expected.forEach((line, i) => assert.equal(index.lineText(i), line, `line ${i}`));
      let offset = 0;
      expected.forEach((line, i) => {
        assert.deepEqual(index.positionAt(offset), { line: i, character: 0 });
        offset =
          text.indexOf(line, offset) + line.length + (text.startsWith('\r\n', offset + line.length) ? 2 : 1);
      });
    }),
    { numRuns: 500 },
  );
});
