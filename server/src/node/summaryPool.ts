// Worker threads that summarise files (summaryWorker.ts) while the main thread analyses the files
// whose trees it keeps: on a machine with two cores, indexing a workspace of pods and policies uses
// both. Files are handed out round-robin; texts go in, summaries (findings and facts) come back.
// A worker idle for a while is stopped (its heap would stay), and started again when needed. A worker
// that fails rejects what it was given (the caller analyses those files itself) and the pool is
// then empty for good.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalysisOptions, FileSummary } from '../engine';

export interface SummaryRequest {
  id: number;
  file: { path: string; text: string };
  options: AnalysisOptions;
}

export type SummaryReply = { id: number; summary: FileSummary } | { id: number; error: string };

interface Waiting {
  resolve(summary: FileSummary): void;
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

  summarise(file: { path: string; text: string }, options: AnalysisOptions): Promise<FileSummary> {
    if (!this.available) return Promise.reject(new Error('no summary worker'));
    if (this.workers.length < this.size) this.start();
    const slot = this.workers[this.nextId % this.workers.length]!;
    const id = this.nextId++;
    clearTimeout(slot.idle);
    return new Promise<FileSummary>((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage({ id, file, options } satisfies SummaryRequest);
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
      if ('summary' in reply) w?.resolve(reply.summary);
      else w?.reject(new Error(reply.error));
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
