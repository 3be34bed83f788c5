// Finds and reads the manifests under some paths: what the CLI checks and what the language
// server indexes for a workspace folder.
import type { Finding, SourceFile } from '../engine/types';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/parse/rules/fileTooLarge';
import { findManifests } from './findManifests';
import type { IoProblem } from './ioErrors';
import { readManifest } from './readText';
import type { ReadResult } from './readText';

export interface LoadOptions {
  /** Files with more bytes are not read (default: the engine's DEFAULT_MAX_FILE_SIZE). */
  maxBytes?: number;
}

export interface LoadedManifests {
  /** Every file found and not failed, read or skipped, in the order found. */
  paths: string[];
  /** Files read, in the order found: arguments in order, folder entries sorted by name. */
  files: SourceFile[];
  /** `file-too-large` findings for the files that were not read. */
  skipped: Finding[];
  problems: IoProblem[];
}

/** Files are read a few at a time: enough to overlap I/O, few enough never to hit EMFILE. */
const PARALLEL_READS = 16;

export async function loadManifests(
  paths: readonly string[],
  options: LoadOptions = {},
): Promise<LoadedManifests> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_SIZE;
  const found = await findManifests(paths);
  const results: ReadResult[] = new Array<ReadResult>(found.files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < found.files.length) {
      const i = next++;
      const f = found.files[i]!;
      results[i] = await readManifest(f.path, f.realPath, maxBytes);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, found.files.length) }, worker));
  const loaded: LoadedManifests = { paths: [], files: [], skipped: [], problems: [...found.problems] };
  for (const r of results) {
    if (r.kind === 'text') {
      loaded.paths.push(r.file.path);
      loaded.files.push(r.file);
    } else if (r.kind === 'too-large') {
      loaded.paths.push(r.finding.file);
      loaded.skipped.push(r.finding);
    } else loaded.problems.push(r.problem);
  }
  return loaded;
}
