// A file holding policies analysed in two parts (engine/summaryParts.ts: analyseChunks, joinParts,
// lintPart; node/fillWorkspace.ts with `split`) gives the workspace what the serial analysis gives:
// findings byte for byte, summaries, facts (without the trees the parts leave with their threads)
// and topology; and the workspace goes on as the serial one after later edits. In process, with
// every message structured-cloned as a worker's would be, on random cuts; then with the built worker.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyseChunks, chunkSummary } from '../../../server/src/engine/analysis';
import { joinParts, lintPart, sentChunks, summaryRanges } from '../../../server/src/engine/summaryParts';
import { Workspace } from '../../../server/src/engine/workspace';
import { fillWorkspace, WORKER_COSTS } from '../../../server/src/node/fillWorkspace';
import { repoRoot } from '../../helpers/paths';
import { applyEdit, edit } from '../engine/workspace.oracle';
import { generated, observed, serial, workspace } from './parallelWorkspaces';
import type { File } from './parallelWorkspaces';

const seed = Number(process.env['FUZZ_SEED'] ?? 20261205);
const numRuns = Number(process.env['FUZZ_RUNS'] ?? 60);
const workerScript = path.join(repoRoot, 'server', 'out', 'summaryWorker.js');

const countTrue = (flags: readonly (readonly boolean[])[]) => flags.flat().filter(Boolean).length;

/**
 * The files set in a workspace, `target` analysed in two parts cut near `fraction` of its text, as
 * fillWorkspace does with a worker (undefined when the file cannot be cut there or the parts do not
 * join). `lintTheirs: false`: the worker's lints never come back.
 */
function splitFill(files: readonly File[], target: File, fraction: number, lintTheirs = true) {
  const ws = new Workspace();
  for (const f of files) if (f !== target) ws.setFile(f);
  const options = ws.summaryOptions();
  const ranges = summaryRanges(target, options, [Math.round(fraction * target.text.length)]);
  if (ranges.length !== 2) return undefined;
  const mine = analyseChunks(target, options, ranges[0]!);
  const theirs = analyseChunks(target, options, ranges[1]!);
  const mySummaries = mine.chunks.map((c) => chunkSummary(c, mine.lines));
  const joined = joinParts(target, [mySummaries, structuredClone(sentChunks(theirs))]);
  if (!joined) return undefined;
  ws.setSplitFile(joined.summary);
  const [mineAccepted, theirAccepted] = joined.accepted as [boolean[][], boolean[][]];
  if (!lintTheirs) return ws;
  const input = ws.partLintInput(
    target.path,
    theirAccepted,
    countTrue(mineAccepted),
    countTrue(theirAccepted),
  );
  const theirLints = structuredClone(lintPart(theirs, structuredClone(input)));
  ws.setSplitLints(target.path, [...ws.lintPart(mine, mineAccepted), ...theirLints]);
  return ws;
}

/** A workspace, one of its files, and where to cut it. */
const cases = workspace.chain((files) =>
  fc.record({
    files: fc.constant(files),
    target: fc.constantFrom(...files),
    fraction: fc.integer({ min: 1, max: 99 }).map((n) => n / 100),
    edit,
  }),
);

/** Generated workspaces only (no yaml error): the policies file always joins. */
const wellFormed = generated.chain((files) =>
  fc.record({
    files: fc.constant(files),
    target: fc.constant(files.find((f) => f.path.startsWith('policies')) ?? files[0]!),
    fraction: fc.integer({ min: 10, max: 90 }).map((n) => n / 100),
  }),
);

void describe('a file analysed in two parts', () => {
  void test('gives the serial findings, facts and topology, and edits go on as serially', () => {
    let split = 0;
    fc.assert(
      fc.property(cases, ({ files, target, fraction, edit: e }) => {
        const ws = splitFill(files, target, fraction);
        if (!ws) return;
        split++;
        const reference = serial(files);
        assert.equal(observed(ws, { trees: false }), observed(reference, { trees: false }));
        const edited = { path: target.path, text: applyEdit(target.text, e) };
        ws.setFile(edited);
        reference.setFile(edited);
        assert.equal(observed(ws), observed(reference));
      }),
      { seed, numRuns },
    );
    assert.ok(split > numRuns / 4, `only ${split} of ${numRuns} files were split`);
  });

  void test("without the worker's lints the workspace lints the file itself, as serially", () => {
    fc.assert(
      fc.property(cases, ({ files, target, fraction }) => {
        const ws = splitFill(files, target, fraction, false);
        if (ws) assert.equal(observed(ws, { trees: false }), observed(serial(files), { trees: false }));
        if (ws) assert.equal(observed(ws), observed(serial(files)));
      }),
      { seed, numRuns: Math.ceil(numRuns / 2) },
    );
  });

  void test('generated policy files always join, and their trees come back when asked for', () => {
    fc.assert(
      fc.property(wellFormed, ({ files, target, fraction }) => {
        fc.pre(summaryRanges(target, {}, [Math.round(fraction * target.text.length)]).length === 2);
        const ws = splitFill(files, target, fraction);
        assert.ok(ws);
        const reference = serial(files);
        assert.equal(observed(ws, { trees: false }), observed(reference, { trees: false }));
        assert.deepStrictEqual(ws.file(target.path)!.parsed, reference.file(target.path)!.parsed);
        assert.equal(observed(ws), observed(reference));
      }),
      { seed, numRuns: Math.ceil(numRuns / 2) },
    );
  });

  void test('fillWorkspace with `split` on the built worker: the serial workspace, its file split when large', async () => {
    let split = 0;
    await fc.assert(
      fc.asyncProperty(
        workspace,
        fc.integer({ min: 1, max: 2 }),
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        async (files, workers, policyWeight) => {
          const ws = new Workspace();
          const costs = { start: 0, minimum: 0, part: 0, policyWeight };
          await fillWorkspace(ws, files, { workerScript, workers, costs, split: true });
          split += ws
            .paths()
            .filter((p) => ws.summary(p)!.hasPolicies && !('parsed' in ws.summary(p)!)).length;
          assert.equal(observed(ws, { trees: false }), observed(serial(files), { trees: false }));
        },
      ),
      { seed, numRuns: Math.ceil(numRuns / 6) },
    );
    assert.ok(split > 0, 'no file was split');
  });

  void test('fillWorkspace with `split` and a worker that cannot start: every file is analysed here', async () => {
    const files = generateFiles();
    const ws = new Workspace();
    await fillWorkspace(ws, files, {
      workerScript: path.join(repoRoot, 'server', 'out', 'no-such-worker.js'),
      workers: 1,
      costs: { ...WORKER_COSTS, start: 0, minimum: 0, part: 0 },
      split: true,
    });
    assert.ok(ws.paths().every((p) => !ws.summary(p)!.hasPolicies || 'parsed' in ws.summary(p)!));
    assert.equal(observed(ws), observed(serial(files)));
  });
});

function generateFiles(): File[] {
  return fc.sample(generated, { seed, numRuns: 1 })[0]!;
}
