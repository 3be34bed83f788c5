// The reachability changes between two topologies, computed over equivalence classes: per port, each
// revision classifies the pods present in both (equivalence/classes.ts) and evaluates class pairs once
// (equivalence/verdicts.ts); a pod's joint class is its pair of classes. Only joint class pairs whose
// verdicts differ are kept, so memory follows the changes, not the pairs. Sources whose changed rows
// are identical are merged, which makes every group an exact product of sources and destinations.
import { classify, featuresOf } from '../equivalence/classes';
import type { Features } from '../equivalence/classes';
import { ClassVerdicts } from '../equivalence/verdicts';
import type { Pod, Topology } from '../model';
import { podKey } from '../model';
import type { Protocol } from '../types';
import type { CauseBook, CauseEntry, PortCauses } from './causes';
import type { Scope } from './scope';
import type { ChangeKind, DiffOptions, PortKey } from './types';

/** Pods of both revisions, matched by `ns/name`, in key order. */
export interface CommonPods {
  keys: string[];
  base: Pod[];
  head: Pod[];
}

/** A group before naming: pod indexes into CommonPods, for one port. */
export interface RawGroup {
  change: ChangeKind;
  cause: CauseEntry;
  from: number[];
  to: number[];
  port: PortKey;
}

/** One revision's view of one port: each common pod's class and the class verdicts. */
interface Side {
  classOf: Int32Array;
  classes: number;
  verdicts: ClassVerdicts;
}

/** Pods sharing their class in both revisions. */
interface Joint {
  base: number;
  head: number;
  members: number[];
  /** Some member (hence every one) is in the scope of the change for the direction asked. */
  inScope: boolean;
}

export function commonPods(base: Topology, head: Topology): CommonPods {
  const headByKey = new Map(head.pods.map((p) => [podKey(p), p]));
  const keyed = base.pods.flatMap((p) => {
    const other = headByKey.get(podKey(p));
    return other ? [{ key: podKey(p), base: p, head: other }] : [];
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { keys: keyed.map((k) => k.key), base: keyed.map((k) => k.base), head: keyed.map((k) => k.head) };
}

/**
 * The ports compared: the one asked for, or every container port a common pod declares (either
 * revision), of the protocol asked for if any.
 */
export function portsToCompare(pods: CommonPods, options: DiffOptions): PortKey[] {
  if (options.port !== undefined) return [{ protocol: options.protocol ?? 'TCP', port: options.port }];
  const seen = new Map<string, PortKey>();
  for (const p of [...pods.base, ...pods.head])
    for (const c of p.ports)
      if (!options.protocol || c.protocol === options.protocol)
        seen.set(`${c.protocol}/${c.containerPort}`, { protocol: c.protocol, port: c.containerPort });
  return [...seen.values()].sort((a, b) =>
    a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : a.port - b.port,
  );
}

const declares = (pod: Pod, { port, protocol }: PortKey): boolean =>
  pod.ports.some((c) => c.containerPort === port && c.protocol === protocol);

/**
 * One instance per distinct list of pod indexes, with a small id: groups of a large diff share their
 * source and destination lists (and their names) instead of holding copies.
 */
export class PodLists {
  private readonly byContent = new Map<string, number[]>();
  private readonly ids = new Map<readonly number[], number>();

  intern(list: number[]): number[] {
    const key = list.join(',');
    const known = this.byContent.get(key);
    if (known) return known;
    this.byContent.set(key, list);
    this.ids.set(list, this.ids.size);
    return list;
  }

  /** The id of an interned list. */
  id(list: readonly number[]): number {
    return this.ids.get(list)!;
  }
}

/** Feature sets per topology and protocol, shared by every port of the protocol. */
export class FeatureCache {
  private readonly cache = new Map<Topology, Map<Protocol, Features>>();

  of(topology: Topology, protocol: Protocol): Features {
    let byProtocol = this.cache.get(topology);
    if (!byProtocol) this.cache.set(topology, (byProtocol = new Map()));
    let f = byProtocol.get(protocol);
    if (!f) byProtocol.set(protocol, (f = featuresOf(topology, protocol)));
    return f;
  }
}

function sideOf(topology: Topology, pods: readonly Pod[], port: PortKey, features: FeatureCache): Side {
  const f = features.of(topology, port.protocol);
  const { classes, classOf } = classify(topology, pods, f, port.port, port.protocol);
  const verdicts = new ClassVerdicts(topology, classes, f, port.port, port.protocol);
  return { classOf, classes: classes.length, verdicts };
}

function jointClasses(
  indexes: Iterable<number>,
  base: Side,
  head: Side,
  scope: Uint8Array | undefined,
): { joints: Joint[]; of: Int32Array } {
  const ids = new Map<number, number>();
  const joints: Joint[] = [];
  const of = new Int32Array(base.classOf.length).fill(-1);
  for (const i of indexes) {
    const b = base.classOf[i]!;
    const h = head.classOf[i]!;
    const key = b * head.classes + h;
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = joints.length));
      joints.push({ base: b, head: h, members: [], inScope: scope === undefined });
    }
    joints[id]!.members.push(i);
    if (scope?.[i]) joints[id]!.inScope = true;
    of[i] = id;
  }
  return { joints, of };
}

