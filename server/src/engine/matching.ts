// Which pods a policy's selectors and peers match in a topology, and, when none, why not ("no
// namespace has label env=prod"). Used by reachability, hover, CodeLens and the lints.
import { cidrContains, parseCidr, parseIPv4 } from './ipv4';
import type {
  LabelSelector,
  LabelSelectorRequirement,
  Labels,
  NetworkPolicy,
  Peer,
  Pod,
  Topology,
} from './model';
import {
  describeRequirement,
  describeSelector,
  requirementMatches,
  requirementsOf,
  selectorMatches,
} from './selectors';
import { NAMESPACE_NAME_LABEL, podsInNamespace, selectorCandidates, someLabelled } from './topology';

export interface MatchResult {
  pods: Pod[];
  /** Why `pods` is empty, in words; absent when something matched. */
  reason?: string;
}

/** A namespace's labels; a namespace the workspace never mentions still has its automatic label. */
export function namespaceLabels(topology: Topology, namespace: string): Labels {
  return topology.namespaces.get(namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: namespace };
}

/** `cidr` minus every `except`; addresses that do not parse (IPv6, typos) match nothing. */
export function ipBlockMatches(block: { cidr: string; except: readonly string[] }, ipText: string): boolean {
  const ip = parseIPv4(ipText);
  const cidr = parseCidr(block.cidr);
  if (ip === undefined || !cidr || !cidrContains(cidr, ip)) return false;
  return !block.except.some((x) => {
    const c = parseCidr(x);
    return c !== undefined && cidrContains(c, ip);
  });
}

/** Whether a peer of a policy in `policyNamespace` matches a pod or an address. */
export function peerMatches(
  topology: Topology,
  policyNamespace: string,
  peer: Peer,
  e: { pod?: Pod | undefined; ip: string },
): boolean {
  if (peer.ipBlock) return ipBlockMatches(peer.ipBlock, e.ip);
  if (!e.pod || (!peer.podSelector && !peer.namespaceSelector)) return false;
  if (peer.namespaceSelector) {
    if (!selectorMatches(peer.namespaceSelector, namespaceLabels(topology, e.pod.namespace))) return false;
  } else if (e.pod.namespace !== policyNamespace) return false;
  return !peer.podSelector || selectorMatches(peer.podSelector, e.pod.labels);
}

export function matchPodSelector(
  topology: Topology,
  namespace: string,
  selector: LabelSelector,
): MatchResult {
  const pods = podsMatching(topology, namespace, selector);
  if (pods.length) return { pods };
  const candidates = podsInNamespace(topology, namespace);
  if (!candidates.length) return { pods, reason: `namespace ${namespace} has no pods` };
  return {
    pods,
    reason: whyNoMatch('pod', `in namespace ${namespace}`, candidates, selector, (req) =>
      podsMeet(topology, [namespace], req),
    ),
  };
}

/** The pods a policy selects (matchPodSelector's pods, without the reason when there are none). */
export function podsSelectedBy(topology: Topology, policy: NetworkPolicy): Pod[] {
  return podsMatching(topology, policy.namespace, policy.podSelector);
}

function podsMatching(topology: Topology, namespace: string, selector: LabelSelector): Pod[] {
  return selectorCandidates(topology, namespace, selector).filter((p) => selectorMatches(selector, p.labels));
}

/**
 * Whether some pod of `namespaces` meets the requirement: `In` (every matchLabels pair) is asked of
 * the namespaces' label indexes, the other operators of their pods.
 */
function podsMeet(topology: Topology, namespaces: readonly string[], req: LabelSelectorRequirement): boolean {
  if (req.operator === 'In')
    return namespaces.some((n) => req.values.some((v) => someLabelled(topology, n, req.key, v)));
  return namespaces.some((n) => podsInNamespace(topology, n).some((p) => requirementMatches(req, p.labels)));
}

