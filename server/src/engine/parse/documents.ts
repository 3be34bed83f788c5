// Parses a YAML or JSON file into the engine's tree (yamlTree.ts), keeping every source range, and
// splits it into Kubernetes objects: several documents per file, lists (`kind: List`, `PodList`, …)
// flattened, and objects pasted together without `---` recognised as such. Never throws, whatever the input.
// A file is parsed chunk by chunk (runs of documents, chunks.ts), each with the file's offsets and
// lines, so that an edit re-parses only the chunk it touched (analysis.ts keeps the others).
import { parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Alias, Document, Node as YamlNode, Pair as YamlPair } from 'yaml';
import { planChunks, sameAsApart } from '../chunks';
import { cappedMessage } from '../excerpt';
import { LineIndex } from '../lines';
import type { Finding, Severity, SourceFile } from '../types';
import type { Span, YMap, YNode, YPair, YScalar } from '../yamlTree';
import { stringValue, valueOf } from '../yamlTree';

export interface ParseOptions {
  /** Files longer than this many characters are not parsed (an information finding says so). */
  maxFileSize?: number;
}

export const DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024;
/** Deeper than any Kubernetes object; guards every recursive walk downstream. */
export const MAX_DEPTH = 128;
/** Alias expansion budget, in nodes, per document (billion-laughs guard). */
export const MAX_ALIAS_NODES = 100_000;

/** A Kubernetes object found in a file: a document, a list's item, or one of several pasted objects. */
export interface ManifestObject {
  file: string;
  /** Index of the YAML document in the file. */
  docIndex: number;
  node: YMap;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  /** Set when this object shares its YAML document with others pasted without `---`. */
  pasted?: boolean;
  /** The index of a list's item in `items`. */
  item?: number;
  /** A list item without `kind` and `apiVersion`: both come from its typed list (e.g. NetworkPolicyList). */
  typeMetaFromList?: boolean;
}

export interface ParsedDocument {
  index: number;
  span: Span;
  root: YNode | null;
  objects: ManifestObject[];
}

export interface ParsedFile {
  path: string;
  text: string;
  lines: LineIndex;
  documents: ParsedDocument[];
  /** YAML-level findings: syntax, duplicate keys, pasted objects, aliases, size, characters. */
  findings: Finding[];
  /** True when some document looks like a Kubernetes object (has `apiVersion` or `kind`). */
  isKubernetes: boolean;
  /** Every object of every document, in order. */
  objects: ManifestObject[];
}

/** Where a chunk starts in its file: offset, line, and the index of its first document. */
export interface ChunkBase {
  offset: number;
  line: number;
  doc: number;
}

/**
 * The YAML-level analysis of one chunk of a file (a run of documents, chunks.ts), with offsets,
 * positions and document indexes of the file. Immutable; relocate.ts moves it elsewhere in a file.
 */
export interface ParsedChunk {
  base: ChunkBase;
  /** Characters of the chunk. */
  length: number;
  documents: ParsedDocument[];
  objects: ManifestObject[];
  /** YAML findings of the chunk's documents. */
  findings: Finding[];
  /** The chunk's first control characters, lone surrogates… (at most MAX_CHARACTER_FINDINGS). */
  characters: Finding[];
  looksKubernetes: boolean;
  /** yaml reported errors: the chunk's end may not be where yaml, reading on, starts a document. */
  yamlErrors: boolean;
  /** A message quotes a line number: the chunk cannot move to other lines by relocation. */
  quotesLines: boolean;
  /** Some nodes are reached twice (aliases, merge keys). */
  shares: boolean;
  /** yaml threw on the chunk (the whole file then gets one finding). */
  failure?: string;
}

const OBJECT_HEAD_KEYS = new Set(['apiVersion', 'kind', 'metadata', 'spec']);

