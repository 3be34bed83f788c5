// traceConnection: one simulated packet from a pod to a pod, an address or a Service, hop by hop
// through the dataplane built from the topology, with the policy verdicts where they are enforced.
// A destination named as a Service adds links to the chain: the DNS lookup first (itself a trace
// to kube-dns), then kube-proxy's DNAT in the source node's root netns, then the usual path.
import type { Topology } from '../model';
import { serviceKey, servicesOf } from '../services';
import { deliverToHost, deliverToPod, destinationBridge, ingressCheck, loopback } from './arrival';
import { buildDataplane } from './build';
import type { PathContext, TraceContext } from './context';
import { crossHostGw, crossVxlan } from './crossing';
import { dnsAnswer, dnsFailure, dnsLookupNote } from './dnsLeg';
import { hashInRange } from './hash';
import type { Dataplane, NodeNet, PodNet } from './network';
import { nodeOf } from './network';
import type { OutsideEntry } from './nodePort';
import {
  enterNode,
  isOutsideClient,
  masquerade,
  nodePortDnat,
  outsideEntry,
  outsideSummary,
  seenSource,
} from './nodePort';
import { leaveNode } from './outbound';
import { evaluatePolicies } from './policy';
import type { Resolved } from './resolve';
import { requestProblem, resolveRequest, resolveSource } from './resolve';
import type { PlacedPod } from './resolve';
import type { ServiceLeg, ServicePick } from './serviceLeg';
import {
  hairpin,
  internalLocal,
  kubeProxy,
  replyNote,
  serviceLeg,
  serviceOfLeg,
  viaService,
} from './serviceLeg';
import type { ServiceTarget } from './serviceTarget';
import { podOrServiceNote, serviceTarget } from './serviceTarget';
import { egressCheck, leaveSource, sourceBridge } from './source';
import { nodeSummaries, summarize } from './summary';
import type { Trace, TraceDns, TraceDrop, TraceError, TraceRequest } from './types';
import { Walk } from './walk';
import { snapshotOf } from '../snapshot';
import type { Derived } from '../snapshot';

/** The dataplane of a topology (and with the synthesized CoreDNS pods), built once: traces only read it. */
const DATAPLANES: Derived<{ plain: Dataplane; withDns?: Dataplane }> = {
  derive: (topology) => ({ plain: buildDataplane(topology) }),
};

function dataplaneOf(topology: Topology): { plain: Dataplane; withDns?: Dataplane } {
  return snapshotOf(topology).derived(DATAPLANES);
}

export function traceConnection(topology: Topology, req: TraceRequest): Trace | TraceError {
  return traceInDataplane(dataplaneOf(topology).plain, topology, req);
}

export function isTraceError(result: Trace | TraceError): result is TraceError {
  return 'error' in result;
}

/** The same, on a dataplane the caller already built from this topology. */
export function traceInDataplane(dp: Dataplane, topology: Topology, req: TraceRequest): Trace | TraceError {
  if (isOutsideClient(dp, req.from)) return traceFromOutside(dp, topology, req);
  const source = resolveSource(dp, topology, req);
  if ('error' in source) return source;
  const src = source.placed;
  const target = serviceTarget(topology, req.to, src.pod.namespace);
  if (target && 'error' in target) return target;
  if (target) return traceToService(dp, topology, req, source, target);
  const viaNodePort = nodePortFromPod(dp, topology, req);
  if (viaNodePort) return viaNodePort;
  if (req.portName !== undefined)
    return {
      error: `a port name (--port ${req.portName}) needs a Service destination; give a pod the port number`,
      suggestions: [],
    };
  const resolved = resolveRequest(dp, topology, req);
  if ('error' in resolved) return resolved;
  const trace = connection(dp, topology, resolved, req, null);
  trace.notes = podOrServiceNote(
    topology,
    req.to,
    resolved.to,
    src.pod.namespace,
    resolved.workloads?.to?.workload ?? null,
  );
  return trace;
}

