// Names a set of pods the way a reviewer thinks of it: one pod by name, the replicas of one workload
// by the workload (kubectl's short kind names), a namespace as a whole, or the labels they share.
import type { Labels, Pod } from '../model';
import { podKey } from '../model';
import { GENERATED_LABELS, SHORT_KINDS } from '../workloadRefs';

/** How many pods the compared workspace has, in all and per namespace ("all 4 pods in data"). */
export interface PodCensus {
  total: number;
  byNamespace: ReadonlyMap<string, number>;
}

export function censusOf(pods: readonly Pod[]): PodCensus {
  const byNamespace = new Map<string, number>();
  for (const p of pods) byNamespace.set(p.namespace, (byNamespace.get(p.namespace) ?? 0) + 1);
  return { total: pods.length, byNamespace };
}

/**
 * `data/db-0`; `3 pods of deploy/shop/web`; `all 4 pods in data`; `5 pods of deploy/shop/web and
 * deploy/shop/db`; `2 pods app=db in data and orders`; `7 pods in 4 namespaces`.
 */
export function describePods(pods: readonly Pod[], census: PodCensus): string {
  if (pods.length === 1) return podKey(pods[0]!);
  const n = pods.length;
  const workloads = [...new Set(pods.map(workloadOf))].sort();
  if (workloads.length === 1 && pods[0]!.owner) return `${n} pods of ${workloads[0]}`;
  const namespaces = [...new Set(pods.map((p) => p.namespace))].sort();
  if (n === census.total) return `all ${n} pods`;
  const whole = namespaces.reduce((sum, ns) => sum + (census.byNamespace.get(ns) ?? 0), 0) === n;
  if (whole) return `all ${n} pods in ${listed(namespaces)}`;
  if (workloads.length <= 3) return `${n} pods of ${listed(workloads)}`;
  const labels = commonLabels(pods);
  return `${n} pods${labels ? ` ${labels}` : ''} in ${namespaces.length <= 3 ? listed(namespaces) : `${namespaces.length} namespaces`}`;
}

/** The pod's workload as kubectl names it (`deploy/shop/web`), or the pod itself. */
function workloadOf(pod: Pod): string {
  return pod.owner ? workloadRef(pod.namespace, pod.owner) : podKey(pod);
}

/** `Deployment/web` in shop → `deploy/shop/web`. */
function workloadRef(namespace: string, owner: string): string {
  const slash = owner.indexOf('/');
  const kind = owner.slice(0, slash);
  return `${SHORT_KINDS[kind] ?? kind.toLowerCase()}/${namespace}/${owner.slice(slash + 1)}`;
}

/** `app=web, tier=front`: the labels every pod carries with the same value. */
function commonLabels(pods: readonly Pod[]): string {
  const first: Labels = pods[0]!.labels;
  const keys = Object.keys(first)
    .filter((k) => !GENERATED_LABELS.has(k) && pods.every((p) => p.labels[k] === first[k]))
    .sort();
  return keys.map((k) => `${k}=${first[k]}`).join(', ');
}

/** `a`, `a and b`, `a, b and c`. */
function listed(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
