// Splits a YAML file into chunks that parse independently: runs of documents cut where a line
// starts with `---` or after a line `...` (YAML 1.2 forbids both at the start of a line inside any
// content, so they always end a document). A file with `%` directives stays one chunk (directives
// apply to the documents after them). yaml recovers from some errors by reading on past such a
// line (an unclosed quoted scalar), or gives an error met at the start of a document to the one
// before: next to a chunk with yaml errors, a cut is kept only if parsing both chunks together gives
// the same result as parsing them apart (planChunks).
import type { ChunkBase, ParsedChunk } from './parse/types';
import type { LineIndex } from './lines';

/** Offsets where chunks start (the first is 0). */
export function chunkStarts(text: string): number[] {
  const starts = [0];
  if (text.startsWith('%') || text.includes('\n%')) return starts;
  for (let at = 0; at < text.length;) {
    const next = markerEnd(text, at);
    if (next !== undefined && next > 0 && next < text.length && next !== starts[starts.length - 1])
      starts.push(next);
    const nl = text.indexOf('\n', at);
    if (nl < 0) break;
    at = nl + 1;
  }
  return starts;
}

/**
 * For a line starting at `at`: where a chunk starts because of it (the line itself for `---`, the
 * next line for `...`), or undefined.
 */
function markerEnd(text: string, at: number): number | undefined {
  const c = text.charCodeAt(at);
  if (c !== 45 && c !== 46) return undefined;
  const marker = c === 45 ? '---' : '...';
  if (!text.startsWith(marker, at) || !endsMarker(text.charCodeAt(at + 3))) return undefined;
  if (c === 45) return at;
  const nl = text.indexOf('\n', at);
  return nl < 0 ? undefined : nl + 1;
}

/** Space, tab, line break or the end of the text. */
function endsMarker(c: number): boolean {
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}

export interface ChunkPlan<C, D = C> {
  /** The analysis of the text from `start` to `end` placed at `base`. */
  analyse(start: number, end: number, base: ChunkBase): C;
  parsed(c: C): ParsedChunk;
  /** What is kept of a chunk once its cuts are settled. */
  done(c: C): D;
  /** Whether `a` and the chunk `b` after it (ending at `end`), one of them with yaml errors, parse apart as together. */
  cutHolds(a: ParsedChunk, b: ParsedChunk, end: number): boolean;
}

/** Part of a text: from a chunk start (whose first document has index `doc`) to `end`. */
export interface ChunkRange {
  start: number;
  end: number;
  doc: number;
}

/**
 * The chunks of a text (or of `range`, planned as if the text ended there), analysed in order;
 * together they cover it. A cut next to a chunk with yaml errors is checked; when it does not hold,
 * the two chunks become one (checked again with the next), and when that does not hold either, the
 * rest is one chunk.
 */
export function planChunks<C, D>(
  text: string,
  lines: LineIndex,
  plan: ChunkPlan<C, D>,
  range: ChunkRange = { start: 0, end: text.length, doc: 0 },
): D[] {
  const starts = startsWithin(chunkStarts(text), range);
  const endOf = (i: number) => (i + 1 < starts.length ? starts[i + 1]! : range.end);
  const baseAt = (offset: number, doc: number): ChunkBase => ({
    offset,
    line: lines.positionAt(offset).line,
    doc,
  });
  const out: D[] = [];
  let current = plan.analyse(range.start, endOf(0), baseAt(range.start, range.doc));
  let merged = false;
  for (let i = 0; i + 1 < starts.length; i++) {
    const parsed = plan.parsed(current);
    if (parsed.failure !== undefined) break;
    const doc = parsed.base.doc + parsed.documents.length;
    const next = plan.analyse(starts[i + 1]!, endOf(i + 1), baseAt(starts[i + 1]!, doc));
    const after = plan.parsed(next);
    if ((parsed.yamlErrors || after.yamlErrors) && !plan.cutHolds(parsed, after, endOf(i + 1))) {
      current = plan.analyse(parsed.base.offset, merged ? range.end : endOf(i + 1), parsed.base);
      if (merged) break;
      merged = true;
      continue;
    }
    out.push(plan.done(current));
    current = next;
    merged = false;
  }
  out.push(plan.done(current));
  return out;
}

/** The chunk starts from `range.start` (itself one) up to `range.end`. */
function startsWithin(starts: readonly number[], range: ChunkRange): number[] {
  return starts.filter((s) => s >= range.start && s < range.end);
}

/** `both`, the parse of `a`'s and `b`'s text as one chunk, has `a`'s and then `b`'s documents and findings. */
export function sameAsApart(both: ParsedChunk, a: ParsedChunk, b: ParsedChunk): boolean {
  return (
    both.failure === undefined &&
    b.failure === undefined &&
    both.documents.length === a.documents.length + b.documents.length &&
    both.quotesLines === (a.quotesLines || b.quotesLines) &&
    JSON.stringify([both.documents, both.findings, both.characters]) ===
      JSON.stringify([
        [...a.documents, ...b.documents],
        [...a.findings, ...b.findings],
        [...a.characters, ...b.characters],
      ])
  );
}