/** A pod sending to a node's nodePort: not modelled (the Service itself is what a pod should use). */
function nodePortFromPod(dp: Dataplane, topology: Topology, req: TraceRequest): TraceError | null {
  const node = dp.nodes.find((n) => n.ip === req.to.trim());
  const service =
    node &&
    servicesOf(topology).services.find((s) =>
      s.ports.some((p) => p.nodePort === req.port && p.protocol === req.protocol),
    );
  if (!node || !service) return null;
  return {
    error: `${req.to.trim()}:${req.port} is the nodePort of Service ${service.namespace}/${service.name}; a pod's traffic to a nodePort is not modelled: trace --to svc/${service.namespace}/${service.name} (its Service port) instead`,
    suggestions: [],
  };
}

/** Through a Service: the DNS lookup when it was named, then the connection through kube-proxy. */
function traceToService(
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

function endpointNotes(leg: ServiceLeg): string[] {
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

/** One connection between resolved ends: the legs in order, then the Trace. */
function connection(
  dp: Dataplane,
  topology: Topology,
  resolved: Resolved,
  req: TraceRequest,
  leg: ServiceLeg | null,
  answered = '',
): Trace {
  const ctx = contextOf(dp, topology, resolved, req, leg);
  const drop = walkPacket(ctx, dp);
  const last = ctx.walk.hops.at(-1);
  if (leg && !drop && last && resolved.dst.kind === 'service')
    last.action += answered + replyNote(leg, resolved.srcNode.name, resolved.src.key);
  return {
    from: resolved.src.key,
    to: resolved.to,
    port: req.port,
    protocol: req.protocol,
    verdict: drop ? 'dropped' : 'delivered',
    hops: ctx.walk.hops,
    drop,
    summary: leg ? viaService(leg, summarize(ctx, drop)) : summarize(ctx, drop),
    backend: dp.backend,
    enforcement: dp.enforcement,
    wouldDrop: ctx.policy.wouldDrop,
    nodes: nodeSummaries(dp),
    workloads: resolved.workloads,
    service: leg && serviceOfLeg(leg),
    dns: null,
    notes: [],
  };
}

function contextOf(
  dp: Dataplane,
  topology: Topology,
  r: Resolved,
  req: TraceRequest,
  leg: ServiceLeg | null,
): TraceContext {
  const loopbackOnly = r.dst.kind === 'self' && r.dst.ip !== r.src.ip;
  const srcIP = loopbackOnly ? '127.0.0.1' : r.src.ip;
  // Policies see the connection after kube-proxy's DNAT: the endpoint and its targetPort.
  const seen = r.dst.kind === 'service' ? leg?.endpointDst : r.dst;
  const seenPort = r.dst.kind === 'service' ? (leg?.targetPort ?? req.port) : req.port;
  return {
    backend: dp.backend,
    src: r.src,
    srcNode: r.srcNode,
    dst: r.dst,
    port: req.port,
    protocol: req.protocol,
    policy: seen
      ? evaluatePolicies(topology, r.src, seen, seenPort, req.protocol)
      : { egress: null, ingress: null, drop: null, wouldDrop: null },
    walk: new Walk({
      srcIP,
      dstIP: r.dst.ip,
      protocol: req.protocol,
      srcPort: hashInRange(`${r.src.key}>${r.to}:${req.port}/${req.protocol}`, 32768, 60999),
      dstPort: req.port,
    }),
  };
}

/** The legs in order; the first that drops the packet ends the walk. */
function walkPacket(ctx: TraceContext, dp: Dataplane): TraceDrop | null {
  if (ctx.dst.kind === 'self') return loopback(ctx);
  leaveSource(ctx);
  if (ctx.dst.kind === 'service') {
    const leg = ctx.dst.leg;
    const dropped = sourceBridge(ctx) ?? kubeProxy(ctx, leg) ?? egressCheck(ctx);
    return dropped ?? (leg.endpointDst?.kind === 'self' ? hairpin(ctx, leg) : toEndpoint(ctx, dp));
  }
  return egressCheck(ctx) ?? sourceBridge(ctx) ?? onward(ctx, dp);
}

/** From a client outside the cluster through a node's nodePort. */
function traceFromOutside(dp: Dataplane, topology: Topology, req: TraceRequest): Trace | TraceError {
  const problem = requestProblem(req);
  if (problem) return { error: problem, suggestions: [] };
  const entry = outsideEntry(dp, topology, req);
  if ('error' in entry) return entry;
  const { leg, node, client } = entry;
  const seenIP = seenSource(entry);
  const seen = { key: seenIP === client ? client : `${seenIP} (${client} masqueraded)`, ip: seenIP };
  const ctx: PathContext = {
    backend: dp.backend,
    src: { key: client, ip: client },
    srcNode: node,
    dst: { kind: 'service', ip: node.ip, leg },
    port: entry.nodePort,
    protocol: leg.port.protocol,
    policy: leg.endpointDst
      ? evaluatePolicies(topology, seen, leg.endpointDst, leg.targetPort ?? 0, leg.port.protocol)
      : { egress: null, ingress: null, drop: null, wouldDrop: null },
    walk: new Walk({
      srcIP: client,
      dstIP: node.ip,
      protocol: leg.port.protocol,
      srcPort: hashInRange(`${client}>${entry.label}/${leg.port.protocol}`, 32768, 60999),
      dstPort: entry.nodePort,
    }),
  };
  const drop = walkFromOutside(ctx, dp, entry);
  const last = ctx.walk.hops.at(-1);
  if (!drop && last)
    last.action += `; the reply is un-NATed by conntrack on ${node.name}, so ${client} sees it come from ${node.ip}:${entry.nodePort}`;
  const delivered = ctx.dst.kind === 'pod' ? `${ctx.dst.pod.key} on ${ctx.dst.node.name}` : ctx.dst.ip;
  return {
    from: client,
    to: entry.label,
    port: entry.label.startsWith('svc/') ? leg.port.port : entry.nodePort,
    protocol: leg.port.protocol,
    verdict: drop ? 'dropped' : 'delivered',
    hops: ctx.walk.hops,
    drop,
    summary: outsideSummary(entry, drop, delivered),
    backend: dp.backend,
    enforcement: dp.enforcement,
    wouldDrop: ctx.policy.wouldDrop,
    nodes: nodeSummaries(dp),
    service: { ...serviceOfLeg(leg), nodePort: entry.nodePort },
    dns: null,
    notes: endpointNotes(leg),
  };
}

/** Into a node's eth0, kube-proxy's NodePort DNAT, the masquerade with Cluster, then the usual path. */
function walkFromOutside(ctx: PathContext, dp: Dataplane, entry: OutsideEntry): TraceDrop | null {
  enterNode(ctx, entry);
  const refused = nodePortDnat(ctx, entry);
  if (refused) return refused;
  masquerade(ctx, entry);
  return toEndpoint(ctx, dp);
}

/**
 * After the DNAT the packet is in the root netns: a pod on this node is reached back through cni0,
 * as on a destination node (steps 6c, 7 and 8), so the labels keep climbing.
 */
function toEndpoint(ctx: PathContext, dp: Dataplane): TraceDrop | null {
  const { dst, srcNode } = ctx;
  if (dst.kind === 'pod' && dst.node === srcNode)
    return destinationBridge(ctx, srcNode) ?? intoPod(ctx, srcNode, dst.pod, '8');
  if (dst.kind === 'host' && dst.node === srcNode) return deliverToHost(ctx, srcNode, dst.device);
  return onward(ctx, dp);
}

function onward(ctx: PathContext, dp: Dataplane): TraceDrop | null {
  const { dst, srcNode } = ctx;
  switch (dst.kind) {
    case 'pod':
      if (dst.node === srcNode) return intoPod(ctx, dst.node, dst.pod, '4');
      return cross(ctx, dst.node) ?? destinationBridge(ctx, dst.node) ?? intoPod(ctx, dst.node, dst.pod, '8');
    case 'unused':
      return cross(ctx, dst.node) ?? destinationBridge(ctx, dst.node);
    case 'host':
      if (dst.node === srcNode) return deliverToHost(ctx, srcNode, dst.device);
      if (dst.device === 'eth0') return leaveNode(ctx, dp);
      return cross(ctx, dst.node) ?? deliverToHost(ctx, dst.node, dst.device);
    default:
      return leaveNode(ctx, dp);
  }
}

function cross(ctx: PathContext, remote: NodeNet): TraceDrop | null {
  return ctx.backend === 'vxlan' ? crossVxlan(ctx, remote) : crossHostGw(ctx, remote);
}

function intoPod(ctx: PathContext, node: NodeNet, pod: PodNet, step: '4' | '8'): TraceDrop | null {
  return ingressCheck(ctx, node, pod) ?? deliverToPod(ctx, node, pod, step);
}
