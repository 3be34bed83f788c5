// What the server knows: the open documents, the files read from disk (workspace folders and the
// extra topology paths), the settings, and the engine workspace holding one analysis per file.
// Keyed by canonical URI; the engine's file identity is the URI, so findings point at URIs.
import { hash32, hasTrees, Workspace } from '../engine';
import type { AnalysisOptions, FileAnalysis, FileSummary, Finding, ObjectFacts } from '../engine';
import { OpenDocuments } from './openDocuments';
import { DEFAULT_SETTINGS, engineOptions } from './settings';
import type { Settings } from './settings';

/** Where a file on disk was found: a workspace folder (diagnostics published) or an extra topology path. */
export type Origin = 'folder' | 'extra';

export class ServerState {
  readonly open = new OpenDocuments();
  settings: Settings = DEFAULT_SETTINGS;
  readonly engine = new Workspace(engineOptions(DEFAULT_SETTINGS));
  /** Workspace folders as file-system paths. */
  folders: string[] = [];
  /** Bumped whenever the topology may have changed; sent with netpol/modelChanged. */
  modelVersion = 0;
  private readonly disk = new Map<string, Origin>();
  private readonly skipped = new Map<string, Finding>();
  private readonly analysed = new Map<string, number>();
  private readonly fingerprints = new Map<string, Fingerprint>();

  applySettings(settings: Settings): void {
    const reparsed =
      settings.maxFileSize !== this.settings.maxFileSize ||
      settings.kubectlWorkflow !== this.settings.kubectlWorkflow;
    this.settings = settings;
    this.engine.setOptions(engineOptions(settings));
    if (reparsed) for (const uri of this.engine.paths()) this.fingerprints.set(uri, this.fingerprint(uri));
  }

  /** Hands an open document's text to the engine; returns true when the topology may have changed. */
  setOpenText(uri: string, text: string, version: number): boolean {
    this.analysed.set(uri, version);
    this.engine.keepTrees(uri, true);
    return this.setText(uri, text);
  }

  /** A file read from disk; ignored while the document is open (its text wins). */
  setDiskText(uri: string, text: string, origin: Origin): boolean {
    this.noteDisk(uri, origin);
    this.skipped.delete(uri);
    return this.open.has(uri) ? false : this.setText(uri, text);
  }

  /**
   * Whether a file read from disk can be summarised in a worker (summaryPool.ts) and handed over
   * with setDiskSummary: it is not open and the engine would keep no trees of it.
   */
  summarisable(uri: string, text: string): boolean {
    return !this.open.has(uri) && this.engine.summarisable({ path: uri, text });
  }

  /** The options a summary made in a worker must be made with. */
  summaryOptions(): AnalysisOptions {
    return this.engine.summaryOptions();
  }

  /**
   * A file read from disk and summarised in a worker with `options`: as setDiskText. A summary made
   * with other options than the current ones (the settings changed meanwhile) is made again here.
   */
  setDiskSummary(summary: FileSummary, options: AnalysisOptions, origin: Origin): boolean {
    const uri = summary.path;
    if (JSON.stringify(options) !== JSON.stringify(this.summaryOptions()))
      return this.setDiskText(uri, summary.text, origin);
    this.noteDisk(uri, origin);
    this.skipped.delete(uri);
    if (this.open.has(uri) || !this.engine.setSummary(summary)) return false;
    return this.updateFingerprint(uri);
  }

  /** A file on disk too large to read: it only carries its information finding. */
  setSkipped(uri: string, finding: Finding, origin: Origin): boolean {
    this.noteDisk(uri, origin);
    this.skipped.set(uri, { ...finding, file: uri });
    return this.open.has(uri) ? false : this.removeFromEngine(uri);
  }

  /** The file left the disk sources (deleted, folder removed); an open document stays. */
  removeDisk(uri: string): boolean {
    this.disk.delete(uri);
    this.skipped.delete(uri);
    return this.open.has(uri) ? false : this.removeFromEngine(uri);
  }

  /** A closed document that is not on disk leaves the model. */
  forgetClosed(uri: string): boolean {
    this.analysed.delete(uri);
    this.engine.keepTrees(uri, false);
    return this.disk.has(uri) ? false : this.removeFromEngine(uri);
  }

  originOf(uri: string): Origin | undefined {
    return this.disk.get(uri);
  }

