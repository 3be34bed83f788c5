// The policy verdicts a trace shows: egress at the source's veth, ingress at the destination node
// before the destination veth. The decision itself is reachability.ts's; this module turns it into
// PolicyChecks and, when a direction denies, the drop (enforced) or the drop that would have been.
import { podKey } from '../model';
import { nearMiss } from '../nearMiss';
import { evaluateConnection } from '../reachability';
import type { ConnectionVerdict, DirectionVerdict } from '../reachability';
import type { Topology } from '../model';
import type { NearMiss } from '../nearMiss';
import type { Direction, Protocol } from '../types';
import type { PodNet } from './network';
import type { Destination } from './resolve';
import type { PolicyCheck, TraceDrop } from './types';

export interface PolicyOutcome {
  egress: PolicyCheck | null;
  ingress: PolicyCheck | null;
  /** The drop a policy engine makes (enforcement on), else null. */
  drop: TraceDrop | null;
  /** With enforcement off: the drop a policy engine would have made. */
  wouldDrop: TraceDrop | null;
}

const NO_POLICY: PolicyOutcome = { egress: null, ingress: null, drop: null, wouldDrop: null };

export function evaluatePolicies(
  topology: Topology,
  src: PodNet | { key: string; ip: string },
  dst: Destination,
  port: number,
  protocol: Protocol,
): PolicyOutcome {
  if (dst.kind === 'self') return NO_POLICY;
  const enforced = topology.dataplane.enforcement;
  const target = dst.kind === 'pod' ? dst.pod.pod : dst.ip;
  // A client outside the cluster is only an address: no egress policy, ingress by ipBlock.
  const from = 'pod' in src ? src.pod : src.ip;
  const verdict = evaluateConnection(topology, from, target, port, protocol);
  const service = `${protocol} ${port}`;
  const egress = verdict.egress && policyCheck(verdict.egress, src.key, describe(dst), service, enforced);
  const ingress =
    dst.kind === 'pod' && verdict.ingress
      ? policyCheck(verdict.ingress, dst.pod.key, src.key, service, enforced)
      : null;
  const denied = [egress, ingress].find((c): c is PolicyCheck => c !== null && !c.allowed);
  const drop: TraceDrop | null = denied
    ? {
        direction: denied.direction,
        pod: denied.pod,
        policies: denied.isolatingPolicies,
        reason: 'policy',
        stage: 'connection',
        explanation: [...verdict.explanation],
        nearMiss: closestRule(topology, verdict, src, dst, denied.direction, port, protocol),
      }
    : null;
  return { egress, ingress, drop: enforced ? drop : null, wouldDrop: enforced ? null : drop };
}

/** The rule that came closest to allowing the denied direction (nearMiss.ts ranks them). */
function closestRule(
  topology: Topology,
  verdict: ConnectionVerdict,
  src: PodNet | { key: string; ip: string },
  dst: Exclude<Destination, { kind: 'self' }>,
  direction: Direction,
  port: number,
  protocol: Protocol,
): NearMiss | null {
  const side = direction === 'egress' ? verdict.egress : verdict.ingress;
  const destination = dst.kind === 'pod' ? dst.pod.pod : undefined;
  const peer =
    direction === 'egress'
      ? { ...(destination ? { pod: destination } : {}), ip: dst.ip, label: describe(dst) }
      : { ...('pod' in src ? { pod: src.pod } : {}), ip: src.ip, label: src.key };
  if (!side) return null;
  return nearMiss(topology, side.isolatingPolicies, {
    direction,
    pod: side.pod,
    peer,
    destination,
    port,
    protocol,
  });
}

/** How a hop reports a check: dropped or allowed, and whether anything enforced it. */
export function checkOutcome(allowed: boolean, enforced: boolean): string {
  if (enforced) return allowed ? 'allowed' : 'dropped';
  return allowed
    ? 'allowed (not enforced by plain flannel)'
    : 'a policy engine would drop it; plain flannel lets it pass';
}

function describe(dst: Exclude<Destination, { kind: 'self' }>): string {
  return dst.kind === 'pod' ? dst.pod.key : dst.ip;
}

function policyCheck(
  v: DirectionVerdict,
  pod: string,
  peer: string,
  service: string,
  enforced: boolean,
): PolicyCheck {
  const isolating = v.isolatingPolicies.map(podKey);
  const allowedBy = [...new Set(v.allowedBy.map((a) => podKey(a.policy)))];
  return {
    direction: v.direction,
    pod,
    allowed: v.allowed,
    isolatingPolicies: isolating,
    allowedBy,
    explanation: [checkSentence(v, pod, peer, service, isolating), ...enforcementNote(v.allowed, enforced)],
    enforced,
  };
}

function checkSentence(
  v: DirectionVerdict,
  pod: string,
  peer: string,
  service: string,
  isolating: string[],
): string {
  const way = v.direction === 'egress' ? `to ${peer}` : `from ${peer}`;
  if (!v.isolated)
    return `${pod} is not isolated for ${v.direction}: no policy selects it for ${v.direction}, so traffic ${way} is allowed`;
  const by = `${pod} is isolated for ${v.direction} by ${isolating.join(', ')}`;
  if (!v.allowed) return `${by}, and none of their ${v.direction} rules allows ${service} ${way}`;
  const rules = v.allowedBy.map((a) => `${podKey(a.policy)} ${v.direction} rule ${a.ruleIndex + 1}`);
  return `${by}; ${service} ${way} is allowed by ${rules.join(', ')}`;
}

function enforcementNote(allowed: boolean, enforced: boolean): string[] {
  if (enforced) return [];
  return [
    allowed
      ? 'not enforced: plain flannel implements no NetworkPolicy'
      : 'not enforced: plain flannel implements no NetworkPolicy, so the packet goes on; a policy engine would drop it here',
  ];
}
