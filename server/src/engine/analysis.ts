// The analysis of one file, chunk by chunk (chunks.ts): each chunk's parse, the validation of its
// objects and what they contribute to the topology (cluster/facts.ts). A new version of a file
// reuses every chunk of the previous version whose text it still holds, moved to where it now is
// (relocate.ts): an edit re-parses and re-validates only the documents it touched. The result is the
// same as analysing the new text from scratch. A file whose trees are not wanted is summarised
// instead: chunk by chunk, each tree dropped once its findings and facts are taken.
import { extractFacts, Interner } from './cluster/facts';
import type { ObjectFacts } from './cluster/facts';
import { planChunks } from './chunks';
import type { ChunkPlan, ChunkRange } from './chunks';
import type { ChunkBase, ManifestObject, ParsedChunk, ParsedFile } from './parse/types';
import {
  assembleParsedFile,
  chunkLines,
  fileFindings,
  followedAt,
  objectAt,
  parseChunk,
  parseChunkAt,
  parseFailure,
  parsesApart,
  tooLarge,
} from './parse/documents';
import { FindingSink } from './parse/findingSink';
import { DEFAULT_MAX_FILE_SIZE } from './parse/rules/fileTooLarge';
import { LineIndex } from './lines';
import { pushTo } from './lists';
import { relocateChunk, shiftFindings } from './relocate';
import type { Finding, SourceFile } from './types';
import { validateObject } from './validate';
import type { ValidationOptions } from './validate/context';

export interface AnalysisOptions extends ValidationOptions {
  /** Files longer than this (characters) are not parsed: an information finding says so. */
  maxFileSize?: number;
}

/** The options validation reads (a chunk validated under other options is not reused). */
function validationOptions(options: AnalysisOptions): ValidationOptions {
  return options.workflow === undefined ? {} : { workflow: options.workflow };
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
  const pool = new ChunkPool(file, lines, validationOptions(options), previous);
  const chunks = planChunks(file.text, lines, pool);
  const failed = chunks.find((c) => c.parsed.failure !== undefined);
  if (failed) return withoutChunks(parseFailure(file, failed.parsed.failure!));
  return assemble(file, lines, chunks, pool.checkedCuts);
}

/** What a file contributes without its trees, computed one chunk at a time (no tree outlives its chunk). */
export function summariseFile(file: SourceFile, options: AnalysisOptions = {}): FileSummary {
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (file.text.length > max) return summaryOf(withoutChunks(tooLarge(file, max)));
  return summaryFromChunks(file, summariseChunks(file, options));
}

/** The summaries of a file's chunks (of `range` only, planned as if the file ended there). */
export function summariseChunks(
  file: SourceFile,
  options: AnalysisOptions,
  range?: ChunkRange,
): ChunkSummary[] {
  const lines = new LineIndex(file.text);
  return planChunks(file.text, lines, new SummaryPlan(file, lines, validationOptions(options)), range);
}