const YAML_OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: false, strict: true } as const;

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
  return new LineIndex(text, { offset: base.offset, line: base.line, firstLineBreak: file.firstLineBreak() });
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
    characters: checkCharacters(text, base.offset, new FindingSink(fileName, lines)),
    looksKubernetes: false,
    yamlErrors: false,
    quotesLines: false,
    shares: false,
  };
  let docs: Document.Parsed[];
  try {
    // A copy of the chunk (unless told otherwise): strings yaml cuts out of it would keep the whole
    // file text alive, and a kept tree must not hold on to the text of an older version.
    const source = !followed
      ? text
      : file.text.startsWith('---\n', end)
        ? file.text.slice(start, end + 4)
        : `${text}---\n`;
    docs = parseAllDocuments(copy ? ownCopy(source) : source, YAML_OPTIONS) as Document.Parsed[];
  } catch (e) {
    chunk.failure = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return chunk;
  }
  if (followed && docs.length && docs[docs.length - 1]!.range[0] >= text.length) docs.pop();
  for (const [i, doc] of docs.entries()) {
    const converted = convertDocument(doc, base.doc + i, fileName, sink, base.offset);
    chunk.documents.push(converted.document);
    chunk.shares ||= converted.shares;
    chunk.yamlErrors ||= doc.errors.length > 0;
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

/** Collects findings for one file, converting offsets to positions. */
export class FindingSink {
  readonly findings: Finding[] = [];
  /** Set when a message quoted a line number (see lineNumber). */
  quotesLines = false;
  constructor(
    readonly file: string,
    readonly lines: LineIndex,
  ) {}

  add(span: Span, severity: Severity, code: string, message: string, extra: Partial<Finding> = {}): Finding {
    const f: Finding = {
      file: this.file,
      range: this.lines.range(span),
      severity,
      code,
      message: cappedMessage(message),
      ...extra,
    };
    this.findings.push(f);
    return f;
  }

  /** The 1-based line of an offset, for a message; findings that quote one cannot simply be moved. */
  lineNumber(offset: number): number {
    this.quotesLines = true;
    return this.lines.positionAt(offset).line + 1;
  }
}

export function tooLarge(file: SourceFile, max: number): ParsedFile {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return unparsed(
    file,
    'information',
    'file-too-large',
    `Not analysed: the file has ${mb(file.text.length)} MB, more than the ${mb(max)} MB limit (setting netpolLens.maxFileSize).`,
  );
}

export function parseFailure(file: SourceFile, reason: string): ParsedFile {
  return unparsed(file, 'error', 'yaml-syntax', `The YAML parser gave up on this file: ${reason}`);
}

/** A file with no documents and one finding at its start that says why. */
function unparsed(file: SourceFile, severity: Severity, code: string, message: string): ParsedFile {
  const lines = new LineIndex(file.text);
  const sink = new FindingSink(file.path, lines);
  sink.add({ start: 0, end: 0 }, severity, code, message);
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

/** yaml quotes the offending token in its messages, and a token can be a megabyte long. */
const MAX_MESSAGE = 200;

function yamlMessage(message: string): string {
  const text = message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
  if (text.length <= MAX_MESSAGE) return text;
  const cut = /[\ud800-\udbff]/.test(text[MAX_MESSAGE - 2]!) ? MAX_MESSAGE - 2 : MAX_MESSAGE - 1;
  return `${text.slice(0, cut)}…`;
}

function convertDocument(
  doc: Document.Parsed,
  index: number,
  file: string,
  sink: FindingSink,
  offset: number,
): { document: ParsedDocument; shares: boolean } {
  const [docStart, , docEnd] = doc.range;
  for (const err of doc.errors) {
    const [start, end] = err.pos;
    const span = { start: offset + start, end: offset + Math.max(end, start) };
    sink.add(span, 'error', 'yaml-syntax', yamlMessage(err.message));
  }
  for (const warn of doc.warnings) {
    const [start, end] = warn.pos;
    const span = { start: offset + start, end: offset + Math.max(end, start) };
    sink.add(span, 'warning', 'yaml-warning', yamlMessage(warn.message));
  }
  const converter = new Converter(doc, sink, offset);
  const root = doc.contents ? converter.convert(doc.contents as YamlNode, 0) : null;
  const objects = root ? splitObjects(root, index, file, sink) : [];
  const document = { index, span: { start: offset + docStart, end: offset + docEnd }, root, objects };
  return { document, shares: converter.shares };
}

/** Converts yaml's AST to YNode, resolving aliases and merge keys under a budget and a depth limit. */
class Converter {
  /** Converted anchored nodes: every alias of one anchor yields the same object. */
  private readonly cache = new Map<YamlNode, YNode>();
  /** Expanded sizes of alias targets, computed when an alias is met (most documents have none). */
  private readonly sizes = new Map<YNode, number>();
  private aliasNodes = 0;
  private aliasReported = false;
  private depthReported = false;
  private targets: Map<Alias, YamlNode> | undefined;

  /** Set when a node was reached twice (an alias, a merge key). */
  shares = false;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly sink: FindingSink,
    private readonly offset: number,
  ) {}

  convert(node: YamlNode, depth: number): YNode {
    const span = spanOf(node, this.offset);
    if (depth > MAX_DEPTH) return this.tooDeep(span);
    if (isAlias(node)) return this.alias(node, depth);
    const anchored = (node as { anchor?: string }).anchor !== undefined;
    const cached = anchored ? this.cache.get(node) : undefined;
    if (cached) return cached;
    let out: YNode;
    if (isMap(node)) out = this.map(node.items as YamlPair[], span, node.flow === true, depth);
    else if (isSeq(node)) {
      const items = (node.items as YamlNode[]).map((it) =>
        it ? this.convert(it, depth + 1) : nullAt(span.end),
      );
      out = { kind: 'seq', items, flow: node.flow === true, start: span.start, end: span.end };
    } else out = scalarOf(node as Scalar, span);
    if (anchored) this.cache.set(node, out);
    return out;
  }

  /** Nodes `n` stands for with every alias inside it expanded (memoised; depth is bounded by MAX_DEPTH). */
  private size(n: YNode): number {
    if (n.kind === 'scalar') return 1;
    const known = this.sizes.get(n);
    if (known !== undefined) return known;
    let total = 1;
    if (n.kind === 'seq') for (const it of n.items) total += this.size(it);
    else for (const p of n.pairs) total += 1 + (p.value ? this.size(p.value) : 0);
    this.sizes.set(n, total);
    return total;
  }

  private tooDeep(span: Span): YScalar {
    if (!this.depthReported) {
      this.depthReported = true;
      this.sink.add(
        span,
        'error',
        'yaml-too-deep',
        `Nesting deeper than ${MAX_DEPTH} levels is not analysed.`,
      );
    }
    return nullAt(span.start);
  }

  private alias(node: YamlNode & { source: string }, depth: number): YNode {
    const span = spanOf(node, this.offset);
    this.shares = true;
    this.targets ??= aliasTargets(this.doc);
    const target = isAlias(node) ? this.targets.get(node) : undefined;
    if (!target) {
      this.sink.add(
        span,
        'error',
        'yaml-unknown-anchor',
        `Unknown anchor \`&${node.source}\`: define it before \`*${node.source}\`.`,
      );
      return nullAt(span.start);
    }
    const resolved = this.convert(target, depth);
    this.aliasNodes += this.size(resolved);
    if (this.aliasNodes > MAX_ALIAS_NODES) {
      if (!this.aliasReported)
        this.sink.add(
          span,
          'error',
          'yaml-alias-limit',
          `Aliases in this document expand to more than ${MAX_ALIAS_NODES} nodes (an alias bomb?); \`*${node.source}\` and the aliases after it are not expanded.`,
        );
      this.aliasReported = true;
      return nullAt(span.start);
    }
    return resolved;
  }

  private map(items: YamlPair[], span: Span, flow: boolean, depth: number): YMap {
    const pairs: YPair[] = [];
    const merged: YPair[] = [];
    for (const item of items) {
      if (!isPair(item)) continue;
      const keyNode = item.key ? this.convert(item.key as YamlNode, depth + 1) : nullAt(span.start);
      const value = item.value ? this.convert(item.value as YamlNode, depth + 1) : null;
      if (isScalar(item.key) && typeof item.key.value === 'symbol') {
        this.shares = true;
        merged.push(...this.mergeSources(value, keyNode));
        continue;
      }
      const valueEnd = value ? value.end : keyNode.end;
      pairs.push({ key: keyText(keyNode), keyNode, value, start: keyNode.start, end: valueEnd });
    }
    // A copy either way: an array grown by push keeps spare capacity, a tenth of a large workspace's heap.
    const all = merged.length ? pairs.concat(notIn(pairs, merged)) : pairs.slice();
    return { kind: 'map', pairs: all, flow, start: span.start, end: span.end };
  }

  /** `<<: *base` or `<<: [*a, *b]`: the pairs to merge, earlier sources winning. */
  private mergeSources(value: YNode | null, keyNode: YNode): YPair[] {
    const sources = value?.kind === 'seq' ? value.items : value ? [value] : [];
    const out: YPair[] = [];
    const seen = new Set<string>();
    for (const src of sources) {
      if (src.kind !== 'map') {
        this.sink.add(keyNode, 'error', 'yaml-merge', 'A merge key `<<` takes a map or a list of maps.');
        continue;
      }
      for (const p of src.pairs) {
        if (seen.has(p.key)) continue;
        seen.add(p.key);
        out.push(p);
      }
    }
    return out;
  }
}

/**
 * The node each alias refers to: the last node anchored with its name before it, in document order.
 * yaml's Alias.resolve() walks the whole document for every alias (quadratic on a file of aliases);
 * this is one iterative walk per document, and no recursion however deep the nesting.
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, YamlNode> {
  const latest = new Map<string, YamlNode>();
  const targets = new Map<Alias, YamlNode>();
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isPair(n)) stack.push(n.value, n.key);
    else if (isAlias(n)) {
      const target = latest.get(n.source);
      if (target) targets.set(n, target);
    } else if (isMap(n) || isSeq(n) || isScalar(n)) {
      if (n.anchor) latest.set(n.anchor, n);
      if (!isScalar(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    }
  }
  return targets;
}

/** Merged pairs whose key the map does not set itself (its own keys win). */
function notIn(own: readonly YPair[], merged: readonly YPair[]): YPair[] {
  const keys = new Set(own.map((p) => p.key));
  return merged.filter((p) => !keys.has(p.key));
}

function spanOf(node: YamlNode, offset: number): Span {
  const r = node.range;
  if (!r) return { start: offset, end: offset };
  return { start: offset + r[0], end: offset + r[1] };
}

function nullAt(offset: number): YScalar {
  return { kind: 'scalar', value: null, plain: true, start: offset, end: offset };
}

// Nodes are literals with `start` and `end` written out: spreading a span adds them out of object
// (a PropertyArray per node, a fifth of a large workspace's heap).
function scalarOf(node: Scalar, span: Span): YScalar {
  const v = node.value;
  let value: YScalar['value'];
  if (v === null || v === undefined) value = null;
  else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') value = v;
  else if (typeof v === 'bigint') value = Number(v);
  else value = String(v);
  const out: YScalar = {
    kind: 'scalar',
    value,
    plain: node.type === Scalar.PLAIN || node.type === undefined,
    start: span.start,
    end: span.end,
  };
  if (node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) out.tag = node.tag;
  else if (node.tag === 'tag:yaml.org,2002:binary') out.tag = '!!binary';
  return out;
}

function keyText(n: YNode): string {
  if (n.kind === 'scalar') return n.value === null ? '' : String(n.value);
  return n.kind === 'map' ? '{…}' : '[…]';
}

/**
 * Splits a document into Kubernetes objects. A root map whose head keys (`kind`, `apiVersion`,
 * `metadata`, `spec`) repeat holds objects pasted together without `---`; every other repeated key
 * is a plain duplicate. Both are errors; list items become objects of their own.
 */
function splitObjects(root: YNode, docIndex: number, file: string, sink: FindingSink): ManifestObject[] {
  if (root.kind !== 'map') return [];
  const parts = root.flow ? [root] : splitPasted(root, sink);
  const objects: ManifestObject[] = [];
  for (const part of parts) {
    reportDuplicates(part, sink);
    const items = listItems(part);
    if (items) objects.push(...items.map((item, i) => itemOf(item, i, part, docIndex, file)));
    else objects.push(objectOf(part, docIndex, file, parts.length > 1));
  }
  return objects;
}

/**
 * The maps of a list kubectl flattens: `kind: List` or a typed list (`NetworkPolicyList`, `PodList`, …)
 * with an `items` sequence. kubectl sends each item to the API server as an object of its own.
 */
function listItems(part: YMap): YMap[] | undefined {
  const kind = stringValue(valueOf(part, 'kind'));
  const items = valueOf(part, 'items');
  if (!kind?.endsWith('List') || items?.kind !== 'seq') return undefined;
  return items.items.filter((item): item is YMap => item.kind === 'map');
}

/**
 * An item of a list. As kubectl decodes a typed list (UnstructuredList), an item that has neither `kind`
 * nor `apiVersion` takes the list's apiVersion and its kind without `List` (`kind: List` gives none).
 */
function itemOf(item: YMap, index: number, list: YMap, docIndex: number, file: string): ManifestObject {
  const obj = { ...objectOf(item, docIndex, file, false), item: index };
  if (obj.kind || obj.apiVersion) return obj;
  const kind = stringValue(valueOf(list, 'kind'))!.slice(0, -'List'.length);
  const apiVersion = stringValue(valueOf(list, 'apiVersion'));
  if (!kind || apiVersion === undefined) return obj;
  return { ...obj, kind, apiVersion, typeMetaFromList: true };
}

function objectOf(node: YMap, docIndex: number, file: string, pasted: boolean): ManifestObject {
  const meta = valueOf(node, 'metadata');
  const obj: ManifestObject = { file, docIndex, node };
  const set = (k: 'apiVersion' | 'kind' | 'name' | 'namespace', v: string | undefined) => {
    if (v !== undefined) obj[k] = v;
  };
  set('apiVersion', stringValue(valueOf(node, 'apiVersion')));
  set('kind', stringValue(valueOf(node, 'kind')));
  set('name', stringValue(valueOf(meta, 'name')));
  set('namespace', stringValue(valueOf(meta, 'namespace')));
  if (pasted) obj.pasted = true;
  return obj;
}

function splitPasted(root: YMap, sink: FindingSink): YMap[] {
  const parts: YPair[][] = [[]];
  for (const pair of root.pairs) {
    const current = parts[parts.length - 1]!;
    if (OBJECT_HEAD_KEYS.has(pair.key) && current.some((p) => p.key === pair.key)) parts.push([pair]);
    else current.push(pair);
  }
  if (parts.length === 1) return [root];
  const maps = parts.map((pairs): YMap => ({
    kind: 'map',
    pairs,
    flow: false,
    start: pairs[0]!.start,
    end: pairs[pairs.length - 1]!.end,
  }));
  for (let i = 1; i < maps.length; i++) reportPasted(maps[i - 1]!, maps[i]!, sink);
  return maps;
}

function describeObject(m: YMap): string {
  const kind = stringValue(valueOf(m, 'kind')) ?? 'object';
  const name = stringValue(valueOf(valueOf(m, 'metadata'), 'name'));
  return name ? `${kind} \`${name}\`` : `the first ${kind}`;
}

function reportPasted(first: YMap, second: YMap, sink: FindingSink): void {
  const at = second.pairs[0]!;
  const line = sink.lineNumber(at.start) - 1;
  const lineStart = sink.lines.lineStartOf(at.start);
  const repeated = second.pairs
    .filter((p) => first.pairs.some((q) => q.key === p.key))
    .map((p) => `\`${p.key}\``);
  const firstKey = first.pairs.find((p) => p.key === at.key)!;
  const lost = describeObject(first);
  sink.add(
    at.keyNode,
    'error',
    'missing-document-separator',
    `\`${at.key}\` appears a second time in this document (${repeated.join(', ')} repeat): two objects were pasted ` +
      `together without \`---\`. Insert a line \`---\` before line ${line + 1}. As written, kubectl keeps only the last ` +
      `value of each key, so ${lost} would silently disappear.`,
    {
      related: [
        {
          file: sink.file,
          range: sink.lines.range(firstKey.keyNode),
          message: `first \`${at.key}\` of ${lost}`,
        },
      ],
      fixes: [
        {
          title: `Insert \`---\` before line ${line + 1}`,
          edits: [{ range: sink.lines.range({ start: lineStart, end: lineStart }), newText: '---\n' }],
          preferred: true,
        },
      ],
    },
  );
}

function reportDuplicates(map: YMap, sink: FindingSink): void {
  const stack: YNode[] = [map];
  const seen = new Set<YNode>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.kind === 'seq') stack.push(...n.items);
    if (n.kind !== 'map') continue;
    const first = new Map<string, YPair>();
    for (const p of n.pairs) {
      const earlier = first.get(p.key);
      if (earlier && earlier !== p && earlier.keyNode !== p.keyNode) duplicateKey(p, earlier, sink);
      else first.set(p.key, p);
      if (p.value) stack.push(p.value);
    }
  }
}

