// A trace to a Service: the DNS lookup first when the destination was a name (itself a connection
// to kube-dns, with its own verdict), then the connection through kube-proxy to the chosen endpoint;
// a lookup that fails means the connection never starts.
import type { Topology } from '../model';
import { serviceKey, servicesOf } from '../services';
import { buildDataplane, dataplaneOf } from './build';
import { dnsAnswer, dnsFailure, dnsLookupNote } from './dnsLeg';
import { connection } from './journey';
import type { Dataplane, PodNet } from './network';
import { nodeOf } from './network';
import type { PlacedPod, Resolved } from './resolve';
import type { ServiceLeg, ServicePick } from './serviceLeg';
import { internalLocal, serviceLeg, serviceOfLeg } from './serviceLeg';
import type { ServiceTarget } from './serviceTarget';
import { nodeSummaries } from './summary';
import type { Trace, TraceDns, TraceError, TraceRequest } from './types';

/** Through a Service: the DNS lookup when it was named, then the connection through kube-proxy. */
export function traceToService(
  dp: Dataplane,
  topology: Topology,
  req: TraceRequest,
  source: PlacedPod,
  target: ServiceTarget,
): Trace | TraceError {
  const srcPod = source.placed;
  const net = target.query ? withClusterDns(dp, topology) : dp;
  const src = net.pods.get(srcPod.key) ?? srcPod;
  const leg = localToSource(net, src, serviceLeg(net, src, target.service, req), req);
  if ('error' in leg) return leg;
  const dns = target.query ? lookUp(net, topology, src, target.query, leg) : null;
  if (dns && 'error' in dns) return dns;
  const request = { ...req, port: leg.port.port, protocol: leg.port.protocol };
  const notes = endpointNotes(leg);
  if (dns?.drop) return unresolved(net, request, src, target, leg, dns, notes);
  const resolved = legResolved(net, src, target, leg);
  const trace = connection(net, topology, resolved, request, leg);
  return {
    ...trace,
    to: target.label,
    service: serviceOfLeg(leg),
    dns,
    notes: [...(trace.notes ?? []), ...notes],
    workloads: { from: source.workload, to: null },
  };
}

/** A pod's connection to a Service with internalTrafficPolicy Local uses its node's endpoints only. */
function localToSource(
  dp: Dataplane,
  src: PodNet,
  leg: ServiceLeg | TraceError,
  pick: ServicePick,
): ServiceLeg | TraceError {
  return 'error' in leg ? leg : internalLocal(dp, src, nodeOf(dp, src).name, leg, pick);
}

function legResolved(dp: Dataplane, src: PodNet, target: ServiceTarget, leg: ServiceLeg): Resolved {
  const srcNode = nodeOf(dp, src);
  // A headless Service has no ClusterIP: DNS answered the pod addresses and the pod connects directly.
  if (leg.service.headless && leg.endpointDst)
    return { src, srcNode, dst: leg.endpointDst, to: target.label };
  return { src, srcNode, dst: { kind: 'service', ip: leg.service.clusterIP ?? '', leg }, to: target.label };
}

export function endpointNotes(leg: ServiceLeg): string[] {
  return [...localNote(leg), ...randomPickNote(leg)];
}

function localNote(leg: ServiceLeg): string[] {
  if (!leg.local) return [];
  const { node, elsewhere } = leg.local;
  const here = leg.endpoints.length ? leg.endpoints.map((e) => e.key).join(', ') : 'none';
  return [
    `Service ${serviceKey(leg.service)} has internalTrafficPolicy Local: pods on ${node} use only its endpoints on ${node} (${here}); ${elsewhere} on other nodes never receive their connections`,
  ];
}

function randomPickNote(leg: ServiceLeg): string[] {
  if (!leg.endpoint || leg.endpoints.length < 2) return [];
  return [
    `kube-proxy picks one of the ${leg.endpoints.length} endpoints at random for each connection; this trace follows ${leg.endpoint.key} (--endpoint ${leg.endpoints.find((e) => e !== leg.endpoint)?.key ?? ''} picks another)`,
  ];
}

/** The DNS leg: the query's own trace to kube-dns on UDP 53, and the answer. */
function lookUp(
  dp: Dataplane,
  topology: Topology,
  src: PodNet,
  query: string,
  leg: ServiceLeg,
): TraceDns | TraceError {
  const { dns } = servicesOf(topology);
  const pick = { port: 53, protocol: 'UDP' as const };
  const picked = localToSource(dp, src, serviceLeg(dp, src, dns.service, pick), pick);
  if ('error' in picked)
    return { error: `the cluster DNS cannot be traced: ${picked.error}`, suggestions: [] };
  const dnsLeg = { ...picked, pickable: false };
  const resolved: Resolved = {
    src,
    srcNode: nodeOf(dp, src),
    dst: { kind: 'service', ip: dns.service.clusterIP ?? '', leg: dnsLeg },
    to: `svc/${dns.service.namespace}/${dns.service.name}`,
  };
  const request: TraceRequest = { from: src.key, to: resolved.to, port: 53, protocol: 'UDP' };
  const answered = dnsLookupNote(query, leg, dns.synthesized);
  const trace = connection(dp, topology, resolved, request, dnsLeg, answered);
  const drop = trace.drop && { ...trace.drop, stage: 'dns' as const };
  return { query, answer: drop ? [] : dnsAnswer(leg), verdict: trace.verdict, hops: trace.hops, drop };
}

/** The lookup failed: the connection never starts. */
function unresolved(
  dp: Dataplane,
  req: TraceRequest,
  src: PodNet,
  target: ServiceTarget,
  leg: ServiceLeg,
  dns: TraceDns,
  notes: string[],
): Trace {
  const drop = dns.drop!;
  return {
    from: src.key,
    to: target.label,
    port: req.port,
    protocol: req.protocol,
    verdict: 'dropped',
    hops: [],
    drop,
    summary: dnsFailure(src.key, dns.query, drop),
    backend: dp.backend,
    enforcement: dp.enforcement,
    wouldDrop: null,
    nodes: nodeSummaries(dp),
    service: serviceOfLeg(leg),
    dns,
    notes,
  };
}

/** With synthesized CoreDNS pods the DNS leg needs them in the network; else the same dataplane. */
function withClusterDns(dp: Dataplane, topology: Topology): Dataplane {
  const { dns } = servicesOf(topology);
  if (!dns.synthesized || dns.pods.every((p) => dp.pods.has(`${p.namespace}/${p.name}`))) return dp;
  const built = dataplaneOf(topology);
  if (built.plain !== dp) return buildDataplane({ ...topology, pods: [...topology.pods, ...dns.pods] });
  return (built.withDns ??= buildDataplane({ ...topology, pods: [...topology.pods, ...dns.pods] }));
}
