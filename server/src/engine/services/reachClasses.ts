// The pods of a topology grouped into equivalence classes for one port and protocol (see
// equivalence/classes.ts: no policy tells two pods of a class apart), with each class's size, first
// members by name and verdicts (equivalence/verdicts.ts, the matrix's bitsets). Built once per
// topology snapshot, port and protocol, so that a hover on a Service judges classes, not pods.
import type { PodClass } from '../equivalence/classes';
import { classify, featuresOf } from '../equivalence/classes';
import { ClassVerdicts } from '../equivalence/verdicts';
import type { Pod, Topology } from '../model';
import type { Protocol } from '../types';
import { snapshotOf } from '../snapshot';
import type { Derived } from '../snapshot';

/** First members kept per class: enough to name a few after leaving out a Service's endpoints. */
const KEPT = 16;

export interface ReachClasses {
  classes: readonly PodClass[];
  /** Per class: how many pods it holds and the first `KEPT` of them, in topology order. */
  members: readonly { count: number; first: Pod[] }[];
  /** The class of each pod of the topology. */
  classOfPod: ReadonlyMap<Pod, number>;
  pods: readonly Pod[];
  classOf: Int32Array;
  /** Which class may reach which, and by which rules; each class's allowances computed on first use. */
  verdicts: ClassVerdicts;
}

/** Per port and protocol, built once per topology snapshot. */
const BY_PORT: Derived<Map<string, ReachClasses>> = { derive: () => new Map() };

export function reachClasses(topology: Topology, port: number, protocol: Protocol): ReachClasses {
  const byPort = snapshotOf(topology).derived(BY_PORT);
  const key = `${port}/${protocol}`;
  let found = byPort.get(key);
  if (!found) byPort.set(key, (found = build(topology, port, protocol)));
  return found;
}

function build(topology: Topology, port: number, protocol: Protocol): ReachClasses {
  const pods = topology.pods;
  const features = featuresOf(topology, protocol);
  const { classes, classOf } = classify(topology, pods, features, port, protocol);
  const members = classes.map(() => ({ count: 0, first: [] as Pod[] }));
  const classOfPod = new Map<Pod, number>();
  pods.forEach((pod, i) => {
    const m = members[classOf[i]!]!;
    m.count++;
    if (m.first.length < KEPT) m.first.push(pod);
    classOfPod.set(pod, classOf[i]!);
  });
  const verdicts = new ClassVerdicts(topology, classes, features, port, protocol);
  return { classes, members, classOfPod, pods, classOf, verdicts };
}

/** The first `n` pods of class `id` not in `skip` (scans the whole topology only when the kept ones run out). */
export function firstMembers(rc: ReachClasses, id: number, skip: ReadonlySet<Pod>, n: number): Pod[] {
  const kept = rc.members[id]!.first.filter((p) => !skip.has(p));
  if (kept.length >= n || rc.members[id]!.first.length < KEPT) return kept.slice(0, n);
  const out: Pod[] = [];
  for (let i = 0; i < rc.pods.length && out.length < n; i++)
    if (rc.classOf[i] === id && !skip.has(rc.pods[i]!)) out.push(rc.pods[i]!);
  return out;
}
