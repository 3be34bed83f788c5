// How fillWorkspace splits a batch of files between this thread and the summary workers: by bytes,
// the largest summarisable files first, each to the side with less to do; no worker for less than 2 MB.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASKED_WORKER_COSTS, planWorkers, WORKER_COSTS } from '../../../server/src/node/fillWorkspace';

const KB = 1024;
/** `p` a file with policies (kept here), `s` a summarisable one; sizes in KB. */
const files = (spec: string) =>
  spec.split(' ').map((f) => ({ bytes: Number(f.slice(1)) * KB, summarisable: f.startsWith('s') }));

const cases: { name: string; files: string; workers: number; inWorkers: number[] }[] = [
  {
    name: 'the check benchmark: all here (under 2 MB for a worker)',
    files: 's3 s710 p1500',
    workers: 1,
    inWorkers: [],
  },
  { name: 'the matrix benchmark: all here', files: 's5 s710 s713 s357 p745', workers: 1, inWorkers: [] },
  {
    name: '50,000 pods: pods files shared out',
    files: 's4000 s4000 s4000 s4000 s2000 p150',
    workers: 1,
    inWorkers: [0, 2, 4],
  },
  { name: 'a small workspace: no worker', files: 's3 s100 p60', workers: 1, inWorkers: [] },
  { name: 'no worker thread (a single core)', files: 's7100 p1500', workers: 0, inWorkers: [] },
  { name: 'nothing summarisable', files: 'p7000 p8000', workers: 1, inWorkers: [] },
  { name: 'only pods files: shared out', files: 's1400 s1400 s1400 s1400', workers: 1, inWorkers: [1, 3] },
  {
    name: 'two workers take twice as much',
    files: 's1400 s1400 s1400 s1400 p900',
    workers: 2,
    inWorkers: [0, 1, 3],
  },
];

void describe('planWorkers', () => {
  for (const c of cases)
    void test(c.name, () => {
      assert.deepEqual(planWorkers(files(c.files), c.workers).inWorkers, c.inWorkers);
    });

  void test('with no start cost and no minimum, a small batch is shared too', () => {
    assert.deepEqual(planWorkers(files('s1 s1 p1'), 1, { start: 0, minimum: 0 }).inWorkers, [0, 1]);
    assert.deepEqual(planWorkers(files('s1 s1 s1'), 1, { start: 0, minimum: 0 }).inWorkers, [0, 2]);
  });

  void test('the default costs: a worker starts at 150 KB and is used from 2 MB', () => {
    assert.deepEqual(WORKER_COSTS, { start: 150 * KB, minimum: 2048 * KB });
  });

  void test('workers asked for (NETPOL_LENS_WORKERS) are used for a small workspace too', () => {
    assert.deepEqual(planWorkers(files('s3 s710 p1500'), 1, ASKED_WORKER_COSTS).inWorkers, [0, 1]);
  });
});
