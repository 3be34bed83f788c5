// Parses a YAML or JSON file into the engine's tree (yamlTree.ts), keeping every source range, and
// splits it into Kubernetes objects: several documents per file, lists (`kind: List`, `PodList`, …)
// flattened, and objects pasted together without `---` recognised as such. Never throws, whatever the input.
// A file is parsed chunk by chunk (runs of documents, chunks.ts), each with the file's offsets and
// lines, so that an edit re-parses only the chunk it touched (analysis.ts keeps the others).
import { Composer, Parser } from 'yaml';
import type { CST, Document, Node as YamlNode } from 'yaml';
import { planChunks, sameAsApart } from '../chunks';
import { LineIndex } from '../lines';
import type { Finding, SourceFile } from '../types';
import type { YNode } from '../yamlTree';
import { Converter } from './convert';
import type { DirectDocument } from './directTree';
import { directDocuments } from './directTree';
import { FindingSink } from './findingSink';
import { splitObjects } from './objects';
import { DOCUMENT_RULES, TEXT_RULES } from './rules';
import { DEFAULT_MAX_FILE_SIZE, fileTooLarge } from './rules/fileTooLarge';
import { MAX_CHARACTER_FINDINGS } from './rules/invalidCharacter';
import type { YamlRule } from './rules/rule';
import { report } from './rules/rule';
import { yamlSyntax } from './rules/yamlSyntax';
import type { ChunkBase, ManifestObject, ParsedChunk, ParsedFile } from './types';

export interface ParseOptions {
  /** Files longer than this many characters are not parsed (an information finding says so). */
  maxFileSize?: number;
}

export const YAML_OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: false, strict: true } as const;

/** Parses a whole file: its chunks, parsed one by one (chunks.ts), then put together. */
export function parseFile(file: SourceFile, options: ParseOptions = {}): ParsedFile {
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (file.text.length > max) return tooLarge(file, max);
  const lines = new LineIndex(file.text);
  const chunks = planChunks(file.text, lines, {
    analyse: (start, end, base) => parseChunkAt(file, lines, start, end, base),
    parsed: (c) => c,
    done: (c) => c,
    cutHolds: (a, b, end) => parsesApart(file, lines, a, b, end),
  });
  return assembleParsedFile(file, lines, chunks);
}

/** The file made of parsed chunks (in order, covering the text). */
export function assembleParsedFile(
  file: SourceFile,
  lines: LineIndex,
  chunks: readonly ParsedChunk[],
): ParsedFile {
  const failed = chunks.find((c) => c.failure !== undefined);
  if (failed) return parseFailure(file, failed.failure!);
  const { isKubernetes, findings } = fileFindings(chunks);
  return {
    path: file.path,
    text: file.text,
    lines,
    documents: chunks.flatMap((c) => c.documents),
    findings,
    isKubernetes,
    objects: chunks.flatMap((c) => c.objects),
  };
}

/** The object whose map holds `offset` (the first one, when one ends where the next begins). */
export function objectAt(
  parsed: { objects: readonly ManifestObject[] },
  offset: number,
): ManifestObject | undefined {
  return parsed.objects.find((o) => o.node.start <= offset && offset <= o.node.end);
}

/** Whether a line `---` starts at `offset` (where a chunk ends). */
export function followedAt(text: string, offset: number): boolean {
  return offset < text.length && text.startsWith('---', offset);
}

/** The line index of a chunk's text placed at `base` in a file whose own index is `file`. */
export function chunkLines(text: string, base: ChunkBase, file: LineIndex): LineIndex {
  return file.part(text, { offset: base.offset, line: base.line, firstLineBreak: file.firstLineBreak() });
}

/** parseChunk of the text from `start` to `end`, with the chunk's line index made from the file's. */
export function parseChunkAt(
  file: SourceFile,
  fileLines: LineIndex,
  start: number,
  end: number,
  base: ChunkBase,
): ParsedChunk {
  return parseChunk(file, start, end, base, chunkLines(file.text.slice(start, end), base, fileLines));
}

/** Whether chunk `a` and the chunk `b` after it (ending at `end`), parsed as one, give what they give apart (chunks.ts sameAsApart). */
export function parsesApart(
  file: SourceFile,
  fileLines: LineIndex,
  a: ParsedChunk,
  b: ParsedChunk,
  end: number,
): boolean {
  return sameAsApart(parseChunkAt(file, fileLines, a.base.offset, end, a.base), a, b);
}

/** The YAML findings of a file made of chunks, and whether it holds Kubernetes objects (else it gets none). */
export function fileFindings(
  chunks: readonly {
    findings: readonly Finding[];
    characters: readonly Finding[];
    looksKubernetes: boolean;
  }[],
): { isKubernetes: boolean; findings: Finding[] } {
  const isKubernetes = chunks.some((c) => c.looksKubernetes);
  const findings: Finding[] = [];
  if (isKubernetes) {
    for (const c of chunks) for (const f of c.findings) findings.push(f);
    const characters = chunks.flatMap((c) => c.characters);
    findings.push(...characters.slice(0, MAX_CHARACTER_FINDINGS));
  }
  return { isKubernetes, findings };
}

