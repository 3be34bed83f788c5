// Reads the workspace from disk: every manifest under the workspace folders (diagnostics published)
// and under netpolLens.extraTopologyPaths (topology only), one file per event-loop turn so requests
// are answered while a large workspace is indexed, with work-done progress. Runs are queued: one at
// a time, in the order asked. A file is read only if its real path lies inside a folder or path
// the user configured: symbolic links never lead the server elsewhere.
import os from 'node:os';
import path from 'node:path';
import { realpath } from 'node:fs/promises';
import type { FileEvent } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import { findManifests, isManifestName, isSkippedFolderName } from '../node/findManifests';
import type { FoundFile } from '../node/findManifests';
import { WORKER_COSTS } from '../node/fillWorkspace';
import { ioProblem } from '../node/ioErrors';
import { readManifest } from '../node/readText';
import type { ReadResult } from '../node/readText';
import { joinSummary, summariseChunks, summaryRanges } from '../engine';
import type { Origin, ServerState } from './state';
import type { SummaryPool } from '../node/summaryPool';
import { isInside, pathToUri, uriToPath } from './uris';
import type { Validator } from './validation';
import { yieldToEventLoop } from './validation';

export interface Progress {
  report(done: number, total: number): void;
  done(): void;
}

export interface IndexerHost {
  startProgress(title: string): Promise<Progress>;
  log(message: string): void;
}

/** A file found and what reading it gave. */
type Read = [FoundFile, ReadResult];

/** Files being read ahead of the one the engine analyses. */
const READ_AHEAD = 16;

interface Root {
  /** The path as configured (or the workspace folder). */
  path: string;
  origin: Origin;
}

export class Indexer {
  private queue: Promise<void> = Promise.resolve();
  /** Full indexes asked for, and the last one whose files are all in the model. */
  private fullAsked = 0;
  private fullDone = 0;
  private readonly waitingForIndex: (() => void)[] = [];
  /** Real paths of the configured roots, refreshed at each full index. */
  private allowed: string[] = [];

  constructor(
    private readonly state: ServerState,
    private readonly validator: Validator,
    private readonly host: IndexerHost,
    private readonly pool?: SummaryPool,
    /** Fewer bytes of summarised files than this are all summarised here (WORKER_COSTS). */
    private readonly workerMinimum = WORKER_COSTS.minimum,
  ) {}

  /** Reads every root again; files no longer found leave the model. */
  indexAll(): Promise<void> {
    const run = ++this.fullAsked;
    return this.enqueue(async () => {
      try {
        const roots = this.roots();
        this.allowed = await realRoots(roots);
        const found = await this.readRoots(roots, 'Indexing Kubernetes manifests');
        void this.pool?.release();
        for (const origin of ['folder', 'extra'] as const)
          for (const uri of this.state.diskUris(origin)) if (!found.has(uri)) this.state.removeDisk(uri);
        return true;
      } finally {
        this.fullDone = run;
        if (this.fullDone === this.fullAsked) for (const resolve of this.waitingForIndex.splice(0)) resolve();
      }
    });
  }

  /**
   * Settles when the model holds every file of the last full index asked for (pending before the
   * first): until then files may be read but not yet in the model (summarised in a worker, or waiting
   * for their turn on this thread). Diagnostics may still be refreshing.
   */
  indexed(): Promise<void> {
    if (this.fullAsked && this.fullDone === this.fullAsked) return Promise.resolve();
    return new Promise((resolve) => this.waitingForIndex.push(resolve));
  }

  /** Workspace folders were added or removed (the state's folder list is already updated). */
  foldersChanged(): Promise<void> {
    return this.indexAll();
  }

  /** Files changed on disk (created, changed, deleted), as the client's watcher reports them. */
  filesChanged(events: readonly FileEvent[]): Promise<void> {
    return this.enqueue(async () => {
      let changed = false;
      for (const e of events) {
        const fsPath = uriToPath(e.uri);
        if (fsPath === undefined) continue;
        if (e.type === FileChangeType.Deleted) changed = this.removeUnder(fsPath) || changed;
        else changed = (await this.readPath(fsPath)) || changed;
        await yieldToEventLoop();
      }
      return changed;
    });
  }

  /** An open document was closed: its disk text (if it is a workspace file) replaces the editor's. */
  reload(uri: string): Promise<void> {
    return this.enqueue(async () => {
      const fsPath = uriToPath(uri);
      return fsPath !== undefined && this.state.originOf(uri) !== undefined && (await this.readPath(fsPath));
    });
  }