export function matchPeer(topology: Topology, policyNamespace: string, peer: Peer): MatchResult {
  if (peer.ipBlock) return matchIPBlock(topology, peer.ipBlock);
  if (!peer.namespaceSelector && !peer.podSelector) {
    return { pods: [], reason: 'the peer has no podSelector, namespaceSelector or ipBlock' };
  }
  if (!peer.namespaceSelector) return matchPodSelector(topology, policyNamespace, peer.podSelector!);
  const namespaces = [...topology.namespaces.values()];
  const chosen = namespaces.filter((n) => selectorMatches(peer.namespaceSelector!, n.labels));
  if (!chosen.length) {
    return {
      pods: [],
      reason: whyNoMatch('namespace', '', namespaces, peer.namespaceSelector),
    };
  }
  const candidates = chosen.flatMap((n) => podsInNamespace(topology, n.name));
  const where = describeNamespaces(chosen.map((n) => n.name));
  if (!candidates.length)
    return { pods: [], reason: `${where} ${chosen.length > 1 ? 'have' : 'has'} no pods` };
  const podSelector = peer.podSelector;
  if (!podSelector) return { pods: [...candidates] };
  const pods = chosen.flatMap((n) => podsMatching(topology, n.name, podSelector));
  if (pods.length) return { pods };
  const names = chosen.map((n) => n.name);
  return {
    pods,
    reason: whyNoMatch('pod', `in ${where}`, candidates, podSelector, (req) =>
      podsMeet(topology, names, req),
    ),
  };
}

/**
 * Whether the peer matches some pod: matchPeer's question without building the list or the reason,
 * stopping at the first pod (the lints ask it of every peer of every policy on each edit).
 */
export function peerMatchesSomePod(topology: Topology, policyNamespace: string, peer: Peer): boolean {
  const block = peer.ipBlock;
  if (block)
    return parseCidr(block.cidr) !== undefined && topology.pods.some((p) => ipBlockMatches(block, p.ip));
  if (!peer.namespaceSelector && !peer.podSelector) return false;
  const podSelector = peer.podSelector;
  const holds = (p: Pod) => !podSelector || selectorMatches(podSelector, p.labels);
  const inNamespace = (namespace: string) =>
    (podSelector
      ? selectorCandidates(topology, namespace, podSelector)
      : podsInNamespace(topology, namespace)
    ).some(holds);
  if (!peer.namespaceSelector) return inNamespace(policyNamespace);
  for (const n of topology.namespaces.values()) {
    if (selectorMatches(peer.namespaceSelector, n.labels) && inNamespace(n.name)) return true;
  }
  return false;
}

function matchIPBlock(topology: Topology, block: { cidr: string; except: readonly string[] }): MatchResult {
  if (!parseCidr(block.cidr)) return { pods: [], reason: `${block.cidr || 'the cidr'} is not an IPv4 CIDR` };
  const pods = topology.pods.filter((p) => ipBlockMatches(block, p.ip));
  if (pods.length) return { pods };
  const except = block.except.length ? ` except ${block.except.join(', ')}` : '';
  return { pods, reason: `no pod IP is in ${block.cidr}${except}` };
}

/** `namespace a`, `namespaces a, b and c`, `4 namespaces (a, b, c, …)`. */
export function describeNamespaces(names: readonly string[]): string {
  if (names.length === 1) return `namespace ${names[0]}`;
  if (names.length <= 3) return `namespaces ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.length} namespaces (${names.slice(0, 3).join(', ')}, …)`;
}

/**
 * Why a selector matches none of the candidates: the first requirement no candidate meets, or,
 * when each is met by some candidate, that none meets them all.
 */
export function whyNoMatch(
  noun: 'pod' | 'namespace',
  where: string,
  candidates: readonly { labels: Labels }[],
  selector: LabelSelector,
  someMeets = (req: LabelSelectorRequirement) => candidates.some((c) => requirementMatches(req, c.labels)),
): string {
  const at = where ? ` ${where}` : '';
  for (const req of requirementsOf(selector)) {
    if (!someMeets(req)) return unmetRequirement(noun, at, req);
  }
  return `no ${noun}${at} matches all of ${describeSelector(selector)}`;
}

function unmetRequirement(noun: string, at: string, req: LabelSelectorRequirement): string {
  switch (req.operator) {
    case 'In':
      return `no ${noun}${at} has label ${describeRequirement(req)}`;
    case 'Exists':
      return `no ${noun}${at} has label ${req.key}`;
    case 'NotIn':
      return `every ${noun}${at} has label ${req.key} in (${req.values.join(', ')})`;
    case 'DoesNotExist':
      return `every ${noun}${at} has label ${req.key}`;
  }
}
