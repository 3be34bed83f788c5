// The cluster model built from the workspace's Kubernetes objects (DESIGN.md "Topology"): namespaces
// with their automatic label, nodes, pods (declared and synthesised from workloads) with nodes and
// IPs, the NetworkPolicies, and flannel's configuration. Same input, same output; linear in size.
// Built from the objects' extracted facts (cluster/facts.ts), never from YAML trees. A builder keeps
// its last cluster (everything but the policies) and reuses it while the objects it was built from are
// the same: editing policies then neither re-places pods nor changes the cluster's identity. What is
// derived from a topology (identity, duplicates, lookups) is kept by its snapshot (snapshot.ts).
import { dataplaneOf } from './cluster/flannel';
import type { ObjectFacts } from './cluster/facts';
import { nodesOf } from './cluster/nodes';
import { latestObjects } from './cluster/objects';
import { placePods } from './cluster/placement';
import { daemonPod, idleWorkloadsOf, PodNamer, podSeedsOf } from './cluster/workloads';
import { parseCidr } from './ipv4';
import { pushTo } from './lists';
import type {
  ClusterNode,
  DataplaneConfig,
  IdleWorkload,
  LabelSelector,
  Namespace,
  NetworkPolicy,
  Pod,
  SourceRef,
  Topology,
} from './model';
import { podKey } from './model';
import { hasLabel, selectorMatches } from './selectors';
import { snapshotOf, TopologySnapshot } from './snapshot';
import type { Derived, TopologyIndex } from './snapshot';
import { buildServices } from './services/build';
import type { ServiceTopology } from './services/model';

export interface TopologyOptions {
  enforcement: boolean;
  nodeCount: number;
  /** The service CIDR ClusterIPs are allocated from (default 10.96.0.0/12). */
  serviceCIDR?: string;
}

/** The label the API server puts on every namespace. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Everything of a topology but its policies; the same object while none of it changes. */
export interface Cluster {
  namespaces: ReadonlyMap<string, Namespace>;
  nodes: readonly ClusterNode[];
  pods: readonly Pod[];
  dataplane: DataplaneConfig;
  services?: ServiceTopology;
  idleWorkloads?: readonly IdleWorkload[];
}

/** The objects' facts in path order (the later definition of an object wins). */
export function buildTopology(objects: readonly ObjectFacts[], options: TopologyOptions): Topology {
  return new TopologyBuilder().build(objects, options);
}

/** The cluster part of a topology: compare it by identity to know whether pods, nodes or namespaces changed. */
export function clusterOf(topology: Topology): Cluster {
  return snapshotOf(topology).cluster;
}

/** What the cluster is built from besides the policies. */
interface Placed {
  objects: readonly ObjectFacts[];
  options: TopologyOptions;
  nodes: ClusterNode[];
  pods: Pod[];
  dataplane: DataplaneConfig;
  services: ServiceTopology;
  idleWorkloads: readonly IdleWorkload[];
  /** Namespaces declared, or referenced by pods. */
  namespaces: Map<string, Namespace>;
}

export class TopologyBuilder {
  private placed: Placed | undefined;
  private cluster: { from: Placed; extra: string; cluster: Cluster } | undefined;

  build(objects: readonly ObjectFacts[], options: TopologyOptions): TopologySnapshot {
    const policyFacts = objects.filter((o) => o.kind === 'NetworkPolicy');
    const others = objects.filter((o) => o.kind !== 'NetworkPolicy');
    const latest = latestObjects(policyFacts);
    const policies = latest.objects.flatMap((o) => o.policy ?? []);
    const cluster = this.clusterFor(this.placedFor(others, options), policies);
    return new TopologySnapshot(cluster, policies, policySources(latest.duplicates));
  }

  private placedFor(objects: readonly ObjectFacts[], options: TopologyOptions): Placed {
    const p = this.placed;
    if (p && sameOptions(p.options, options) && sameItems(p.objects, objects)) return p;
    this.placed = place(objects, options);
    return this.placed;
  }