  diskUris(origin: Origin): string[] {
    return [...this.disk].filter(([, o]) => o === origin).map(([uri]) => uri);
  }

  /** The open document version the engine's analysis was made from (undefined when not open). */
  analysedVersion(uri: string): number | undefined {
    return this.open.has(uri) ? this.analysed.get(uri) : undefined;
  }

  analysis(uri: string): FileAnalysis | undefined {
    return this.engine.file(uri);
  }

  findings(uri: string): Finding[] {
    const skipped = this.skipped.get(uri);
    if (skipped && !this.open.has(uri)) return [skipped];
    return this.engine.findings(uri);
  }

  /** The workspace files that get diagnostics while closed. */
  closedPublished(): string[] {
    return [...this.disk.keys()].filter((uri) => !this.open.has(uri) && this.publishesWhenClosed(uri));
  }

  /** Closed files get diagnostics only when they hold NetworkPolicies or were skipped as too large. */
  publishesWhenClosed(uri: string): boolean {
    if (this.disk.get(uri) !== 'folder') return false;
    if (this.skipped.has(uri)) return true;
    return this.engine.summary(uri)?.hasPolicies ?? false;
  }

  private noteDisk(uri: string, origin: Origin): void {
    if (this.disk.get(uri) !== 'folder') this.disk.set(uri, origin);
  }

  private setText(uri: string, text: string): boolean {
    if (!this.engine.setFile({ path: uri, text })) return false;
    return this.updateFingerprint(uri);
  }

  private removeFromEngine(uri: string): boolean {
    if (!this.engine.removeFile(uri)) return false;
    const had = (this.fingerprints.get(uri)?.lines.length ?? 0) > 0;
    this.fingerprints.delete(uri);
    return had;
  }

  private updateFingerprint(uri: string): boolean {
    const next = this.fingerprint(uri);
    const previous = this.fingerprints.get(uri) ?? NO_OBJECTS;
    this.fingerprints.set(uri, next);
    return !sameFingerprint(next, previous);
  }

  /**
   * What a file contributes to the topology: its accepted objects' facts as data, each with its first
   * line (so related locations into the file stay right). Edits to comments, whitespace, rejected
   * objects or fields the model does not read leave it unchanged, and then no other document needs
   * re-linting. An object's facts are hashed (53 bits of their text) once per chunk text: a workspace
   * of 50,000 pods keeps three numbers per pod here, and an edit hashes only the objects it changed.
   */
  private fingerprint(uri: string): Fingerprint {
    const a = this.engine.summary(uri);
    const lines = a?.facts.length ? this.engine.lines(uri) : undefined;
    if (!a || !lines) return NO_OBJECTS;
    return {
      lines: a.facts.map((f) => lines.positionAt(f.source.span.start).line),
      docs: a.facts.map((f) => f.docIndex),
      hashes: hasTrees(a) ? chunkHashes(a) : a.facts.map(factsHash),
    };
  }
}

/** Per accepted object of a file: its first line, its document's index, and a hash of its facts. */
interface Fingerprint {
  lines: readonly number[];
  docs: readonly number[];
  hashes: readonly number[];
}

const NO_OBJECTS: Fingerprint = { lines: [], docs: [], hashes: [] };

function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  const same = (x: readonly number[], y: readonly number[]) =>
    x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.lines, b.lines) && same(a.docs, b.docs) && same(a.hashes, b.hashes);
}

/** Hashes of a chunk's objects, by chunk text (lineage): moving the chunk does not change them. */
const lineageHashes = new WeakMap<object, number[]>();

function chunkHashes(a: FileAnalysis): number[] {
  const accepted = new Set(a.facts);
  const out: number[] = [];
  for (const c of a.chunks) {
    let known = lineageHashes.get(c.lineage);
    if (!known) lineageHashes.set(c.lineage, (known = []));
    c.facts.forEach((f, i) => {
      if (accepted.has(f)) out.push((known[i] ??= factsHash(f)));
    });
  }
  return out;
}

/** A hash of an object's facts without where they are written (kept beside). */
function factsHash(f: ObjectFacts): number {
  const text = JSON.stringify(f, (key, value: unknown) => (PLACES.has(key) ? undefined : value));
  return hash32(text, 1) * 2 ** 21 + (hash32(text, 2) >>> 11);
}

/** Keys of the facts (and of the policy models in them) that say where things are written, not what. */
const PLACES = new Set(['source', 'nameSpan', 'object', 'docIndex']);
