// The engine's facade: a set of files, each analysed once per text (and, after an edit, only in the
// documents the edit touched: analysis.ts), the topology they describe, and the findings of each
// file. Pure: callers (CLI, language server) bring the texts.
// YAML trees are kept only where they are needed: files holding NetworkPolicies (the lints read
// them) and files a caller keeps open (keepTrees). Other files keep their findings and the facts of
// their objects, which is all the topology needs; a tree asked for again is parsed again.
// A workspace that tracks changes (an editor's) says, for each file set, whether what it contributes
// to the topology changed, and moves its model version then; it remembers the editor's version of
// open files and the files too large to read.
import { analyseFile as analyseWith, hasTrees, objectInSummary, summariseFile, summaryOf } from './analysis';
import type { AnalysisOptions, FileAnalysis, FileSummary } from './analysis';
import type { ManifestObject } from './parse/types';
import { objectAt } from './parse/documents';
import { ContributionHasher, NO_CONTRIBUTION, sameContribution } from './contribution';
import type { Contribution } from './contribution';
import { LineIndex } from './lines';
import { LintCache } from './lint';
import type { SourceRef, Topology } from './model';
import { serviceFindings } from './services/lint';
import { TopologyBuilder } from './topology';
import type { Finding, Range, Severity, SourceFile } from './types';
import type { KubectlWorkflow } from './validate/context';

export type { AnalysisOptions, FileAnalysis, FileSummary } from './analysis';
export type { KubectlWorkflow } from './validate/context';

export interface EngineOptions {
  /** A policy engine enforces NetworkPolicies beside flannel (default true). */
  enforcement?: boolean;
  /** Nodes to synthesise when the workspace declares none (default 2). */
  nodeCount?: number;
  /** The service CIDR ClusterIPs are allocated from (default 10.96.0.0/12). */
  serviceCIDR?: string;
  /** Files longer than this (characters) are skipped with an information finding. */
  maxFileSize?: number;
  /** Severity override per lint code; 'off' silences the lint. Errors cannot be changed. */
  lintSeverities?: Readonly<Record<string, Severity | 'off'>>;
  /** `apply` (default): objects need metadata.name; `create`: generateName is accepted too. */
  workflow?: KubectlWorkflow;
}

/** One file's parse and the findings that depend on its text alone. */
export function analyseFile(file: SourceFile, options: EngineOptions = {}): FileAnalysis {
  return analyseWith(file, parseOptionsOf(options));
}

/** The options a file's analysis depends on (a change of them re-analyses every file). */
function parseOptionsOf(options: EngineOptions): AnalysisOptions {
  const out: AnalysisOptions = {};
  if (options.maxFileSize !== undefined) out.maxFileSize = options.maxFileSize;
  if (options.workflow !== undefined) out.workflow = options.workflow;
  return out;
}

/** What setting or removing a file changed. */
export interface FileChange {
  /** The text differed from the one held (or the file came or went): it was analysed again. */
  text: boolean;
  /**
   * What the file contributes to the topology changed (its objects' facts, or where they are written),
   * so other files' lints may change. Without change tracking, any change of text counts.
   */
  topology: boolean;
  /** The model version after the change. */
  modelVersion: number;
  /** The file's findings against the topology after the change (computed when asked). */
  findings(): Finding[];
}

/** Line indexes of files without trees, built when asked for: the last few are kept. */
const LINE_INDEXES_KEPT = 8;

/** A mutable set of files with cached analyses; topology and lints are recomputed only when needed. */
export class Workspace {
  private readonly files = new Map<string, FileAnalysis | FileSummary>();
  private readonly keptOpen = new Set<string>();
  private readonly builder = new TopologyBuilder();
  private readonly lints = new LintCache();
  private readonly lineIndexes = new Map<string, LineIndex>();
  private sortedPaths: string[] | undefined;
  private cachedTopology: Topology | undefined;
  /** Per file, what it contributes to the topology (when changes are tracked). */
  private readonly contributions: Map<string, Contribution> | undefined;
  private readonly hasher = new ContributionHasher();
  /** Files an editor has open (setOpenFile until closeFile), with the version last set: their text wins. */
  private readonly versions = new Map<string, number>();
  /** Files too large to read: their one finding, shown while they are not open. */
  private readonly skipped = new Map<string, Finding>();
  private version = 0;

