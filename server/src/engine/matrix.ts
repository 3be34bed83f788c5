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
  const m = streamMatrix(topology, port, protocol);
  return { protocol, port, pods: m.pods, allowed: [...m.allowed()], classes: m.classes };
}

/** The matrix with its allowed pairs produced when asked for, in computeMatrix's order. */
export interface MatrixStream {
  protocol: Protocol;
  port: number;
  pods: string[];
  classes: number;
  /** Allowed `[source, destination]` pairs, sorted, self pairs included, made one at a time. */
  allowed(): Iterable<[string, string]>;
}

/**
 * The class table of the matrix, without the pairs: millions of pairs are expanded from it one at a
 * time by whoever writes them (the CLI's JSON), so they are never held together.
 */
export function streamMatrix(topology: Topology, port: number, protocol: Protocol): MatrixStream {
  const keyed = topology.pods.map((p) => [podKey(p), p] as [string, Pod]);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const keys = keyed.map(([k]) => k);
  const pods = keyed.map(([, p]) => p);
  const [classes] = classesOnPorts(topology, pods, [{ port, protocol }]);
  const { classOf, table, size } = classes!;
  const destinations = new ClassDestinations(classOf, table, size);
  return {
    protocol,
    port,
    pods: keys,
    classes: size,
    allowed: () => expand(keys, classOf, destinations),
  };
}

/** Each class's allowed destinations as sorted pod indexes, listed once when first asked for. */
class ClassDestinations {
  private readonly lists: (Int32Array | undefined)[];

  constructor(
    private readonly classOf: Int32Array,
    private readonly table: Uint8Array,
    private readonly n: number,
  ) {
    this.lists = new Array<Int32Array | undefined>(n);
  }

  of(c: number): Int32Array {
    let list = this.lists[c];
    if (!list) {
      const { classOf, table, n } = this;
      const row = c * n;
      let count = 0;
      for (let j = 0; j < classOf.length; j++) count += table[row + classOf[j]!]!;
      list = new Int32Array(count);
      for (let j = 0, k = 0; j < classOf.length; j++) if (table[row + classOf[j]!] === 1) list[k++] = j;
      this.lists[c] = list;
    }
    return list;
  }
}

/**
 * Pairs of pods in sorted order: every pod of a class takes its class's destination list, plus
 * itself.
 */
function* expand(
  keys: readonly string[],
  classOf: Int32Array,
  destinations: ClassDestinations,
): Generator<[string, string], void, undefined> {
  for (let i = 0; i < keys.length; i++) {
    const src = keys[i]!;
    let selfDone = false;
    for (const j of destinations.of(classOf[i]!)) {
      if (!selfDone && j >= i) {
        if (j !== i) yield [src, src];
        selfDone = true;
      }
      yield [src, keys[j]!];
    }
    if (!selfDone) yield [src, src];
  }
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
