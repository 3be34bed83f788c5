// Reads the paths a command was given into an engine Workspace; any I/O problem is a CliError.
import path from 'node:path';
import type { Finding } from '../engine/types';
import { Workspace } from '../engine/workspace';
import type { FillOptions } from '../node/fillWorkspace';
import { fillWorkspace, workerChoice } from '../node/fillWorkspace';
import { loadManifests } from '../node/loadManifests';
import { CliError } from './errors';
import { plural } from './formats/style';
import { engineOptions } from './options';
import type { TopologyFlags } from './options';
import type { Output } from './output';

export interface LoadedWorkspace {
  workspace: Workspace;
  /** Every file found, in the order found (arguments in order, folder entries by name). */
  paths: string[];
  /** Findings for files that were not read (too large). */
  skipped: Finding[];
}

export async function loadWorkspace(
  paths: readonly string[],
  flags: TopologyFlags,
): Promise<LoadedWorkspace> {
  const loaded = await loadManifests(
    paths,
    flags.maxFileSize === undefined ? {} : { maxBytes: flags.maxFileSize },
  );
  const [first, ...rest] = loaded.problems;
  if (first)
    throw new CliError(first.message + (rest.length ? ` (and ${plural(rest.length, 'more problem')})` : ''));
  const workspace = new Workspace(engineOptions(flags));
  await fillWorkspace(workspace, loaded.files, fillOptions());
  return { workspace, paths: loaded.paths, skipped: loaded.skipped };
}

/**
 * Loads the files of a command that reads the topology (matrix, trace, explain): errors in them leave
 * objects out, which a note on stderr says.
 */
export async function loadTopology(
  paths: readonly string[],
  flags: TopologyFlags,
  out: Output,
): Promise<LoadedWorkspace> {
  const loaded = await loadWorkspace(paths, flags);
  const note = errorNote(loaded);
  if (note) out.error(note);
  return loaded;
}

function errorNote(loaded: LoadedWorkspace): string | undefined {
  const withErrors = loaded.workspace
    .paths()
    .filter((p) => loaded.workspace.summary(p)!.findings.some((f) => f.severity === 'error'));
  if (!withErrors.length) return undefined;
  const files = withErrors.length === 1 ? `${withErrors[0]} has` : `${withErrors.length} files have`;
  return `netpol-lens: note: ${files} errors; objects with errors are left out (run \`netpol-lens check\`)`;
}

/**
 * Worker threads summarise the pods and cluster files beside this one (the summary worker is
 * bundled next to the CLI); NETPOL_LENS_WORKERS sets how many (0: none), and then they are used
 * however small the workspace.
 */
export function fillOptions(): FillOptions {
  const { workers, costs } = workerChoice();
  return { workerScript: path.join(__dirname, 'summaryWorker.js'), workers, costs };
}
