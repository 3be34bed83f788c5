// How fillWorkspace splits a batch of files between this thread and the summary workers: by bytes,
// the largest summarisable files first, each to the side with less to do; no worker for a small batch.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planWorkers, WORKER_COSTS } from '../../../server/src/node/fillWorkspace';

const KB = 1024;
/** `p` a file with policies (kept here), `x` one that may be split, `s` a summarisable one; sizes in KB. */
const files = (spec: string) =>
  spec.split(' ').map((f) => ({
    bytes: Number(f.slice(1)) * KB,
    summarisable: f.startsWith('s'),
    splittable: f.startsWith('x'),
  }));

const cases: { name: string; files: string; workers: number; inWorkers: number[] }[] = [
  {
    name: 'the check benchmark: pods and cluster beside the policies',
    files: 's3 s710 p1500',
    workers: 1,
    inWorkers: [0, 1],
  },
  {
    name: 'the matrix benchmark: the largest pods file here beside the policies, the others in the worker',
    files: 's5 s710 s713 s357 p745',
    workers: 1,
    inWorkers: [0, 2, 3],
  },
  { name: 'a small workspace: no worker', files: 's3 s100 p60', workers: 1, inWorkers: [] },
  { name: 'no worker thread (a single core)', files: 's710 p1500', workers: 0, inWorkers: [] },
  { name: 'nothing summarisable', files: 'p700 p800', workers: 1, inWorkers: [] },
  { name: 'only pods files: shared out', files: 's400 s400 s400 s400', workers: 1, inWorkers: [1, 3] },
  {
    name: 'two workers take twice as much',
    files: 's400 s400 s400 s400 p300',
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
    assert.deepEqual(
      planWorkers(files('s1 s1 p1'), 1, { ...WORKER_COSTS, start: 0, minimum: 0 }).inWorkers,
      [0, 1],
    );
    assert.deepEqual(
      planWorkers(files('s1 s1 s1'), 1, { ...WORKER_COSTS, start: 0, minimum: 0 }).inWorkers,
      [0, 2],
    );
  });

  void test('the default costs: a worker starts at 150 KB and is used from 256 KB', () => {
    assert.deepEqual(WORKER_COSTS, { start: 150 * KB, minimum: 256 * KB, part: 64 * KB, policyWeight: 1.5 });
  });

  // A policy byte weighs 1.5: the worker takes half the excess of this thread's load over its own
  // (start included), both then at the same weighted load.
  const splits: { name: string; files: string; workers: number; inWorkers: number[]; at?: number }[] = [
    {
      name: 'the check benchmark: the pods in the worker, and the end of the policies',
      files: 's3 s710 x1500',
      workers: 1,
      inWorkers: [0, 1],
      // here 2,250 + 35.65 (receiving the summaries), the worker 150 + 713: 472.2 KB of policies move.
      at: 1025.8,
    },
    { name: 'the policies alone (an open document)', files: 'x1500', workers: 1, inWorkers: [], at: 800 },
    {
      name: 'two workers: the excess is measured against one',
      files: 'x1500',
      workers: 2,
      inWorkers: [],
      at: 775,
    },
    { name: 'a small policies file: not split', files: 'x300', workers: 1, inWorkers: [] },
    { name: 'the worker has enough already', files: 's1500 x600', workers: 1, inWorkers: [0] },
    { name: 'a single core', files: 'x1500', workers: 0, inWorkers: [] },
    {
      name: 'the largest splittable file is split',
      files: 'x400 x900 p200',
      workers: 1,
      inWorkers: [],
      at: 233.3,
    },
  ];
  for (const c of splits)
    void test(`split: ${c.name}`, () => {
      const plan = planWorkers(files(c.files), c.workers);
      assert.deepEqual(plan.inWorkers, c.inWorkers);
      const at = plan.split && { index: plan.split.index, at: Math.round((plan.split.at / KB) * 10) / 10 };
      const index = c.files
        .split(' ')
        .reduce(
          (best, f, i, all) =>
            f.startsWith('x') && Number(f.slice(1)) > Number(all[best]?.slice(1) ?? -1) ? i : best,
          -1,
        );
      assert.deepEqual(at, c.at === undefined ? undefined : { index, at: c.at });
    });
});
