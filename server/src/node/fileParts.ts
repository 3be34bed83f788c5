// The two phases of a file analysed in parts beside a summary worker (engine/summaryParts.ts), as
// the CLI's load, the language server's open and its index run them: this thread's part (with
// trees) and the worker's (RemotePart) are joined, then, once the file is in the workspace, each
// part is linted in its own thread against the workspace's topology.
import { chunkSummary } from '../engine/analysis';
import type { FilePart, FileSummary } from '../engine/analysis';
import { joinParts } from '../engine/summaryParts';
import type { Topology } from '../engine/model';
import type { SourceFile, Finding } from '../engine/types';
import type { Workspace } from '../engine/workspace';
import type { RemotePart } from './summaryPool';

export interface JoinedParts {
  summary: FileSummary;
  /** Per chunk and object of each part: accepted. */
  mine: boolean[][];
  theirs: boolean[][];
}

/** The parts joined, or undefined (the worker's part dropped) when the worker failed or they do not join. */
export function joinWith(
  file: SourceFile,
  mine: FilePart,
  theirs: RemotePart | undefined,
): JoinedParts | undefined {
  const joined =
    theirs && joinParts(file, [mine.chunks.map((c) => chunkSummary(c, mine.lines)), theirs.chunks]);
  if (!theirs || !joined) {
    theirs?.drop();
    return undefined;
  }
  const [myAccepted, theirAccepted] = joined.accepted as [boolean[][], boolean[][]];
  return { summary: joined.summary, mine: myAccepted, theirs: theirAccepted };
}

/**
 * The lints of both parts of a file the workspace holds as split (setSplitFile), in order, each made
 * in its thread against the workspace's topology now (returned with them); undefined when the
 * worker failed.
 */
export async function lintBoth(
  workspace: Workspace,
  path: string,
  mine: FilePart,
  theirs: RemotePart,
  joined: JoinedParts,
): Promise<{ lints: Finding[]; topology: Topology } | undefined> {
  const topology = workspace.topology();
  const input = workspace.partLintInput(
    path,
    joined.theirs,
    countTrue(joined.mine),
    countTrue(joined.theirs),
  );
  const theirLints = theirs.lint(input).catch(() => undefined);
  const myLints = workspace.lintPart(mine, joined.mine);
  const rest = await theirLints;
  return rest && { lints: [...myLints, ...rest], topology };
}

function countTrue(flags: readonly (readonly boolean[])[]): number {
  let n = 0;
  for (const chunk of flags) for (const f of chunk) if (f) n++;
  return n;
}
