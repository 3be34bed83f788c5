// The verdict line of a trace: "Delivered", "Dropped by ns/a, ns/b" for policy drops (each policy a
// link to its YAML), or a plain sentence for drops that are not about policy. Pure.
import type { Trace, TraceDrop } from '../../../server/src/engine/dataplane/types';
import type { IntentRequest } from '../../../server/src/protocol/webview';

export interface Verdict {
  kind: 'delivered' | 'dropped';
  /** Text before the policy links ("Dropped by "), or the whole verdict when there are none. */
  lead: string;
  /** Policies responsible for a drop, in the trace's order. */
  policies: string[];
  /** The complete verdict as read aloud / as `textContent`. */
  text: string;
  /** A second sentence with the context (direction, enforcement). */
  note: string;
  /** On a drop: the rule that came closest to allowing it and what differs, when the trace says. */
  nearMiss?: string;
}

/**
 * `drop.nearMiss.explanation` (null or {policy, direction, rule, differs, explanation}), read
 * defensively: traces from an engine without the field, or with it null, have none.
 */
export function nearMissText(drop: TraceDrop | null): string | undefined {
  const near: unknown = drop ? (drop as { nearMiss?: unknown }).nearMiss : undefined;
  if (typeof near !== 'object' || near === null) return undefined;
  const text = (near as { explanation?: unknown }).explanation;
  return typeof text === 'string' && text.trim() ? text : undefined;
}

const withNearMiss = (v: Verdict, drop: TraceDrop): Verdict => {
  const nearMiss = nearMissText(drop);
  return nearMiss ? { ...v, nearMiss } : v;
};

function dropNote(drop: TraceDrop): string {
  const where = drop.direction === 'egress' ? 'leaving' : 'entering';
  if (drop.stage === 'dns')
    return `The DNS lookup was dropped: the ${drop.direction} policies of ${drop.pod} do not allow the query ${where} it, so the name never resolves and the connection is never attempted.`;
  return `The ${drop.direction} policies of ${drop.pod} do not allow this packet ${where} it.`;
}

/** kube-proxy refused the connection: no endpoint at all, or none on the node that had to serve it. */
function refusedByKubeProxy(trace: Trace, drop: TraceDrop): Verdict | undefined {
  const svc = trace.service?.name ?? trace.to;
  const texts: Partial<Record<TraceDrop['reason'], string>> = {
    'no-endpoints': `Dropped: Service ${svc} has no endpoints (kube-proxy rejects the connection)`,
    'no-local-endpoint': `Dropped: Service ${svc} has no endpoint on this node (kube-proxy drops the connection)`,
  };
  const text = texts[drop.reason];
  return text
    ? { kind: 'dropped', lead: text, policies: [], text, note: drop.explanation.join(' ') }
    : undefined;
}

function dropped(trace: Trace, drop: TraceDrop): Verdict {
  const refused = refusedByKubeProxy(trace, drop);
  if (refused) return refused;
  if (drop.reason === 'arp-failed') {
    const text = `Dropped: nobody answered ARP for ${trace.to}`;
    return { kind: 'dropped', lead: text, policies: [], text, note: drop.explanation.join(' ') };
  }
  if (drop.reason === 'no-route') {
    const text = `Dropped: no route to ${trace.to}`;
    return { kind: 'dropped', lead: text, policies: [], text, note: drop.explanation.join(' ') };
  }
  if (drop.policies.length === 0) {
    const text = 'Dropped by a NetworkPolicy';
    return { kind: 'dropped', lead: text, policies: [], text, note: dropNote(drop) };
  }
  const lead = 'Dropped by ';
  return {
    kind: 'dropped',
    lead,
    policies: [...drop.policies],
    text: lead + drop.policies.join(', '),
    note: dropNote(drop),
  };
}

export function verdictOf(trace: Trace): Verdict {
  if (trace.verdict === 'dropped') {
    const drop: TraceDrop = trace.drop ?? {
      direction: 'ingress',
      pod: trace.to,
      policies: [],
      reason: 'policy',
      explanation: [],
    };
    return withNearMiss(dropped(trace, drop), drop);
  }
  const would = trace.wouldDrop;
  const note =
    !trace.enforcement && would
      ? `Policy enforcement is off (plain flannel). With a policy engine, ${would.policies.join(', ') || 'a NetworkPolicy'} would drop it (${would.direction} of ${would.pod}).`
      : '';
  return { kind: 'delivered', lead: 'Delivered', policies: [], text: 'Delivered', note };
}

/**
 * What "Allow…" on a trace dropped by policies asks for: the pair as the user named it (a workload
 * stays a workload; a Service whose endpoints are pods stays the Service, on its port: the proposal
 * admits every endpoint on the targetPort, since kube-proxy picks any of them). Undefined for other
 * drops and for deliveries.
 */
export function allowOf(trace: Trace): IntentRequest | undefined {
  if (trace.verdict !== 'dropped' || trace.drop?.reason !== 'policy' || !trace.drop.policies.length)
    return undefined;
  const service = trace.service;
  const from = trace.workloads?.from?.workload ?? trace.from;
  const protocol = trace.protocol;
  if (service?.endpoint?.includes('/'))
    return { action: 'allow', from, to: `svc/${service.name}`, port: service.port, protocol };
  const viaAddress = service?.endpoint && service.targetPort !== null;
  return {
    action: 'allow',
    from,
    to: viaAddress ? service.endpoint! : (trace.workloads?.to?.workload ?? trace.to),
    port: viaAddress ? service.targetPort! : trace.port,
    protocol,
  };
}
