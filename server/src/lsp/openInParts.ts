// A large document opened in the editor whose text the engine does not hold yet is analysed in two
// parts (engine summaryParts.ts): this thread analyses the first part with trees while a summary
// worker analyses the rest and keeps its trees; the parts are joined, the topology built, and each
// thread lints its own part. The diagnostics are published then; the document's trees are made once
// the event loop is free (the worker's part parsed again here, this thread's part reused), or at
// once by the first request that needs them. A newer version, a request that validated the
// document meanwhile, a failed worker or parts that do not join: the serial validation.
import type { FileChange } from '../engine';
import { analyseChunks, chunkSummary, joinParts, summaryRanges } from '../engine';
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
    void this.finish(file, doc.version, mine, theirs);
    return true;
  }

  private async finish(
    file: { path: string; text: string },
    version: number,
    mine: ReturnType<typeof analyseChunks>,
    remote: Promise<RemotePart | undefined>,
  ): Promise<void> {
    const theirs = await remote;
    if (!this.waiting(file.path, version)) return theirs?.drop();
    const joined =
      theirs && joinParts(file, [mine.chunks.map((c) => chunkSummary(c, mine.lines)), theirs.chunks]);
    if (!theirs || !joined) {
      theirs?.drop();
      return this.out.serially(file.path);
    }
    const [accepted, theirAccepted] = joined.accepted as [boolean[][], boolean[][]];
    const { engine } = this.state;
    const change = engine.setOpenSplitFile(joined.summary, version, { part: mine, accepted });
    const topology = engine.topology();
    const input = engine.partLintInput(
      file.path,
      theirAccepted,
      countTrue(accepted),
      countTrue(theirAccepted),
    );
    const theirLints = theirs.lint(input).catch(() => undefined);
    const myLints = engine.lintPart(mine, accepted);
    const rest = await theirLints;
    if (this.state.open.get(file.path)?.version !== version) return;
    if (rest) engine.setSplitLints(file.path, [...myLints, ...rest], topology);
    this.out.analysed(file.path, change, version);
    setImmediate(() => {
      if (this.state.analysedVersion(file.path) === version) this.state.analysis(file.path);
    });
  }

  /** The document is still open at `version` and no one has validated that version meanwhile. */
  private waiting(uri: string, version: number): boolean {
    return this.state.open.get(uri)?.version === version && this.state.analysedVersion(uri) !== version;
  }
}

function countTrue(flags: readonly (readonly boolean[])[]): number {
  let n = 0;
  for (const chunk of flags) for (const f of chunk) if (f) n++;
  return n;
}
