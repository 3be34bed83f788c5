// Writes edited files back (the CLI's `--write`): each file whole, UTF-8, under the name it was read by.
import { writeFile } from 'node:fs/promises';
import type { SourceFile } from '../engine/types';
import { ioProblem } from './ioErrors';
import type { IoProblem } from './ioErrors';

/** Writes every file; the problems of those that could not be written. */
export async function writeTexts(files: readonly SourceFile[]): Promise<IoProblem[]> {
  const problems: IoProblem[] = [];
  for (const f of files) {
    try {
      await writeFile(f.path, f.text, 'utf8');
    } catch (err) {
      problems.push(ioProblem(f.path, err));
    }
  }
  return problems;
}