/**
 * Parses the chunk of `file` from `start` to `end`, placed at `base` (its line index: chunkLines).
 * When a line `---` follows the chunk in the file, the chunk is parsed with that line after it and
 * the empty document it starts is dropped: yaml ends some nodes differently at the end of the text
 * and before `---` (an explicit key keeps a trailing blank line only at the end). `copy`: parse a
 * copy of the text, so that a kept tree's strings hold neither the whole file text nor an older
 * version's (without it they share the file's text, which the caller keeps anyway).
 */
export function parseChunk(
  file: SourceFile,
  start: number,
  end: number,
  base: ChunkBase,
  lines: LineIndex,
  copy = true,
): ParsedChunk {
  const fileName = file.path;
  const text = file.text.slice(start, end);
  const followed = followedAt(file.text, end);
  const sink = new FindingSink(fileName, lines);
  const chunk: ParsedChunk = {
    base,
    length: text.length,
    documents: [],
    objects: [],
    findings: sink.findings,
    characters: textFindings(text, base.offset, new FindingSink(fileName, lines)),
    looksKubernetes: false,
    yamlErrors: false,
    quotesLines: false,
    shares: false,
  };
  let docs: (Document.Parsed | DirectDocument)[];
  try {
    // A copy of the chunk (unless told otherwise): strings yaml cuts out of it would keep the whole
    // file text alive, and a kept tree must not hold on to the text of an older version.
    const source = !followed
      ? text
      : file.text.startsWith('---\n', end)
        ? file.text.slice(start, end + 4)
        : `${text}---\n`;
    docs = composeDocuments(copy ? ownCopy(source) : source, base.offset);
  } catch (e) {
    chunk.failure = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return chunk;
  }
  if (followed && docs.length && docs[docs.length - 1]!.range[0] >= text.length) docs.pop();
  for (const [i, doc] of docs.entries()) {
    const root = 'root' in doc ? doc.root : convertDocument(doc, chunk, sink, base.offset);
    const [docStart, , docEnd] = doc.range;
    const span = { start: base.offset + docStart, end: base.offset + docEnd };
    const objects = root ? splitObjects(root, base.doc + i, fileName, sink) : [];
    chunk.documents.push({ index: base.doc + i, span, root, objects });
  }
  chunk.objects = chunk.documents.flatMap((d) => d.objects);
  chunk.looksKubernetes = chunk.documents.some((d) => looksLikeKubernetes(d.root));
  chunk.quotesLines = sink.quotesLines;
  return chunk;
}

/** A flat copy of a string (a slice of a large text would keep all of that text in memory). */
function ownCopy(text: string): string {
  return text.length < 16 ? text : ` ${text}`.slice(1);
}

function looksLikeKubernetes(root: YNode | null): boolean {
  if (!root || root.kind !== 'map') return false;
  return root.pairs.some((p) => p.key === 'apiVersion' || p.key === 'kind');
}

export function tooLarge(file: SourceFile, max: number): ParsedFile {
  return unparsed(file, fileTooLarge, fileTooLarge.message(file.text.length, max));
}

export function parseFailure(file: SourceFile, reason: string): ParsedFile {
  return unparsed(file, yamlSyntax, yamlSyntax.gaveUp(reason));
}

/** A file with no documents and one finding at its start that says why. */
function unparsed(file: SourceFile, rule: YamlRule, message: string): ParsedFile {
  const lines = new LineIndex(file.text);
  const sink = new FindingSink(file.path, lines);
  report(rule, sink, { start: 0, end: 0 }, message);
  return {
    path: file.path,
    text: file.text,
    lines,
    documents: [],
    findings: sink.findings,
    isKubernetes: true,
    objects: [],
  };
}

/** The findings of the text rules on a chunk's text (characters, kept apart from the documents' findings). */
function textFindings(text: string, offset: number, sink: FindingSink): Finding[] {
  for (const rule of TEXT_RULES) rule.check(text, offset, sink);
  return sink.findings;
}

/**
 * The documents of a chunk's text placed at `offset`: yaml's CST made into the engine's tree directly
 * when it is plain YAML (directTree.ts), else composed by yaml (its parseAllDocuments, CST reused).
 */
function composeDocuments(source: string, offset: number): (DirectDocument | Document.Parsed)[] {
  const tokens: CST.Token[] = Array.from(new Parser().parse(source));
  const direct = directDocuments(tokens, offset, YAML_OPTIONS);
  return direct ?? (Array.from(new Composer(YAML_OPTIONS).compose(tokens)) as Document.Parsed[]);
}

/**
 * yaml's Document as the engine's tree (convert.ts), after the rules that read yaml's own errors and
 * warnings; notes on the chunk whether it shares nodes (aliases, merge keys) and had yaml errors.
 * A document built from the CST (directTree.ts) has neither.
 */
function convertDocument(
  doc: Document.Parsed,
  chunk: ParsedChunk,
  sink: FindingSink,
  offset: number,
): YNode | null {
  for (const rule of DOCUMENT_RULES) rule.check(doc, offset, sink);
  const converter = new Converter(doc, sink, offset);
  const root = doc.contents ? converter.convert(doc.contents as YamlNode, 0) : null;
  chunk.shares ||= converter.shares;
  chunk.yamlErrors ||= doc.errors.length > 0;
  return root;
}