  /** Namespaces that only policies mention join the placed ones. */
  private clusterFor(placed: Placed, policies: readonly NetworkPolicy[]): Cluster {
    const extra = [...new Set(policies.map((p) => p.namespace))].filter((n) => !placed.namespaces.has(n));
    const key = extra.sort().join('\n');
    const c = this.cluster;
    if (c && c.from === placed && c.extra === key) return c.cluster;
    const namespaces = new Map(placed.namespaces);
    for (const name of extra) namespaces.set(name, undeclaredNamespace(name));
    const cluster: Cluster = {
      namespaces: new Map([...namespaces].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      nodes: placed.nodes,
      pods: placed.pods,
      dataplane: placed.dataplane,
      services: placed.services,
      idleWorkloads: placed.idleWorkloads,
    };
    this.cluster = { from: placed, extra: key, cluster };
    return cluster;
  }
}

function sameOptions(a: TopologyOptions, b: TopologyOptions): boolean {
  return a.enforcement === b.enforcement && a.nodeCount === b.nodeCount && a.serviceCIDR === b.serviceCIDR;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function place(objects: readonly ObjectFacts[], options: TopologyOptions): Placed {
  const latest = latestObjects(objects).objects;
  const dataplane = dataplaneOf(latest, options.enforcement);
  const namer = new PodNamer();
  const { pods: seeds, daemons } = podSeedsOf(latest, namer);
  const nodes = nodesOf(latest, {
    network: parseCidr(dataplane.network)!,
    nodeCount: options.nodeCount,
    podCount: seeds.filter((s) => !s.nodeName).length,
    referenced: seeds.flatMap((s) => (s.nodeName ? [s.nodeName] : [])),
  });
  for (const d of daemons) {
    const selector = { matchLabels: d.template.nodeSelector, matchExpressions: [] };
    for (const node of nodes) {
      if (selectorMatches(selector, node.labels)) seeds.push(daemonPod(d, node.name, namer));
    }
  }
  const namespaces = new Map<string, Namespace>();
  for (const obj of latest) {
    if (obj.kind !== 'Namespace' || !obj.name) continue;
    const labels = { ...obj.namespaceLabels, [NAMESPACE_NAME_LABEL]: obj.name };
    namespaces.set(obj.name, { name: obj.name, labels, declared: true, source: obj.source });
  }
  for (const { namespace: name } of seeds) {
    if (!namespaces.has(name)) namespaces.set(name, undeclaredNamespace(name));
  }
  const pods = placePods(seeds, nodes);
  const services = buildServices(latest, pods, nodes, options.serviceCIDR);
  const idleWorkloads = idleWorkloadsOf(latest, seeds);
  return { objects, options, nodes, pods, dataplane, services, idleWorkloads, namespaces };
}

/** A namespace that pods or policies are in but no object declares: it has only the automatic label. */
function undeclaredNamespace(name: string): Namespace {
  return { name, labels: { [NAMESPACE_NAME_LABEL]: name }, declared: false };
}

function policySources(duplicates: Map<string, ObjectFacts[]>): Map<string, SourceRef[]> {
  const out = new Map<string, SourceRef[]>();
  for (const [key, defs] of duplicates) {
    const [, ns, name] = key.split('/');
    out.set(
      `${ns}/${name}`,
      defs.map((o) => ({ file: o.file, span: o.nameSpan ?? o.source.span })),
    );
  }
  return out;
}

/**
 * Every definition of a policy (path order; the last one is in effect) when there is more than one,
 * each as the span of its `metadata.name` value.
 */
export function policyDefinitions(
  topology: Topology,
  policy: { namespace: string; name: string },
): readonly SourceRef[] {
  return snapshotOf(topology).definitionsOf(policy);
}

/** Lookups over a topology, built once per snapshot on first use. */
export function topologyIndex(topology: Topology): TopologyIndex {
  return snapshotOf(topology).index;
}

/** Resolves `ns/name`, or a bare name that only one pod has (`matches` lists every candidate). */
export function findPod(topology: Topology, ref: string): { pod?: Pod; matches: Pod[] } {
  const index = topologyIndex(topology);
  const trimmed = ref.trim();
  if (trimmed.includes('/')) {
    const pod = index.byKey.get(trimmed);
    return pod ? { pod, matches: [pod] } : { matches: [] };
  }
  const matches = [...(index.byName.get(trimmed) ?? [])].sort((a, b) => (podKey(a) < podKey(b) ? -1 : 1));
  return matches.length === 1 ? { pod: matches[0]!, matches } : { matches };
}

export function podByIP(topology: Topology, ip: string): Pod | undefined {
  return topologyIndex(topology).byIP.get(ip.trim());
}

export function podsInNamespace(topology: Topology, namespace: string): readonly Pod[] {
  return topologyIndex(topology).byNamespace.get(namespace) ?? [];
}

/** Per namespace: `key\0value` → the namespace's pods with that label, in index order. */
const LABEL_INDEXES: Derived<Map<string, Map<string, Pod[]>>> = { derive: () => new Map() };

/**
 * The pods of `namespace` whose selector matchLabels could hold: those carrying the rarest of its
 * pairs, in podsInNamespace's order (a selector with no matchLabels gets every pod of the
 * namespace). Filtering them with selectorMatches gives what filtering all the namespace's pods
 * gives. A namespace's label index is built the first time it is asked for.
 */
export function selectorCandidates(
  topology: Topology,
  namespace: string,
  selector: LabelSelector,
): readonly Pod[] {
  let best: readonly Pod[] | undefined;
  for (const key in selector.matchLabels) {
    const pods = labelIndexOf(topology, namespace).get(`${key}\u0000${selector.matchLabels[key]}`) ?? [];
    if (!best || pods.length < best.length) best = pods;
  }
  return best ?? podsInNamespace(topology, namespace);
}

/** Whether some pod of `namespace` has the label `key=value`. */
export function someLabelled(topology: Topology, namespace: string, key: string, value: string): boolean {
  return labelIndexOf(topology, namespace).has(`${key}\u0000${value}`);
}

function labelIndexOf(topology: Topology, namespace: string): Map<string, Pod[]> {
  const byNamespace = snapshotOf(topology).derived(LABEL_INDEXES);
  let index = byNamespace.get(namespace);
  if (!index) {
    index = new Map();
    for (const pod of podsInNamespace(topology, namespace))
      for (const key in pod.labels)
        if (hasLabel(pod.labels, key)) pushTo(index, `${key}\u0000${pod.labels[key]}`, pod);
    byNamespace.set(namespace, index);
  }
  return index;
}

export function policiesInNamespace(topology: Topology, namespace: string): readonly NetworkPolicy[] {
  return topologyIndex(topology).policiesByNamespace.get(namespace) ?? [];
}
