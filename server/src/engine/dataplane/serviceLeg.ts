// kube-proxy's part of a trace to a Service: which Service port and endpoint the connection uses,
// and the leg in the source node's root netns where PREROUTING jumps KUBE-SERVICES → KUBE-SVC-… →
// KUBE-SEP-… and DNATs the ClusterIP:port to the endpoint's IP:targetPort, before any policy check
// (or REJECTs it when the Service has no endpoints). The reply is un-NATed by conntrack. An endpoint
// reaching itself through its Service comes back through cni0's hairpin, masqueraded.
import type { Service, ServiceEndpoint, ServicePort } from '../services';
import { serviceKey } from '../services';
import type { Protocol } from '../types';
import { deliverToPod, destinationBridge } from './arrival';
import type { TraceContext } from './context';
import { at, dataplaneDrop } from './context';
import { hashInRange } from './hash';
import {
  dnatRule,
  hairpinRule,
  iptables,
  MASQUERADE_RULE,
  noLocalEndpointsRule,
  rejectRule,
  servicesRule,
  serviceToEndpointRule,
} from './kubeProxyRules';
import type { Dataplane } from './network';
import { addressOf } from './nodes';
import type { Destination } from './resolve';
import { destinationByIP } from './resolve';
import type { TraceDrop, TraceError, TraceService } from './types';

export interface ServiceLeg {
  service: Service;
  port: ServicePort;
  /** Endpoints serving the port, by ns/name, and the one this trace follows. */
  endpoints: readonly ServiceEndpoint[];
  endpoint: ServiceEndpoint | null;
  targetPort: number | null;
  /** Where the endpoint is in the network (a pod, a node, an outside address). */
  endpointDst: Destination | null;
  /** Whether --endpoint chooses this leg's endpoint (not for the DNS lookup's). */
  pickable: boolean;
  /**
   * internalTrafficPolicy Local, applied to a pod's traffic: `endpoints` are those on the source's
   * node; `elsewhere` counts the Service's endpoints on other nodes, which this node never uses.
   */
  local?: { node: string; elsewhere: number };
}

export interface ServicePick {
  port: number;
  protocol: Protocol;
  portName?: string;
  endpoint?: string;
}

export function serviceLeg(
  dp: Dataplane,
  src: { ip: string },
  service: Service,
  pick: ServicePick,
): ServiceLeg | TraceError {
  const port = servicePort(service, pick);
  if ('error' in port) return port;
  const index = service.ports.indexOf(port);
  const endpoints = service.endpoints.filter((e) => e.targetPorts[index] !== null);
  const endpoint = chooseEndpoint(service, endpoints, pick.endpoint);
  if (endpoint && 'error' in endpoint) return endpoint;
  const targetPort = endpoint ? endpoint.targetPorts[index]! : null;
  const dst = endpoint ? destinationByIP(dp, src, endpoint.ip) : null;
  if (dst && 'error' in dst) return dst;
  return { service, port, endpoints, endpoint, targetPort, endpointDst: dst, pickable: true };
}

/**
 * internalTrafficPolicy Local: kube-proxy sends a pod's connection only to endpoints on the pod's own
 * node (KUBE-SVL-…), and drops it when there is none. Headless Services have no ClusterIP to apply it to.
 */
export function internalLocal(
  dp: Dataplane,
  src: { ip: string },
  nodeName: string,
  leg: ServiceLeg,
  pick: ServicePick,
): ServiceLeg | TraceError {
  const { service } = leg;
  if (service.internalTrafficPolicy !== 'Local' || service.headless) return leg;
  const endpoints = leg.endpoints.filter((e) => e.nodeName === nodeName);
  const local = { node: nodeName, elsewhere: leg.endpoints.length - endpoints.length };
  const wanted = pick.endpoint?.trim();
  if (wanted !== undefined && leg.endpoint && !endpoints.includes(leg.endpoint))
    return {
      error: `${wanted} is not on ${nodeName}: Service ${serviceKey(service)} has internalTrafficPolicy Local, so pods on ${nodeName} reach only its endpoints there${endpoints.length ? '' : ' (it has none)'}`,
      suggestions: endpoints.map((e) => e.key),
    };
  const endpoint = leg.endpoint && endpoints.includes(leg.endpoint) ? leg.endpoint : (endpoints[0] ?? null);
  if (!endpoint) return { ...leg, endpoints, endpoint: null, targetPort: null, endpointDst: null, local };
  if (endpoint === leg.endpoint) return { ...leg, endpoints, local };
  const chosen = serviceLeg(dp, src, service, { ...pick, endpoint: endpoint.key });
  return 'error' in chosen ? chosen : { ...chosen, endpoints, local, pickable: leg.pickable };
}

