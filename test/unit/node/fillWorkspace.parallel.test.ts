// fillWorkspace (node/fillWorkspace.ts), the CLI's load: files summarised in worker threads (the
// built server/out/summaryWorker.js) beside the ones analysed here give the workspace exactly what
// setFile of each file gives, for one batch and for a second revision set as edits of the first.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { removeAbsent } from '../../../server/src/engine/diff/revisions';
import { Workspace } from '../../../server/src/engine/workspace';
import { fillWorkspace } from '../../../server/src/node/fillWorkspace';
import { repoRoot } from '../../helpers/paths';
import { applyEdit, edit, multiDocument } from '../engine/workspace.oracle';
import { observed, serial, workspace } from './parallelWorkspaces';
import type { File } from './parallelWorkspaces';

const seed = Number(process.env['FUZZ_SEED'] ?? 20261205);
const numRuns = Number(process.env['FUZZ_RUNS'] ?? 60);
const workerScript = path.join(repoRoot, 'server', 'out', 'summaryWorker.js');

/** fillWorkspace as the CLI uses it, with workers for every batch however small. */
const fill = (ws: Workspace, files: readonly File[], workers: number) =>
  fillWorkspace(ws, files, { workerScript, workers, costs: { start: 0, minimum: 0 } });

/** A workspace's files edited at random (some dropped, some new): a second revision of it. */
const revised = workspace.chain((files) =>
  fc
    .tuple(
      fc.array(fc.tuple(edit, fc.boolean()), { minLength: files.length, maxLength: files.length }),
      fc.array(multiDocument, { maxLength: 2 }),
    )
    .map(([edits, added]) => ({
      base: files,
      head: [
        ...files.flatMap((f, i) => {
          const [e, keep] = edits[i]!;
          if (!keep) return i % 2 ? [] : [f];
          return [{ path: f.path, text: applyEdit(f.text, e) }];
        }),
        ...added.map((text, i) => ({ path: `added-${i}.yaml`, text })),
      ],
    })),
);

void describe('fillWorkspace on worker threads', () => {
  void test("fillWorkspace (the CLI's load) on one or two workers reports what setFile of each file reports", async () => {
    await fc.assert(
      fc.asyncProperty(workspace, fc.integer({ min: 1, max: 2 }), async (files, workers) => {
        const ws = new Workspace();
        await fill(ws, files, workers);
        assert.equal(observed(ws), observed(serial(files)));
      }),
      { seed, numRuns: Math.ceil(numRuns / 6) },
    );
  });

  void test("fillWorkspace of a second revision (diff's head) reports what the serial revisions report", async () => {
    await fc.assert(
      fc.asyncProperty(revised, async ({ base, head }) => {
        const ws = new Workspace();
        await fill(ws, base, 1);
        const serialWs = serial(base);
        assert.equal(observed(ws), observed(serialWs));
        removeAbsent(ws, head);
        await fill(ws, head, 1);
        removeAbsent(serialWs, head);
        for (const f of head) serialWs.setFile(f);
        assert.equal(observed(ws), observed(serialWs));
        assert.equal(observed(ws), observed(serial(head)));
      }),
      { seed, numRuns: Math.ceil(numRuns / 8) },
    );
  });

  void test('fillWorkspace: a path given twice ends with its last text', async () => {
    const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
    const files = [
      { path: 'a.yaml', text: ns('first-and-longer') },
      { path: 'b.yaml', text: ns('other') },
      { path: 'a.yaml', text: ns('second') },
    ];
    const ws = new Workspace();
    await fill(ws, files, 1);
    assert.deepEqual(ws.paths(), ['a.yaml', 'b.yaml']);
    assert.equal(ws.summary('a.yaml')!.text, ns('second'));
    assert.equal(observed(ws), observed(serial(files)));
  });

  void test('fillWorkspace with a worker that cannot start: every file is analysed here', async () => {
    const files = [
      { path: 'a.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n' },
      { path: 'b.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n' },
    ];
    const ws = new Workspace();
    await fillWorkspace(ws, files, {
      workerScript: path.join(repoRoot, 'server', 'out', 'no-such-worker.js'),
      workers: 1,
      costs: { start: 0, minimum: 0 },
    });
    assert.equal(observed(ws), observed(serial(files)));
  });
});
