// What the parse room produces: a file's YAML documents with ranges, the Kubernetes objects found in
// them, and the YAML-level findings; a file is parsed chunk by chunk (runs of documents, chunks.ts).
import type { LineIndex } from '../lines';
import type { Finding } from '../types';
import type { Span, YMap, YNode } from '../yamlTree';

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
