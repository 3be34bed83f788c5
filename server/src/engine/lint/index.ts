// Lints: what the API server accepts but probably does not do what the author meant, judged against
// the workspace topology. Only the file's accepted (valid) NetworkPolicies are linted.
// LintCache keeps each chunk's lint findings while what they depend on stays the same: the chunk's
// text (its lineage), which of its objects are accepted, the cluster (pods, nodes, namespaces,
// dataplane: an identity, see topology.ts clusterOf), the other definitions of its policies, the pods
// other policies let reach DNS (egress-blocks-dns reads them), and the file's line-break style. A chunk
// that moved keeps its findings, moved with it, unless they quote a line number or point outside the
// chunk.
import type { ChunkAnalysis, FileAnalysis } from '../analysis';
import type { ManifestObject, ParsedFile } from '../parse/types';
import { FindingSink } from '../parse/findingSink';
import { podsSelectedBy } from '../matching';
import type { NetworkPolicy, Pod, Topology } from '../model';
import { shiftFindings } from '../relocate';
import { clusterOf, policyDefinitions } from '../topology';
import type { Cluster } from '../topology';
import type { Finding } from '../types';
import type { LintContext, LintOptions } from './context';
import { LINTS } from './rules';
import { YamlEditor } from './yamlEdit';
import { rescuedDigest } from './egressBlocksDns';

export type { LintOptions } from './context';
export { LINT_RULES } from './rules';

interface Linted {
  obj: ManifestObject;
  policy: NetworkPolicy;
}

function lintPolicies(
  file: ParsedFile,
  policies: readonly Linted[],
  topology: Topology,
  options: LintOptions,
  sink: FindingSink,
): void {
  for (const { obj, policy } of policies) {
    let selected: Pod[] | undefined;
    const ctx: LintContext = {
      file,
      sink,
      obj,
      policy,
      topology,
      options,
      edit: new YamlEditor(file, obj.node),
      selected: () => (selected ??= podsSelectedBy(topology, policy)),
    };
    for (const lint of LINTS) lint.check(ctx);
  }
}

/** One chunk's lints and what they were computed from. */
interface Entry {
  chunk: ChunkAnalysis;
  topology: Topology;
  cluster: Cluster;
  enforcement: boolean;
  crlf: boolean;
  accepted: string;
  definitions: string;
  /** What egress-blocks-dns reads of the other policies (rescuedDigest per linted policy). */
  rescued: string;
  findings: Finding[];
  /** The findings can move with the chunk: no line quoted, nothing outside the chunk pointed at. */
  movable: boolean;
}

/** Lint findings per chunk, reused while their inputs are the same (see the header). */
export class LintCache {
  private readonly entries = new WeakMap<object, Entry>();

  /** The lint findings of a file, in order, against `topology`. */
  lint(a: FileAnalysis, topology: Topology, options: LintOptions): Finding[] {
    const out: Finding[] = [];
    const accepted = new Set(a.accepted);
    const crlf = a.text.includes('\r\n');
    for (const chunk of a.chunks) {
      const policies = lintedIn(chunk, accepted);
      if (!policies.length) continue;
      const key = {
        chunk,
        topology,
        cluster: clusterOf(topology),
        enforcement: options.enforcement,
        crlf,
        accepted: chunk.parsed.objects.map((o) => (accepted.has(o) ? '1' : '0')).join(''),
        definitions: JSON.stringify(policies.map((p) => policyDefinitions(topology, p.policy))),
        rescued: policies.map((p) => rescuedDigest(topology, p.policy.namespace)).join(' '),
      };
      const cached = this.entries.get(chunk.lineage);
      const reused = cached && reuse(cached, key);
      // A reused entry is renewed: it would otherwise keep the chunk and topology it was computed from.
      if (reused) this.entries.set(chunk.lineage, { ...key, findings: reused, movable: cached.movable });
      const findings = reused ?? this.compute(a, chunk, policies, key, options);
      for (const f of findings) out.push(f);
    }
    return out;
  }

  private compute(
    a: FileAnalysis,
    chunk: ChunkAnalysis,
    policies: readonly Linted[],
    key: Omit<Entry, 'findings' | 'movable'>,
    options: LintOptions,
  ): Finding[] {
    const sink = new FindingSink(a.path, a.parsed.lines);
    lintPolicies(a.parsed, policies, key.topology, options, sink);
    const first = chunk.parsed.base.line;
    const last = a.parsed.lines.positionAt(chunk.end).line;
    const movable = !sink.quotesLines && sink.findings.every((f) => staysInside(f, first, last));
    this.entries.set(chunk.lineage, { ...key, findings: sink.findings, movable });
    return sink.findings;
  }
}

/** The chunk's accepted NetworkPolicies (networking.k8s.io/v1) with their models. */
function lintedIn(chunk: ChunkAnalysis, accepted: ReadonlySet<ManifestObject>): Linted[] {
  const out: Linted[] = [];
  chunk.parsed.objects.forEach((obj, i) => {
    const policy = chunk.facts[i]!.policy;
    if (policy && obj.apiVersion === 'networking.k8s.io/v1' && accepted.has(obj)) out.push({ obj, policy });
  });
  return out;
}

/** The cached findings, moved to where the chunk now is, when they still hold. */
function reuse(e: Entry, key: Omit<Entry, 'findings' | 'movable'>): Finding[] | undefined {
  if (e.chunk === key.chunk && e.topology === key.topology) return e.findings;
  const same =
    e.cluster === key.cluster &&
    e.enforcement === key.enforcement &&
    e.crlf === key.crlf &&
    e.accepted === key.accepted &&
    e.definitions === key.definitions &&
    e.rescued === key.rescued;
  if (!same || !e.movable) return undefined;
  return shiftFindings(e.findings, key.chunk.parsed.base.line - e.chunk.parsed.base.line);
}

/**
 * Whether a finding's related locations stay within lines `first`..`last` of its own file. Its fixes
 * do: a lint fix edits only the linted policy (and is written only when read: quickFix).
 */
function staysInside(f: Finding, first: number, last: number): boolean {
  const inside = (r: { start: { line: number }; end: { line: number } }) =>
    r.start.line >= first && r.end.line <= last;
  return (f.related ?? []).every((r) => r.file === f.file && inside(r.range));
}