/**
 * The changes on one port as groups, and how many connections the port has in all (pairs of a
 * source and a destination declaring the port, self pairs aside).
 */
export function portChanges(
  base: Topology,
  head: Topology,
  pods: CommonPods,
  port: PortKey,
  options: DiffOptions & {
    features: FeatureCache;
    scope: Scope | undefined;
    lists: PodLists;
    causes: CauseBook;
  },
): { groups: RawGroup[]; total: number } {
  const n = pods.keys.length;
  const everyPod = options.port !== undefined;
  const dests = [...Array(n).keys()].filter(
    (i) => everyPod || declares(pods.base[i]!, port) || declares(pods.head[i]!, port),
  );
  const total = n * dests.length - dests.length;
  const { scope } = options;
  if (!dests.length || (scope && !scope.egress.includes(1) && !dests.some((i) => scope.ingress[i])))
    return { groups: [], total };
  const b = sideOf(base, pods.base, port, options.features);
  const h = sideOf(head, pods.head, port, options.features);
  const src = jointClasses(Array(n).keys(), b, h, scope?.egress);
  const dst = jointClasses(dests, b, h, scope?.ingress);
  const causes = options.causes.forPort(b.verdicts, h.verdicts);
  const groups: RawGroup[] = [];
  for (let s = 0; s < src.joints.length; s++) {
    const rows = changedRows(src.joints[s]!, s, src.of, dst.joints, { b, h, causes });
    for (const row of rows.values()) groups.push({ ...row, from: [s], port });
  }
  return { groups: mergeRows(groups, src.joints, dst.joints, options.lists), total };
}

type Row = { change: ChangeKind; cause: CauseEntry; to: number[] };

/** Per change and causes, the destination joint classes whose verdict from source joint `s` changed. */
function changedRows(
  from: Joint,
  s: number,
  srcOf: Int32Array,
  dests: readonly Joint[],
  { b, h, causes }: { b: Side; h: Side; causes: PortCauses },
): Map<CauseEntry, Row> {
  const rows = new Map<CauseEntry, Row>();
  for (let d = 0; d < dests.length; d++) {
    const to = dests[d]!;
    if (!from.inScope && !to.inScope) continue;
    const before = b.verdicts.allows(from.base, to.base);
    const after = h.verdicts.allows(from.head, to.head);
    if (before === after) continue;
    // Only a pod to itself: never subject to policy, never a change.
    if (from.members.length === 1 && to.members.length === 1 && srcOf[to.members[0]!] === s) continue;
    const change: ChangeKind = after ? 'added' : 'removed';
    const cause = causes.entry(change, {
      srcBase: from.base,
      dstBase: to.base,
      srcHead: from.head,
      dstHead: to.head,
    });
    const row = rows.get(cause);
    if (row) row.to.push(d);
    else rows.set(cause, { change, cause, to: [d] });
  }
  return rows;
}

/** Sources with the same change, causes and destinations become one group; indexes become pods. */
function mergeRows(
  rows: readonly RawGroup[],
  srcs: readonly Joint[],
  dests: readonly Joint[],
  lists: PodLists,
): RawGroup[] {
  const merged = new Map<string, RawGroup>();
  for (const r of rows) {
    const key = `${r.cause.id}\u0000${r.to.join(',')}`;
    const m = merged.get(key);
    if (m) m.from.push(...r.from);
    else merged.set(key, { ...r, from: [...r.from] });
  }
  // Many groups share a list of joint classes: each list is turned into pods once.
  const known = new Map<string, number[]>();
  const podsOf = (ids: readonly number[], joints: readonly Joint[], side: string) => {
    const key = `${side}${ids.join(',')}`;
    let pods = known.get(key);
    if (!pods)
      known.set(key, (pods = lists.intern(ids.flatMap((id) => joints[id]!.members).sort((x, y) => x - y))));
    return pods;
  };
  return [...merged.values()].map((g) => ({
    ...g,
    from: podsOf(g.from, srcs, 's'),
    to: podsOf(g.to, dests, 'd'),
  }));
}
