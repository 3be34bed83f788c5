// The matrix's rows and columns grouped the way people think of an application (pure): namespaces,
// then workloads, each workload one line that shows the aggregate of its replicas and opens to them.
// A Pod written as such (no owner) is a line of its own. Rows and columns use the same lines.
import type { ClassReach, ViewMatrix } from '../../../server/src/protocol/requests';
import type { Profiles } from './profiles';
import { classProfiles, podProfiles } from './profiles';

/** One pair of pods: allowed, denied, allowed on some declared ports only, or a pod to itself. */
export type PairState = 'allowed' | 'denied' | 'partial' | 'noports' | 'self';
/** What a line × line cell shows: its pairs all allowed, none, some, or only pods to themselves. */
export type CellState = 'allowed' | 'denied' | 'some' | 'noports' | 'self';

export interface Workload {
  /** `ns/Kind/name` for a workload, `ns/name` for a Pod written as such. */
  key: string;
  namespace: string;
  /** The workload's name (or the pod's). */
  name: string;
  /** `Deployment`, … or null for a Pod written as such. */
  kind: string | null;
  /** Indexes in `matrix.pods`, sorted by name. */
  pods: number[];
}

export interface NamespaceGroup {
  name: string;
  workloads: Workload[];
  pods: number;
}

export interface Line {
  /** A workload's key, or its replica's pod key. */
  key: string;
  kind: 'workload' | 'replica' | 'pod';
  namespace: string;
  label: string;
  pods: number[];
  /** For a workload line: whether it is opened to its replicas. */
  expanded?: boolean;
  /** The workload a replica belongs to. */
  workload?: string;
}

const slash = (key: string): number => key.indexOf('/');
export const namespaceOf = (podKey: string): string => podKey.slice(0, Math.max(0, slash(podKey)));
export const podName = (podKey: string): string => podKey.slice(slash(podKey) + 1);

