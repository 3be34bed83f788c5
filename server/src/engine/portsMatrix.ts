// The reachability matrix on ports that depend on the destination: a port name (`http`), resolved
// per destination pod against its container ports (a pod without that name is not reachable on it),
// or every port each destination declares. Destinations are grouped by port number and each number
// is evaluated once on the equivalence classes for that number (matrix.ts's method), so the cost is
// that of one matrix per distinct number, not per pair.
import { classify, featuresOf } from './equivalence/classes';
import { ClassVerdicts } from './equivalence/verdicts';
import { pushTo } from './lists';
import type { MatrixResult } from './matrix';
import type { Pod, Topology } from './model';
import { podKey } from './model';
import type { Protocol } from './types';

/**
 * `--port declared`: each destination on every port it declares for the protocol. A container port
 * named `declared` cannot be asked for by name (the mode wins).
 */
export const DECLARED_PORTS = 'declared';

export interface PortsMatrixResult extends Omit<MatrixResult, 'port'> {
  /** The port name asked for, or `declared`. */
  port: string;
  /** The port numbers checked on each destination (empty: not reachable on that name). */
  ports: Record<string, number[]>;
  /** For each pair of `allowed`, at the same index: the numbers it is allowed on. */
  allowedPorts: number[][];
}

export function computePortsMatrix(topology: Topology, port: string, protocol: Protocol): PortsMatrixResult {
  const pods = [...topology.pods].sort((a, b) => compare(podKey(a), podKey(b)));
  const keys = pods.map(podKey);
  const numbersOf = pods.map((p) => portNumbers(p, port, protocol));
  const byNumber = new Map<number, number[]>();
  numbersOf.forEach((numbers, j) => numbers.forEach((n) => pushTo(byNumber, n, j)));
  const allowedOn = new Map<number, number[]>();
  const features = featuresOf(topology, protocol);
  let classCount = 0;
  for (const [number, destinations] of [...byNumber].sort((a, b) => a[0] - b[0])) {
    const { classes, classOf } = classify(topology, pods, features, number, protocol);
    const table = new ClassVerdicts(topology, classes, features, number, protocol).table();
    classCount += classes.length;
    const n = classes.length;
    for (let i = 0; i < pods.length; i++)
      for (const j of destinations)
        if (i === j || table[classOf[i]! * n + classOf[j]!] === 1)
          pushTo(allowedOn, i * pods.length + j, number);
  }
  const cells = [...allowedOn.keys()].sort((a, b) => a - b);
  return {
    protocol,
    port,
    pods: keys,
    allowed: cells.map((c) => [keys[Math.floor(c / pods.length)]!, keys[c % pods.length]!]),
    classes: classCount,
    ports: Object.fromEntries(keys.map((k, j) => [k, numbersOf[j]!])),
    allowedPorts: cells.map((c) => allowedOn.get(c)!),
  };
}

/** The numbers a destination serves under `port`: its container port of that name, or all it declares. */
function portNumbers(pod: Pod, port: string, protocol: Protocol): number[] {
  const own = pod.ports.filter(
    (c) => c.protocol === protocol && (port === DECLARED_PORTS || c.name === port),
  );
  return [...new Set(own.map((c) => c.containerPort))].sort((a, b) => a - b);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
