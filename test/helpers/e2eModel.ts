// The upstream Kubernetes e2e network-policy model (test/e2e/network/netpol): namespaces x, y, z
// labelled ns=<name>; pods a, b, c in each, labelled pod=<name>, serving ports 80 and 81 on TCP and
// UDP (container ports named serve-80-tcp, …). `Reachability` is upstream's truth table: start from
// a default, set expectations per peer, compare with the engine's matrix and with evaluateConnection.
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { computeMatrix } from '../../server/src/engine/matrix';
import type { Pod, Topology } from '../../server/src/engine/model';
import { podKey } from '../../server/src/engine/model';
import { evaluateConnection } from '../../server/src/engine/reachability';
import { findPod } from '../../server/src/engine/topology';
import type { Protocol } from '../../server/src/engine/types';
import { Workspace } from '../../server/src/engine/workspace';

export const NAMESPACES = ['x', 'y', 'z'] as const;
export const POD_NAMES = ['a', 'b', 'c'] as const;
export const ALL_PODS: readonly string[] = NAMESPACES.flatMap((ns) => POD_NAMES.map((p) => `${ns}/${p}`));

/** YAML that kubectl reads as written: strings YAML 1.1 would take for booleans (`y`, `on`) are quoted. */
const yaml = (value: unknown): string => stringify(value, { version: '1.1' });

/** A YAML document stream of the model's namespaces and pods. */
export function modelYaml(): string {
  const docs: unknown[] = NAMESPACES.map((ns) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns, labels: { ns } },
  }));
  for (const ns of NAMESPACES) for (const pod of POD_NAMES) docs.push(podObject(ns, pod));
  return docs.map(yaml).join('---\n');
}

function podObject(ns: string, pod: string): unknown {
  const containers = [80, 81].flatMap((port) =>
    (['TCP', 'UDP'] as const).map((protocol) => ({
      name: `cont-${port}-${protocol.toLowerCase()}`,
      image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
      ports: [{ name: `serve-${port}-${protocol.toLowerCase()}`, containerPort: port, protocol }],
    })),
  );
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod, namespace: ns, labels: { pod } },
    spec: { containers },
  };
}

/** A NetworkPolicy document; `spec` is written like upstream's Go structs, as plain data. */
export function netpol(namespace: string, name: string, spec: Record<string, unknown>): string {
  return yaml({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec,
  });
}

/** The model plus the given policies, analysed as a workspace (so invalid policies would be dropped). */
export function modelWorkspace(policies: readonly string[], extraYaml = ''): Workspace {
  const ws = new Workspace();
  ws.setFile({ path: 'model.yaml', text: modelYaml() + (extraYaml ? `---\n${extraYaml}` : '') });
  policies.forEach((text, i) => ws.setFile({ path: `policy-${String(i).padStart(2, '0')}.yaml`, text }));
  for (const path of ws.paths()) {
    const errors = ws.findings(path).filter((f) => f.severity === 'error');
    assert.deepEqual(errors, [], `${path} must be valid, or the case would test nothing`);
  }
  return ws;
}

export function modelTopology(policies: readonly string[], extraYaml = ''): Topology {
  return modelWorkspace(policies, extraYaml).topology();
}

/** The IP the model's topology gives a pod (deterministic), for ipBlock cases. */
export function podIP(ref: string): string {
  const pod = findPod(modelTopology([]), ref).pod;
  assert.ok(pod, `no pod ${ref}`);
  return pod.ip;
}

/** `x/a` (one pod), `x` (every pod of a namespace) or `*` (every pod). */
type PeerSpec = string;

const matches = (spec: PeerSpec, pod: string): boolean =>
  spec === '*' || spec === pod || (!spec.includes('/') && pod.startsWith(`${spec}/`));

export class Reachability {
  private readonly expected = new Map<string, boolean>();

  constructor(
    defaultValue: boolean,
    readonly pods: readonly string[] = ALL_PODS,
  ) {
    for (const from of pods) for (const to of pods) this.expected.set(`${from} ${to}`, defaultValue);
  }

  expectPeer(from: PeerSpec, to: PeerSpec, value: boolean): this {
    for (const f of this.pods)
      for (const t of this.pods) if (matches(from, f) && matches(to, t)) this.set(f, t, value);
    return this;
  }

  /** Everything into `to`. */
  expectAllIngress(to: PeerSpec, value: boolean): this {
    return this.expectPeer('*', to, value);
  }

  /** Everything out of `from`. */
  expectAllEgress(from: PeerSpec, value: boolean): this {
    return this.expectPeer(from, '*', value);
  }

  get(from: string, to: string): boolean {
    // A pod can always reach itself: policies do not apply to that traffic (upstream's AllowLoopback).
    return from === to || this.expected.get(`${from} ${to}`)!;
  }

  private set(from: string, to: string, value: boolean): void {
    this.expected.set(`${from} ${to}`, value);
  }
}

/** Renders a truth table like upstream's: rows are sources, columns destinations, X allowed, . denied. */
function grid(pods: readonly string[], cell: (from: string, to: string) => string): string {
  const header = ['-', ...pods].join('\t');
  return [header, ...pods.map((f) => [f, ...pods.map((t) => cell(f, t))].join('\t'))].join('\n');
}

/**
 * Asserts that both the matrix and the pairwise evaluation agree with the expectation, printing
 * expected and actual tables (mismatches marked `!`) when they do not.
 */
export function assertReachability(
  topology: Topology,
  port: number,
  protocol: Protocol,
  expected: Reachability,
): void {
  const pods = expected.pods;
  const matrix = computeMatrix(topology, port, protocol);
  assert.deepEqual(matrix.pods, [...pods].sort(), 'the matrix lists every pod of the model');
  const fromMatrix = new Set(matrix.allowed.map(([f, t]) => `${f} ${t}`));
  const byKey = new Map(topology.pods.map((p): [string, Pod] => [podKey(p), p]));
  const pairwise = (f: string, t: string) =>
    evaluateConnection(topology, byKey.get(f)!, byKey.get(t)!, port, protocol).allowed;
  const mark = (v: boolean) => (v ? 'X' : '.');
  let wrong = 0;
  const actual = grid(pods, (f, t) => {
    const m = fromMatrix.has(`${f} ${t}`);
    const p = pairwise(f, t);
    const ok = m === expected.get(f, t) && p === m;
    if (!ok) wrong++;
    return ok ? mark(m) : `!${mark(m)}${mark(p)}`;
  });
  if (wrong > 0) {
    assert.fail(
      `${wrong} cells differ on ${protocol} ${port}.\nexpected:\n${grid(pods, (f, t) => mark(expected.get(f, t)))}\n` +
        `actual (!MP marks a wrong cell: M from the matrix, P pairwise):\n${actual}`,
    );
  }
}
