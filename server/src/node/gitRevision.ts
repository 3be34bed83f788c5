// Reads manifests as they are at a git revision, with git itself: `git ls-tree` lists the files under
// the paths, `git cat-file --batch` reads them in one process. Nothing is checked out, nothing is
// written. Failures (no git, not a repository, unknown revision, path outside the repository) are
// GitProblems with one-line messages.
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { isManifestName, isSkippedFolderName } from './findManifests';
import { decodeUtf8 } from './readText';

export class GitProblem extends Error {}

/** The folder is in no git repository (the message in the CLI's words; the editor has its own). */
export class NotARepository extends GitProblem {
  constructor(readonly folder: string) {
    super(`not inside a git repository: ${folder} (--git compares with a revision of one)`);
  }
}

export interface RevisionFile {
  /** Path from the repository's root, with `/`. */
  repoPath: string;
  text: string;
}

export interface RevisionFiles {
  /** The repository's top folder (absolute). */
  root: string;
  /** The full commit id the revision names. */
  commit: string;
  files: RevisionFile[];
  /** Files not read because they have more than `maxBytes` bytes (repository paths). */
  tooLarge: string[];
  /** For each path asked for (as given), whether the revision has anything there. */
  present: Map<string, boolean>;
}

const MAX_OUTPUT = 1 << 30;

function git(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['--literal-pathspecs', ...args],
      { cwd, maxBuffer: MAX_OUTPUT },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return reject(new GitProblem('git is not installed (or not on PATH)'));
        reject(new GitProblem(String(stderr).trim().split('\n')[0] || err.message.split('\n')[0]!));
      },
    );
  });
}

/** The top folder of the repository `cwd` is in. */
export async function repositoryRoot(cwd: string): Promise<string> {
  try {
    return (await git(['rev-parse', '--show-toplevel'], cwd)).trim();
  } catch (err) {
    if (err instanceof GitProblem && /not a git repository/i.test(err.message)) throw new NotARepository(cwd);
    throw err;
  }
}

/** The commit a revision names; an unknown revision is a GitProblem naming it. */
export async function resolveCommit(root: string, rev: string): Promise<string> {
  if (!rev || rev.startsWith('-')) throw new GitProblem(`not a revision: ${rev}`);
  try {
    return (
      await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], root)
    ).trim();
  } catch (err) {
    if (err instanceof GitProblem && /not installed/.test(err.message)) throw err;
    throw new GitProblem(`unknown revision: ${rev} (not a commit of this repository)`);
  }
}

/**
 * The manifests under `paths` (relative to `cwd`) at revision `rev`, chosen as the file walk chooses
 * them in the work tree: a file named explicitly whatever its extension; in folders, *.yaml, *.yml and
 * *.json outside node_modules and dot-folders. Symbolic links and submodules are not followed.
 */
export async function readRevision(
  cwd: string,
  rev: string,
  paths: readonly string[],
  maxBytes: number,
): Promise<RevisionFiles> {
  const root = await repositoryRoot(cwd);
  const commit = await resolveCommit(root, rev);
  const wanted = paths.map((p) => ({ given: p, repoPath: repoPathOf(root, cwd, p) }));
  const entries = await listTree(
    root,
    commit,
    wanted.map((w) => w.repoPath || '.'),
  );
  const present = new Map<string, boolean>();
  const chosen = new Map<string, TreeEntry>();
  for (const w of wanted) {
    const under = entries.filter((e) => isUnder(e.path, w.repoPath));
    present.set(w.given, under.length > 0);
    for (const e of under) if (isManifestEntry(e.path, w.repoPath)) chosen.set(e.path, e);
  }
  const list = [...chosen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const small = list.filter((e) => e.size <= maxBytes);
  const texts = await catBlobs(
    root,
    small.map((e) => e.object),
  );
  return {
    root,
    commit,
    files: small.map((e, i) => ({ repoPath: e.path, text: texts[i]! })),
    tooLarge: list.filter((e) => e.size > maxBytes).map((e) => e.path),
    present,
  };
}

/** `p` (relative to `cwd`) from the repository's root, with `/`; '' for the root itself. */
export function repoPathOf(root: string, cwd: string, p: string): string {
  const rel = path.relative(root, path.resolve(cwd, p));
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel))
    throw new GitProblem(`outside the repository: ${p}`);
  return rel.split(path.sep).join('/');
}

const isUnder = (file: string, dir: string): boolean => !dir || file === dir || file.startsWith(`${dir}/`);

function isManifestEntry(file: string, named: string): boolean {
  if (file === named) return true;
  const parts = (named ? file.slice(named.length + 1) : file).split('/');
  const name = parts.pop()!;
  return isManifestName(name) && !parts.some(isSkippedFolderName);
}

interface TreeEntry {
  path: string;
  object: string;
  size: number;
}

/** Regular files (blobs, not links or submodules) under the pathspecs, with their sizes. */
async function listTree(root: string, commit: string, specs: readonly string[]): Promise<TreeEntry[]> {
  const out = await git(['ls-tree', '-r', '-l', '-z', '--full-tree', commit, '--', ...specs], root);
  const entries: TreeEntry[] = [];
  for (const record of out.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, object, size] = record.slice(0, tab).split(/\s+/);
    if (type !== 'blob' || mode === '120000' || !object) continue;
    entries.push({ path: record.slice(tab + 1), object, size: Number(size) });
  }
  return entries;
}

/** The contents of blobs, in order, from one `git cat-file --batch` process. */
function catBlobs(root: string, objects: readonly string[]): Promise<string[]> {
  if (!objects.length) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (err) => reject(new GitProblem(`git cat-file failed: ${err.message}`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitProblem(`git cat-file failed: ${stderr.trim().split('\n')[0]}`));
      try {
        resolve(parseBatch(Buffer.concat(chunks), objects.length));
      } catch (err) {
        reject(err instanceof GitProblem ? err : new GitProblem(String(err)));
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(objects.join('\n') + '\n');
  });
}

/** `<object> blob <size>\n<content>\n`, repeated. */
function parseBatch(out: Buffer, count: number): string[] {
  const texts: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) throw new GitProblem('git cat-file: output ended early');
    const [object, type, size] = out.subarray(at, eol).toString().split(' ');
    if (type !== 'blob') throw new GitProblem(`git cat-file: ${object} is ${type ?? 'unreadable'}`);
    const end = eol + 1 + Number(size);
    texts.push(decodeUtf8(out.subarray(eol + 1, end)));
    at = end + 1;
  }
  return texts;
}
