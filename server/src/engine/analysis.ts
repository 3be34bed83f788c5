// The analysis of one file, chunk by chunk (chunks.ts): each chunk's parse, the validation of its
// objects and what they contribute to the topology (cluster/facts.ts). A new version of a file
// reuses every chunk of the previous version whose text it still holds, moved to where it now is
// (relocate.ts): an edit re-parses and re-validates only the documents it touched. The result is the
// same as analysing the new text from scratch.
import { extractFacts } from './cluster/facts';
import type { ObjectFacts } from './cluster/facts';
import { planChunks, sameAsApart } from './chunks';
import type { ChunkPlan } from './chunks';
import type { ChunkBase, ManifestObject, ParsedChunk, ParsedFile } from './documents';
import {
  assembleParsedFile,
  chunkLines,
  DEFAULT_MAX_FILE_SIZE,
  FindingSink,
  followedAt,
  parseChunk,
  tooLarge,
} from './documents';
import { LineIndex } from './lines';
import { relocateChunk, shiftFindings } from './relocate';
import type { Finding, SourceFile } from './types';
import { validateObject } from './validate';

export interface AnalysisOptions {
  /** Files longer than this (characters) are not parsed: an information finding says so. */
  maxFileSize?: number;
}

/** One chunk of a file: its parse, the validation of its objects, and their facts. Immutable. */
export interface ChunkAnalysis {
  start: number;
  end: number;
  parsed: ParsedChunk;
  /** Validation findings of the chunk's objects. */
  validation: readonly Finding[];
  /** Per object of `parsed.objects`: rejected by its own validation, or pasted together with another. */
  rejected: readonly boolean[];
  /** Per object of `parsed.objects`: what it contributes to the topology. */
  facts: readonly ObjectFacts[];
  /** A finding quotes a line number: the chunk cannot move to other lines by relocation. */
  quotesLines: boolean;
  /** The same object for an analysis and its relocated copies: caches of what follows from the text key on it. */
  lineage: object;
}

/** What is kept of every file, whether or not its YAML trees are. */
export interface FileSummary {
  path: string;
  text: string;
  /** YAML and validation findings. */
  findings: readonly Finding[];
  isKubernetes: boolean;
  /** The accepted objects' facts, in order: what the file contributes to the topology. */
  facts: readonly ObjectFacts[];
  /** Some object, accepted or not, is a NetworkPolicy. */
  hasPolicies: boolean;
  /** Where each chunk starts, and the index of its first document (to parse one chunk again). */
  chunkStarts: readonly number[];
  chunkDocs: readonly number[];
}

/** A file with its YAML trees. */
export interface FileAnalysis extends FileSummary {
  parsed: ParsedFile;
  /** Objects the API server would accept: the ones that build the topology. */
  accepted: readonly ManifestObject[];
  chunks: readonly ChunkAnalysis[];
  /** Cuts after chunks with yaml errors already checked (chunks.ts), by the text around them. */
  cuts: ReadonlyMap<string, boolean>;
}

/** Analyses a file; with the analysis of a previous version, its chunks are reused where the text is unchanged. */
export function analyseFile(
  file: SourceFile,
  options: AnalysisOptions = {},
  previous?: FileAnalysis,
): FileAnalysis {
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (file.text.length > max) return withoutChunks(tooLarge(file, max));
  const lines = new LineIndex(file.text);
  const pool = new ChunkPool(file, lines, previous);
  const chunks = planChunks(file.text, lines, pool);
  if (chunks.some((c) => c.parsed.failure !== undefined))
    return withoutChunks(assembleParsedFile(file, lines, [chunks.find((c) => c.parsed.failure)!.parsed]));
  return assemble(file, lines, chunks, pool.checkedCuts);
}

/** What the workspace keeps of a file whose trees it drops. */
export function summaryOf(a: FileSummary): FileSummary {
  const { path, text, findings, isKubernetes, facts, hasPolicies, chunkStarts, chunkDocs } = a;
  return { path, text, findings, isKubernetes, facts, hasPolicies, chunkStarts, chunkDocs };
}

export function hasTrees(a: FileSummary): a is FileAnalysis {
  return 'parsed' in a;
}

/** The object around `offset` in a file whose trees were dropped: its chunk is parsed again. */
export function objectInSummary(
  a: FileSummary,
  lines: LineIndex,
  offset: number,
): ManifestObject | undefined {
  let i = a.chunkStarts.length - 1;
  while (i > 0 && a.chunkStarts[i]! > offset) i--;
  // An object ending where the next chunk starts is found first, as in a whole-file search.
  const from = i > 0 && a.chunkStarts[i] === offset ? i - 1 : i;
  for (let k = from; k <= i && k >= 0; k++) {
    const start = a.chunkStarts[k]!;
    const end = a.chunkStarts[k + 1] ?? a.text.length;
    const base = { offset: start, line: lines.positionAt(start).line, doc: a.chunkDocs[k]! };
    const text = a.text.slice(start, end);
    const parsed = parseChunk(a.path, text, base, chunkLines(text, base, lines), followedAt(a.text, end));
    const found = parsed.objects.find((o) => o.node.start <= offset && offset <= o.node.end);
    if (found) return found;
  }
  return undefined;
}

function withoutChunks(parsed: ParsedFile): FileAnalysis {
  return {
    path: parsed.path,
    text: parsed.text,
    findings: parsed.findings,
    isKubernetes: parsed.isKubernetes,
    facts: [],
    hasPolicies: false,
    chunkStarts: [],
    chunkDocs: [],
    parsed,
    accepted: [],
    chunks: [],
    cuts: new Map(),
  };
}