/** A file's summary from the summaries of all its chunks, in order. */
export function summaryFromChunks(file: SourceFile, chunks: readonly ChunkSummary[]): FileSummary {
  const failed = chunks.find((c) => c.failure !== undefined);
  if (failed) return summaryOf(withoutChunks(parseFailure(file, failed.failure!)));
  const { isKubernetes, findings } = fileFindings(chunks);
  const errorLines = errorLinesOf(findings);
  const facts: ObjectFacts[] = [];
  for (const c of chunks)
    for (const o of c.objects) if (!o.rejected && !overlaps(errorLines, o.lines)) facts.push(o.facts);
  return {
    path: file.path,
    text: file.text,
    findings: isKubernetes ? [...findings, ...chunks.flatMap((c) => c.validation)] : findings,
    isKubernetes,
    facts,
    hasPolicies: chunks.some((c) => c.objects.some((o) => o.facts.kind === 'NetworkPolicy')),
    chunkStarts: chunks.map((c) => c.start),
    chunkDocs: chunks.map((c) => c.doc),
  };
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
  fileLines: LineIndex,
  offset: number,
): ManifestObject | undefined {
  let i = a.chunkStarts.length - 1;
  while (i > 0 && a.chunkStarts[i]! > offset) i--;
  // An object ending where the next chunk starts is found first, as in a whole-file search.
  const from = i > 0 && a.chunkStarts[i] === offset ? i - 1 : i;
  for (let k = from; k <= i && k >= 0; k++) {
    const start = a.chunkStarts[k]!;
    const end = a.chunkStarts[k + 1] ?? a.text.length;
    const base = { offset: start, line: fileLines.positionAt(start).line, doc: a.chunkDocs[k]! };
    const parsed = parseChunkAt(a, fileLines, start, end, base);
    const found = objectAt(parsed, offset);
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

/** Lines on which an error starts (an object written over one of them is not accepted). */
function errorLinesOf(findings: readonly Finding[]): number[] {
  return findings.filter((f) => f.severity === 'error').map((f) => f.range.start.line);
}

function overlaps(errorLines: readonly number[], [first, last]: readonly [number, number]): boolean {
  return errorLines.some((l) => l >= first && l <= last);
}

function objectLines(lines: LineIndex, obj: ManifestObject): [number, number] {
  return [lines.positionAt(obj.node.start).line, lines.positionAt(obj.node.end).line];
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
  const errorLines = errorLinesOf(parsed.findings);
  const accepted: ManifestObject[] = [];
  const facts: ObjectFacts[] = [];
  for (const c of chunks)
    c.parsed.objects.forEach((obj, i) => {
      if (c.rejected[i] || (errorLines.length && overlaps(errorLines, objectLines(lines, obj)))) return;
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

/** Parses, validates and extracts one chunk. `copy`: see parseChunk. */
function analyseChunk(
  file: SourceFile,
  fileLines: LineIndex,
  at: { start: number; end: number; base: ChunkBase },
  copy: boolean,
  strings: Interner,
  options: ValidationOptions,
): ChunkAnalysis {
  const { start, end, base } = at;
  const text = file.text.slice(start, end);
  const lines = chunkLines(text, base, fileLines);
  const parsed = parseChunk(file, start, end, base, lines, copy);
  const sink = new FindingSink(file.path, lines);
  const rejected = parsed.objects.map((obj) => {
    const before = sink.findings.length;
    validateObject(obj, sink, options);
    return obj.pasted === true || sink.findings.slice(before).some((f) => f.severity === 'error');
  });
  return {
    start,
    end,
    parsed,
    validation: sink.findings,
    rejected,
    facts: parsed.objects.map((o) => extractFacts(o, strings)),
    quotesLines: parsed.quotesLines || sink.quotesLines,
    lineage: {},
  };
}

/** Analyses chunks, taking them from the previous version of the file when its text has them. */
class ChunkPool implements ChunkPlan<ChunkAnalysis> {
  private readonly byText = new Map<string, ChunkAnalysis[]>();
  private readonly knownCuts: ReadonlyMap<string, boolean>;
  private readonly strings = new Interner();
  /** The cuts checked for this version (those the next version may meet again). */
  readonly checkedCuts = new Map<string, boolean>();

  constructor(
    private readonly file: SourceFile,
    private readonly lines: LineIndex,
    private readonly options: ValidationOptions,
    previous: FileAnalysis | undefined,
  ) {
    const usable =
      previous?.path === file.path && previous.parsed.lines.firstLineBreak() === lines.firstLineBreak();
    this.knownCuts = usable ? previous.cuts : new Map();
    if (!usable) return;
    for (const c of previous.chunks) {
      pushTo(this.byText, poolKey(previous.text.slice(c.start, c.end), followedAt(previous.text, c.end)), c);
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
    return analyseChunk(this.file, this.lines, { start, end, base }, true, this.strings, this.options);
  }

  parsed(c: ChunkAnalysis): ParsedChunk {
    return c.parsed;
  }

  done(c: ChunkAnalysis): ChunkAnalysis {
    return c;
  }

  cutHolds(a: ParsedChunk, b: ParsedChunk, end: number): boolean {
    const start = a.base.offset;
    const key = `${b.base.offset - start}:${poolKey(this.file.text.slice(start, end), followedAt(this.file.text, end))}`;
    const holds = this.knownCuts.get(key) ?? parsesApart(this.file, this.lines, a, b, end);
    this.checkedCuts.set(key, holds);
    return holds;
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
      facts: parsed.objects.map((o) => extractFacts(o, this.strings)),
    };
  }
}

/** What a summary keeps of a chunk (plain data: made in one thread, joined in another). */
export interface ChunkSummary {
  start: number;
  end: number;
  doc: number;
  /** How many documents it holds (the next chunk's first has index doc + docs). */
  docs: number;
  yamlErrors: boolean;
  failure?: string;
  findings: readonly Finding[];
  characters: readonly Finding[];
  looksKubernetes: boolean;
  validation: readonly Finding[];
  objects: { facts: ObjectFacts; rejected: boolean; lines: [number, number] }[];
}

/** Chunks analysed from the text itself (no copy: the facts' strings may share the text, which is kept). */
class SummaryPlan implements ChunkPlan<ChunkAnalysis, ChunkSummary> {
  private readonly strings = new Interner();

  constructor(
    private readonly file: SourceFile,
    private readonly lines: LineIndex,
    private readonly options: ValidationOptions,
  ) {}

  analyse(start: number, end: number, base: ChunkBase): ChunkAnalysis {
    return analyseChunk(this.file, this.lines, { start, end, base }, false, this.strings, this.options);
  }

  parsed(c: ChunkAnalysis): ParsedChunk {
    return c.parsed;
  }

  cutHolds(a: ParsedChunk, b: ParsedChunk, end: number): boolean {
    return parsesApart(this.file, this.lines, a, b, end);
  }

  done(c: ChunkAnalysis): ChunkSummary {
    const { parsed } = c;
    const out: ChunkSummary = {
      start: c.start,
      end: c.end,
      doc: parsed.base.doc,
      docs: parsed.documents.length,
      yamlErrors: parsed.yamlErrors,
      findings: parsed.findings,
      characters: parsed.characters,
      looksKubernetes: parsed.looksKubernetes,
      validation: c.validation,
      objects: parsed.objects.map((obj, i) => ({
        facts: c.facts[i]!,
        rejected: c.rejected[i]!,
        lines: objectLines(this.lines, obj),
      })),
    };
    if (parsed.failure !== undefined) out.failure = parsed.failure;
    return out;
  }
}

/** A chunk's text, and whether `---` follows it (which changes how yaml ends its last document). */
function poolKey(text: string, followed: boolean): string {
  return (followed ? '1' : '0') + text;
}
