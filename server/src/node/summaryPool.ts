// Worker threads that summarise files (summaryWorker.ts) while the main thread analyses the files
// whose trees it keeps: on a machine with two cores, indexing a workspace of pods and policies uses
// both. Files are handed out round-robin; texts go in, summaries (findings and facts) come back, or
// the chunk summaries of one range of a file that several threads summarise in parts
// (engine/summaryParts.ts).
// A worker idle for a while is stopped (its heap would stay), and started again when needed. A worker
// that fails rejects what it was given (the caller analyses those files itself) and the pool is
// then empty for good.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalysisOptions, ChunkRange, ChunkSummary, FileSummary } from '../engine';
import { internStrings, stringPool } from './internStrings';

export interface SummaryRequest {
  id: number;
  file: { path: string; text: string };
  options: AnalysisOptions;
  /** Only this range's chunks (the reply carries `chunks`, not `summary`). */
  range?: ChunkRange;
}

/** A summary without the text: the main thread has it already. */
export type SentSummary = Omit<FileSummary, 'text'>;

export type SummaryReply =
  | { id: number; summary: SentSummary }
  | { id: number; chunks: ChunkSummary[] }
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
    const reply = await this.send(file, options);
    if (!('summary' in reply)) throw new Error('summary worker: no summary in the reply');
    return received(reply.summary, file.text);
  }

  /** The chunk summaries of `range` of the file (engine summariseChunks), to be joined with the other ranges'. */
  async summariseChunks(
    file: { path: string; text: string },
    options: AnalysisOptions,
    range: ChunkRange,
  ): Promise<ChunkSummary[]> {
    const reply = await this.send(file, options, range);
    if (!('chunks' in reply)) throw new Error('summary worker: no chunks in the reply');
    return internStrings(reply.chunks, stringPool());
  }

  /**
   * Stops the workers that have nothing to do now rather than after IDLE_MS (the indexer calls this
   * when a full index is done): a worker's heap is tens of megabytes. They start again when needed.
   */
  async release(): Promise<void> {
    const idle = this.workers.filter((slot) => !slot.waiting.size);
    for (const slot of idle) this.remove(slot);
    await Promise.all(idle.map((slot) => this.retire(slot)));
  }

  private send(
    file: { path: string; text: string },
    options: AnalysisOptions,
    range?: ChunkRange,
  ): Promise<SummaryReply> {
    if (!this.available) return Promise.reject(new Error('no summary worker'));
    if (this.workers.length < this.size) this.start();
    const slot = this.workers[this.nextId % this.workers.length]!;
    const id = this.nextId++;
    clearTimeout(slot.idle);
    return new Promise<SummaryReply>((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject });
      slot.worker.ref();
      const request: SummaryRequest = range ? { id, file, options, range } : { id, file, options };
      slot.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((slot) => this.retire(slot)));
  }

  private start(): void {
    const slot: Slot = { worker: new Worker(this.script), waiting: new Map() };
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

/** A summary as the worker sent it, with the text the main thread sent and one copy of each string. */
function received(sent: SentSummary, text: string): FileSummary {
  const { path, ...rest } = internStrings(sent, stringPool());
  return { path, text, ...rest };
}
