// A trace to a Service name is two journeys: the DNS lookup (the pod → kube-dns → a CoreDNS pod,
// with its own policy checks and verdict), then the connection. The view replays them as one
// sequence of hops, the lookup first; this module joins them and says which leg a hop belongs to.
// It also words what kube-proxy rewrote at a hop. Pure.
import type { NatRewrite, Trace, TraceHop } from '../../../server/src/engine/dataplane/types';

export interface TraceLeg {
  kind: 'dns' | 'connection';
  /** The first hop of the leg in the joined sequence, and one past its last. */
  start: number;
  end: number;
  /** What the step list shows above the leg's hops. */
  title: string;
  verdict: 'delivered' | 'dropped' | 'not sent';
}

/** The trace with the DNS lookup's hops before the connection's (the same trace when there was none). */
export function joinLegs(trace: Trace): Trace {
  const dns = trace.dns;
  return dns?.hops.length ? { ...trace, hops: [...dns.hops, ...trace.hops] } : trace;
}

/** Hops of the DNS leg at the start of a joined trace. */
const dnsHopCount = (trace: Trace): number => trace.dns?.hops.length ?? 0;

function dnsTitle(trace: Trace): string {
  const dns = trace.dns;
  if (!dns) return '';
  const answer = dns.answer.length ? `answer ${dns.answer.join(', ')}` : 'no answer';
  const verdict = dns.verdict === 'delivered' ? answer : `query dropped: ${dropWords(trace)}`;
  return `DNS lookup of ${dns.query} (UDP 53 to kube-dns) · ${verdict}`;
}

function dropWords(trace: Trace): string {
  const drop = trace.dns?.drop ?? trace.drop;
  if (!drop) return 'dropped';
  return drop.policies.length ? `by ${drop.policies.join(', ')}` : drop.reason;
}

function connectionTitle(trace: Trace): string {
  const svc = trace.service;
  const through = svc?.clusterIP ? ` to ${svc.clusterIP}:${svc.port} (Service ${svc.name})` : '';
  return `Connection · ${trace.protocol} ${trace.port}${through}`;
}

/**
 * The legs of a joined trace: none when it made no DNS lookup (one journey, nothing to tell apart),
 * else the lookup and the connection (marked "not sent" when the lookup was lost).
 */
export function legsOf(joined: Trace): TraceLeg[] {
  const n = dnsHopCount(joined);
  const dns = joined.dns;
  if (!dns || n === 0) return [];
  const connection: TraceLeg = {
    kind: 'connection',
    start: n,
    end: joined.hops.length,
    title: connectionTitle(joined),
    verdict: dns.verdict === 'dropped' ? 'not sent' : joined.verdict,
  };
  return [{ kind: 'dns', start: 0, end: n, title: dnsTitle(joined), verdict: dns.verdict }, connection];
}

export function legAt(legs: readonly TraceLeg[], index: number): TraceLeg | undefined {
  return legs.find((l) => index >= l.start && index < l.end);
}

/** Whether two hops are on the same leg (the packet moves between them rather than starting over). */
export function sameLeg(legs: readonly TraceLeg[], a: number, b: number): boolean {
  return legAt(legs, a) === legAt(legs, b);
}

/**
 * A hop in kube-proxy's iptables rules, drawn on its box: a rewrite (DNAT, masquerade), or a refusal
 * (REJECT without endpoints, DROP without a local one), told by its KUBE-… chains (flannel's own
 * masquerade towards the outside is not kube-proxy's).
 */
export const isKubeProxyHop = (hop: TraceHop): boolean =>
  hop.step === null &&
  !hop.policy &&
  hop.entries.some((e) => e.table === 'iptables' && /^-A KUBE-/.test(e.text));

/** The nodes whose kube-proxy box the diagram draws: where a hop of the trace was rewritten or refused. */
export function kubeProxyNodes(trace: Trace): string[] {
  return [...new Set(trace.hops.filter(isKubeProxyHop).map((h) => h.node))];
}

/** Who rewrote the header: flanneld's masquerade towards the outside (its FLANNEL-… chain), else kube-proxy. */
export const natBy = (nat: NatRewrite): string => (/^-A FLANNEL-/.test(nat.rule) ? 'flanneld' : 'kube-proxy');

/** The inspector's rows for a rewrite: what changed, from what to what, and by which rule. */
export function natRows(nat: NatRewrite): [string, string][] {
  const what = nat.type === 'DNAT' ? 'Destination' : 'Source';
  return [
    ['Rewrite', `${nat.type} (${nat.type === 'DNAT' ? 'destination NAT' : 'source NAT, masquerade'})`],
    [`${what} before`, nat.from],
    [`${what} after`, nat.to],
    ['Rule', nat.rule],
  ];
}