  private enqueue(job: () => Promise<boolean>): Promise<void> {
    const run = this.queue.then(async () => {
      if (await job()) await this.validator.refreshDependents();
    });
    this.queue = run.catch((err: unknown) => this.host.log(`indexing failed: ${describe(err)}`));
    return this.queue;
  }

  private roots(): Root[] {
    const folders = this.state.folders.map((p): Root => ({ path: p, origin: 'folder' }));
    const base = this.state.folders[0] ?? process.cwd();
    const extra = this.state.settings.extraTopologyPaths.map((p): Root => ({
      path: resolveConfigured(p, base),
      origin: 'extra',
    }));
    return [...folders, ...extra];
  }

  private async readRoots(roots: readonly Root[], title: string): Promise<Set<string>> {
    const progress = await this.host.startProgress(title);
    const found = new Set<string>();
    try {
      for (const root of roots) {
        const { files, problems } = await findManifests([root.path], { within: this.allowed });
        for (const p of problems) this.host.log(p.message);
        await this.readFiles(files, root.origin, found, progress);
      }
    } finally {
      progress.done();
    }
    return found;
  }

  /**
   * Reads a few files ahead (overlapping I/O) but hands them to the engine one per event-loop turn.
   * With worker threads, the files the engine only summarises go to them (from `workerMinimum`
   * bytes of them: fewer are summarised sooner here, and warm this thread up for the files opened
   * next), and the others are analysed here; when those are fewer bytes than a thread's share, this
   * thread also summarises the first part of the largest summarised file (splitShare). All are in
   * when this returns.
   */
  private async readFiles(files: FoundFile[], origin: Origin, found: Set<string>, progress: Progress) {
    let done = 0;
    const report = () => progress.report(++done, files.length);
    const applyHere = async ([f, result]: Read) => {
      if (this.apply(f, result, origin) !== undefined) found.add(pathToUri(f.path));
      report();
      await yieldToEventLoop();
    };
    if (!this.pool?.available) {
      await this.readAhead(files, applyHere);
      return;
    }
    const read: Read[] = [];
    await this.readAhead(files, (r) => void read.push(r));
    const summarised = read.filter(([f, result]) => this.summarisableText(f, result) !== undefined);
    if (summarised.reduce((n, r) => n + textLength(r), 0) < this.workerMinimum) {
      for (const r of read) await applyHere(r);
      return;
    }
    const inWorker = new Set(summarised);
    const here = read.filter((r) => !inWorker.has(r));
    const split = this.splitShare(here, summarised);
    const inWorkers = summarised.map((r) => {
      found.add(pathToUri(r[0].path));
      const job = r === split?.read ? this.inParts(r, split.length, origin) : this.inWorker(r, origin);
      return job.then(report);
    });
    for (const r of here) await applyHere(r);
    await Promise.all(inWorkers);
  }

  /** Reads the files in order, a few ahead, handing each to `use` (awaited) as it comes. */
  private async readAhead(files: FoundFile[], use: (r: Read) => unknown): Promise<void> {
    const reads = new Map<number, Promise<ReadResult>>();
    const prefetch = (i: number) => {
      if (i < files.length) reads.set(i, this.read(files[i]!));
    };
    for (let i = 0; i < READ_AHEAD; i++) prefetch(i);
    for (const [i, f] of files.entries()) {
      const result = await reads.get(i)!;
      reads.delete(i);
      prefetch(i + READ_AHEAD);
      await use([f, result]);
    }
  }

  /** The text of a file the engine would only summarise, else undefined. */
  private summarisableText(f: FoundFile, result: ReadResult): string | undefined {
    if (result.kind !== 'text') return undefined;
    const { text } = result.file;
    return this.state.summarisable(pathToUri(f.path), text) ? text : undefined;
  }

  /**
   * The largest summarised file and how much of it this thread summarises, when the files analysed
   * here are fewer bytes than each thread's share of all (this thread and the workers alike).
   */
  private splitShare(
    here: readonly Read[],
    summarised: readonly Read[],
  ): { read: Read; length: number } | undefined {
    const hereBytes = here.reduce((n, r) => n + textLength(r), 0);
    const total = summarised.reduce((n, r) => n + textLength(r), hereBytes);
    const share = total / (this.pool!.workerCount + 1);
    const largest = summarised.reduce<Read | undefined>(
      (a, r) => (a && textLength(a) >= textLength(r) ? a : r),
      undefined,
    );
    if (!largest || hereBytes >= share) return undefined;
    return { read: largest, length: Math.min(share - hereBytes, textLength(largest) / 2) };
  }

