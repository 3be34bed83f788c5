// Peer helpers shared by the peer lints.
import { NAMESPACE_NAME_LABEL, podsInNamespace } from '../topology';
import type {
  LabelSelectorRequirement,
  Labels,
  Namespace,
  NetworkPolicy,
  Peer,
  PolicyRule,
  Topology,
} from '../model';
import { closest } from '../validate/suggest';
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

/** Per policy, its peers: five lints go through them. */
const peersByPolicy = new WeakMap<NetworkPolicy, readonly PeerAt[]>();

/** The policy's peers, ingress rules first, in the order written. */
export function eachPeer(policy: NetworkPolicy): readonly PeerAt[] {
  let peers = peersByPolicy.get(policy);
  if (!peers) peersByPolicy.set(policy, (peers = peersOf(policy)));
  return peers;
}

function peersOf(policy: NetworkPolicy): PeerAt[] {
  const out: PeerAt[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    rules.forEach((rule, ruleIndex) => {
      for (const peer of rule.peers ?? []) out.push({ peer, rule, ruleIndex, direction });
    });
  }
  return out;
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
  return names.every((n) => podsInNamespace(topology, n).length === 0);
}

/**
 * The namespace the selector was most likely meant for, when one is really close: every requirement
 * it fails is a near miss (the key, or an In value, within a couple of edits or a case change of the
 * namespace's own label, as "Did you mean" finds it), and it fails the fewest. Ties: the first by name.
 * A namespace that differs in earnest (env=prod against env=staging) is no suggestion.
 */
export function closestNamespace(topology: Topology, peer: Peer): Namespace | undefined {
  const reqs = peer.namespaceSelector ? requirementsOf(peer.namespaceSelector) : [];
  let best: Namespace | undefined;
  let bestMisses = Infinity;
  for (const ns of topology.namespaces.values()) {
    let misses = 0;
    for (const r of reqs) {
      if (selectorMatches({ matchLabels: {}, matchExpressions: [r] }, ns.labels)) continue;
      if (!nearMiss(r, ns.labels)) {
        misses = Infinity;
        break;
      }
      misses++;
    }
    if (misses > 0 && misses < bestMisses) {
      best = ns;
      bestMisses = misses;
    }
  }
  return best;
}

/** A failed requirement that a typo explains: a close key (Exists, In), and for In a close value. */
function nearMiss(r: LabelSelectorRequirement, labels: Labels): boolean {
  if (r.operator !== 'In' && r.operator !== 'Exists') return false;
  const key = Object.hasOwn(labels, r.key) ? r.key : near(r.key, Object.keys(labels));
  if (key === undefined) return false;
  if (r.operator === 'Exists') return true;
  const value = labels[key]!;
  return r.values.some((v) => v === value || near(v, [value]) !== undefined);
}

/** Words shorter than this are close only in another case: one edit turns `a` into any other letter. */
const MIN_FUZZY_LENGTH = 4;

function near(word: string, candidates: readonly string[]): string | undefined {
  if (word.length < MIN_FUZZY_LENGTH) return candidates.find((c) => c.toLowerCase() === word.toLowerCase());
  return closest(word, candidates);
}