function duplicateKey(p: YPair, earlier: YPair, sink: FindingSink): void {
  const earlierLine = sink.lineNumber(earlier.start);
  sink.add(
    p.keyNode,
    'error',
    'duplicate-key',
    `Duplicate key \`${p.key}\` (first on line ${earlierLine}): the API server rejects it, and kubectl would silently keep only this last value.`,
    {
      related: [{ file: sink.file, range: sink.lines.range(earlier.keyNode), message: `first \`${p.key}\`` }],
    },
  );
}

export const MAX_CHARACTER_FINDINGS = 5;

/**
 * NUL and other control characters, lone surrogates and U+FFFD (undecodable bytes) are rejected by
 * the API server: the first few of a chunk starting at `offset` in its file.
 */
function checkCharacters(text: string, offset: number, sink: FindingSink): Finding[] {
  let reported = 0;
  for (let i = 0; i < text.length && reported < MAX_CHARACTER_FINDINGS; i++) {
    const c = text.charCodeAt(i);
    const problem = characterProblem(text, i, c, offset + i);
    if (problem) {
      sink.add({ start: offset + i, end: offset + i + 1 }, 'error', 'invalid-character', problem);
      reported++;
    } else if (c >= 0xd800 && c <= 0xdbff) i++;
  }
  return sink.findings;
}

function characterProblem(text: string, i: number, c: number, at: number): string | undefined {
  if (c === 9 || c === 10 || c === 13) return undefined;
  if (c < 32 || c === 127)
    return `Control character U+${c.toString(16).padStart(4, '0').toUpperCase()} is not allowed in YAML.`;
  if (c === 0xfffd) return 'The file is not valid UTF-8 here (an undecodable byte shows as U+FFFD).';
  if (c === 0xfeff && at > 0)
    return 'A byte order mark (U+FEFF) is only allowed at the very start of the file.';
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff ? undefined : 'Lone surrogate: this text is not valid Unicode.';
  }
  if (c >= 0xdc00 && c <= 0xdfff) return 'Lone surrogate: this text is not valid Unicode.';
  return undefined;
}
