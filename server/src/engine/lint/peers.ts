// Peer helpers shared by the peer lints.
import { NAMESPACE_NAME_LABEL } from '../topology';
import type { Namespace, NetworkPolicy, Peer, PolicyRule, Topology } from '../model';
import { requirementsOf, selectorMatches } from '../selectors';
import type { Direction } from '../types';

/** Namespaces every cluster has; workspaces rarely describe their pods (kube-dns, …). */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
]);

export interface PeerAt {
  peer: Peer;
  rule: PolicyRule;
  ruleIndex: number;
  direction: Direction;
}

export function* eachPeer(policy: NetworkPolicy): Generator<PeerAt> {
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    for (const [ruleIndex, rule] of rules.entries()) {
      for (const peer of rule.peers ?? []) yield { peer, rule, ruleIndex, direction };
    }
  }
}

export function namespaceSelectorMatchesNone(topology: Topology, peer: Peer): boolean {
  const sel = peer.namespaceSelector;
  return sel !== undefined && ![...topology.namespaces.values()].some((n) => selectorMatches(sel, n.labels));
}

/**
 * A peer naming, by `kubernetes.io/metadata.name`, only system namespaces the workspace has no pods
 * in (the usual DNS rule to kube-system): the workspace simply does not describe them.
 */
export function targetsUnmodelledSystemNamespace(topology: Topology, peer: Peer): boolean {
  const sel = peer.namespaceSelector;
  if (!sel) return false;
  const names = requirementsOf(sel).find(
    (r) => r.key === NAMESPACE_NAME_LABEL && r.operator === 'In',
  )?.values;
  if (!names?.length || !names.every((n) => SYSTEM_NAMESPACES.has(n))) return false;
  return !topology.pods.some((p) => names.includes(p.namespace));
}

/** The namespace meeting the most requirements of a selector (ties: the first by name). */
export function closestNamespace(topology: Topology, peer: Peer): Namespace | undefined {
  const reqs = peer.namespaceSelector ? requirementsOf(peer.namespaceSelector) : [];
  let best: Namespace | undefined;
  let bestScore = -1;
  for (const ns of topology.namespaces.values()) {
    const score = reqs.reduce(
      (s, r) =>
        s +
        (selectorMatches({ matchLabels: {}, matchExpressions: [r] }, ns.labels)
          ? 2
          : Object.hasOwn(ns.labels, r.key)
            ? 1
            : 0),
      0,
    );
    if (score > bestScore) {
      best = ns;
      bestScore = score;
    }
  }
  return best;
}
