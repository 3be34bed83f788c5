// The two sides of `netpol-lens diff`: two files or folders, or (--git) the work tree and a git
// revision of the same paths. Each file gets a key both sides share (its path inside the folder
// compared, or in the repository) so that the engine analyses an unchanged file once, and a display
// name for notes.
import path from 'node:path';
import { stat } from 'node:fs/promises';
import type { SourceFile } from '../engine/types';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/parse/rules/fileTooLarge';
import { GitProblem, readRevision, repoPathOf } from '../node/gitRevision';
import { loadManifests } from '../node/loadManifests';
import { CliError } from './errors';
import { plural } from './formats/style';

export interface Side {
  /** What the side is, for headings: a path, `HEAD (3f2a1b0)`, `work tree`. */
  label: string;
  /** Files keyed by the name both sides share. */
  files: SourceFile[];
  /** Key → the name the user knows the file by. */
  display: Map<string, string>;
  /** Display names of files not read because they are too large. */
  tooLarge: string[];
}

const keyed = (files: readonly SourceFile[], keyOf: (p: string) => string): SourceFile[] =>
  files.map((f) => ({ path: keyOf(f.path), text: f.text }));

async function readPaths(paths: readonly string[], maxBytes: number | undefined) {
  const loaded = await loadManifests(paths, maxBytes === undefined ? {} : { maxBytes });
  const [first, ...rest] = loaded.problems;
  if (first)
    throw new CliError(first.message + (rest.length ? ` (and ${plural(rest.length, 'more problem')})` : ''));
  return loaded;
}

/** One file or folder: keys are paths inside the folder (a file's key is its name). */
export async function pathSide(arg: string, maxBytes: number | undefined): Promise<Side> {
  const loaded = await readPaths([arg], maxBytes);
  const keyOf = (p: string) => path.relative(arg, p).split(path.sep).join('/') || path.basename(p);
  return {
    label: arg,
    files: keyed(loaded.files, keyOf),
    display: new Map(loaded.files.map((f) => [keyOf(f.path), f.path])),
    tooLarge: loaded.skipped.map((f) => f.file),
  };
}

/** The paths in the work tree (head) and at `rev` (base); keys are paths in the repository. */
export async function gitSides(
  rev: string,
  paths: readonly string[],
  maxBytes: number | undefined,
): Promise<{ base: Side; head: Side }> {
  const cwd = process.cwd();
  let revision;
  try {
    revision = await readRevision(cwd, rev, paths, maxBytes ?? DEFAULT_MAX_FILE_SIZE);
  } catch (err) {
    if (err instanceof GitProblem) throw new CliError(err.message);
    throw err;
  }
  const inWorkTree = await existing(paths);
  for (const p of paths)
    if (!inWorkTree.includes(p) && !revision.present.get(p))
      throw new CliError(`no such file or directory: ${p} (neither in the work tree nor at ${rev})`);
  const loaded = await readPaths(inWorkTree, maxBytes);
  const keyOf = (p: string) => repoPathOf(revision.root, cwd, p);
  const short = revision.commit.slice(0, 7);
  const base: Side = {
    label: rev === short ? rev : `${rev} (${short})`,
    files: revision.files.map((f) => ({ path: f.repoPath, text: f.text })),
    display: new Map(revision.files.map((f) => [f.repoPath, `${rev}:${f.repoPath}`])),
    tooLarge: revision.tooLarge.map((p) => `${rev}:${p}`),
  };
  const head: Side = {
    label: 'work tree',
    files: keyed(loaded.files, keyOf),
    display: new Map(loaded.files.map((f) => [keyOf(f.path), f.path])),
    tooLarge: loaded.skipped.map((f) => f.file),
  };
  return { base, head };
}

/** The paths that exist in the work tree (a folder deleted since the revision does not). */
async function existing(paths: readonly string[]): Promise<string[]> {
  const found = await Promise.all(
    paths.map((p) =>
      stat(p).then(
        () => true,
        () => false,
      ),
    ),
  );
  return paths.filter((_, i) => found[i]);
}
