// The DNS leg's words: what CoreDNS answers for a Service name, and why a lookup that is lost ends
// the trace before the connection starts (the application sees a resolution timeout, not a refusal).
import type { ServiceLeg } from './serviceLeg';
import type { TraceDrop } from './types';

/** The A records: the ClusterIP, or a headless Service's endpoint addresses. */
export function dnsAnswer(leg: ServiceLeg): string[] {
  if (!leg.service.headless) return leg.service.clusterIP ? [leg.service.clusterIP] : [];
  return leg.service.endpoints.map((e) => e.ip);
}

export function dnsLookupNote(query: string, leg: ServiceLeg, synthesized: boolean): string {
  const answer = dnsAnswer(leg);
  const records = answer.length ? answer.map((ip) => `${query}. A ${ip}`).join(', ') : 'no A record';
  const made = synthesized ? ' (cluster DNS synthesized: the workspace declares no CoreDNS pods)' : '';
  return `; CoreDNS${made} answers ${records}${leg.service.headless ? ' (headless Service: the pod addresses, no ClusterIP)' : ''}`;
}

export function dnsFailure(src: string, query: string, drop: TraceDrop): string {
  const why =
    drop.reason === 'policy'
      ? `${drop.direction} of ${drop.pod} is isolated by ${drop.policies.join(', ')} and no rule allows the DNS query`
      : (drop.explanation[0] ?? drop.reason);
  return `Dropped before the connection: ${src}'s DNS query for ${query} to kube-dns on UDP 53 was lost (${why}), so the name never resolves and the application sees a lookup timeout.`;
}
