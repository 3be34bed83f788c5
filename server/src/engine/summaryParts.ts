// A file summarised in parts, each part in its own thread: the file is cut at chunk starts
// (chunks.ts), each part is planned as if the file ended at the next cut (summariseChunks with a
// range), and the parts' chunk summaries are joined into the file's summary. The join is exactly
// the serial summary when the serial plan would have made the same chunks: no chunk next to a cut
// has yaml errors (the cut is then never checked), the chunk before a cut is one run of the plan
// (not merged into "the rest of the text", which a part ends sooner), and each part's first
// document index, guessed before the parts before it were parsed, was right. Otherwise the join
// gives nothing and the file is summarised whole.
//
// A file holding policies is analysed in parts the same way, in two phases (lints read trees and the
// whole topology): each thread analyses its part with trees (analyseChunks), the parts' chunk
// summaries are joined (joinParts), the topology is built from every file's facts, and each thread
// lints its own chunks against that topology (lintPart: a thread without the others' trees is sent
// their facts, withoutTrees). Lints are per chunk, in order: the parts' lints, in order, are the file's.
import { acceptedIn, chunkSummary, partAnalysis, summaryFromChunks } from './analysis';
import type { AnalysisOptions, ChunkSummary, FilePart, FileSummary } from './analysis';
import { chunkStarts } from './chunks';
import type { ChunkRange } from './chunks';
import type { ObjectFacts } from './cluster/facts';
import { LineIndex } from './lines';
import { LintCache } from './lint';
import type { SourceRef } from './model';
import { fileFindings } from './parse/documents';
import { DEFAULT_MAX_FILE_SIZE } from './parse/rules/fileTooLarge';
import type { ManifestObject } from './parse/types';
import { TopologyBuilder } from './topology';
import type { TopologyOptions } from './topology';
import type { Finding, Range, SourceFile } from './types';

export type { ChunkRange } from './chunks';
export type { ChunkSummary, FilePart } from './analysis';
export type { TopologyOptions } from './topology';

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

/**
 * The file's summary from the chunk summaries of its parts (summaryRanges, in order) and, per part,
 * chunk and object, whether the object is accepted (as the whole file decides: analysis acceptedIn);
 * undefined when the parts do not join exactly.
 */
export function joinParts(
  file: SourceFile,
  parts: readonly (readonly ChunkSummary[])[],
): { summary: FileSummary; accepted: boolean[][][] } | undefined {
  const summary = joinSummary(file, parts);
  if (!summary) return undefined;
  const all = parts.flat();
  const flags = acceptedIn(all, fileFindings(all).findings);
  let at = 0;
  const accepted = parts.map((p) => flags.slice(at, (at += p.length)));
  return { summary, accepted };
}

/**
 * Facts to hand to another thread: a policy's object without its YAML tree (`node`), which stays
 * with the thread that parsed it. The receiver builds the topology from them and lints only its own
 * chunks (no lint reads another policy's tree); a file stored from such facts has no trees, and
 * Workspace.file parses it again, facts included.
 */
export function withoutTrees(facts: readonly ObjectFacts[]): ObjectFacts[] {
  return facts.map((f) => {
    if (!f.policy) return f;
    const object = { ...f.policy.object, node: NO_TREE };
    return { ...f, policy: { ...f.policy, object } };
  });
}

/** Stands for a tree that was not sent (never read: see withoutTrees). */
const NO_TREE = null as unknown as ManifestObject['node'];

/** A part's chunk summaries to send to the thread that joins them (no tree in them). */
export function sentChunks(part: FilePart): ChunkSummary[] {
  return part.chunks.map((c) => {
    const s = chunkSummary(c, part.lines);
    const facts = withoutTrees(s.objects.map((o) => o.facts));
    return { ...s, objects: s.objects.map((o, i) => ({ ...o, facts: facts[i]! })) };
  });
}

/** What a thread needs to lint its part of a file as the whole workspace would (plain data). */
export interface PartLintInput {
  /** Per chunk of the part and object: accepted (joinParts). */
  accepted: boolean[][];
  /** The topology's facts before the part's own accepted facts and after them (withoutTrees). */
  factsBefore: ObjectFacts[];
  factsAfter: ObjectFacts[];
  topology: TopologyOptions;
  enforcement: boolean;
  /** The other files' texts: a lint may point into one (a duplicate definition). */
  texts: [string, string][];
}

/** The lint findings of a part's chunks, in order, against the topology `input` describes. */
export function lintPart(part: FilePart, input: PartLintInput): Finding[] {
  const own = part.chunks.flatMap((c, i) => c.facts.filter((_, k) => input.accepted[i]?.[k] === true));
  const topology = new TopologyBuilder().build(
    [...input.factsBefore, ...own, ...input.factsAfter],
    input.topology,
  );
  const texts = new Map(input.texts);
  const indexes = new Map<string, LineIndex>();
  const locate = (ref: SourceRef): Range | undefined => {
    if (ref.file === part.file.path) return part.lines.range(ref.span);
    const text = texts.get(ref.file);
    if (text === undefined) return undefined;
    const index = indexes.get(ref.file) ?? new LineIndex(text);
    indexes.set(ref.file, index);
    return index.range(ref.span);
  };
  const analysis = partAnalysis(part, input.accepted);
  return new LintCache().lint(analysis, topology, { enforcement: input.enforcement, locate });
}
