// The topology as the engine hands it out: one immutable snapshot per model state, carrying what is
// derived from it — its cluster part (compared by identity: did pods, nodes or namespaces change?),
// every definition of a policy defined more than once, the lookups by pod key, name, IP and namespace,
// and, built on first use, whatever other modules derive from it (Services, workloads, lint answers).
// All of it lives and dies with the snapshot. Derived members are private or on the prototype: a
// spread copy (`{ ...topology, pods }`) is a plain Topology that derives its own.
import { pushTo } from './lists';
import type { NetworkPolicy, Pod, SourceRef, Topology } from './model';
import { podKey } from './model';
import type { Cluster } from './topology';

/** Lookups over a topology. */
export interface TopologyIndex {
  byKey: ReadonlyMap<string, Pod>;
  byName: ReadonlyMap<string, readonly Pod[]>;
  byIP: ReadonlyMap<string, Pod>;
  byNamespace: ReadonlyMap<string, readonly Pod[]>;
  policiesByNamespace: ReadonlyMap<string, readonly NetworkPolicy[]>;
}

/** Something a module derives from a topology, once per snapshot (e.g. the Service index). */
export interface Derived<T> {
  derive(topology: Topology): T;
}

export class TopologySnapshot implements Topology {
  readonly namespaces: Topology['namespaces'];
  readonly nodes: Topology['nodes'];
  readonly pods: Topology['pods'];
  readonly policies: Topology['policies'];
  readonly dataplane: Topology['dataplane'];
  readonly services?: Topology['services'];
  readonly idleWorkloads?: Topology['idleWorkloads'];
  readonly #cluster: Cluster;
  readonly #duplicates: ReadonlyMap<string, readonly SourceRef[]>;
  readonly #derived = new Map<Derived<unknown>, unknown>();
  #index: TopologyIndex | undefined;

  /** `duplicates`: by `ns/name`, every definition of a policy defined more than once. */
  constructor(
    cluster: Cluster,
    policies: readonly NetworkPolicy[],
    duplicates: ReadonlyMap<string, readonly SourceRef[]> = new Map(),
  ) {
    this.namespaces = cluster.namespaces;
    this.nodes = cluster.nodes;
    this.pods = cluster.pods;
    this.dataplane = cluster.dataplane;
    if (cluster.services) this.services = cluster.services;
    if (cluster.idleWorkloads) this.idleWorkloads = cluster.idleWorkloads;
    this.policies = policies;
    this.#cluster = cluster;
    this.#duplicates = duplicates;
  }

  /** Everything but the policies: the same object while no pod, node, namespace or Service changed. */
  get cluster(): Cluster {
    return this.#cluster;
  }

  get index(): TopologyIndex {
    return (this.#index ??= buildIndex(this));
  }

  /** Every definition of the policy (path order; the last is in effect) when there is more than one. */
  definitionsOf(policy: { namespace: string; name: string }): readonly SourceRef[] {
    return this.#duplicates.get(podKey(policy)) ?? [];
  }

  derived<T>(d: Derived<T>): T {
    if (!this.#derived.has(d)) this.#derived.set(d, d.derive(this));
    return this.#derived.get(d) as T;
  }
}

/** The snapshot a topology is, or a new one for a hand-made topology (which then keeps nothing). */
export function snapshotOf(topology: Topology): TopologySnapshot {
  return topology instanceof TopologySnapshot ? topology : new TopologySnapshot(topology, topology.policies);
}

function buildIndex(topology: Topology): TopologyIndex {
  const byKey = new Map<string, Pod>();
  const byName = new Map<string, Pod[]>();
  const byIP = new Map<string, Pod>();
  const byNamespace = new Map<string, Pod[]>();
  for (const pod of topology.pods) {
    byKey.set(podKey(pod), pod);
    pushTo(byName, pod.name, pod);
    pushTo(byNamespace, pod.namespace, pod);
    if (pod.ip && !byIP.has(pod.ip)) byIP.set(pod.ip, pod);
  }
  const policiesByNamespace = new Map<string, NetworkPolicy[]>();
  for (const policy of topology.policies) pushTo(policiesByNamespace, policy.namespace, policy);
  return { byKey, byName, byIP, byNamespace, policiesByNamespace };
}
