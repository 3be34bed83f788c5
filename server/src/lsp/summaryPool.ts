// Worker threads that summarise files (summaryWorker.ts) while the main thread analyses the files
// whose trees it keeps: on a machine with two cores, indexing a workspace of pods and policies uses
// both. Files are handed out round-robin; texts go in, summaries (findings and facts) come back.
// A worker that fails or exits rejects what it was given; the caller analyses those files itself.
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

/** Workers beside the main thread: one per further core, at most this many. */
const MAX_WORKERS = 3;

export class SummaryPool {
  private readonly workers: { worker: Worker; waiting: Map<number, Waiting> }[] = [];
  private nextId = 0;

  /** `size` workers running `script`; with 0 (a single core) the pool is empty and `available` false. */
  constructor(
    private readonly script: string,
    size = Math.min(MAX_WORKERS, os.availableParallelism() - 1),
  ) {
    for (let i = 0; i < size; i++) this.start();
  }

  get available(): boolean {
    return this.workers.length > 0;
  }

  summarise(file: { path: string; text: string }, options: AnalysisOptions): Promise<FileSummary> {
    const slot = this.workers[this.nextId % this.workers.length];
    if (!slot) return Promise.reject(new Error('no summary worker'));
    const id = this.nextId++;
    return new Promise<FileSummary>((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage({ id, file, options } satisfies SummaryRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.worker.terminate()));
  }

  private start(): void {
    const worker = new Worker(this.script);
    const slot = { worker, waiting: new Map<number, Waiting>() };
    worker.unref();
    worker.on('message', (reply: SummaryReply) => {
      const w = slot.waiting.get(reply.id);
      slot.waiting.delete(reply.id);
      if (!slot.waiting.size) worker.unref();
      if ('summary' in reply) w?.resolve(reply.summary);
      else w?.reject(new Error(reply.error));
    });
    const fail = (err: Error) => {
      const index = this.workers.indexOf(slot);
      if (index >= 0) this.workers.splice(index, 1);
      for (const w of slot.waiting.values()) w.reject(err);
      slot.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`summary worker exited (${code})`)));
    this.workers.push(slot);
  }
}
