// What the model says about a target (target.ts): the pods a selector or peer matches (or why none),
// the pods serving a port, how many pods or namespaces carry a label, the policy explained. Hover
// renders these; the selectors and ports come already described, in the engine's words.
import { describePort } from '../describe';
import type { PolicyExplanation } from '../explain';
import { explainPolicy } from '../explain';
import type { MatchResult } from '../matching';
import type { NetworkPolicy, Pod, Topology } from '../model';
import { matchPeer, matchPodSelector, podsSelectedBy } from '../reachability';
import { describeSelector } from '../selectors';
import { podsInNamespace } from '../topology';
import type { Direction } from '../types';
import type { Serving } from './ports';
import { podsServing } from './ports';
import type { Target } from './target';
import { carriesLabel } from './target';

export type TargetFacts =
  | { kind: 'policy'; explanation: PolicyExplanation }
  | { kind: 'podSelector'; selector: string; namespace: string; match: MatchResult }
  | {
      kind: 'peer';
      direction: Direction;
      namespaceSelector?: string;
      podSelector?: string;
      ipBlock?: { cidr: string; except: readonly string[] };
      /** The policy's namespace, where a peer without namespaceSelector or ipBlock looks. */
      namespace?: string;
      match: MatchResult;
    }
  | {
      kind: 'port';
      direction: Direction;
      port: string;
      /** The selected pods (ingress) or the rule's destinations (egress). */
      candidates: number;
      serving: Serving[];
    }
  | { kind: 'label'; of: 'namespace'; label: string; namespaces: string[] }
  | { kind: 'label'; of: 'pod'; label: string; namespace: string; inNamespace: number; inWorkspace: number };

export function factsOf(t: Target, topology: Topology): TargetFacts {
  switch (t.kind) {
    case 'policy':
      return { kind: 'policy', explanation: explainPolicy(t.policy, topology) };
    case 'podSelector':
      return {
        kind: 'podSelector',
        selector: describeSelector(t.policy.podSelector),
        namespace: t.policy.namespace,
        match: matchPodSelector(topology, t.policy.namespace, t.policy.podSelector),
      };
    case 'peer':
      return peerFacts(t, topology);
    case 'port':
      return portFacts(t, topology);
    case 'label':
      return labelFacts(t, topology);
  }
}

function peerFacts(t: Extract<Target, { kind: 'peer' }>, topology: Topology): TargetFacts {
  const { peer, policy } = t;
  const facts: Extract<TargetFacts, { kind: 'peer' }> = {
    kind: 'peer',
    direction: t.direction,
    match: matchPeer(topology, policy.namespace, peer),
  };
  if (peer.namespaceSelector) facts.namespaceSelector = describeSelector(peer.namespaceSelector);
  if (peer.podSelector) facts.podSelector = describeSelector(peer.podSelector);
  if (peer.ipBlock) facts.ipBlock = { cidr: peer.ipBlock.cidr, except: peer.ipBlock.except };
  if (!peer.namespaceSelector && !peer.ipBlock) facts.namespace = policy.namespace;
  return facts;
}

function portFacts(t: Extract<Target, { kind: 'port' }>, topology: Topology): TargetFacts {
  const candidates = [
    ...new Set(t.direction === 'ingress' ? podsSelectedBy(topology, t.policy) : destinations(topology, t)),
  ];
  return {
    kind: 'port',
    direction: t.direction,
    port: describePort(t.port),
    candidates: candidates.length,
    serving: podsServing(candidates, t.port),
  };
}

/** The pods an egress rule lets the selected pods reach: its peers' pods, or every pod without peers. */
function destinations(topology: Topology, t: Extract<Target, { kind: 'port' }>): readonly Pod[] {
  if (!t.rule.peers?.length) return topology.pods;
  return t.rule.peers.flatMap((p) => matchPeer(topology, t.policy.namespace, p).pods);
}

function labelFacts(t: Extract<Target, { kind: 'label' }>, topology: Topology): TargetFacts {
  const label = t.value === undefined ? t.key : `${t.key}=${t.value === '' ? '""' : t.value}`;
  if (t.of === 'namespace') {
    const namespaces = [...topology.namespaces.values()].filter((n) => carriesLabel(t, n.labels));
    return { kind: 'label', of: 'namespace', label, namespaces: namespaces.map((n) => n.name) };
  }
  return {
    kind: 'label',
    of: 'pod',
    label,
    namespace: t.namespace,
    inNamespace: podsInNamespace(topology, t.namespace).filter((p) => carriesLabel(t, p.labels)).length,
    inWorkspace: topology.pods.filter((p) => carriesLabel(t, p.labels)).length,
  };
}

/** For the CodeLens above a policy: how many pods it selects and admits per isolated direction. */
export interface PolicyCounts {
  selects: number;
  /** Per direction the policy isolates: "any" (a rule without peers), "none" (no rule), or the pods. */
  ingress?: PeerCount;
  egress?: PeerCount;
}

export type PeerCount = 'any' | 'none' | { pods: number; ipBlocks: boolean };

export function policyCounts(topology: Topology, policy: NetworkPolicy): PolicyCounts {
  const counts: PolicyCounts = { selects: podsSelectedBy(topology, policy).length };
  if (policy.policyTypes.includes('Ingress')) counts.ingress = peerCount(topology, policy, 'ingress');
  if (policy.policyTypes.includes('Egress')) counts.egress = peerCount(topology, policy, 'egress');
  return counts;
}

function peerCount(topology: Topology, policy: NetworkPolicy, direction: Direction): PeerCount {
  const rules = direction === 'ingress' ? policy.ingress : policy.egress;
  if (!rules.length) return 'none';
  if (rules.some((r) => !r.peers?.length)) return 'any';
  const peers = rules.flatMap((r) => r.peers ?? []);
  const pods = new Set(peers.flatMap((p) => matchPeer(topology, policy.namespace, p).pods));
  return { pods: pods.size, ipBlocks: peers.some((p) => p.ipBlock) };
}