const portLabel = (p: ServicePort): string => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol}`;

function servicePort(service: Service, pick: ServicePick): ServicePort | TraceError {
  const found = pick.portName
    ? service.ports.find((p) => p.name === pick.portName)
    : service.ports.find((p) => p.port === pick.port && p.protocol === pick.protocol);
  if (found) return found;
  const wanted = pick.portName ? `a port named "${pick.portName}"` : `port ${pick.port}/${pick.protocol}`;
  const ports = service.ports.map(portLabel).join(', ');
  return {
    error: `Service ${serviceKey(service)} has no ${wanted}${ports ? ` (its ports: ${ports}; --port takes the Service port, not the targetPort)` : ' (it has no ports)'}`,
    suggestions: [],
  };
}

function chooseEndpoint(
  service: Service,
  endpoints: readonly ServiceEndpoint[],
  wanted: string | undefined,
): ServiceEndpoint | TraceError | null {
  if (wanted === undefined) return endpoints[0] ?? null;
  const found = endpoints.find((e) => e.key === wanted.trim() || e.ip === wanted.trim());
  if (found) return found;
  const list = endpoints.map((e) => e.key);
  return {
    error: `${wanted} is not an endpoint of Service ${serviceKey(service)} on that port${list.length ? '' : ' (it has none)'}`,
    suggestions: list,
  };
}

function pickWords(leg: ServiceLeg, endpoint: ServiceEndpoint): string {
  const chain = leg.local ? 'KUBE-SVL' : 'KUBE-SVC';
  const whose = leg.local
    ? `internalTrafficPolicy is Local, so only the endpoints on ${leg.local.node} count (not the ${leg.local.elsewhere} on other nodes); ${chain}`
    : chain;
  if (leg.endpoints.length === 1) return `${whose} jumps to its only endpoint, ${endpoint.key},`;
  const another = leg.pickable ? '; --endpoint picks another' : '';
  return `${whose} picks one of its ${leg.endpoints.length} endpoints at random (this trace follows ${endpoint.key}${another})`;
}

/** The trace's `service` field. */
export function serviceOfLeg(leg: ServiceLeg): TraceService {
  return {
    name: serviceKey(leg.service),
    clusterIP: leg.service.clusterIP,
    port: leg.port.port,
    targetPort: leg.targetPort,
    endpoint: leg.endpoint?.key ?? null,
    endpoints: leg.endpoints.map((e) => e.key),
  };
}

/** PREROUTING in the source node's root netns: DNAT to the endpoint, or REJECT without one. */
export function kubeProxy(ctx: TraceContext, leg: ServiceLeg): TraceDrop | null {
  const { service, port, endpoint, endpointDst, targetPort } = leg;
  const node = ctx.srcNode;
  if (leg.local && !endpoint) return noLocalEndpoint(ctx, leg);
  if (!endpoint || !endpointDst || targetPort === null) {
    ctx.walk.hop({
      ...at(node, 'cni0', 'bridge'),
      step: null,
      action: `kube-proxy's rules in ${node.name}'s root netns: ${service.clusterIP}:${port.port} is Service ${serviceKey(service)}, which has no endpoints serving ${portLabel(port)}, so the packet is rejected (ICMP port unreachable)`,
      entries: [rejectRule(service, port)],
    });
    const why = `Service ${serviceKey(service)} has no endpoints for ${portLabel(port)}: ${service.selector ? 'no pod of its namespace matching its selector serves that port' : 'no EndpointSlice or Endpoints object lists an address for it'}, so kube-proxy rejects the connection`;
    return dataplaneDrop(ctx, 'no-endpoints', why);
  }
  const before = ctx.walk.destination;
  const to = `${endpoint.ip}:${targetPort}`;
  const index = leg.endpoints.indexOf(endpoint);
  ctx.walk.rewriteDestination(endpoint.ip, targetPort);
  ctx.walk.hop({
    ...at(node, 'cni0', 'bridge'),
    step: null,
    action: `kube-proxy's iptables rules in ${node.name}'s root netns (nat PREROUTING → KUBE-SERVICES): ${before} is Service ${serviceKey(service)} port ${portLabel(port)}; ${pickWords(leg, endpoint)} and KUBE-SEP rewrites the destination to ${to}. Every policy check from here on sees ${to}, never the ClusterIP`,
    entries: [
      servicesRule(service, port, !!leg.local),
      serviceToEndpointRule(service, port, to, index, leg.endpoints.length, !!leg.local),
    ],
    nat: { type: 'DNAT', from: before, to, rule: dnatRule(service, port, to) },
  });
  ctx.dst = endpointDst;
  ctx.port = targetPort;
  return null;
}

/**
 * kube-proxy picked the source pod itself: KUBE-SEP marks the packet, KUBE-POSTROUTING masquerades it
 * to cni0's address, and cni0 (in hairpin mode, as flannel's CNI configuration sets it) sends it back
 * out of the port it came in by. No policy applies: a pod cannot block itself, nor its own node.
 */
export function hairpin(ctx: TraceContext, leg: ServiceLeg): null {
  const { src, srcNode: node, walk } = ctx;
  const to = walk.destination;
  const before = walk.source;
  const address = addressOf(node.bridge);
  const port = hashInRange(`kube-hairpin|${before}|${to}`, 1024, 65535);
  walk.masquerade(address, port);
  ctx.src = { ...src, ip: address };
  walk.hop({
    ...at(node, 'cni0', 'bridge'),
    step: null,
    action: `${to} is ${src.key} itself: KUBE-SEP marks the packet for masquerading and KUBE-POSTROUTING rewrites its source ${before} to ${address}:${port}, cni0's address, so the reply comes back through the node. No policy checks it: a pod cannot block itself, and traffic from its own node is always allowed`,
    entries: [hairpinRule(leg.service, leg.port, to), iptables(MASQUERADE_RULE)],
    nat: { type: 'SNAT', from: before, to: `${address}:${port}`, rule: MASQUERADE_RULE },
  });
  ctx.dst = { kind: 'pod', ip: src.ip, pod: src, node };
  destinationBridge(ctx, node);
  deliverToPod(ctx, node, src, '8');
  const out = walk.hops.at(-2)!;
  out.action += `: the port the packet came in by, which cni0's hairpin mode allows`;
  return null;
}