  /** Sends a file the engine would only summarise to a worker; stores the summary when it comes back. */
  private inWorker([f, result]: Read, origin: Origin): Promise<boolean> {
    const uri = pathToUri(f.path);
    const text = this.summarisableText(f, result)!;
    const options = this.state.summaryOptions();
    return this.pool!.summarise({ path: uri, text }, options).then(
      (summary) => this.state.setDiskSummary(summary, options, origin),
      (err: unknown) =>
        this.here(uri, text, origin, `summarising ${uri} in a worker failed: ${describe(err)}`),
    );
  }

  /**
   * Summarises the first `length` characters (to the nearest chunk start) of a file here and the rest
   * in a worker, and joins the parts; a file whose parts do not join exactly is summarised here whole.
   */
  private async inParts([f, result]: Read, length: number, origin: Origin): Promise<boolean> {
    const file = { path: pathToUri(f.path), text: this.summarisableText(f, result)! };
    const options = this.state.summaryOptions();
    const [mine, rest] = summaryRanges(file, options, [length]);
    if (!mine || !rest) return this.inWorker([f, result], origin);
    const theirs = this.pool!.summariseChunks(file, options, rest).then(
      (chunks) => ({ chunks }),
      (err: unknown) => ({ err }),
    );
    await yieldToEventLoop();
    const chunks = summariseChunks(file, options, mine);
    const other = await theirs;
    if ('err' in other)
      return this.here(
        file.path,
        file.text,
        origin,
        `summarising ${file.path} in a worker failed: ${describe(other.err)}`,
      );
    const summary = joinSummary(file, [chunks, other.chunks]);
    if (summary) return this.state.setDiskSummary(summary, options, origin);
    return this.here(file.path, file.text, origin);
  }

  /** Analyses a file here (its summary could not be made elsewhere: `why`, logged). */
  private here(uri: string, text: string, origin: Origin, why?: string): boolean {
    if (why) this.host.log(`${why}; analysed here`);
    return this.state.setDiskText(uri, text, origin);
  }

  /** Reads one file into the state: whether the topology may have changed, undefined when unreadable. */
  private async readFile(f: FoundFile, origin: Origin): Promise<boolean | undefined> {
    return this.apply(f, await this.read(f), origin);
  }

  private read(f: FoundFile): Promise<ReadResult> {
    return readManifest(f.path, f.realPath, this.state.settings.maxFileSize).catch(
      (err: unknown): ReadResult => ({ kind: 'error', problem: ioProblem(f.path, err) }),
    );
  }

  private apply(f: FoundFile, result: ReadResult, origin: Origin): boolean | undefined {
    const uri = pathToUri(f.path);
    if (result.kind === 'error') {
      this.host.log(result.problem.message);
      return undefined;
    }
    if (result.kind === 'too-large') return this.state.setSkipped(uri, result.finding, origin);
    return this.state.setDiskText(uri, result.file.text, origin);
  }

  /** A created or changed path: a manifest file, or a folder to walk, inside some root. */
  private async readPath(fsPath: string): Promise<boolean> {
    const root = this.roots().find((r) => isInside(r.path, fsPath) && !skippedBetween(r.path, fsPath));
    if (!root) return false;
    const { files } = await findManifests([fsPath], { within: this.allowed });
    let changed = false;
    for (const f of files) {
      if (f.path === fsPath && !isManifestName(path.basename(fsPath))) continue;
      changed = (await this.readFile(f, root.origin)) === true || changed;
      this.validator.publish(pathToUri(f.path));
    }
    return changed;
  }

  private removeUnder(fsPath: string): boolean {
    let changed = false;
    for (const origin of ['folder', 'extra'] as const)
      for (const uri of this.state.diskUris(origin)) {
        const p = uriToPath(uri);
        if (p !== undefined && isInside(fsPath, p)) {
          changed = this.state.removeDisk(uri) || changed;
          this.validator.publish(uri);
        }
      }
    return changed;
  }
}

/** `~/x` is the home folder; a relative path is relative to the first workspace folder. */
function resolveConfigured(p: string, base: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(os.homedir(), p.slice(1));
  return path.resolve(base, p);
}

async function realRoots(roots: readonly Root[]): Promise<string[]> {
  const out: string[] = [];
  for (const r of roots) {
    try {
      out.push(await realpath(r.path));
    } catch {
      // A configured path that does not exist yet contributes nothing.
    }
  }
  return out;
}

/** True when a folder between `root` and `p` is one the walk skips (node_modules, dot-folders). */
function skippedBetween(root: string, p: string): boolean {
  return path
    .relative(root, path.dirname(p))
    .split(path.sep)
    .some((s) => s !== '' && isSkippedFolderName(s));
}

function textLength([, r]: Read): number {
  return r.kind === 'text' ? r.file.text.length : 0;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