/** Groups the matrix's pods by namespace, then by the workload that owns them, in name order. */
export function groupPods(matrix: Pick<ViewMatrix, 'pods' | 'owners'>): NamespaceGroup[] {
  const workloads = new Map<string, Workload>();
  matrix.pods.forEach((pod, i) => {
    const namespace = namespaceOf(pod);
    const owner = matrix.owners?.[i] ?? null;
    const key = owner ? `${namespace}/${owner}` : pod;
    let w = workloads.get(key);
    if (!w) {
      const kind = owner ? owner.slice(0, owner.indexOf('/')) : null;
      const name = owner ? owner.slice(owner.indexOf('/') + 1) : podName(pod);
      w = { key, namespace, name, kind, pods: [] };
      workloads.set(key, w);
    }
    w.pods.push(i);
  });
  const namespaces = new Map<string, NamespaceGroup>();
  const sorted = [...workloads.values()].sort((a, b) => compare(a.name, b.name) || compare(a.key, b.key));
  for (const w of sorted) {
    const ns = namespaces.get(w.namespace) ?? { name: w.namespace, workloads: [], pods: 0 };
    ns.workloads.push(w);
    ns.pods += w.pods.length;
    namespaces.set(w.namespace, ns);
  }
  return [...namespaces.values()].sort((a, b) => compare(a.name, b.name));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The lines of one namespace: each workload, followed by its replicas when it is expanded. */
export function linesOf(ns: NamespaceGroup, pods: readonly string[], expanded: ReadonlySet<string>): Line[] {
  return ns.workloads.flatMap((w): Line[] => {
    if (w.kind === null)
      return [{ key: w.key, kind: 'pod', namespace: w.namespace, label: w.name, pods: w.pods }];
    const open = expanded.has(w.key);
    const head: Line = {
      key: w.key,
      kind: 'workload',
      namespace: w.namespace,
      label: w.name,
      pods: w.pods,
      expanded: open,
    };
    if (!open) return [head];
    const replicas = w.pods.map((i): Line => ({
      key: pods[i]!,
      kind: 'replica',
      namespace: w.namespace,
      label: podName(pods[i]!),
      pods: [i],
      workload: w.key,
    }));
    return [head, ...replicas];
  });
}

/** A class table: whether a pod of one class reaches a pod of another, by pod index. */
class ClassTable {
  private readonly table: Uint8Array;
  private readonly size: number;

  constructor(private readonly reach: ClassReach) {
    this.size = reach.reaches.length;
    this.table = new Uint8Array(this.size * this.size);
    reach.reaches.forEach((row, s) => row.forEach((d) => (this.table[s * this.size + d] = 1)));
  }

  reaches(src: number, dst: number): boolean {
    const [s, d] = [this.reach.classOf[src] ?? -1, this.reach.classOf[dst] ?? -1];
    return s >= 0 && d >= 0 && this.table[s * this.size + d] === 1;
  }
}

/**
 * The state of each ordered pair of pods, by index: from the classes the server sends (`reach`,
 * `declared.reach`), or from lists of pairs (`allowed`, `declared.partial`).
 */
export class PairStates {
  private readonly index: Map<string, number>;
  private readonly allowed = new Set<number>();
  private readonly partial = new Map<number, number[]>();
  private readonly n: number;
  private readonly port: ClassTable | undefined;
  private readonly ports: ClassTable[] | undefined;
  /** Pods alike as sources, and as destinations (profiles.ts): a cell counts profiles, not pairs. */
  readonly profiles: Profiles;

  constructor(private readonly matrix: ViewMatrix) {
    this.n = matrix.pods.length;
    this.index = new Map(matrix.pods.map((p, i) => [p, i]));
    this.port = matrix.reach && new ClassTable(matrix.reach);
    this.ports = matrix.declared?.reach?.map((r) => new ClassTable(r));
    for (const [a, b] of matrix.allowed ?? []) this.allowed.add(this.id(a, b));
    for (const [a, b, open] of matrix.declared?.partial ?? []) this.partial.set(this.id(a, b), open);
    this.profiles = this.allowed.size || this.partial.size ? podProfiles(this.n) : classProfiles(matrix);
  }

  private id(a: string, b: string): number {
    return (this.index.get(a) ?? -1) * this.n + (this.index.get(b) ?? -1);
  }

  state(src: number, dst: number): PairState {
    return src === dst ? 'self' : this.between(src, dst);
  }

  /**
   * The state of a pair of distinct pods with the profiles of `src` and `dst` (which may be one
   * pod: a profile's pods are alike, so this is also the state of two distinct pods sharing it).
   */
  between(src: number, dst: number): Exclude<PairState, 'self'> {
    const declared = this.matrix.declared;
    if (declared && !declared.of[dst]?.length) return 'noports';
    if (this.ports && declared) {
      const open = this.portsBetween(src, dst).length;
      return open === 0 ? 'denied' : open === declared.of[dst]!.length ? 'allowed' : 'partial';
    }
    const id = src * this.n + dst;
    if (this.port?.reaches(src, dst) || this.allowed.has(id)) return 'allowed';
    return this.partial.has(id) ? 'partial' : 'denied';
  }

  private portsBetween(src: number, dst: number): number[] {
    return (this.matrix.declared?.of[dst] ?? []).filter((k) => this.ports![k]?.reaches(src, dst));
  }

  /** In the declared mode: the indexes (in `declared.ports`) of the ports the pair reaches. */
  openPorts(src: number, dst: number): number[] {
    const of = this.matrix.declared?.of[dst] ?? [];
    if (this.ports) return src === dst ? [] : this.portsBetween(src, dst);
    const state = this.state(src, dst);
    if (state === 'allowed') return of;
    return state === 'partial' ? (this.partial.get(src * this.n + dst) ?? []) : [];
  }
}

export interface Aggregate {
  state: CellState;
  /** Pairs of distinct pods, and how many of them are allowed (on every port) / partly allowed. */
  pairs: number;
  allowed: number;
  partial: number;
  /** The pair a click traces: the first pair of distinct pods, by name. */
  first: [number, number] | null;
}

/**
 * The cell of a row line × a column line: every pair of distinct pods it stands for, summed up by
 * profile (pods per profile on each side, less the pods to themselves), so a workload cell costs its
 * profiles, not its replicas' pairs.
 */
export function aggregate(states: PairStates, rows: readonly number[], cols: readonly number[]): Aggregate {
  const out: Aggregate = { state: 'self', pairs: 0, allowed: 0, partial: 0, first: firstPair(rows, cols) };
  const { profiles } = states;
  const self = profiles.selfPairs(rows, cols);
  let noports = 0;
  for (const [sp, src] of profiles.sources(rows))
    for (const [dp, dst] of profiles.destinations(cols)) {
      const pairs = src.count * dst.count - (self.get(profiles.pairId(sp, dp)) ?? 0);
      if (pairs === 0) continue;
      const s = states.between(src.pod, dst.pod);
      out.pairs += pairs;
      if (s === 'allowed') out.allowed += pairs;
      else if (s === 'partial') out.partial += pairs;
      else if (s === 'noports') noports += pairs;
    }
  out.state = cellState(out, noports);
  return out;
}

/** The first pair of distinct pods, rows first. */
function firstPair(rows: readonly number[], cols: readonly number[]): [number, number] | null {
  for (const src of rows) {
    const dst = cols.find((d) => d !== src);
    if (dst !== undefined) return [src, dst];
  }
  return null;
}

function cellState(a: Aggregate, noports: number): CellState {
  if (a.pairs === 0) return 'self';
  if (a.allowed === a.pairs) return 'allowed';
  if (noports === a.pairs) return 'noports';
  return a.allowed + a.partial === 0 ? 'denied' : 'some';
}

/** A cell that lets something through (what "allowed only" keeps). */
export const opens = (s: CellState): boolean => s === 'allowed' || s === 'some';

/**
 * With "allowed only": the lines that have an allowed (or partly allowed) cell as a row, and as a
 * column; without it, every line.
 */
export function visibleLines(
  states: PairStates,
  lines: readonly Line[],
  allowedOnly: boolean,
): { rows: Line[]; cols: Line[] } {
  if (!allowedOnly) return { rows: [...lines], cols: [...lines] };
  const open = (r: Line, c: Line): boolean => opens(aggregate(states, r.pods, c.pods).state);
  return {
    rows: lines.filter((r) => lines.some((c) => open(r, c))),
    cols: lines.filter((c) => lines.some((r) => open(r, c))),
  };
}
