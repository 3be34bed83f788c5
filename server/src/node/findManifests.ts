// Finds the manifest files under the paths a user names: files as given, folders walked
// recursively for *.yaml, *.yml and *.json, skipping node_modules and dot-folders, following
// symbolic links but never into a folder already visited (so link loops end).
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { ioProblem } from './ioErrors';
import type { IoProblem } from './ioErrors';

export interface FoundFile {
  /** The path as the user knows it: the argument itself, or the argument joined with the walk. */
  path: string;
  /** The canonical path, used to read the file and to list it once however it was reached. */
  realPath: string;
}

export interface FoundManifests {
  files: FoundFile[];
  problems: IoProblem[];
}

const MANIFEST_NAME = /\.(ya?ml|json)$/i;

export const isManifestName = (name: string): boolean => MANIFEST_NAME.test(name);

/** Folders a walk does not enter (a folder named explicitly is still walked). */
export const isSkippedFolderName = (name: string): boolean => name === 'node_modules' || name.startsWith('.');

export interface FindOptions {
  /**
   * Real paths the walk stays inside: a file or folder whose real path is elsewhere is neither listed
   * nor read. Default: the paths given, so a link in a folder never leads out of what was named.
   */
  within?: readonly string[];
}

/** Files named explicitly are taken whatever their extension; folders are walked. */
export async function findManifests(
  paths: readonly string[],
  options: FindOptions = {},
): Promise<FoundManifests> {
  const walk = new Walk(options.within ?? (await realPaths(paths)));
  for (const p of paths) await walk.argument(p);
  return { files: walk.files, problems: walk.problems };
}

async function realPaths(paths: readonly string[]): Promise<string[]> {
  const reals = await Promise.all(paths.map((p) => realpath(p).catch(() => undefined)));
  return reals.filter((r): r is string => r !== undefined);
}

class Walk {
  readonly files: FoundFile[] = [];
  readonly problems: IoProblem[] = [];
  private readonly seenFiles = new Set<string>();
  private readonly seenFolders = new Set<string>();

  constructor(private readonly within: readonly string[]) {}

  private outside(real: string): boolean {
    const inside = (r: string) => real === r || real.startsWith(r.endsWith(sep) ? r : r + sep);
    return !this.within.some(inside);
  }

  async argument(p: string): Promise<void> {
    try {
      const info = await stat(p);
      if (info.isDirectory()) await this.folder(p);
      else if (info.isFile()) this.addFile(p, await realpath(p));
      else this.problems.push({ path: p, message: `not a regular file or folder: ${p}` });
    } catch (err) {
      this.problems.push(ioProblem(p, err));
    }
  }

  private addFile(path: string, real: string): void {
    if (this.seenFiles.has(real) || this.outside(real)) return;
    this.seenFiles.add(real);
    this.files.push({ path, realPath: real });
  }

  private async folder(path: string): Promise<void> {
    let entries: Dirent[];
    try {
      const real = await realpath(path);
      if (this.seenFolders.has(real) || this.outside(real)) return;
      this.seenFolders.add(real);
      entries = await readdir(path, { withFileTypes: true });
    } catch (err) {
      this.problems.push(ioProblem(path, err));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) await this.entry(join(path, entry.name), entry);
  }

  private async entry(path: string, entry: Dirent): Promise<void> {
    if (entry.isDirectory()) {
      if (!isSkippedFolderName(entry.name)) await this.folder(path);
    } else if (entry.isFile()) {
      if (isManifestName(entry.name)) await this.walkedFile(path);
    } else if (entry.isSymbolicLink()) await this.link(path, entry.name);
  }

  private async walkedFile(path: string): Promise<void> {
    try {
      this.addFile(path, await realpath(path));
    } catch (err) {
      this.problems.push(ioProblem(path, err));
    }
  }

  /** A dangling or looping link inside a folder is not the user's request: it is passed over. */
  private async link(path: string, name: string): Promise<void> {
    let info;
    try {
      info = await stat(path);
    } catch {
      return;
    }
    if (info.isDirectory() && !isSkippedFolderName(name)) await this.folder(path);
    else if (info.isFile() && isManifestName(name)) await this.walkedFile(path);
  }
}
