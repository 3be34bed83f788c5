// A large document opened in the editor whose text the engine does not hold yet is analysed in two
// parts (engine summaryParts.ts): this thread analyses the first part with trees while a summary
// worker analyses the rest and keeps its trees; the parts are joined, the topology built, and each
// thread lints its own part. The diagnostics are published then; the document's trees are made once
// the event loop is free (the worker's part parsed again here, this thread's part reused), or at
// once by the first request that needs them. A newer version, a request that validated the
// document meanwhile, a failed worker or parts that do not join: the serial validation.
import type { AnalysisOptions, FileChange, FilePart } from '../engine';
import { analyseChunks, summaryRanges } from '../engine';
import { joinWith, lintBoth } from '../node/fileParts';
import { planWorkers } from '../node/fillWorkspace';
import type { RemotePart, SummaryPool } from '../node/summaryPool';
import type { ServerState } from './state';

export interface PartsOutput {
  /** The document at `version` is in the engine, linted: publish it. */
  analysed(uri: string, change: FileChange, version: number): void;
  /** Validate the document serially (the parts failed). */
  serially(uri: string): void;
}

export class OpenInParts {
  constructor(
    private readonly state: ServerState,
    private readonly pool: SummaryPool | undefined,
    private readonly out: PartsOutput,
  ) {}

  /** Starts the analysis in parts of an opened document; false when it is validated serially. */
  start(uri: string): boolean {
    const doc = this.state.open.get(uri);
    if (!doc || !this.pool?.available) return false;
    const file = { path: doc.uri, text: doc.getText() };
    if (this.state.engine.summary(file.path)?.text === file.text) return false;
    const plan = planWorkers(
      [{ bytes: file.text.length, summarisable: false, splittable: true }],
      this.pool.workerCount,
    );
    if (!plan.split) return false;
    const options = this.state.summaryOptions();
    const ranges = summaryRanges(file, options, [plan.split.at]);
    if (ranges.length !== 2) return false;
    const theirs = this.pool.analysePart(file, options, ranges[1]!).catch(() => undefined);
    const mine = analyseChunks(file, options, ranges[0]!);
    void this.finish(file, doc, mine, theirs, options);
    return true;
  }

  private async finish(
    file: { path: string; text: string },
    doc: { version: number },
    mine: FilePart,
    remote: Promise<RemotePart | undefined>,
    options: AnalysisOptions,
  ): Promise<void> {
    const { version } = doc;
    const theirs = await remote;
    if (!this.waiting(file.path, doc, version)) return theirs?.drop();
    if (JSON.stringify(options) !== JSON.stringify(this.state.summaryOptions())) {
      // The settings changed meanwhile: the parts were analysed with other options.
      theirs?.drop();
      return this.out.serially(file.path);
    }
    const joined = joinWith(file, mine, theirs);
    if (!theirs || !joined) return this.out.serially(file.path);
    const { engine } = this.state;
    const change = engine.setOpenSplitFile(joined.summary, version, { part: mine, accepted: joined.mine });
    const linted = await lintBoth(engine, file.path, mine, theirs, joined);
    if (!this.current(file.path, doc, version)) return;
    if (linted) engine.setSplitLints(file.path, linted.lints, linted.topology);
    this.out.analysed(file.path, change, version);
    setImmediate(() => {
      if (this.state.analysedVersion(file.path) === version) this.state.analysis(file.path);
    });
  }

  /** The document opened is still open (not closed and opened again) at `version`. */
  private current(uri: string, doc: { version: number }, version: number): boolean {
    return this.state.open.get(uri) === doc && doc.version === version;
  }

  /** The document is still open at `version` and no one has validated that version meanwhile. */
  private waiting(uri: string, doc: { version: number }, version: number): boolean {
    return this.current(uri, doc, version) && this.state.analysedVersion(uri) !== version;
  }
}
