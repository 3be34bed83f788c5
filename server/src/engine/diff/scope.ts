// Which connections a change can affect at all. When the cluster (pods, their labels, IPs and ports,
// namespaces and their labels) is the same in both revisions, only policies differ, and a verdict can
// change only where a changed policy (its base or its head version) isolates the enforcing pod: the
// destination for ingress, the source for egress. Everything else keeps its verdict and is not
// evaluated. When the cluster differs, the scope is everything.
import type { LabelSelector, NetworkPolicy, PolicyRule, Topology } from '../model';
import { podKey } from '../model';
import { selectorMatches } from '../selectors';
import { clusterOf } from '../topology';
import type { CommonPods } from './compute';

/** Per common pod (by index): 1 when a changed policy selects it for that direction. */
export interface Scope {
  ingress: Uint8Array;
  egress: Uint8Array;
}

export function changeScope(base: Topology, head: Topology, pods: CommonPods): Scope | undefined {
  if (!sameCluster(base, head, pods)) return undefined;
  const n = pods.keys.length;
  const scope: Scope = { ingress: new Uint8Array(n), egress: new Uint8Array(n) };
  for (const policy of changedPolicies(base, head)) {
    const ingress = policy.policyTypes.includes('Ingress');
    const egress = policy.policyTypes.includes('Egress');
    pods.head.forEach((pod, i) => {
      if (pod.namespace !== policy.namespace || !selectorMatches(policy.podSelector, pod.labels)) return;
      if (ingress) scope.ingress[i] = 1;
      if (egress) scope.egress[i] = 1;
    });
  }
  return scope;
}

function sameCluster(base: Topology, head: Topology, pods: CommonPods): boolean {
  if (clusterOf(base) === clusterOf(head)) return true;
  if (base.pods.length !== pods.keys.length || head.pods.length !== pods.keys.length) return false;
  const samePods = pods.base.every((b, i) => {
    const h = pods.head[i]!;
    return b.ip === h.ip && same(b.labels, h.labels) && same(b.ports, h.ports);
  });
  if (!samePods || base.namespaces.size !== head.namespaces.size) return false;
  for (const [name, ns] of base.namespaces)
    if (!same(ns.labels, head.namespaces.get(name)?.labels)) return false;
  return true;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The versions (base and head) of every policy added, removed or edited, by namespace/name. */
function changedPolicies(base: Topology, head: Topology): NetworkPolicy[] {
  const before = new Map(base.policies.map((p) => [podKey(p), p]));
  const after = new Map(head.policies.map((p) => [podKey(p), p]));
  const changed: NetworkPolicy[] = [];
  for (const [key, p] of before) {
    const q = after.get(key);
    if (!q || (p !== q && contentOf(p) !== contentOf(q))) changed.push(p, ...(q ? [q] : []));
  }
  for (const [key, q] of after) if (!before.has(key)) changed.push(q);
  return changed;
}

/** Policies of the head that are new or whose meaning differs from the base's version. */
export function editedPolicies(base: Topology, head: Topology): NetworkPolicy[] {
  const before = new Map(base.policies.map((p) => [podKey(p), p]));
  return head.policies.filter((q) => {
    const p = before.get(podKey(q));
    return !p || (p !== q && contentOf(p) !== contentOf(q));
  });
}

/** What a policy means, without where it was written. */
function contentOf(p: NetworkPolicy): string {
  return JSON.stringify([selector(p.podSelector), p.policyTypes, p.ingress.map(rule), p.egress.map(rule)]);
}

const selector = (s: LabelSelector | undefined) => s && [s.matchLabels, s.matchExpressions];

const rule = (r: PolicyRule) => [
  r.peers?.map((peer) => [
    selector(peer.podSelector),
    selector(peer.namespaceSelector),
    peer.ipBlock && [peer.ipBlock.cidr, peer.ipBlock.except],
  ]),
  r.ports?.map((port) => [port.protocol, port.port, port.endPort]),
];
