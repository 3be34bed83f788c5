// The reachability matrix on ports that depend on the destination: a port name (`http`), resolved
// per destination pod against its container ports (a pod without that name is not reachable on it),
// or every port each destination declares. Destinations are grouped by port number and each number
// is evaluated once on the equivalence classes for that number (matrix.ts's method), so the cost is
// that of one matrix per distinct number, not per pair. The matrix view's declared mode
// (matrixView.ts) shares that computation (classesOnPorts) and sends the classes themselves.
import type { Features } from './equivalence/classes';
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

/** A port and protocol, as a destination declares it. */
export interface DeclaredPort {
  port: number;
  protocol: Protocol;
}

/** The pods' equivalence classes on one port: pods of a class are treated alike by every policy. */
export interface PortClasses extends DeclaredPort {
  /** The class of each pod, in the order given. */
  classOf: Int32Array;
  /** How many classes. */
  size: number;
  /** `table[s * size + d]` is 1 when a pod of class s may open a connection to a pod of class d. */
  table: Uint8Array;
}

/**
 * The one computation behind every matrix on more than one port (`--port <name>`, `--port declared`
 * and the matrix view's declared mode): per port, the classes and their verdict table.
 */
export function classesOnPorts(
  topology: Topology,
  pods: readonly Pod[],
  ports: readonly DeclaredPort[],
): PortClasses[] {
  const features = new Map<Protocol, Features>();
  return ports.map(({ port, protocol }) => {
    let f = features.get(protocol);
    if (!f) features.set(protocol, (f = featuresOf(topology, protocol)));
    const { classes, classOf } = classify(topology, pods, f, port, protocol);
    const table = new ClassVerdicts(topology, classes, f, port, protocol).table();
    return { port, protocol, classOf, size: classes.length, table };
  });
}

/** Whether pod `i` may open a connection to pod `j` on the classes' port. */
export const reaches = (c: PortClasses, i: number, j: number): boolean =>
  i === j || c.table[c.classOf[i]! * c.size + c.classOf[j]!] === 1;

export function computePortsMatrix(topology: Topology, port: string, protocol: Protocol): PortsMatrixResult {
  const pods = [...topology.pods].sort((a, b) => compare(podKey(a), podKey(b)));
  const keys = pods.map(podKey);
  const numbersOf = pods.map((p) => portNumbers(p, port, protocol));
  const byNumber = new Map<number, number[]>();
  numbersOf.forEach((numbers, j) => numbers.forEach((n) => pushTo(byNumber, n, j)));
  const numbers = [...byNumber.keys()].sort((a, b) => a - b);
  const perNumber = classesOnPorts(
    topology,
    pods,
    numbers.map((n) => ({ port: n, protocol })),
  );
  const allowedOn = new Map<number, number[]>();
  for (const classes of perNumber)
    for (let i = 0; i < pods.length; i++)
      for (const j of byNumber.get(classes.port)!)
        if (reaches(classes, i, j)) pushTo(allowedOn, i * pods.length + j, classes.port);
  const cells = [...allowedOn.keys()].sort((a, b) => a - b);
  return {
    protocol,
    port,
    pods: keys,
    allowed: cells.map((c) => [keys[Math.floor(c / pods.length)]!, keys[c % pods.length]!]),
    classes: perNumber.reduce((sum, c) => sum + c.size, 0),
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
