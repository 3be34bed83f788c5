// Workload names wherever a pod is asked for (DESIGN.md "Real applications"): `kind/ns/name` with
// kubectl's kinds and short names (`deploy/storefront/web`, `sts/data/postgres`, `pod/ns/name`), or
// a plain `ns/name` that is a pod first, then a workload of that name. A workload stands for its first
// replica by name; the resolution says which replica was taken so outputs can tell the user.
import { SHORT_KINDS } from '../protocol/workloadKinds';
import type { IdleWorkload, Pod, Topology } from './model';
import { podKey } from './model';
import { snapshotOf } from './snapshot';
import type { Derived } from './snapshot';
import { findPod } from './topology';

/** A controller of the workspace and the pods it makes, sorted by name. */
export interface Workload {
  /** Controller kind as the API spells it: `Deployment`, `StatefulSet`, … */
  kind: string;
  namespace: string;
  name: string;
  /** `deploy/ns/name`: the short form users type and outputs print. */
  ref: string;
  pods: readonly Pod[];
}

/** How a name given by the user became a pod: directly, or through a workload's first replica. */
export interface NameResolution {
  /** The workload as `kind/ns/name` (short kind). */
  workload: string;
  /** `ns/name` of the replica taken. */
  pod: string;
  replicas: number;
  note: string;
}

export type PodLookup =
  | { pod: Pod; workload: NameResolution | null }
  | { error: 'unknown' | 'ambiguous'; candidates: string[] }
  /** A workload that runs no pod: `message` says so ("deploy/ns/x has 0 replicas: no pod to trace"). */
  | { error: 'idle'; candidates: string[]; message: string };

/** kubectl's names of each kind (singular, plural, short), to the kind they name. */
const KIND_NAMES: Readonly<Record<string, string>> = {
  pod: 'Pod',
  pods: 'Pod',
  po: 'Pod',
  deploy: 'Deployment',
  deployment: 'Deployment',
  deployments: 'Deployment',
  sts: 'StatefulSet',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  ds: 'DaemonSet',
  daemonset: 'DaemonSet',
  daemonsets: 'DaemonSet',
  rs: 'ReplicaSet',
  replicaset: 'ReplicaSet',
  replicasets: 'ReplicaSet',
  rc: 'ReplicationController',
  replicationcontroller: 'ReplicationController',
  replicationcontrollers: 'ReplicationController',
  job: 'Job',
  jobs: 'Job',
  cronjob: 'CronJob',
  cronjobs: 'CronJob',
  cj: 'CronJob',
};

/** The short name printed for each kind: shared with the client, so it lives in the contracts room. */
export { SHORT_KINDS };

/** Labels controllers add to each pod: they name one pod or one revision, never the workload. */
export const GENERATED_LABELS: ReadonlySet<string> = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'job-name',
  'batch.kubernetes.io/job-name',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-completion-index',
]);

/** `deploy/ns/name` → the kind and the `ns/name`; undefined when the text has no known kind prefix. */
export function parseKindRef(text: string): { kind: string; key: string } | undefined {
  const parts = text.trim().split('/');
  if (parts.length !== 3 || parts.some((p) => !p)) return undefined;
  const kind = KIND_NAMES[parts[0]!.toLowerCase()];
  return kind ? { kind, key: `${parts[1]}/${parts[2]}` } : undefined;
}

/** The workloads, kept by each topology snapshot. */
const WORKLOADS: Derived<readonly Workload[]> = { derive: (topology) => collect(topology) };

/** Every workload with at least one pod, sorted by namespace, name and kind. */
export function workloadsOf(topology: Topology): readonly Workload[] {
  return snapshotOf(topology).derived(WORKLOADS);
}

