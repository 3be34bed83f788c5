// Hands a batch of files to an engine Workspace on every core: the files whose trees the workspace
// would drop (pods, workloads, nodes, the cluster file) are summarised in worker threads
// (summaryPool.ts) while this thread analyses the others (the policy files, whose trees the lints
// read) and, when the workers have enough, some summarisable files too. The workspace ends as
// setFile of each file would have left it: the engine is pure and a summary is plain data.
// With `split`, the largest file holding policies is analysed in two parts when that balances the
// threads: this thread analyses the first with trees while a worker analyses the rest and keeps its
// trees; once the parts are joined and the topology is built, each lints its own part
// (engine/summaryParts.ts). The workspace then holds that file without trees, with its lints.
import { analyseChunks } from '../engine/analysis';
import type { FilePart } from '../engine/analysis';
import { summaryRanges } from '../engine/summaryParts';
import type { AnalysisOptions, Workspace } from '../engine/workspace';
import type { SourceFile } from '../engine/types';
import { joinWith, lintBoth } from './fileParts';
import { SummaryPool } from './summaryPool';
import type { RemotePart } from './summaryPool';

export interface FillOptions {
  /** The built worker entry (server/out/summaryWorker.js). */
  workerScript: string;
  /** Worker threads (default: one per further core, at most the pool's limit); 0 keeps all here. */
  workers?: number;
  /** What a worker costs, in bytes of YAML (default WORKER_COSTS). */
  costs?: WorkerCosts;
  /**
   * Analyse a large file holding policies in parts, its lints too (the workspace then holds it
   * without trees: for a command that reads its findings, not its trees).
   */
  split?: boolean;
}

export interface WorkerCosts {
  /** Starting a worker (a thread, the engine's bundle, a cold JIT). */
  start: number;
  /** Workers are used once they get this many bytes: a smaller workspace is done here sooner. */
  minimum: number;
  /** A file holding policies is split only when a worker would get this many bytes of it. */
  part: number;
  /**
   * A byte of a file holding policies costs this much more than a summarised byte: its trees are
   * kept and its policies linted.
   */
  policyWeight: number;
}

export const WORKER_COSTS: WorkerCosts = {
  start: 150 * 1024,
  minimum: 256 * 1024,
  part: 64 * 1024,
  policyWeight: 1.5,
};
/** Each summary also costs this thread its copy (structured clone): about a twentieth of making it. */
const RECEIVE_SHARE = 0.05;

/** Which files go to the workers: indexes into the batch, ascending. */
export interface WorkerPlan {
  inWorkers: number[];
  /** A file this thread analyses up to about offset `at` while a worker analyses the rest. */
  split?: { index: number; at: number };
}

export interface PlannedFile {
  bytes: number;
  summarisable: boolean;
  /** A file holding policies that may be analysed in parts. */
  splittable?: boolean;
}

/**
 * Splits the work by bytes (analysing and summarising cost about the same per byte): the files kept
 * here (not summarisable, or unchanged) are this thread's load to begin with; the summarisable
 * files, largest first, each go to the side with less to do (the workers share theirs, and start
 * late). Nothing goes to workers when they would get less than `costs.minimum`.
 */
export function planWorkers(
  files: readonly PlannedFile[],
  workers: number,
  costs: WorkerCosts = WORKER_COSTS,
): WorkerPlan {
  if (workers < 1) return { inWorkers: [] };
  let here = 0;
  let there = 0;
  const candidates: number[] = [];
  const weight = (f: PlannedFile) => (f.splittable ? f.bytes * costs.policyWeight : f.bytes);
  files.forEach((f, i) => (f.summarisable ? candidates.push(i) : (here += weight(f))));
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
  const split = splitOf(files, here - (costs.start + there) / workers, costs);
  const moved = there + (split ? files[split.index]!.bytes - split.at : 0);
  if (moved < costs.minimum) return { inWorkers: [] };
  inWorkers.sort((a, b) => a - b);
  return split ? { inWorkers, split } : { inWorkers };
}

/**
 * The largest splittable file, cut so that a worker (whose load is `excess` less than this thread's)
 * takes half the excess from it; none when that is less than `costs.part`.
 */
function splitOf(
  files: readonly PlannedFile[],
  excess: number,
  costs: WorkerCosts,
): WorkerPlan['split'] | undefined {
  let index = -1;
  files.forEach((f, i) => {
    if (f.splittable && (index < 0 || f.bytes > files[index]!.bytes)) index = i;
  });
  if (index < 0) return undefined;
  const bytes = files[index]!.bytes;
  const moved = Math.min(bytes, excess / 2 / costs.policyWeight);
  return moved <= 0 || moved < costs.part ? undefined : { index, at: Math.round(bytes - moved) };
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
      const summarisable = !unchanged && workspace.summarisable(f);
      const splittable = options.split === true && !unchanged && !summarisable;
      return { bytes: unchanged ? 0 : f.text.length, summarisable, splittable };
    }),
    workers,
    options.costs,
  );
  if (!plan.inWorkers.length && !plan.split) {
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
    const split = plan.split && startSplit(pool, files[plan.split.index]!, summaryOptions, plan.split.at);
    files.forEach((f, i) => inWorkers.has(i) || f === split?.file || workspace.setFile(f));
    const mine = split && analyseChunks(split.file, summaryOptions, split.mine);
    for (const [k, summary] of (await Promise.all(summaries)).entries()) {
      if (summary) workspace.setSummary(summary);
      else workspace.setFile(files[plan.inWorkers[k]!]!);
    }
    if (split && mine) await finishSplit(workspace, split, mine);
  } finally {
    await pool.close();
  }
}

/** A file analysed in two parts: this thread's range, and the worker's part on its way. */
interface Split {
  file: SourceFile;
  mine: { start: number; end: number; doc: number };
  theirs: Promise<RemotePart | undefined>;
}

/** Sends the file's part after `at` to a worker; undefined when the file cannot be cut there. */
function startSplit(
  pool: SummaryPool,
  file: SourceFile,
  options: AnalysisOptions,
  at: number,
): Split | undefined {
  const ranges = summaryRanges(file, options, [at]);
  if (ranges.length !== 2) return undefined;
  const theirs = pool.analysePart(file, options, ranges[1]!).catch(() => undefined);
  return { file, mine: ranges[0]!, theirs };
}

/**
 * Joins the parts and lints each in its thread; a worker that failed or parts that do not join leave
 * the file to setFile (serial). Without the worker's lints the workspace lints the file itself.
 */
async function finishSplit(workspace: Workspace, split: Split, mine: FilePart): Promise<void> {
  const theirs = await split.theirs;
  const joined = joinWith(split.file, mine, theirs);
  if (!theirs || !joined) {
    workspace.setFile(split.file);
    return;
  }
  workspace.setSplitFile(joined.summary);
  const linted = await lintBoth(workspace, split.file.path, mine, theirs, joined);
  if (linted) workspace.setSplitLints(split.file.path, linted.lints, linted.topology);
}
