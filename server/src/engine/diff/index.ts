// The engine's reachability diff: which connections between the pods of two revisions a change opens
// and which it closes, grouped for a reviewer, with the reason of each group.
import type { Topology } from '../model';
import { podKey } from '../model';
import { CauseBook, causeText } from './causes';
import { commonPods, FeatureCache, PodLists, portChanges, portsToCompare } from './compute';
import type { CommonPods, RawGroup } from './compute';
import { changeScope } from './scope';
import { censusOf, describePods } from './describe';
import type { PodCensus } from './describe';
import type { ChangeGroup, DiffOptions, PortKey, ReachabilityDiff } from './types';

export type * from './types';
export { causeText } from './causes';

export function diffReachability(
  base: Topology,
  head: Topology,
  options: DiffOptions = {},
): ReachabilityDiff {
  const pods = commonPods(base, head);
  const ports = portsToCompare(pods, options);
  const features = new FeatureCache();
  const lists = new PodLists();
  const causes = new CauseBook();
  const scope = changeScope(base, head, pods);
  const raw: RawGroup[] = [];
  let total = 0;
  for (const port of ports) {
    const r = portChanges(base, head, pods, port, { ...options, features, scope, lists, causes });
    raw.push(...r.groups);
    total += r.total;
  }
  const names = new Names(pods, censusOf(pods.head));
  const groups = mergePorts(raw, lists).map((g) => names.group(g));
  groups.sort(byReading);
  const count = (kind: string) => groups.reduce((sum, g) => sum + (g.change === kind ? g.connections : 0), 0);
  const added = count('added');
  const removed = count('removed');
  return {
    groups,
    added,
    removed,
    unchanged: total - added - removed,
    pods: podsInOneRevision(base, head),
    ports,
  };
}

/** Every connection of a group, source by source. */
export function* connectionsOf(g: ChangeGroup): Generator<{ from: string; to: string } & PortKey> {
  for (const from of g.from)
    for (const to of g.to) if (from !== to) for (const p of g.ports) yield { from, to, ...p };
}

interface Merged {
  first: RawGroup;
  ports: PortKey[];
}

/** Groups alike on every count but the port become one group over several ports. */
function mergePorts(raw: readonly RawGroup[], lists: PodLists): Merged[] {
  const merged = new Map<string, Merged>();
  for (const g of raw) {
    const key = `${g.cause.id}\u0000${lists.id(g.from)}\u0000${lists.id(g.to)}`;
    const m = merged.get(key);
    if (m) m.ports.push(g.port);
    else merged.set(key, { first: g, ports: [g.port] });
  }
  return [...merged.values()];
}

/** Names groups; a list of pods shared by several groups is named once. */
class Names {
  private readonly lists = new Map<readonly number[], { keys: string[]; label: string }>();
  private readonly reasons = new Map<number, string>();

  constructor(
    private readonly pods: CommonPods,
    private readonly census: PodCensus,
  ) {}

  group({ first: g, ports }: Merged): ChangeGroup {
    const inFrom = new Set(g.from);
    const selfPairs = g.to.reduce((n, i) => n + (inFrom.has(i) ? 1 : 0), 0);
    const from = this.list(g.from);
    const to = this.list(g.to);
    let reason = this.reasons.get(g.cause.id);
    if (reason === undefined) this.reasons.set(g.cause.id, (reason = causeText(g.cause.causes)));
    return {
      change: g.change,
      from: from.keys,
      to: to.keys,
      fromLabel: from.label,
      toLabel: to.label,
      ports,
      causes: g.cause.causes,
      reason,
      connections: (g.from.length * g.to.length - selfPairs) * ports.length,
    };
  }

  private list(indexes: readonly number[]): { keys: string[]; label: string } {
    let named = this.lists.get(indexes);
    if (!named) {
      const keys = indexes.map((i) => this.pods.keys[i]!);
      const label = describePods(
        indexes.map((i) => this.pods.head[i]!),
        this.census,
      );
      this.lists.set(indexes, (named = { keys, label }));
    }
    return named;
  }
}

/** Added before removed; the largest first; then by the text a reviewer reads (no string built). */
function byReading(a: ChangeGroup, b: ChangeGroup): number {
  if (a.change !== b.change) return a.change === 'added' ? -1 : 1;
  if (a.connections !== b.connections) return b.connections - a.connections;
  return (
    order(a.fromLabel, b.fromLabel) ||
    order(a.toLabel, b.toLabel) ||
    order(a.reason, b.reason) ||
    order(a.from[0]!, b.from[0]!) ||
    order(a.to[0]!, b.to[0]!) ||
    order(portsKey(a), portsKey(b))
  );
}

const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const portsKey = (g: ChangeGroup): string => g.ports.map((p) => `${p.protocol}/${p.port}`).join('\u0000');

function podsInOneRevision(base: Topology, head: Topology): { added: string[]; removed: string[] } {
  const before = new Set(base.pods.map(podKey));
  const after = new Set(head.pods.map(podKey));
  return {
    added: [...after].filter((k) => !before.has(k)).sort(),
    removed: [...before].filter((k) => !after.has(k)).sort(),
  };
}