  /** `trackChanges`: compare what each file contributes to the topology (an editor; the CLI needs not). */
  constructor(
    private options: EngineOptions = {},
    { trackChanges = false }: { trackChanges?: boolean } = {},
  ) {
    if (trackChanges) this.contributions = new Map();
  }

  /** Moves whenever the topology may have changed: a file's contribution, or the options. */
  get modelVersion(): number {
    return this.version;
  }

  /**
   * A new workspace with the same options and files, some of them replaced (to see what an edit
   * would do). Analyses are immutable: the copy shares those of the files kept, and analyses the
   * replaced ones incrementally from them.
   */
  withFiles(replaced: readonly SourceFile[]): Workspace {
    const copy = new Workspace(this.options);
    for (const [path, a] of this.files) copy.files.set(path, a);
    for (const f of replaced) copy.setFile(f);
    return copy;
  }

  setOptions(options: EngineOptions): void {
    const reparse =
      options.maxFileSize !== this.options.maxFileSize ||
      (options.workflow ?? 'apply') !== (this.options.workflow ?? 'apply');
    this.options = options;
    this.cachedTopology = undefined;
    this.version++;
    if (!reparse) return;
    for (const [path, a] of this.files) this.store(this.analyseFor({ path, text: a.text }));
    for (const path of this.contributions?.keys() ?? [])
      this.contributions!.set(path, this.contributionOf(path));
  }

  /**
   * Adds or replaces a file read from disk (or given to the CLI): it is no longer skipped. Ignored
   * while an editor has the file open (setOpenFile): its text wins.
   */
  setFile(file: SourceFile): FileChange {
    this.skipped.delete(file.path);
    return this.versions.has(file.path) ? this.unchanged(file.path) : this.setText(file);
  }

  /**
   * Whether the workspace keeps no trees for this file as it is now (its analysis would be a
   * summary): such a file can be summarised elsewhere (summariseFile, in another thread) and handed
   * over with setSummary.
   */
  summarisable(file: SourceFile): boolean {
    const current = this.files.get(file.path);
    return (
      !(current && hasTrees(current)) && !this.keptOpen.has(file.path) && !file.text.includes('NetworkPolicy')
    );
  }

  /**
   * A file read from disk, summarised by summariseFile with this workspace's summaryOptions: stored
   * as setFile would have stored it. A summary that finds a policy after all (or of a file no longer
   * summarisable) is analysed here instead.
   */
  setSummary(summary: FileSummary): FileChange {
    const file = { path: summary.path, text: summary.text };
    this.skipped.delete(file.path);
    if (this.versions.has(file.path)) return this.unchanged(file.path);
    return this.setText(file, summary.hasPolicies || !this.summarisable(file) ? undefined : summary);
  }

  /** The options a summary made elsewhere must be made with (summariseFile). */
  summaryOptions(): AnalysisOptions {
    return this.parseOptions();
  }

  /**
   * An editor's text of an open file, at the editor's `version`: kept with its trees while open, and
   * it wins over the file on disk (a skipped file's finding is not shown while it is open).
   */
  setOpenFile(file: SourceFile, version: number): FileChange {
    this.versions.set(file.path, version);
    this.keepTrees(file.path, true);
    return this.setText(file);
  }

  /** The editor closed the file: its trees go (keepTrees) and its version is forgotten. */
  closeFile(path: string): void {
    this.versions.delete(path);
    this.keepTrees(path, false);
  }