function collect(topology: Topology): Workload[] {
  const byOwner = new Map<string, Pod[]>();
  for (const pod of topology.pods) {
    if (!pod.owner) continue;
    const key = `${pod.namespace}/${pod.owner}`;
    const list = byOwner.get(key);
    if (list) list.push(pod);
    else byOwner.set(key, [pod]);
  }
  const out = [...byOwner.values()].map((pods) => {
    const [kind, name] = splitOwner(pods[0]!.owner!);
    const namespace = pods[0]!.namespace;
    pods.sort((a, b) => compare(a.name, b.name));
    return { kind, namespace, name, ref: `${SHORT_KINDS[kind] ?? kind}/${namespace}/${name}`, pods };
  });
  return out.sort(
    (a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name) || compare(a.kind, b.kind),
  );
}

function splitOwner(owner: string): [string, string] {
  const slash = owner.indexOf('/');
  return [owner.slice(0, slash), owner.slice(slash + 1)];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The pod a name stands for: `kind/ns/name`; else a pod (`ns/name` or a name unique across
 * namespaces); else a workload of that name (unique across kinds).
 */
export function lookupPodOrWorkload(topology: Topology, text: string): PodLookup {
  const ref = text.trim();
  const kinded = parseKindRef(ref);
  if (kinded?.kind === 'Pod') return podOnly(topology, kinded.key);
  if (kinded) return chosen(topology, kinded.key, ref, kinded.kind);
  const found = findPod(topology, ref);
  if (found.pod) return { pod: found.pod, workload: null };
  if (found.matches.length > 1) return { error: 'ambiguous', candidates: found.matches.map(podKey) };
  return chosen(topology, ref, ref);
}

/** `deploy/ns/name` of a workload that runs no pod. */
export const idleRef = (w: IdleWorkload): string =>
  `${SHORT_KINDS[w.kind] ?? w.kind}/${w.namespace}/${w.name}`;

/** "deploy/ns/x has 0 replicas: no pod to trace". */
export const idleMessage = (w: IdleWorkload): string => `${idleRef(w)} ${w.reason}: no pod to trace`;

function podOnly(topology: Topology, key: string): PodLookup {
  const pod = findPod(topology, key).pod;
  return pod ? { pod, workload: null } : { error: 'unknown', candidates: [] };
}

/** Workloads (running or idle) called `ns/name` (or `name` in any namespace), of one kind when given. */
function named<W extends { kind: string; namespace: string; name: string }>(
  workloads: readonly W[],
  key: string,
  kind?: string,
): W[] {
  const scoped = key.includes('/');
  return workloads.filter(
    (w) => (!kind || w.kind === kind) && (scoped ? `${w.namespace}/${w.name}` === key : w.name === key),
  );
}

/** The workload called `key`: its first replica, or why there is none. */
function chosen(topology: Topology, key: string, asked: string, kind?: string): PodLookup {
  const matches = named(workloadsOf(topology), key, kind);
  const idle = named(topology.idleWorkloads ?? [], key, kind);
  if (matches.length + idle.length > 1)
    return { error: 'ambiguous', candidates: [...matches.map((w) => w.ref), ...idle.map(idleRef)] };
  if (idle[0]) return { error: 'idle', candidates: [], message: idleMessage(idle[0]) };
  const w = matches[0];
  if (!w) return { error: 'unknown', candidates: [] };
  const pod = w.pods[0]!;
  const replicas = w.pods.length;
  const others = replicas > 1 ? ` (the first of ${replicas} replicas by name)` : ' (its only replica)';
  return {
    pod,
    workload: {
      workload: w.ref,
      pod: podKey(pod),
      replicas,
      note: `${asked === w.ref ? w.ref : `${asked} (${w.ref})`} stands for ${podKey(pod)}${others}`,
    },
  };
}

/** What a user could have meant: pod keys, and workloads as `ns/name` and `kind/ns/name`. */
export function nameCandidates(topology: Topology, text: string): string[] {
  const kinded = parseKindRef(text);
  const workloads = workloadsOf(topology);
  if (kinded?.kind === 'Pod') return topology.pods.map((p) => `pod/${podKey(p)}`);
  if (kinded) return workloads.map((w) => w.ref);
  return [...topology.pods.map(podKey), ...workloads.map((w) => `${w.namespace}/${w.name}`)];
}
