// On a policy drop, the rule that came closest to allowing the connection and what differs from it
// (the peer, the protocol, the port): "no egress rule allows TCP 8080 to shop/api; closest:
// storefront/web egress rule 1, which allows TCP 80 to pods app=api in namespace shop (the port
// differs)". Only rules of the policies that isolate the pod in that direction are candidates: any
// other policy cannot allow the connection whatever it says.
import { describePeer, describePort } from './describe';
import { namespaceLabels, peerMatches } from './matching';
import type { NetworkPolicy, Pod, PolicyPort, PolicyRule, Topology } from './model';
import { podKey } from './model';
import { portInRange, portMatches } from './reachability';
import { isEmptySelector, selectorMatches } from './selectors';
import type { Direction, Protocol } from './types';

export type Difference = 'peer' | 'protocol' | 'port';

export interface NearMiss {
  /** `ns/name` of the policy holding the rule. */
  policy: string;
  direction: Direction;
  /** 1-based, as the explanations count rules. */
  rule: number;
  /** What keeps the rule from allowing the connection, most significant first. */
  differs: Difference[];
  explanation: string;
}

/** The denied connection, seen from the pod where the direction is enforced. */
export interface DeniedConnection {
  direction: Direction;
  /** The pod enforcing the direction (source for egress, destination for ingress). */
  pod: string;
  /** The other end: a pod, or an address. */
  peer: { pod?: Pod; ip: string; label: string };
  /** The destination pod, against which named ports resolve (for egress too). */
  destination: Pod | undefined;
  port: number;
  protocol: Protocol;
}

/**
 * Ranking: a rule is as far from allowing as the weight of what differs. The peer weighs most (a rule
 * for other pods was written for another conversation), less when one of its peers at least reaches
 * the right namespace (other pods there); then the protocol (the right peer and port number, but UDP
 * for TCP); then the port (the right peer on another port: most often the rule meant here with a port
 * missing). So "peer matches, port differs" beats "port matches, peer differs", and a rule differing
 * in one thing beats one differing in the same plus more. Ties go to rules of policies written for
 * some pods (a non-empty podSelector: the app's own policy) before namespace-wide ones such as
 * allow-DNS, then to the isolating list's order (namespace/name), then to rule order.
 */
const WEIGHT: Readonly<Record<Difference, number>> = { peer: 4, protocol: 2, port: 1 };
const PEER_IN_NAMESPACE = 3.5;
const NAMESPACE_WIDE = 0.25;

export function nearMiss(
  topology: Topology,
  isolating: readonly NetworkPolicy[],
  c: DeniedConnection,
): NearMiss | null {
  let best: { policy: NetworkPolicy; index: number; differs: Difference[]; score: number } | undefined;
  for (const policy of isolating) {
    const rules = c.direction === 'egress' ? policy.egress : policy.ingress;
    const wide = isEmptySelector(policy.podSelector) ? NAMESPACE_WIDE : 0;
    rules.forEach((rule, index) => {
      const differs = differences(topology, policy.namespace, rule, c);
      const peer = differs.includes('peer') && namespaceReached(topology, policy.namespace, rule, c);
      const score = differs.reduce(
        (sum, d) => sum + (peer && d === 'peer' ? PEER_IN_NAMESPACE : WEIGHT[d]),
        wide,
      );
      if (differs.length && (!best || score < best.score)) best = { policy, index, differs, score };
    });
  }
  if (!best) return null;
  const { policy, index, differs } = best;
  const rule = (c.direction === 'egress' ? policy.egress : policy.ingress)[index]!;
  const name = podKey(policy);
  const way = c.direction === 'egress' ? 'to' : 'from';
  const asked = `${c.protocol} ${c.port} ${way} ${c.peer.label}`;
  const allows = `${portsPhrase(rule.ports)} ${way} ${peersPhrase(rule, policy.namespace)}`;
  return {
    policy: name,
    direction: c.direction,
    rule: index + 1,
    differs,
    explanation:
      `no ${c.direction} rule allows ${asked}; closest: ${name} ${c.direction} rule ${index + 1}, ` +
      `which allows ${allows} (the ${differs.join(' and the ')} ${differs.length > 1 ? 'differ' : 'differs'})`,
  };
}

function differences(
  topology: Topology,
  namespace: string,
  rule: PolicyRule,
  c: DeniedConnection,
): Difference[] {
  const out: Difference[] = [];
  if (rule.peers?.length && !rule.peers.some((p) => peerMatches(topology, namespace, p, c.peer)))
    out.push('peer');
  const ports = rule.ports ?? [];
  if (!ports.length || ports.some((p) => portMatches(p, c.port, c.protocol, c.destination))) return out;
  const sameProtocol = ports.some((p) => p.protocol === c.protocol);
  if (!sameProtocol) out.push('protocol');
  if (sameProtocol || !ports.some((p) => numberMatches(p, c.port, c.destination))) out.push('port');
  return out;
}

/** Some pod peer of the rule reaches the other end's namespace (its pod selector does not match). */
function namespaceReached(
  topology: Topology,
  namespace: string,
  rule: PolicyRule,
  c: DeniedConnection,
): boolean {
  const pod = c.peer.pod;
  if (!pod) return false;
  return (rule.peers ?? []).some((p) => {
    if (p.ipBlock || (!p.podSelector && !p.namespaceSelector)) return false;
    return p.namespaceSelector
      ? selectorMatches(p.namespaceSelector, namespaceLabels(topology, pod.namespace))
      : pod.namespace === namespace;
  });
}

/** The port number fits, whatever the protocol (a named port resolves on the destination). */
function numberMatches(p: PolicyPort, port: number, destination: Pod | undefined): boolean {
  if (p.port === undefined) return true;
  if (typeof p.port === 'number') return portInRange(p, port);
  return destination?.ports.some((c) => c.name === p.port && c.containerPort === port) ?? false;
}

function portsPhrase(ports: readonly PolicyPort[] | undefined): string {
  return ports?.length ? ports.map(describePort).join(' or ') : 'every port';
}

function peersPhrase(rule: PolicyRule, namespace: string): string {
  return rule.peers?.length ? rule.peers.map((p) => describePeer(p, namespace)).join(' or ') : 'every peer';
}
