// A file summarised in parts (one per thread) and joined is the serial summary, byte for byte, or
// the join refuses and the file is summarised whole; on well-formed files the join never refuses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { generateWorkspace } from '../../../bench/generate';
import { summariseChunks, summariseFile } from '../../../server/src/engine/analysis';
import { joinSummary, summaryRanges } from '../../../server/src/engine/summaryParts';
import type { SourceFile } from '../../../server/src/engine/types';
import { applyEdit, edit, fragments, multiDocument } from './workspace.oracle';

const seed = Number(process.env['FUZZ_SEED'] ?? 20261205);
const numRuns = Number(process.env['FUZZ_RUNS'] ?? 300);

/** Cut targets as fractions of the text's length. */
const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 });

function inParts(file: SourceFile, targets: readonly number[]) {
  const ranges = summaryRanges(file, {}, targets);
  if (!ranges.length) return undefined;
  return joinSummary(
    file,
    ranges.map((r) => summariseChunks(file, {}, r)),
  );
}

function targetsOf(text: string, at: readonly number[]): number[] {
  return [...at].sort((a, b) => a - b).map((f) => Math.round(f * text.length));
}

const generatedFile = fc
  .record({
    seed: fc.integer({ min: 1, max: 1000 }),
    pods: fc.integer({ min: 2, max: 40 }),
    policies: fc.integer({ min: 0, max: 20 }),
    podsPerFile: fc.integer({ min: 2, max: 40 }),
    mistakes: fc.constantFrom(0, 0.5),
  })
  .chain((spec) => fc.constantFrom(...generateWorkspace(spec).files.map((f) => f.text)));

void describe('summaries made in parts', () => {
  void test('joined parts are the serial summary, or the join refuses', () => {
    const text = fc.oneof(
      multiDocument,
      fragments,
      fc.tuple(multiDocument, edit).map(([t, e]) => applyEdit(t, e)),
      generatedFile,
    );
    fc.assert(
      fc.property(text, fractions, (t, at) => {
        const file = { path: 'p.yaml', text: t };
        const joined = inParts(file, targetsOf(t, at));
        if (joined) assert.equal(JSON.stringify(joined), JSON.stringify(summariseFile(file)));
      }),
      { seed, numRuns },
    );
  });

  void test('generated workspaces (no yaml error, one document per chunk) always join', () => {
    fc.assert(
      fc.property(generatedFile, fractions, (t, at) => {
        const file = { path: 'p.yaml', text: t };
        fc.pre(summaryRanges(file, {}, targetsOf(t, at)).length > 0);
        assert.deepStrictEqual(inParts(file, targetsOf(t, at)), summariseFile(file));
      }),
      { seed, numRuns: 100 },
    );
  });

  void test('a header of comments before the first --- is no document: the guess holds', () => {
    const text =
      '# pods\n# of the shop\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n';
    const file = { path: 'h.yaml', text };
    const ranges = summaryRanges(file, {}, [text.lastIndexOf('---')]);
    assert.deepEqual(ranges, [
      { start: 0, end: text.lastIndexOf('---'), doc: 0 },
      { start: text.lastIndexOf('---'), end: text.length, doc: 1 },
    ]);
    assert.deepStrictEqual(inParts(file, [text.lastIndexOf('---')]), summariseFile(file));
  });

  void test('cuts next to yaml errors and wrong document guesses are refused', () => {
    const broken = 'a: 1\n---\nb: "open\n---\nc: 3\n';
    const file = { path: 'b.yaml', text: broken };
    const cut = broken.indexOf('---\nc');
    assert.equal(summaryRanges(file, {}, [cut]).length, 2);
    assert.equal(inParts(file, [cut]), undefined);
    const afterEnd = { path: 'd.yaml', text: 'a: 1\n...\nb: 2\n---\nc: 3\n' };
    assert.deepStrictEqual(inParts(afterEnd, [afterEnd.text.indexOf('---')]), summariseFile(afterEnd));
    const emptyAfterEnd = { path: 'e.yaml', text: 'a: 1\n...\n# no document\n---\nc: 3\n' };
    assert.equal(inParts(emptyAfterEnd, [emptyAfterEnd.text.indexOf('---')]), undefined);
    const noCut = { path: 'one.yaml', text: 'a: 1\nb: 2\n' };
    assert.deepEqual(summaryRanges(noCut, {}, [5]), []);
  });
});
