// NetworkPolicy semantics (DESIGN.md "Semantics", as the upstream e2e suite checks them): whether a
// connection is allowed, which policies isolate each side and which rule allowed it, in sentences.
import { peerMatches } from './matching';
import type {
  ContainerPort,
  NetworkPolicy,
  Pod,
  PolicyPort,
  PolicyRule,
  PolicyType,
  Topology,
} from './model';
import { podKey } from './model';
import { selectorMatches } from './selectors';
import { podByIP, policiesInNamespace } from './topology';
import type { Direction, Protocol } from './types';

export { ipBlockMatches, matchPeer, matchPodSelector, peerMatches, podsSelectedBy } from './matching';

export interface DirectionVerdict {
  direction: Direction;
  /** `ns/name` of the pod this direction is enforced at (source for egress, destination for ingress). */
  pod: string;
  isolated: boolean;
  isolatingPolicies: NetworkPolicy[];
  allowedBy: { policy: NetworkPolicy; ruleIndex: number }[];
  allowed: boolean;
}

export interface ConnectionVerdict {
  allowed: boolean;
  /** Traffic from a pod to itself: never subject to policy. */
  self: boolean;
  /** null when the source is not a pod. */
  egress: DirectionVerdict | null;
  /** null when the destination is not a pod. */
  ingress: DirectionVerdict | null;
  explanation: string[];
}

/** One end of a connection: a pod, or an address outside the workspace's pods. */
interface Endpoint {
  pod?: Pod;
  ip: string;
  label: string;
}

function endpointOf(topology: Topology, e: Pod | string): Endpoint {
  if (typeof e !== 'string') return { pod: e, ip: e.ip, label: podKey(e) };
  const pod = podByIP(topology, e);
  return pod ? { pod, ip: pod.ip, label: podKey(pod) } : { ip: e.trim(), label: e.trim() };
}

export function evaluateConnection(
  topology: Topology,
  src: Pod | string,
  dst: Pod | string,
  port: number,
  protocol: Protocol,
): ConnectionVerdict {
  const from = endpointOf(topology, src);
  const to = endpointOf(topology, dst);
  const service = `${protocol} ${port}`;
  const conn: Connection = { topology, from, to, port, protocol };
  const egress = from.pod ? directionVerdict(conn, 'egress', from.pod) : null;
  const ingress = to.pod ? directionVerdict(conn, 'ingress', to.pod) : null;
  const self = from.pod !== undefined && from.pod === to.pod;
  const allowed = self || ((egress?.allowed ?? true) && (ingress?.allowed ?? true));
  const explanation = [
    egress ? sentence(egress, to.label, service) : `${from.label} is not a pod: no egress policy applies.`,
    ingress ? sentence(ingress, from.label, service) : `${to.label} is not a pod: no ingress policy applies.`,
    conclusion(from.label, to.label, service, { allowed, self, egress, ingress }),
  ];
  return { allowed, self, egress, ingress, explanation };
}

interface Connection {
  topology: Topology;
  from: Endpoint;
  to: Endpoint;
  port: number;
  protocol: Protocol;
}

const TYPE_OF: Record<Direction, PolicyType> = { ingress: 'Ingress', egress: 'Egress' };

/** Policies in the pod's namespace that select it and list the direction's type. */
export function isolatingPolicies(topology: Topology, pod: Pod, direction: Direction): NetworkPolicy[] {
  const type = TYPE_OF[direction];
  return policiesInNamespace(topology, pod.namespace).filter(
    (p) => p.policyTypes.includes(type) && selectorMatches(p.podSelector, pod.labels),
  );
}

function directionVerdict(conn: Connection, direction: Direction, pod: Pod): DirectionVerdict {
  const isolating = isolatingPolicies(conn.topology, pod, direction);
  const peer = direction === 'egress' ? conn.to : conn.from;
  const allowedBy: DirectionVerdict['allowedBy'] = [];
  for (const policy of isolating) {
    const rules = direction === 'egress' ? policy.egress : policy.ingress;
    rules.forEach((rule, ruleIndex) => {
      if (ruleMatches(conn, policy.namespace, rule, peer)) allowedBy.push({ policy, ruleIndex });
    });
  }
  const isolated = isolating.length > 0;
  return {
    direction,
    pod: podKey(pod),
    isolated,
    isolatingPolicies: isolating,
    allowedBy,
    allowed: !isolated || allowedBy.length > 0,
  };
}

function ruleMatches(conn: Connection, policyNamespace: string, rule: PolicyRule, peer: Endpoint): boolean {
  const portOk =
    !rule.ports?.length || rule.ports.some((p) => portMatches(p, conn.port, conn.protocol, conn.to.pod));
  if (!portOk) return false;
  return !rule.peers?.length || rule.peers.some((p) => peerMatches(conn.topology, policyNamespace, p, peer));
}

/** Named ports resolve against the destination pod's container ports (for egress rules too). */
export function portMatches(p: PolicyPort, port: number, protocol: Protocol, dst: Pod | undefined): boolean {
  if (p.protocol !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'number') return portInRange(p, port);
  const name = p.port;
  return (
    dst?.ports.some((c) => c.name === name && c.protocol === protocol && c.containerPort === port) ?? false
  );
}

/** Whether a policy port's number, or its range up to `endPort`, includes `port` (false for a named port). */
export function portInRange(p: PolicyPort, port: number): boolean {
  if (typeof p.port !== 'number') return false;
  return p.endPort === undefined ? p.port === port : port >= p.port && port <= p.endPort;
}

/** Whether a policy port admits a pod's container port: same protocol; every port, its name, or its number (range). */
export function admitsContainerPort(p: PolicyPort, c: ContainerPort): boolean {
  if (p.protocol !== c.protocol) return false;
  if (p.port === undefined) return true;
  return typeof p.port === 'string' ? c.name === p.port : portInRange(p, c.containerPort);
}

function sentence(v: DirectionVerdict, peer: string, service: string): string {
  const policyNs = v.pod.split('/')[0];
  if (!v.isolated) {
    return `${v.pod} is not isolated for ${v.direction}: no policy in namespace ${policyNs} selects it with policyType ${TYPE_OF[v.direction]}.`;
  }
  const by = `${v.pod} is isolated for ${v.direction} by ${v.isolatingPolicies.map(podKey).join(', ')}`;
  if (!v.allowed) return `${by}; no ${v.direction} rule allows ${peer} on ${service}.`;
  const rules = v.allowedBy.map((a) => `${v.direction} rule ${a.ruleIndex + 1} of ${podKey(a.policy)}`);
  return `${by}; ${rules.join(' and ')} ${rules.length > 1 ? 'allow' : 'allows'} ${peer} on ${service}.`;
}

function conclusion(
  from: string,
  to: string,
  service: string,
  v: Pick<ConnectionVerdict, 'allowed' | 'self' | 'egress' | 'ingress'>,
): string {
  const conn = `${from} → ${to} on ${service}`;
  if (v.self) return `${conn} is allowed: NetworkPolicy never applies to traffic from a pod to itself.`;
  if (v.allowed) return `${conn} is allowed.`;
  const denied = [v.egress, v.ingress].filter((d): d is DirectionVerdict => d !== null && !d.allowed);
  const sides = denied.map(
    (d) => `${d.direction} of ${d.pod} (${d.isolatingPolicies.map(podKey).join(', ')})`,
  );
  return `${conn} is denied by the ${sides.join(' and by the ')}.`;
}
