// Worker threads that summarise files (summaryWorker.ts) while the main thread analyses the files
// whose trees it keeps: on a machine with two cores, indexing a workspace of pods and policies uses
// both. Files are handed out round-robin; texts go in, summaries (findings and facts) come back, or
// the chunk summaries of one range of a file that several threads summarise in parts
// (engine/summaryParts.ts). A file holding policies is analysed in parts in two phases: a worker
// analyses one range with its trees and keeps them (analysePart), then lints that part once the
// topology of the whole workspace is known (RemotePart.lint); a worker keeping a part is not stopped
// for being idle.
// A worker idle for a while is stopped (its heap would stay), and started again when needed. A worker
// that fails rejects what it was given (the caller analyses those files itself) and the pool is
// then empty for good.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type {
  AnalysisOptions,
  ChunkRange,
  ChunkSummary,
  FileSummary,
  Finding,
  PartLintInput,
} from '../engine';
import { internStrings, stringPool } from './internStrings';

export type SummaryRequest =
  | {
      id: number;
      file: { path: string; text: string };
      options: AnalysisOptions;
      /** Only this range's chunks (the reply carries `chunks`, not `summary`). */
      range?: ChunkRange;
      /** Analyse the range with its trees and keep them as part `id` (for `lint`). */
      keep?: boolean;
    }
  /** Lint the kept part `part` (the reply carries `findings`), then drop it. */
  | { id: number; part: number; lint: PartLintInput }
  /** Drop the kept part `part` (the reply carries `findings`, empty). */
  | { id: number; part: number };

/** A summary without the text: the main thread has it already. */
export type SentSummary = Omit<FileSummary, 'text'>;

export type SummaryReply =
  | { id: number; summary: SentSummary }
  | { id: number; chunks: ChunkSummary[] }
  | { id: number; findings: Finding[] }
  | { id: number; error: string };

interface Waiting {
  resolve(reply: SummaryReply): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  waiting: Map<number, Waiting>;
  idle?: NodeJS.Timeout;
  retired?: boolean;
  /** Parts the worker keeps with their trees (analysePart) until linted or dropped. */
  kept: Set<number>;
}

/** One range of a file analysed in a worker, which keeps its trees for the second phase. */
export interface RemotePart {
  /** The range's chunk summaries (facts without trees: engine sentChunks). */
  chunks: ChunkSummary[];
  /** The part's lint findings (engine lintPart); the worker drops the part. */
  lint(input: PartLintInput): Promise<Finding[]>;
  /** The worker drops the part unlinted (the parts did not join). */
  drop(): void;
}

/** Workers beside the main thread: one per further core, at most this many. */
const MAX_WORKERS = 3;
/** A worker with nothing to do for this long is stopped. */
const IDLE_MS = 5000;

export class SummaryPool {
  private readonly workers: Slot[] = [];
  private nextId = 0;
  private failed = false;

  /** `size` workers running `script`, started now; with 0 (a single core) the pool is never available. */
  constructor(
    private readonly script: string,
    private readonly size = SummaryPool.defaultSize(),
  ) {
    for (let i = 0; i < size; i++) this.start();
  }

  /** One worker per further core, at most MAX_WORKERS. */
  static defaultSize(): number {
    return Math.min(MAX_WORKERS, os.availableParallelism() - 1);
  }

  get available(): boolean {
    return this.size > 0 && !this.failed;
  }

  /** Workers running now (stopped when idle, started again when needed). */
  get running(): number {
    return this.workers.length;
  }

  /** How many workers the pool runs when busy. */
  get workerCount(): number {
    return this.available ? this.size : 0;
  }

  async summarise(file: { path: string; text: string }, options: AnalysisOptions): Promise<FileSummary> {
    const reply = await this.summaryRequest(file, options);
    if (!('summary' in reply)) throw new Error('summary worker: no summary in the reply');
    return received(reply.summary, file.text);
  }

  /** The chunk summaries of `range` of the file (engine summariseChunks), to be joined with the other ranges'. */
  async summariseChunks(
    file: { path: string; text: string },
    options: AnalysisOptions,
    range: ChunkRange,
  ): Promise<ChunkSummary[]> {
    const reply = await this.summaryRequest(file, options, range);
    if (!('chunks' in reply)) throw new Error('summary worker: no chunks in the reply');
    return internStrings(reply.chunks, stringPool());
  }

