// Files summarised in the language server's worker threads (node/summaryPool.ts, running the built
// server/out/summaryWorker.js) give the workspace exactly what the serial analysis gives: the same
// summaries, byte for byte, and so the same findings in every file and the same topology.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { summariseChunks, summariseFile } from '../../../server/src/engine/analysis';
import { joinSummary, summaryRanges } from '../../../server/src/engine/summaryParts';
import { Workspace } from '../../../server/src/engine/workspace';
import { SummaryPool } from '../../../server/src/node/summaryPool';
import { repoRoot } from '../../helpers/paths';
import { fragments, multiDocument } from '../engine/workspace.oracle';
import { generated, observed, serial, workspace } from './parallelWorkspaces';
import type { File } from './parallelWorkspaces';

const seed = Number(process.env['FUZZ_SEED'] ?? 20261205);
const numRuns = Number(process.env['FUZZ_RUNS'] ?? 60);
const pool = new SummaryPool(path.join(repoRoot, 'server', 'out', 'summaryWorker.js'), 2);
after(() => pool.close());

/** The workspace as the server builds it: summarisable files from the workers, the others here. */
async function parallel(files: readonly File[]): Promise<Workspace> {
  const ws = new Workspace();
  const summaries = await Promise.all(
    files.map((f) => (ws.summarisable(f) ? pool.summarise(f, ws.summaryOptions()) : undefined)),
  );
  files.forEach((f, i) => (summaries[i] ? ws.setSummary(summaries[i]) : ws.setFile(f)));
  return ws;
}

void describe('summaries made in worker threads', () => {
  void test('a worker summary is the serial summary, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(multiDocument, fragments), async (text) => {
        const file = { path: 'w.yaml', text };
        const made = await pool.summarise(file, {});
        assert.equal(JSON.stringify(made), JSON.stringify(summariseFile(file)));
        assert.deepStrictEqual(made, summariseFile(file));
      }),
      { seed, numRuns },
    );
  });

  void test('a workspace indexed in parallel reports what the serial one reports', async () => {
    await fc.assert(
      fc.asyncProperty(workspace, async (files) => {
        assert.equal(observed(await parallel(files)), observed(serial(files)));
      }),
      { seed, numRuns: Math.ceil(numRuns / 2) },
    );
  });

  void test('a file summarised in two parts, the second in a worker, joins into the serial summary', async () => {
    await fc.assert(
      fc.asyncProperty(generated, fc.double({ min: 0.1, max: 0.9, noNaN: true }), async (files, at) => {
        const file = files.reduce((a, b) => (a.text.length >= b.text.length ? a : b));
        const [mine, rest] = summaryRanges(file, {}, [Math.round(at * file.text.length)]);
        fc.pre(mine !== undefined && rest !== undefined);
        const theirs = await pool.summariseChunks(file, {}, rest!);
        const joined = joinSummary(file, [summariseChunks(file, {}, mine!), theirs]);
        assert.equal(JSON.stringify(joined), JSON.stringify(summariseFile(file)));
      }),
      { seed, numRuns: Math.ceil(numRuns / 2) },
    );
  });

  void test('options travel with the file: a summary made under a smaller size limit', async () => {
    const file = { path: 'big.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n' };
    const made = await pool.summarise(file, { maxFileSize: 20 });
    assert.deepStrictEqual(made, summariseFile(file, { maxFileSize: 20 }));
    assert.deepEqual(
      made.findings.map((f) => f.code),
      ['file-too-large'],
    );
  });

  void test('released workers stop at once, and start again for the next file', async () => {
    const file = { path: 'p.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n' };
    const local = new SummaryPool(path.join(repoRoot, 'server', 'out', 'summaryWorker.js'), 1);
    assert.equal(local.running, 1);
    await local.summarise(file, {});
    await local.release();
    assert.equal(local.running, 0);
    assert.equal(local.available, true);
    assert.deepStrictEqual(await local.summarise(file, {}), summariseFile(file));
    assert.equal(local.running, 1);
    await local.close();
    assert.equal(local.running, 0);
  });

  void test('a worker busy with a file is not released', async () => {
    const local = new SummaryPool(path.join(repoRoot, 'server', 'out', 'summaryWorker.js'), 1);
    const file = { path: 'p.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n' };
    const pending = local.summarise(file, {});
    await local.release();
    assert.equal(local.running, 1);
    assert.deepStrictEqual(await pending, summariseFile(file));
    await local.close();
  });

  void test('a worker that cannot start rejects what it was given, and the pool is then empty', async () => {
    const broken = new SummaryPool(path.join(repoRoot, 'server', 'out', 'no-such-worker.js'), 1);
    assert.equal(broken.available, true);
    await assert.rejects(
      broken.summarise({ path: 'a.yaml', text: 'a: 1\n' }, {}),
      /no-such-worker|Cannot find/,
    );
    assert.equal(broken.available, false);
    await assert.rejects(broken.summarise({ path: 'a.yaml', text: 'a: 1\n' }, {}), /no summary worker/);
    await broken.close();
  });
});
