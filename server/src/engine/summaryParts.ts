// A file summarised in parts, each part in its own thread: the file is cut at chunk starts
// (chunks.ts), each part is planned as if the file ended at the next cut (summariseChunks with a
// range), and the parts' chunk summaries are joined into the file's summary. The join is exactly
// the serial summary when the serial plan would have made the same chunks: no chunk next to a cut
// has yaml errors (the cut is then never checked), the chunk before a cut is one run of the plan
// (not merged into "the rest of the text", which a part ends sooner), and each part's first
// document index, guessed before the parts before it were parsed, was right. Otherwise the join
// gives nothing and the file is summarised whole.
import { summaryFromChunks } from './analysis';
import type { AnalysisOptions, ChunkSummary, FileSummary } from './analysis';
import { chunkStarts } from './chunks';
import type { ChunkRange } from './chunks';
import { DEFAULT_MAX_FILE_SIZE } from './parse/rules/fileTooLarge';
import type { SourceFile } from './types';

export type { ChunkRange } from './chunks';
export type { ChunkSummary } from './analysis';

/**
 * Ranges covering the file, cut at the chunk starts nearest to `targets` (offsets, ascending); empty
 * when the file cannot be cut there (one chunk, a cut at an end, too large to parse).
 */
export function summaryRanges(
  file: SourceFile,
  options: AnalysisOptions,
  targets: readonly number[],
): ChunkRange[] {
  const { text } = file;
  if (text.length > (options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)) return [];
  const starts = chunkStarts(text);
  const cuts = [...new Set(targets.map((t) => nearestIndex(starts, t)))].filter((k) => k > 0);
  if (!cuts.length) return [];
  const emptyFirst = starts.length > 1 && holdsNoDocument(text.slice(0, starts[1]));
  const ranges: ChunkRange[] = [];
  let from = { start: 0, doc: 0 };
  for (const k of cuts) {
    ranges.push({ ...from, end: starts[k]! });
    from = { start: starts[k]!, doc: emptyFirst ? k - 1 : k };
  }
  ranges.push({ ...from, end: text.length });
  return ranges;
}

/** The file's summary from its parts (summaryRanges, in order), or undefined when they do not join exactly. */
export function joinSummary(
  file: SourceFile,
  parts: readonly (readonly ChunkSummary[])[],
): FileSummary | undefined {
  const starts = chunkStarts(file.text);
  for (let i = 0; i + 1 < parts.length; i++) {
    const before = parts[i]!.at(-1);
    const after = parts[i + 1]![0];
    if (!before || !after || !joins(before, after, starts)) return undefined;
  }
  return summaryFromChunks(file, parts.flat());
}

function joins(before: ChunkSummary, after: ChunkSummary, starts: readonly number[]): boolean {
  const at = starts.indexOf(after.start);
  return (
    at > 0 &&
    before.end === after.start &&
    before.start === starts[at - 1] &&
    !before.yamlErrors &&
    !after.yamlErrors &&
    before.failure === undefined &&
    after.failure === undefined &&
    after.doc === before.doc + before.docs
  );
}

/** The index of the start nearest to `offset` (the first of two as near). */
function nearestIndex(starts: readonly number[], offset: number): number {
  let best = 0;
  for (let i = 1; i < starts.length; i++)
    if (Math.abs(starts[i]! - offset) < Math.abs(starts[best]! - offset)) best = i;
  return best;
}

/**
 * Whether a first chunk holds only blank and comment lines (yaml then makes no document of it).
 * Only a guess of the next part's first document index: the join checks it.
 */
function holdsNoDocument(text: string): boolean {
  return text.split('\n').every((line) => {
    const t = line.trim();
    return t === '' || t.startsWith('#');
  });
}
