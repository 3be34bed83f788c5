// What the matrix view shows: the workload that owns each pod, so the view can group replicas, and
// the verdicts by equivalence class (not every allowed pair: that list grows with the square of the
// pods), on one port or, in the "declared ports" mode, on each port a destination declares; both
// come from the computation the CLI's matrices use (portsMatrix.ts).
import { explainCell } from './matrix';
import type { MatrixResult } from './matrix';
import type { ContainerPort, Pod, Topology } from './model';
import { podKey } from './model';
import type { DeclaredPort, PortClasses } from './portsMatrix';
import { classesOnPorts } from './portsMatrix';
import { findPod } from './topology';
import type { MatrixMode } from '../protocol/values';
import type { Protocol } from './types';

export { MATRIX_MODES } from '../protocol/values';
export type { MatrixMode } from '../protocol/values';

export type { DeclaredPort };

/**
 * Who may reach whom, by equivalence class: pods of one class are treated alike by every policy on
 * the port, so a pair's verdict is its classes' (a pod always reaches itself). This is what the view
 * is sent instead of every allowed pair: its size grows with the pods plus the classes squared.
 */
export interface ClassReach {
  /** For each pod (as in `pods`), its class. */
  classOf: number[];
  /** For each class, the classes whose pods it may reach, ascending. */
  reaches: number[][];
}

/** The declared-ports mode: which ports each destination declares and which of them a pair reaches. */
export interface DeclaredPorts {
  /** Every distinct declared port, sorted by protocol, then number. */
  ports: DeclaredPort[];
  /** For each pod (as in `pods`), the indexes in `ports` of the ports it declares. */
  of: number[][];
  /** For each port of `ports`, the classes on it (the server sends these). */
  reach?: ClassReach[];
  /** Pairs allowed on some but not all of the destination's ports: `[src, dst, indexes allowed, ascending]` (views built from pairs). */
  partial?: [string, string, number[]][];
}

export interface ViewMatrix extends Omit<MatrixResult, 'allowed'> {
  mode: MatrixMode;
  /** For each pod (as in `pods`), its workload (`Deployment/web`), or null for a Pod written as such. */
  owners: (string | null)[];
  /** The port mode's verdicts by class (the server sends these). */
  reach?: ClassReach;
  /**
   * Allowed pairs, for views built from pairs rather than classes (in the declared mode: allowed on
   * every declared port).
   */
  allowed?: [string, string][];
  /** Only in the declared mode. */
  declared?: DeclaredPorts;
}

const byKey = (a: [string, Pod], b: [string, Pod]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

function sortedPods(topology: Topology): Pod[] {
  return topology.pods
    .map((p) => [podKey(p), p] as [string, Pod])
    .sort(byKey)
    .map(([, p]) => p);
}

export function viewMatrix(
  topology: Topology,
  port: number,
  protocol: Protocol,
  mode: MatrixMode,
): ViewMatrix {
  const pods = sortedPods(topology);
  const base = { protocol, port, pods: pods.map(podKey), owners: pods.map((p) => p.owner ?? null), mode };
  if (mode === 'port') {
    const [classes] = classesOnPorts(topology, pods, [{ port, protocol }]);
    return { ...base, classes: classes!.size, reach: classReach(classes!) };
  }
  const { ports, of } = declaredPortsOf(pods);
  const perPort = classesOnPorts(topology, pods, ports);
  const classes = perPort.reduce((sum, c) => sum + c.size, 0);
  return { ...base, classes, declared: { ports, of, reach: perPort.map(classReach) } };
}

function classReach(c: PortClasses): ClassReach {
  const reaches: number[][] = [];
  for (let s = 0; s < c.size; s++) {
    const row: number[] = [];
    for (let d = 0; d < c.size; d++) if (c.table[s * c.size + d] === 1) row.push(d);
    reaches.push(row);
  }
  return { classOf: Array.from(c.classOf), reaches };
}

const portId = (p: DeclaredPort): string => `${p.protocol} ${p.port}`;
const declaredOf = (c: ContainerPort): DeclaredPort => ({ port: c.containerPort, protocol: c.protocol });

function declaredPortsOf(pods: readonly Pod[]): { ports: DeclaredPort[]; of: number[][] } {
  const distinct = new Map<string, DeclaredPort>();
  for (const pod of pods) for (const c of pod.ports) distinct.set(portId(declaredOf(c)), declaredOf(c));
  const ports = [...distinct.values()].sort((a, b) =>
    a.protocol === b.protocol ? a.port - b.port : a.protocol < b.protocol ? -1 : 1,
  );
  const index = new Map(ports.map((p, i) => [portId(p), i]));
  const of = pods.map((pod) => [...new Set(pod.ports.map((c) => index.get(portId(declaredOf(c))) ?? 0))]);
  return { ports, of };
}

/** Why a pair is what it is on each port the destination declares, one paragraph per port. */
export function explainDeclaredCell(
  topology: Topology,
  from: string,
  to: string,
): { allowed: boolean; explanation: string[] } | undefined {
  const dst = findPod(topology, to).pod;
  if (!findPod(topology, from).pod || !dst) return undefined;
  if (!dst.ports.length) return { allowed: false, explanation: [`${to} declares no container port.`] };
  const explanation: string[] = [];
  let allowed = true;
  for (const c of dst.ports) {
    const verdict = explainCell(topology, from, to, c.containerPort, c.protocol);
    if (!verdict) return undefined;
    allowed &&= verdict.allowed;
    const name = c.name ? ` (${c.name})` : '';
    explanation.push(`${c.protocol} ${c.containerPort}${name}: ${verdict.allowed ? 'allowed' : 'denied'}.`);
    explanation.push(...verdict.explanation.map((line) => `  ${line}`));
  }
  return { allowed, explanation };
}
