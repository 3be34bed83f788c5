// The cluster model built from the workspace's Kubernetes objects (DESIGN.md "Topology"): namespaces
// with their automatic label, nodes, pods (declared and synthesised from workloads) with nodes and
// IPs, the NetworkPolicies, and flannel's configuration. Same input, same output; linear in size.
import { dataplaneOf } from './cluster/flannel';
import { nodesOf } from './cluster/nodes';
import { latestObjects } from './cluster/objects';
import { placePods } from './cluster/placement';
import { daemonPod, labelsOf, PodNamer, podSeedsOf } from './cluster/workloads';
import type { PodSeed } from './cluster/workloads';
import type { ManifestObject } from './documents';
import { parseCidr } from './ipv4';
import type { Namespace, NetworkPolicy, Pod, SourceRef, Topology } from './model';
import { podKey } from './model';
import { policyFromObject } from './policies';
import { selectorMatches } from './selectors';
import { nodeAtPath } from './yamlTree';

export interface TopologyOptions {
  enforcement: boolean;
  nodeCount: number;
}

/** The label the API server puts on every namespace. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Facts kept beside a topology for the lints: every definition of a policy defined more than once. */
const policyDuplicates = new WeakMap<Topology, ReadonlyMap<string, readonly SourceRef[]>>();

export function buildTopology(objects: readonly ManifestObject[], options: TopologyOptions): Topology {
  const { objects: latest, duplicates } = latestObjects(objects);
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
  const pods = placePods(seeds, nodes);
  const policies = latest.flatMap((o) => policyFromObject(o) ?? []);
  const topology: Topology = {
    namespaces: namespacesOf(latest, seeds, policies),
    nodes,
    pods,
    policies,
    dataplane,
  };
  policyDuplicates.set(topology, policySources(duplicates));
  return topology;
}

function namespacesOf(
  objects: readonly ManifestObject[],
  seeds: readonly PodSeed[],
  policies: readonly NetworkPolicy[],
): Map<string, Namespace> {
  const found = new Map<string, Namespace>();
  for (const obj of objects) {
    if (obj.kind !== 'Namespace' || !obj.name) continue;
    const labels = {
      ...labelsOf(nodeAtPath(obj.node, ['metadata', 'labels'])),
      [NAMESPACE_NAME_LABEL]: obj.name,
    };
    const source = { file: obj.file, span: { start: obj.node.start, end: obj.node.end } };
    found.set(obj.name, { name: obj.name, labels, declared: true, source });
  }
  const referenced = [...seeds.map((s) => s.namespace), ...policies.map((p) => p.namespace)];
  for (const name of referenced) {
    if (!found.has(name))
      found.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name }, declared: false });
  }
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function policySources(duplicates: Map<string, ManifestObject[]>): Map<string, SourceRef[]> {
  const out = new Map<string, SourceRef[]>();
  for (const [key, defs] of duplicates) {
    if (!key.startsWith('NetworkPolicy/')) continue;
    const [, ns, name] = key.split('/');
    out.set(
      `${ns}/${name}`,
      defs.map((o) => {
        const at = nodeAtPath(o.node, ['metadata', 'name']) ?? o.node;
        return { file: o.file, span: { start: at.start, end: at.end } };
      }),
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
  return policyDuplicates.get(topology)?.get(podKey(policy)) ?? [];
}

/** Lookups over a topology, built once per topology on first use. */
export interface TopologyIndex {
  byKey: ReadonlyMap<string, Pod>;
  byName: ReadonlyMap<string, readonly Pod[]>;
  byIP: ReadonlyMap<string, Pod>;
  byNamespace: ReadonlyMap<string, readonly Pod[]>;
  policiesByNamespace: ReadonlyMap<string, readonly NetworkPolicy[]>;
}

const indexes = new WeakMap<Topology, TopologyIndex>();

export function topologyIndex(topology: Topology): TopologyIndex {
  let index = indexes.get(topology);
  if (!index) {
    index = buildIndex(topology);
    indexes.set(topology, index);
  }
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildIndex(topology: Topology): TopologyIndex {
  const byKey = new Map<string, Pod>();
  const byName = new Map<string, Pod[]>();
  const byIP = new Map<string, Pod>();
  const byNamespace = new Map<string, Pod[]>();
  for (const pod of topology.pods) {
    byKey.set(podKey(pod), pod);
    push(byName, pod.name, pod);
    push(byNamespace, pod.namespace, pod);
    if (pod.ip && !byIP.has(pod.ip)) byIP.set(pod.ip, pod);
  }
  const policiesByNamespace = new Map<string, NetworkPolicy[]>();
  for (const policy of topology.policies) push(policiesByNamespace, policy.namespace, policy);
  return { byKey, byName, byIP, byNamespace, policiesByNamespace };
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

export function policiesInNamespace(topology: Topology, namespace: string): readonly NetworkPolicy[] {
  return topologyIndex(topology).policiesByNamespace.get(namespace) ?? [];
}