  /** Analyses `range` of a file with its trees in one worker, which keeps them for the part's lints. */
  async analysePart(
    file: { path: string; text: string },
    options: AnalysisOptions,
    range: ChunkRange,
  ): Promise<RemotePart> {
    const slot = this.slot();
    const part = this.nextId;
    slot.kept.add(part);
    const forget = () => {
      if (slot.kept.delete(part) && !slot.waiting.size) this.idle(slot);
    };
    let reply: SummaryReply;
    try {
      reply = await this.send(slot, (id) => ({ id, file, options, range, keep: true }));
    } catch (err) {
      forget();
      throw err;
    }
    if (!('chunks' in reply)) throw new Error('summary worker: no chunks in the reply');
    const settle = async (lint?: PartLintInput): Promise<Finding[]> => {
      try {
        const done = await this.send(slot, (id) => (lint ? { id, part, lint } : { id, part }));
        if (!('findings' in done)) throw new Error('summary worker: no findings in the reply');
        return internStrings(done.findings, stringPool());
      } finally {
        forget();
      }
    };
    return {
      chunks: internStrings(reply.chunks, stringPool()),
      lint: (input) => settle(input),
      drop: () => void settle().catch(() => undefined),
    };
  }

  /**
   * Stops the workers that have nothing to do now rather than after IDLE_MS (the indexer calls this
   * when a full index is done): a worker's heap is tens of megabytes. They start again when needed.
   */
  async release(): Promise<void> {
    const idle = this.workers.filter((slot) => !slot.waiting.size && !slot.kept.size);
    for (const slot of idle) this.remove(slot);
    await Promise.all(idle.map((slot) => this.retire(slot)));
  }

  private summaryRequest(
    file: { path: string; text: string },
    options: AnalysisOptions,
    range?: ChunkRange,
  ): Promise<SummaryReply> {
    return this.send(this.slot(), (id) => (range ? { id, file, options, range } : { id, file, options }));
  }

  /** The next worker, round-robin (started when the pool runs fewer than it may). */
  private slot(): Slot {
    if (!this.available) throw new Error('no summary worker');
    if (this.workers.length < this.size) this.start();
    return this.workers[this.nextId % this.workers.length]!;
  }

  /** Sends a worker the request `make` builds with the pool's next id; a worker stopped since gets none. */
  private send(slot: Slot, make: (id: number) => SummaryRequest): Promise<SummaryReply> {
    if (slot.retired || this.failed) return Promise.reject(new Error('no summary worker'));
    const id = this.nextId++;
    clearTimeout(slot.idle);
    return new Promise<SummaryReply>((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage(make(id));
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((slot) => this.retire(slot)));
  }

  private start(): void {
    const slot: Slot = { worker: new Worker(this.script), waiting: new Map(), kept: new Set() };
    slot.worker.unref();
    slot.worker.on('message', (reply: SummaryReply) => {
      const w = slot.waiting.get(reply.id);
      slot.waiting.delete(reply.id);
      if (!slot.waiting.size) this.idle(slot);
      if ('error' in reply) w?.reject(new Error(reply.error));
      else w?.resolve(reply);
    });
    const fail = (err: Error) => {
      if (slot.retired) return;
      this.failed = true;
      this.remove(slot);
      for (const w of slot.waiting.values()) w.reject(err);
      slot.waiting.clear();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`summary worker exited (${code})`)));
    this.workers.push(slot);
    this.idle(slot);
  }

  private idle(slot: Slot): void {
    slot.worker.unref();
    clearTimeout(slot.idle);
    if (slot.kept.size) return;
    slot.idle = setTimeout(() => {
      this.remove(slot);
      void this.retire(slot);
    }, IDLE_MS).unref();
  }

  private async retire(slot: Slot): Promise<void> {
    slot.retired = true;
    clearTimeout(slot.idle);
    await slot.worker.terminate();
  }

  private remove(slot: Slot): void {
    const index = this.workers.indexOf(slot);
    if (index >= 0) this.workers.splice(index, 1);
  }
}

/** The number of workers NETPOL_LENS_WORKERS sets (0: none, at most 8), else one per further core. */
export function configuredWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env['NETPOL_LENS_WORKERS'] ?? NaN);
  return Number.isInteger(n) && n >= 0 ? Math.min(n, 8) : SummaryPool.defaultSize();
}

/** A summary as the worker sent it, with the text the main thread sent and one copy of each string. */
function received(sent: SentSummary, text: string): FileSummary {
  const { path, ...rest } = internStrings(sent, stringPool());
  return { path, text, ...rest };
}
