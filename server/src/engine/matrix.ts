// The reachability matrix for one port and protocol, computed on equivalence classes of pods
// (equivalence/classes.ts) rather than pair by pair: each class pair is evaluated once and the
// verdict expanded to the pods of both classes.
import { parseIPv4 } from './ipv4';
import type { Pod, Topology } from './model';
import { podKey } from './model';
import { classesOnPorts } from './portsMatrix';
import type { ConnectionVerdict } from './reachability';
import { evaluateConnection } from './reachability';
import { podByIP } from './topology';
import type { Protocol } from './types';
import { lookupPodOrWorkload } from './workloadRefs';

export interface MatrixResult {
  protocol: Protocol;
  port: number;
  /** Every pod, `ns/name`, sorted. */
  pods: string[];
  /** Allowed `[source, destination]` pairs, sorted; self pairs are included (always allowed). */
  allowed: [string, string][];
  /** How many equivalence classes were evaluated. */
  classes: number;
}

export function computeMatrix(topology: Topology, port: number, protocol: Protocol): MatrixResult {
  const keyed = topology.pods.map((p) => [podKey(p), p] as [string, Pod]);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const keys = keyed.map(([k]) => k);
  const pods = keyed.map(([, p]) => p);
  const [classes] = classesOnPorts(topology, pods, [{ port, protocol }]);
  const { classOf, table, size } = classes!;
  return { protocol, port, pods: keys, allowed: expand(keys, classOf, table, size), classes: size };
}

/**
 * Pairs of pods from the class table, in sorted order: each class's allowed destinations are listed
 * once (as sorted pod indexes), then every pod of the class takes that list, plus itself.
 */
function expand(
  keys: readonly string[],
  classOf: Int32Array,
  table: Uint8Array,
  n: number,
): [string, string][] {
  const destinations = new Map<number, Int32Array>();
  const destinationsOf = (c: number): Int32Array => {
    let list = destinations.get(c);
    if (!list) {
      const out: number[] = [];
      for (let j = 0; j < classOf.length; j++) if (table[c * n + classOf[j]!] === 1) out.push(j);
      list = Int32Array.from(out);
      destinations.set(c, list);
    }
    return list;
  };
  const allowed: [string, string][] = [];
  for (let i = 0; i < keys.length; i++) {
    const src = keys[i]!;
    let selfDone = false;
    for (const j of destinationsOf(classOf[i]!)) {
      if (!selfDone && j >= i) {
        if (j !== i) allowed.push([src, src]);
        selfDone = true;
      }
      allowed.push([src, keys[j]!]);
    }
    if (!selfDone) allowed.push([src, src]);
  }
  return allowed;
}

/**
 * One cell of the matrix with its explanation. `from` is a pod or workload reference (a workload
 * stands for its first replica), `to` the same or an IPv4 address; undefined when either cannot be
 * resolved.
 */
export function explainCell(
  topology: Topology,
  from: string,
  to: string,
  port: number,
  protocol: Protocol,
): ConnectionVerdict | undefined {
  const src = podNamed(topology, from);
  if (!src) return undefined;
  const dst = podNamed(topology, to) ?? podByIP(topology, to);
  if (dst) return evaluateConnection(topology, src, dst, port, protocol);
  return parseIPv4(to.trim()) === undefined
    ? undefined
    : evaluateConnection(topology, src, to.trim(), port, protocol);
}

/** Why a cell has no verdict: one of its names is a workload with no pod, or names no pod. */
export function cellWithoutVerdict(topology: Topology, from: string, to: string): string {
  for (const ref of [from, to]) {
    const found = lookupPodOrWorkload(topology, ref);
    if ('message' in found) return found.message;
  }
  return `${from} is not a pod of the workspace.`;
}

function podNamed(topology: Topology, ref: string): Pod | undefined {
  const found = lookupPodOrWorkload(topology, ref);
  return 'error' in found ? undefined : found.pod;
}
