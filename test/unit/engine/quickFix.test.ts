// Quick fixes written when first read: once, with the same edits every time, and all at once on demand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quickFix, writeFixes } from '../../../server/src/engine/quickFix';
import type { TextEdit } from '../../../server/src/engine/types';

const edit = (line: number): TextEdit => ({
  range: { start: { line, character: 0 }, end: { line, character: 0 } },
  newText: `x${line}`,
});

void test('a quick fix writes its edits once, when first read, and keeps its title and preference', () => {
  let writes = 0;
  const fix = quickFix('Add x', () => [edit(++writes)], true);
  assert.equal(writes, 0);
  assert.deepEqual(fix, { title: 'Add x', edits: [edit(1)], preferred: true });
  assert.equal(fix.edits, fix.edits);
  assert.equal(writes, 1);
  assert.deepEqual(
    quickFix('Other', () => []),
    { title: 'Other', edits: [] },
  );
  assert.equal('preferred' in quickFix('Other', () => []), false);
});

void test('writeFixes writes every fix of every finding', () => {
  const written: number[] = [];
  const fixOf = (n: number) => quickFix(`fix ${n}`, () => (written.push(n), [edit(n)]));
  writeFixes([{ fixes: [fixOf(1), fixOf(2)] }, {}, { fixes: [fixOf(3)] }]);
  assert.deepEqual(written, [1, 2, 3]);
});