  /** The editor's version an open file was last set at (undefined when it is not open). */
  openVersion(path: string): number | undefined {
    return this.versions.get(path);
  }

  /**
   * A file too large to read: it leaves the model (unless open, when its text wins) and, while not
   * open, carries only `finding`.
   */
  skipFile(path: string, finding: Finding): FileChange {
    this.skipped.set(path, { ...finding, file: path });
    return this.versions.has(path) ? this.unchanged(path) : this.remove(path);
  }

  /** The file leaves the workspace (and is no longer skipped); ignored while an editor has it open. */
  removeFile(path: string): FileChange {
    this.skipped.delete(path);
    return this.versions.has(path) ? this.unchanged(path) : this.remove(path);
  }

  /** Files that get findings while closed: those holding NetworkPolicies, or skipped as too large. */
  reportsWhenClosed(path: string): boolean {
    return this.skipped.has(path) || (this.files.get(path)?.hasPolicies ?? false);
  }

  /**
   * Keeps a file's YAML trees (an editor has it open: hover, completion and symbols read them) or
   * lets them go again. Trees of files holding NetworkPolicies are always kept. A file kept without
   * trees gets them when next set or asked for.
   */
  keepTrees(path: string, keep: boolean): void {
    if (keep) this.keptOpen.add(path);
    else this.keptOpen.delete(path);
    const a = this.files.get(path);
    if (!keep && a && hasTrees(a)) this.store(a);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  paths(): string[] {
    return (this.sortedPaths ??= [...this.files.keys()].sort()).slice();
  }

  /**
   * A file with its trees. A file kept without them is parsed again (its facts stay the same objects,
   * so the topology is not rebuilt), and keeps the trees if it is to (keepTrees).
   */
  file(path: string): FileAnalysis | undefined {
    const a = this.files.get(path);
    if (!a || hasTrees(a)) return a;
    const full = { ...this.analyse({ path, text: a.text }), facts: a.facts };
    if (this.keptOpen.has(path)) this.store(full);
    return full;
  }

  /** What is known of a file without parsing it again. */
  summary(path: string): FileSummary | undefined {
    return this.files.get(path);
  }

  /** The line index of a file's text. */
  lines(path: string): LineIndex | undefined {
    const a = this.files.get(path);
    if (!a) return undefined;
    if (hasTrees(a)) return a.parsed.lines;
    const index = this.lineIndexes.get(path) ?? new LineIndex(a.text);
    // Most recently used last; the least recently used goes when there are too many.
    this.lineIndexes.delete(path);
    this.lineIndexes.set(path, index);
    if (this.lineIndexes.size > LINE_INDEXES_KEPT)
      this.lineIndexes.delete(this.lineIndexes.keys().next().value!);
    return index;
  }

  /** The range of a source reference (in any file of the workspace). */
  range(ref: SourceRef): Range | undefined {
    return this.lines(ref.file)?.range(ref.span);
  }

  /** The object of a file whose map holds `offset` (documents.ts objectAt). */
  objectAt(path: string, offset: number): ManifestObject | undefined {
    const a = this.files.get(path);
    if (!a) return undefined;
    if (hasTrees(a)) return objectAt(a.parsed, offset);
    return objectInSummary(a, this.lines(path)!, offset);
  }

  topology(): Topology {
    this.cachedTopology ??= this.builder.build(
      this.paths().flatMap((p) => this.files.get(p)!.facts),
      this.topologyOptions(),
    );
    return this.cachedTopology;
  }

  private topologyOptions(): { enforcement: boolean; nodeCount: number; serviceCIDR?: string } {
    const { enforcement = true, nodeCount = 2, serviceCIDR } = this.options;
    return serviceCIDR === undefined ? { enforcement, nodeCount } : { enforcement, nodeCount, serviceCIDR };
  }

  /** Every finding of one file: YAML, validation, then lints against the current topology. */
  findings(path: string): Finding[] {
    const skipped = this.skipped.get(path);
    if (skipped && !this.versions.has(path)) return [skipped];
    const a = this.files.get(path);
    if (!a?.isKubernetes) return [];
    const services = this.applySeverities(
      serviceFindings(a.facts, a.text, this.topology(), (ref) => this.range(ref)),
    );
    if (!hasTrees(a) || !a.hasPolicies) return [...a.findings, ...services];
    const lints = this.lints.lint(a, this.topology(), {
      enforcement: this.options.enforcement ?? true,
      locate: (ref) => this.range(ref),
    });
    return [...a.findings, ...this.applySeverities(lints), ...services];
  }

  /** `summary`: the file's summary, made elsewhere (setSummary). */
  private setText(file: SourceFile, summary?: FileSummary): FileChange {
    const current = this.files.get(file.path);
    if (current && current.text === file.text) return this.unchanged(file.path);
    if (!current) this.sortedPaths = undefined;
    this.store(summary ?? this.analyseFor(file, current && hasTrees(current) ? current : undefined));
    this.cachedTopology = undefined;
    return this.changed(file.path, this.contributionChanged(file.path));
  }

  private remove(path: string): FileChange {
    const had = this.files.delete(path);
    this.lineIndexes.delete(path);
    if (!had) return this.unchanged(path);
    this.sortedPaths = undefined;
    this.cachedTopology = undefined;
    const contributed = this.contributions?.get(path) ?? { lines: [0] };
    this.contributions?.delete(path);
    return this.changed(path, contributed.lines.length > 0);
  }

  /** Whether the file's contribution moved since it was last set (any change when not tracking). */
  private contributionChanged(path: string): boolean {
    if (!this.contributions) return true;
    const next = this.contributionOf(path);
    const previous = this.contributions.get(path) ?? NO_CONTRIBUTION;
    this.contributions.set(path, next);
    return !sameContribution(next, previous);
  }

  private contributionOf(path: string): Contribution {
    const a = this.files.get(path);
    return a ? this.hasher.of(a, () => this.lines(path)!) : NO_CONTRIBUTION;
  }

  private changed(path: string, topology: boolean): FileChange {
    if (topology) this.version++;
    return { text: true, topology, modelVersion: this.version, findings: () => this.findings(path) };
  }

  private unchanged(path: string): FileChange {
    return { text: false, topology: false, modelVersion: this.version, findings: () => this.findings(path) };
  }

  /**
   * With trees when they will be kept (and from the previous version's chunks); else summarised, one
   * chunk's tree at a time, unless that finds a policy after all (the name in the text says in advance).
   */
  private analyseFor(file: SourceFile, previous?: FileAnalysis): FileAnalysis | FileSummary {
    if (previous || this.keptOpen.has(file.path) || file.text.includes('NetworkPolicy'))
      return this.analyse(file, previous);
    const summary = summariseFile(file, this.parseOptions());
    return summary.hasPolicies ? this.analyse(file) : summary;
  }

  private analyse(file: SourceFile, previous?: FileAnalysis): FileAnalysis {
    return analyseWith(file, this.parseOptions(), previous);
  }

  private parseOptions(): AnalysisOptions {
    return parseOptionsOf(this.options);
  }

  private store(a: FileAnalysis | FileSummary): void {
    this.lineIndexes.delete(a.path);
    const keep = hasTrees(a) && (a.hasPolicies || this.keptOpen.has(a.path));
    this.files.set(a.path, keep || !hasTrees(a) ? a : summaryOf(a));
  }

  private applySeverities(lints: Finding[]): Finding[] {
    const overrides = this.options.lintSeverities ?? {};
    const out: Finding[] = [];
    for (const f of lints) {
      const o = overrides[f.code];
      if (o === 'off') continue;
      out.push(o ? { ...f, severity: o } : f);
    }
    return out;
  }
}
