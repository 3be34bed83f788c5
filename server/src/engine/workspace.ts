// The engine's facade: a set of files, each parsed and validated once per text, the topology they
// describe, and the findings of each file. Pure: callers (CLI, language server) bring the texts.
import { FindingSink, parseFile } from './documents';
import type { ManifestObject, ParsedFile } from './documents';
import { lintFile } from './lint';
import type { Topology } from './model';
import { buildTopology } from './topology';
import type { Finding, Severity, SourceFile } from './types';
import { validateObject } from './validate';

export interface EngineOptions {
  /** A policy engine enforces NetworkPolicies beside flannel (default true). */
  enforcement?: boolean;
  /** Nodes to synthesise when the workspace declares none (default 2). */
  nodeCount?: number;
  /** Files longer than this (characters) are skipped with an information finding. */
  maxFileSize?: number;
  /** Severity override per lint code; 'off' silences the lint. Errors cannot be changed. */
  lintSeverities?: Readonly<Record<string, Severity | 'off'>>;
}

/** One file's parse and the findings that depend on its text alone. */
export interface FileAnalysis {
  parsed: ParsedFile;
  /** YAML and validation findings. */
  findings: readonly Finding[];
  /** Objects the API server would accept: the ones that build the topology. */
  accepted: readonly ManifestObject[];
}

export function analyzeFile(file: SourceFile, options: EngineOptions = {}): FileAnalysis {
  const parsed = parseFile(
    file,
    options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize },
  );
  const sink = new FindingSink(parsed.path, parsed.lines);
  const accepted: ManifestObject[] = [];
  for (const obj of parsed.objects) {
    const before = sink.findings.length;
    validateObject(obj, sink);
    const rejected = obj.pasted || sink.findings.slice(before).some((f) => f.severity === 'error');
    if (!rejected && !overlapsError(parsed.findings, obj, parsed)) accepted.push(obj);
  }
  return { parsed, findings: [...parsed.findings, ...(parsed.isKubernetes ? sink.findings : [])], accepted };
}

function overlapsError(findings: readonly Finding[], obj: ManifestObject, parsed: ParsedFile): boolean {
  const start = parsed.lines.positionAt(obj.node.start).line;
  const end = parsed.lines.positionAt(obj.node.end).line;
  return findings.some(
    (f) => f.severity === 'error' && f.range.start.line >= start && f.range.start.line <= end,
  );
}

/** A mutable set of files with cached analyses; topology and lints are recomputed only when needed. */
export class Workspace {
  private readonly files = new Map<string, FileAnalysis>();
  private cachedTopology: Topology | undefined;

  constructor(private options: EngineOptions = {}) {}

  setOptions(options: EngineOptions): void {
    const reparse = options.maxFileSize !== this.options.maxFileSize;
    this.options = options;
    this.cachedTopology = undefined;
    if (reparse)
      for (const [path, a] of this.files)
        this.files.set(path, analyzeFile({ path, text: a.parsed.text }, options));
  }

  /** Adds or replaces a file; returns false when the text is unchanged (nothing recomputed). */
  setFile(file: SourceFile): boolean {
    const current = this.files.get(file.path);
    if (current && current.parsed.text === file.text) return false;
    this.files.set(file.path, analyzeFile(file, this.options));
    this.cachedTopology = undefined;
    return true;
  }

  removeFile(path: string): boolean {
    const had = this.files.delete(path);
    if (had) this.cachedTopology = undefined;
    return had;
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  file(path: string): FileAnalysis | undefined {
    return this.files.get(path);
  }

  topology(): Topology {
    if (!this.cachedTopology) {
      const accepted = this.paths().flatMap((p) => this.files.get(p)!.accepted);
      this.cachedTopology = buildTopology(accepted, {
        enforcement: this.options.enforcement ?? true,
        nodeCount: this.options.nodeCount ?? 2,
      });
    }
    return this.cachedTopology;
  }

  /** Every finding of one file: YAML, validation, then lints against the current topology. */
  findings(path: string): Finding[] {
    const a = this.files.get(path);
    if (!a) return [];
    if (!a.parsed.isKubernetes) return [];
    const lints = lintFile(a.parsed, a.accepted, this.topology(), {
      enforcement: this.options.enforcement ?? true,
      locate: (ref) => this.files.get(ref.file)?.parsed.lines.range(ref.span),
    });
    return [...a.findings, ...this.applySeverities(lints)];
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
