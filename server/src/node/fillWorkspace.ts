// Hands a batch of files to an engine Workspace on every core: the files whose trees the workspace
// would drop (pods, workloads, nodes, the cluster file) are summarised in worker threads
// (summaryPool.ts) while this thread analyses the others (the policy files, whose trees the lints
// read) and, when the workers have enough, some summarisable files too. The workspace ends as
// setFile of each file would have left it: the engine is pure and a summary is plain data.
import type { Workspace } from '../engine/workspace';
import type { SourceFile } from '../engine/types';
import { SummaryPool } from './summaryPool';

export interface FillOptions {
  /** The built worker entry (server/out/summaryWorker.js). */
  workerScript: string;
  /** Worker threads (default: one per further core, at most the pool's limit); 0 keeps all here. */
  workers?: number;
  /** What a worker costs, in bytes of YAML (default WORKER_COSTS). */
  costs?: WorkerCosts;
}

export interface WorkerCosts {
  /** Starting a worker (a thread, the engine's bundle, a cold JIT). */
  start: number;
  /** Workers are used once they get this many bytes: a smaller workspace is done here sooner. */
  minimum: number;
}

// A worker pays once it gets about 2 MB: with the engine's tree built from yaml's CST
// (parse/directTree.ts) a 0.7-1 MB share finished sooner on this thread (check and matrix of the
// benchmark workspaces), an 18 MB workspace took 4.7 s with a worker and 6.3 s without.
export const WORKER_COSTS: WorkerCosts = { start: 150 * 1024, minimum: 2 * 1024 * 1024 };
/** When the number of workers is asked for: used whatever the size. */
export const ASKED_WORKER_COSTS: WorkerCosts = { ...WORKER_COSTS, minimum: 0 };

/**
 * NETPOL_LENS_WORKERS, read by the CLI and the language server: the workers asked for (0: none;
 * undefined: one per further core) and their costs (asked for, they are used whatever the size).
 */
export function workerChoice(): { workers: number | undefined; costs: WorkerCosts } {
  const n = Number(process.env['NETPOL_LENS_WORKERS'] ?? NaN);
  const asked = Number.isInteger(n) && n >= 0;
  return asked
    ? { workers: Math.min(n, 8), costs: ASKED_WORKER_COSTS }
    : { workers: undefined, costs: WORKER_COSTS };
}
/** Each summary also costs this thread its copy (structured clone): about a twentieth of making it. */
const RECEIVE_SHARE = 0.05;

/** Which files go to the workers: indexes into the batch, ascending. */
export interface WorkerPlan {
  inWorkers: number[];
}

/**
 * Splits the work by bytes (analysing and summarising cost about the same per byte): the files kept
 * here (not summarisable, or unchanged) are this thread's load to begin with; the summarisable
 * files, largest first, each go to the side with less to do (the workers share theirs, and start
 * late). Nothing goes to workers when they would get less than `costs.minimum`.
 */
export function planWorkers(
  files: readonly { bytes: number; summarisable: boolean }[],
  workers: number,
  costs: WorkerCosts = WORKER_COSTS,
): WorkerPlan {
  if (workers < 1) return { inWorkers: [] };
  let here = 0;
  let there = 0;
  const candidates: number[] = [];
  files.forEach((f, i) => (f.summarisable ? candidates.push(i) : (here += f.bytes)));
  candidates.sort((a, b) => files[b]!.bytes - files[a]!.bytes || a - b);
  const inWorkers: number[] = [];
  for (const i of candidates) {
    const bytes = files[i]!.bytes;
    if ((costs.start + there) / workers <= here) {
      inWorkers.push(i);
      there += bytes;
      here += bytes * RECEIVE_SHARE;
    } else here += bytes;
  }
  return { inWorkers: inWorkers.length && there >= costs.minimum ? inWorkers.sort((a, b) => a - b) : [] };
}

/**
 * Sets every file in `workspace`, summarising some in worker threads (planWorkers). A worker that
 * fails leaves its files to this thread. The workers are stopped before this returns.
 */
export async function fillWorkspace(
  workspace: Workspace,
  batch: readonly SourceFile[],
  options: FillOptions,
): Promise<void> {
  const workers = options.workers ?? SummaryPool.defaultSize();
  // A path given twice ends with its last text, as it would after setFile of each.
  const last = new Map(batch.map((f, i) => [f.path, i]));
  const files = batch.filter((f, i) => last.get(f.path) === i);
  const plan = planWorkers(
    files.map((f) => {
      // A file set again with the same text costs nothing (a diff's head, as an edit of its base).
      const unchanged = workspace.summary(f.path)?.text === f.text;
      return { bytes: unchanged ? 0 : f.text.length, summarisable: !unchanged && workspace.summarisable(f) };
    }),
    workers,
    options.costs,
  );
  if (!plan.inWorkers.length) {
    for (const f of files) workspace.setFile(f);
    return;
  }
  const pool = new SummaryPool(options.workerScript, workers);
  try {
    const summaryOptions = workspace.summaryOptions();
    const inWorkers = new Set(plan.inWorkers);
    const summaries = plan.inWorkers.map((i) =>
      pool.summarise(files[i]!, summaryOptions).catch(() => undefined),
    );
    files.forEach((f, i) => inWorkers.has(i) || workspace.setFile(f));
    for (const [k, summary] of (await Promise.all(summaries)).entries()) {
      if (summary) workspace.setSummary(summary);
      else workspace.setFile(files[plan.inWorkers[k]!]!);
    }
  } finally {
    await pool.close();
  }
}
