// What the matrix view shows beside the plain matrix (matrix.ts): the workload that owns each pod,
// so the view can group replicas, and the "declared ports" mode, where each cell is evaluated on the
// container ports its destination declares instead of on one port for every pod.
import { computeMatrix, explainCell } from './matrix';
import type { MatrixResult } from './matrix';
import type { ContainerPort, Pod, Topology } from './model';
import { podKey } from './model';
import { findPod } from './topology';
import type { MatrixMode } from '../protocol/values';
import type { Protocol } from './types';

export { MATRIX_MODES } from '../protocol/values';
export type { MatrixMode } from '../protocol/values';

export interface DeclaredPort {
  port: number;
  protocol: Protocol;
}

/** The declared-ports mode: which ports each destination declares and which of them a pair reaches. */
export interface DeclaredPorts {
  /** Every distinct declared port, sorted by protocol, then number. */
  ports: DeclaredPort[];
  /** For each pod (as in `pods`), the indexes in `ports` of the ports it declares. */
  of: number[][];
  /** Pairs allowed on some but not all of the destination's ports: `[src, dst, indexes allowed, ascending]`. */
  partial: [string, string, number[]][];
}

export interface ViewMatrix extends MatrixResult {
  mode: MatrixMode;
  /** For each pod (as in `pods`), its workload (`Deployment/web`), or null for a Pod written as such. */
  owners: (string | null)[];
  /** Only in the declared mode, where `allowed` lists the pairs allowed on every declared port. */
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
  const owners = sortedPods(topology).map((p) => p.owner ?? null);
  if (mode === 'port') return { ...computeMatrix(topology, port, protocol), mode, owners };
  return { ...declaredMatrix(topology, port, protocol), mode, owners };
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

/**
 * Each pair on the destination's declared ports: one matrix per distinct declared port (each computed
 * on equivalence classes), of which only the pairs whose destination declares that port are kept.
 */
function declaredMatrix(
  topology: Topology,
  port: number,
  protocol: Protocol,
): MatrixResult & { declared: DeclaredPorts } {
  const pods = sortedPods(topology);
  const keys = pods.map(podKey);
  const { ports, of } = declaredPortsOf(pods);
  const { open, classes } = openPorts(topology, keys, ports, of);
  const allowed: [string, string][] = [];
  const partial: [string, string, number[]][] = [];
  keys.forEach((src, i) =>
    keys.forEach((dst, j) => {
      if (i === j) return void allowed.push([src, dst]);
      const reached = open.get(i * keys.length + j);
      if (reached?.length === of[j]!.length) allowed.push([src, dst]);
      else if (reached) partial.push([src, dst, reached]);
    }),
  );
  return { protocol, port, pods: keys, allowed, classes, declared: { ports, of, partial } };
}

/** For each pair (`src * n + dst`) that reaches some declared port of its destination: which ones. */
function openPorts(
  topology: Topology,
  keys: readonly string[],
  ports: readonly DeclaredPort[],
  of: readonly number[][],
): { open: Map<number, number[]>; classes: number } {
  const index = new Map(keys.map((k, i) => [k, i]));
  const open = new Map<number, number[]>();
  let classes = 0;
  ports.forEach((p, k) => {
    const m = computeMatrix(topology, p.port, p.protocol);
    classes += m.classes;
    for (const [a, b] of m.allowed) {
      const [i, j] = [index.get(a) ?? -1, index.get(b) ?? -1];
      if (i === j || !of[j]?.includes(k)) continue;
      const id = i * keys.length + j;
      open.set(id, [...(open.get(id) ?? []), k]);
    }
  });
  return { open, classes };
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