function assemble(
  file: SourceFile,
  lines: LineIndex,
  chunks: readonly ChunkAnalysis[],
  cuts: ReadonlyMap<string, boolean>,
): FileAnalysis {
  const parsed = assembleParsedFile(
    file,
    lines,
    chunks.map((c) => c.parsed),
  );
  const errorLines = parsed.findings.filter((f) => f.severity === 'error').map((f) => f.range.start.line);
  const overlapsError = (obj: ManifestObject) => {
    if (!errorLines.length) return false;
    const start = lines.positionAt(obj.node.start).line;
    const end = lines.positionAt(obj.node.end).line;
    return errorLines.some((l) => l >= start && l <= end);
  };
  const accepted: ManifestObject[] = [];
  const facts: ObjectFacts[] = [];
  for (const c of chunks)
    c.parsed.objects.forEach((obj, i) => {
      if (c.rejected[i] || overlapsError(obj)) return;
      accepted.push(obj);
      facts.push(c.facts[i]!);
    });
  const validation = parsed.isKubernetes ? chunks.flatMap((c) => c.validation) : [];
  return {
    path: file.path,
    text: file.text,
    findings: [...parsed.findings, ...validation],
    isKubernetes: parsed.isKubernetes,
    facts,
    hasPolicies: parsed.objects.some((o) => o.kind === 'NetworkPolicy'),
    chunkStarts: chunks.map((c) => c.start),
    chunkDocs: chunks.map((c) => c.parsed.base.doc),
    parsed,
    accepted,
    chunks,
    cuts,
  };
}

/** Analyses chunks, taking them from the previous version of the file when its text has them. */
class ChunkPool implements ChunkPlan<ChunkAnalysis> {
  private readonly byText = new Map<string, ChunkAnalysis[]>();
  private readonly knownCuts: ReadonlyMap<string, boolean>;
  /** The cuts checked for this version (those the next version may meet again). */
  readonly checkedCuts = new Map<string, boolean>();

  constructor(
    private readonly file: SourceFile,
    private readonly lines: LineIndex,
    previous: FileAnalysis | undefined,
  ) {
    const usable =
      previous?.path === file.path && previous.parsed.lines.firstLineBreak() === lines.firstLineBreak();
    this.knownCuts = usable ? previous.cuts : new Map();
    if (!usable) return;
    for (const c of previous.chunks) {
      const text = poolKey(previous.text.slice(c.start, c.end), followedAt(previous.text, c.end));
      const list = this.byText.get(text);
      if (list) list.push(c);
      else this.byText.set(text, [c]);
    }
  }

  analyse(start: number, end: number, base: ChunkBase): ChunkAnalysis {
    const text = this.file.text.slice(start, end);
    const candidates = this.byText.get(poolKey(text, followedAt(this.file.text, end)));
    if (candidates?.length) {
      const at = Math.max(
        0,
        candidates.findIndex((c) => c.start === start),
      );
      const reused = candidates.splice(at, 1)[0]!;
      if (!reused.quotesLines || reused.parsed.base.line === base.line)
        return this.relocate(reused, start, end, base);
    }
    return this.fresh(text, start, end, base);
  }

  parsed(c: ChunkAnalysis): ParsedChunk {
    return c.parsed;
  }

  cutHolds(a: ParsedChunk, b: ParsedChunk, end: number): boolean {
    const start = a.base.offset;
    const key = `${b.base.offset - start}:${poolKey(this.file.text.slice(start, end), followedAt(this.file.text, end))}`;
    let holds = this.knownCuts.get(key);
    if (holds === undefined) {
      const text = this.file.text.slice(start, end);
      const lines = chunkLines(text, a.base, this.lines);
      holds = sameAsApart(
        parseChunk(this.file.path, text, a.base, lines, followedAt(this.file.text, end)),
        a,
        b,
      );
    }
    this.checkedCuts.set(key, holds);
    return holds;
  }

  private fresh(text: string, start: number, end: number, base: ChunkBase): ChunkAnalysis {
    const lines = chunkLines(text, base, this.lines);
    const parsed = parseChunk(this.file.path, text, base, lines, followedAt(this.file.text, end));
    const sink = new FindingSink(this.file.path, lines);
    const rejected = parsed.objects.map((obj) => {
      const before = sink.findings.length;
      validateObject(obj, sink);
      return obj.pasted === true || sink.findings.slice(before).some((f) => f.severity === 'error');
    });
    return {
      start,
      end,
      parsed,
      validation: sink.findings,
      rejected,
      facts: parsed.objects.map(extractFacts),
      quotesLines: parsed.quotesLines || sink.quotesLines,
      lineage: {},
    };
  }

  private relocate(c: ChunkAnalysis, start: number, end: number, base: ChunkBase): ChunkAnalysis {
    const old = c.parsed.base;
    if (old.offset === base.offset && old.line === base.line && old.doc === base.doc) return c;
    const parsed = relocateChunk(c.parsed, base);
    return {
      ...c,
      start,
      end,
      parsed,
      validation: shiftFindings(c.validation, base.line - old.line),
      facts: parsed.objects.map(extractFacts),
    };
  }
}

/** A chunk's text, and whether `---` follows it (which changes how yaml ends its last document). */
function poolKey(text: string, followed: boolean): string {
  return (followed ? '1' : '0') + text;
}
