// Two revisions of a workspace analysed through one engine Workspace: the base first, then the head
// as edits of it, so that files with the same text in both are parsed once, a changed file is
// re-analysed only in the documents that changed, and the cluster (pods, nodes) is placed once while
// only policies differ. Files are identified by a name both revisions share (e.g. the path in the
// repository); each revision's topology is kept as it was built (topologies are immutable).
import type { Topology } from '../model';
import type { SourceFile } from '../types';
import type { EngineOptions } from '../workspace';
import { Workspace } from '../workspace';

export interface AnalysedRevision {
  topology: Topology;
  /** Files with errors (YAML or validation): the objects with errors are left out of the topology. */
  filesWithErrors: string[];
}

export function analyseRevisions(
  base: readonly SourceFile[],
  head: readonly SourceFile[],
  options: EngineOptions = {},
): { base: AnalysedRevision; head: AnalysedRevision } {
  const workspace = new Workspace(options);
  for (const f of base) workspace.setFile(f);
  const before = analysedRevision(workspace);
  removeAbsent(workspace, head);
  for (const f of head) workspace.setFile(f);
  return { base: before, head: analysedRevision(workspace) };
}

/** Files of the workspace that `files` (the next revision) does not have leave it. */
export function removeAbsent(workspace: Workspace, files: readonly SourceFile[]): void {
  const kept = new Set(files.map((f) => f.path));
  for (const path of workspace.paths()) if (!kept.has(path)) workspace.removeFile(path);
}

/** The revision the workspace holds now. */
export function analysedRevision(workspace: Workspace): AnalysedRevision {
  const filesWithErrors = workspace
    .paths()
    .filter((p) => workspace.summary(p)!.findings.some((f) => f.severity === 'error'));
  return { topology: workspace.topology(), filesWithErrors };
}
