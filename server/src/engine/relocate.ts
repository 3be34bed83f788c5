// Moves a chunk's parse to another place in its file: offsets, lines and document indexes shift,
// nothing else changes. The parse is immutable, so the moved one is a copy (nodes reached twice
// through aliases or merge keys stay shared in the copy).
import type { ChunkBase, ManifestObject, ParsedChunk, ParsedDocument } from './parse/types';
import type { Finding, Range } from './types';
import type { YMap, YNode, YPair } from './yamlTree';
import { quickFix } from './quickFix';

export function relocateChunk(chunk: ParsedChunk, base: ChunkBase): ParsedChunk {
  const d = {
    offset: base.offset - chunk.base.offset,
    line: base.line - chunk.base.line,
    doc: base.doc - chunk.base.doc,
  };
  if (d.offset === 0 && d.line === 0 && d.doc === 0) return chunk;
  // Objects that are not their document's root (List items, pasted parts) share nodes with it.
  const shared = chunk.shares || chunk.documents.some((doc) => doc.objects.some((o) => o.node !== doc.root));
  const copier = new TreeCopier(d.offset, shared);
  const documents = chunk.documents.map((doc) => relocateDocument(doc, copier, d.doc));
  return {
    ...chunk,
    base,
    documents,
    objects: documents.flatMap((doc) => doc.objects),
    findings: shiftFindings(chunk.findings, d.line),
    characters: shiftFindings(chunk.characters, d.line),
  };
}

function relocateDocument(doc: ParsedDocument, copier: TreeCopier, docShift: number): ParsedDocument {
  const root = doc.root ? copier.node(doc.root) : null;
  const objects = doc.objects.map((o): ManifestObject => ({
    ...o,
    docIndex: o.docIndex + docShift,
    node: copier.objectNode(o.node, doc.root),
  }));
  return {
    index: doc.index + docShift,
    span: { start: doc.span.start + copier.shift, end: doc.span.end + copier.shift },
    root,
    objects,
  };
}

/** Findings moved by `lines` lines, with their related locations and fixes in the same file. */
export function shiftFindings(findings: readonly Finding[], lines: number): Finding[] {
  if (lines === 0) return findings as Finding[];
  return findings.map((f) => shiftFinding(f, lines));
}

function shiftFinding(f: Finding, lines: number): Finding {
  const out: Finding = { ...f, range: shiftRange(f.range, lines) };
  if (f.related)
    out.related = f.related.map((r) => (r.file === f.file ? { ...r, range: shiftRange(r.range, lines) } : r));
  if (f.fixes)
    out.fixes = f.fixes.map((fix) =>
      quickFix(
        fix.title,
        () => fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, lines) })),
        fix.preferred,
      ),
    );
  return out;
}

function shiftRange(r: Range, lines: number): Range {
  return {
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  };
}

/** Copies trees with shifted offsets; with `shared`, a node reached twice is copied once. */
class TreeCopier {
  private readonly copies: Map<object, object> | undefined;

  constructor(
    readonly shift: number,
    shared: boolean,
  ) {
    this.copies = shared ? new Map() : undefined;
  }

  node(n: YNode): YNode {
    const known = this.copies?.get(n) as YNode | undefined;
    if (known) return known;
    const s = this.shift;
    let out: YNode;
    if (n.kind === 'scalar') {
      out = { kind: 'scalar', value: n.value, plain: n.plain, start: n.start + s, end: n.end + s };
      if (n.tag !== undefined) out.tag = n.tag;
    } else if (n.kind === 'seq') {
      const items = n.items.map((it) => this.node(it));
      out = { kind: 'seq', items, flow: n.flow, start: n.start + s, end: n.end + s };
    } else out = this.map(n);
    this.copies?.set(n, out);
    return out;
  }

  /** The copy of an object's map: the document root, an item of a List, or a part of pasted objects. */
  objectNode(node: YMap, root: YNode | null): YMap {
    if (node === root) return this.node(node) as YMap;
    return (this.copies?.get(node) as YMap | undefined) ?? this.map(node);
  }

  private map(n: YMap): YMap {
    const pairs = n.pairs.map((p) => this.pair(p));
    return { kind: 'map', pairs, flow: n.flow, start: n.start + this.shift, end: n.end + this.shift };
  }

  private pair(p: YPair): YPair {
    const known = this.copies?.get(p) as YPair | undefined;
    if (known) return known;
    const s = this.shift;
    const out: YPair = {
      key: p.key,
      keyNode: this.node(p.keyNode),
      value: p.value ? this.node(p.value) : null,
      start: p.start + s,
      end: p.end + s,
    };
    this.copies?.set(p, out);
    return out;
  }
}