/** internalTrafficPolicy Local with endpoints only on other nodes: kube-proxy drops the packet. */
function noLocalEndpoint(ctx: TraceContext, leg: ServiceLeg): TraceDrop {
  const { service, port } = leg;
  const node = ctx.srcNode.name;
  const others = leg.local?.elsewhere ?? 0;
  const elsewhere = others
    ? `its ${others} endpoint${others === 1 ? ' is' : 's are'} on other nodes`
    : 'it has no endpoints at all';
  ctx.walk.hop({
    ...at(ctx.srcNode, 'cni0', 'bridge'),
    step: null,
    action: `kube-proxy's rules in ${node}'s root netns: ${service.clusterIP}:${port.port} is Service ${serviceKey(service)}, whose internalTrafficPolicy is Local, and no endpoint serving ${portLabel(port)} runs on ${node} (${elsewhere}), so the packet is dropped`,
    entries: [noLocalEndpointsRule(service, port)],
  });
  const why = `Service ${serviceKey(service)} has internalTrafficPolicy Local and no endpoint for ${portLabel(port)} on ${node} (${elsewhere}): kube-proxy drops connections from pods on ${node}. Run an endpoint on ${node} (e.g. a DaemonSet) or set internalTrafficPolicy to Cluster`;
  return dataplaneDrop(ctx, 'no-local-endpoint', why);
}

/** The summary sentence, saying which Service and rewrite the connection went through. */
export function viaService(leg: ServiceLeg, sentence: string): string {
  const { service, port, endpoint, targetPort } = leg;
  if (service.headless || !endpoint) return sentence;
  const how = `through Service ${serviceKey(service)} (${service.clusterIP}:${port.port}, DNAT by kube-proxy to ${endpoint.ip}:${targetPort})`;
  return `${sentence.replace(/\.$/, '')}; ${how}.`;
}

/** The last hop says how the reply finds its way back: conntrack reverses the DNAT. */
export function replyNote(leg: ServiceLeg, nodeName: string, src: string): string {
  const { service, port, endpoint, targetPort } = leg;
  if (!endpoint || targetPort === null) return '';
  return `; the reply from ${endpoint.ip}:${targetPort} is un-DNATed by conntrack on ${nodeName} back to ${service.clusterIP}:${port.port}, so ${src} sees the Service address it connected to`;
}
