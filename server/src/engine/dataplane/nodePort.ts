// Traffic from outside the cluster: a client address (`--from 203.0.113.7`) reaching a NodePort or
// LoadBalancer Service through a node's eth0. kube-proxy's KUBE-NODEPORTS → KUBE-EXT-… DNATs it to an
// endpoint; with externalTrafficPolicy Cluster the packet is marked and masqueraded on the way out
// (the pod sees a node address, so an ingress ipBlock for the client does not match), with Local the
// client address is kept and a node without a local endpoint drops it.
import { cidrContains, parseIPv4 } from '../ipv4';
import type { Topology } from '../model';
import type { Service } from '../services';
import { serviceKey, servicesOf } from '../services';
import type { PathContext } from './context';
import { at, dataplaneDrop } from './context';
import { hashInRange } from './hash';
import { dnatRule, iptables, MASQUERADE_RULE, nodePortRule, serviceToEndpointRule } from './kubeProxyRules';
import { lookupRoute } from './lookup';
import type { Dataplane, NodeNet } from './network';
import { addressOf } from './nodes';
import type { ServiceLeg } from './serviceLeg';
import { serviceLeg } from './serviceLeg';
import type { TraceDrop, TraceError, TraceRequest } from './types';

export interface OutsideEntry {
  client: string;
  node: NodeNet;
  leg: ServiceLeg;
  nodePort: number;
  /** How the destination was written. */
  label: string;
}

const KIND_PREFIX = /^(svc|service|services)\//i;

/** Whether `from` is an address no pod and no node has, outside the pod network: a client outside. */
export function isOutsideClient(dp: Dataplane, from: string): boolean {
  const ip = parseIPv4(from.trim());
  if (ip === undefined) return false;
  if (cidrContains(dp.network, ip)) return false;
  return !dp.nodes.some((n) => n.ip === from.trim());
}

/** The node, Service port and endpoint an outside client's packet reaches. */
export function outsideEntry(
  dp: Dataplane,
  topology: Topology,
  req: TraceRequest,
): OutsideEntry | TraceError {
  const client = req.from.trim();
  const to = req.to.trim();
  const byNode = dp.nodes.find((n) => n.ip === to);
  if (byNode) return viaNodeIP(dp, topology, req, client, byNode);
  const service = servicesOf(topology).byKey.get(to.replace(KIND_PREFIX, ''));
  if (!service || (service.type !== 'NodePort' && service.type !== 'LoadBalancer'))
    return {
      error: `a client outside the cluster (${client}) reaches pods only through a NodePort or LoadBalancer Service: give --to <node IP> --port <nodePort>, or --to svc/ns/name of such a Service`,
      suggestions: servicesOf(topology)
        .services.filter((s) => s.type === 'NodePort' || s.type === 'LoadBalancer')
        .map((s) => `svc/${serviceKey(s)}`),
    };
  return viaService(dp, req, client, service);
}

function viaNodeIP(
  dp: Dataplane,
  topology: Topology,
  req: TraceRequest,
  client: string,
  node: NodeNet,
): OutsideEntry | TraceError {
  const match = servicesOf(topology)
    .services.flatMap((s) => s.ports.map((p) => ({ s, p })))
    .find(({ p }) => p.nodePort === req.port && p.protocol === req.protocol);
  if (!match)
    return {
      error: `no Service has nodePort ${req.port}/${req.protocol}, so ${node.name} (${node.ip}) refuses it`,
      suggestions: [],
    };
  const pick = {
    port: match.p.port,
    protocol: match.p.protocol,
    ...(req.endpoint ? { endpoint: req.endpoint } : {}),
  };
  const leg = localLeg(dp, match.s, pick, node, client);
  if ('error' in leg) return leg;
  return { client, node, leg, nodePort: req.port, label: `${node.ip}:${req.port}` };
}

function viaService(
  dp: Dataplane,
  req: TraceRequest,
  client: string,
  service: Service,
): OutsideEntry | TraceError {
  const first = dp.nodes[0];
  if (!first) return { error: 'the cluster has no node to enter', suggestions: [] };
  const probe = serviceLeg(dp, { ip: client }, service, req);
  if ('error' in probe) return probe;
  // With Local, a load balancer's health checks send clients only to nodes running an endpoint.
  const local =
    service.externalTrafficPolicy === 'Local'
      ? dp.nodes.find((n) => n.name === probe.endpoint?.nodeName)
      : undefined;
  const node = local ?? first;
  const leg = localLeg(dp, service, req, node, client);
  if ('error' in leg) return leg;
  return { client, node, leg, nodePort: leg.port.nodePort ?? 0, label: `svc/${serviceKey(service)}` };
}

/** With externalTrafficPolicy Local only the entry node's own endpoints are candidates. */
function localLeg(
  dp: Dataplane,
  service: Service,
  pick: Parameters<typeof serviceLeg>[3],
  node: NodeNet,
  client: string,
): ServiceLeg | TraceError {
  const leg = serviceLeg(dp, { ip: client }, service, pick);
  if ('error' in leg || service.externalTrafficPolicy !== 'Local') return leg;
  const endpoints = leg.endpoints.filter((e) => e.nodeName === node.name);
  const endpoint = endpoints.includes(leg.endpoint!) ? leg.endpoint : (endpoints[0] ?? null);
  if (endpoint === leg.endpoint) return { ...leg, endpoints };
  const chosen = endpoint && serviceLeg(dp, { ip: client }, service, { ...pick, endpoint: endpoint.key });
  if (chosen && 'error' in chosen) return chosen;
  return chosen
    ? { ...chosen, endpoints }
    : { ...leg, endpoints, endpoint: null, targetPort: null, endpointDst: null };
}

/** The client's packet crosses the outside network and arrives at the node's eth0. */
export function enterNode(ctx: PathContext, entry: OutsideEntry): void {
  const { node } = entry;
  ctx.walk.frame(node.gatewayMac, node.eth0.mac);
  ctx.walk.hop({
    ...at(node, 'underlay', 'underlay'),
    step: null,
    action: `the client ${entry.client}, outside the cluster, sends ${ctx.protocol} to ${node.name}'s address ${node.ip} port ${entry.nodePort}; the network outside the cluster brings it to ${node.name}`,
  });
  ctx.walk.hop({
    ...at(node, 'eth0', 'node-eth0'),
    step: null,
    action: `it arrives at ${node.name}'s eth0 (${node.ip}) from ${entry.client}`,
  });
}

/** KUBE-NODEPORTS → KUBE-EXT → KUBE-SVC → KUBE-SEP: the DNAT, or a drop without a (local) endpoint. */
export function nodePortDnat(ctx: PathContext, entry: OutsideEntry): TraceDrop | null {
  const { node, leg } = entry;
  const { service, port, endpoint, endpointDst, targetPort } = leg;
  const rules = [
    iptables(
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    ),
    nodePortRule(service, port),
  ];
  if (!endpoint || !endpointDst || targetPort === null) {
    const local = service.externalTrafficPolicy === 'Local';
    ctx.walk.hop({
      ...at(node, 'eth0', 'node-eth0'),
      step: null,
      action: local
        ? `kube-proxy's KUBE-NODEPORTS matches port ${entry.nodePort}: Service ${serviceKey(service)} has externalTrafficPolicy Local and no endpoint on ${node.name}, so ${node.name} drops the packet`
        : `kube-proxy's KUBE-NODEPORTS matches port ${entry.nodePort}: Service ${serviceKey(service)} has no endpoints, so the packet is rejected`,
      entries: rules,
    });
    const why = local
      ? `Service ${serviceKey(service)} has externalTrafficPolicy Local and no endpoint on ${node.name}: kube-proxy drops traffic to its nodePort there (a load balancer's health check would not send clients to ${node.name})`
      : `Service ${serviceKey(service)} has no endpoints for ${port.port}/${port.protocol}, so kube-proxy rejects the connection`;
    return dataplaneDrop(ctx, local ? 'no-local-endpoint' : 'no-endpoints', why);
  }
  const before = ctx.walk.destination;
  const to = `${endpoint.ip}:${targetPort}`;
  ctx.walk.rewriteDestination(endpoint.ip, targetPort);
  const masq =
    service.externalTrafficPolicy === 'Cluster'
      ? 'KUBE-EXT marks it for masquerading (externalTrafficPolicy Cluster),'
      : 'KUBE-EXT keeps the client address and only the endpoints on this node (externalTrafficPolicy Local),';
  ctx.walk.hop({
    ...at(node, 'eth0', 'node-eth0'),
    step: null,
    action: `kube-proxy's iptables rules in ${node.name}'s root netns (nat PREROUTING → KUBE-SERVICES → KUBE-NODEPORTS): port ${entry.nodePort} is Service ${serviceKey(service)} port ${port.port}/${port.protocol}; ${masq} and KUBE-SEP rewrites the destination to ${to} (${endpoint.key})`,
    entries: [
      ...rules,
      serviceToEndpointRule(service, port, to, leg.endpoints.indexOf(endpoint), leg.endpoints.length),
    ],
    nat: { type: 'DNAT', from: before, to, rule: dnatRule(service, port, to) },
  });
  ctx.dst = endpointDst;
  ctx.port = targetPort;
  return null;
}

/** externalTrafficPolicy Cluster: POSTROUTING masquerades to the address of the device the packet leaves by. */
export function masquerade(ctx: PathContext, entry: OutsideEntry): void {
  if (entry.leg.service.externalTrafficPolicy !== 'Cluster') return;
  const address = snatAddress(entry.node, ctx.dst.ip);
  const before = ctx.walk.source;
  const port = hashInRange(`kube-masq|${entry.client}|${ctx.walk.srcPort}|${ctx.dst.ip}`, 1024, 65535);
  ctx.walk.masquerade(address.ip, port);
  ctx.src = { key: ctx.src.key, ip: address.ip };
  ctx.walk.hop({
    ...at(
      entry.node,
      address.device,
      address.device === 'eth0' ? 'node-eth0' : address.device === 'cni0' ? 'bridge' : 'vtep',
    ),
    step: null,
    action: `KUBE-POSTROUTING masquerades the marked packet: its source ${before} becomes ${address.ip}:${port}, the address of ${address.device} through which it leaves; ${entry.leg.endpoint?.key ?? 'the endpoint'} will see ${address.ip}, never the client ${entry.client}`,
    entries: [iptables(MASQUERADE_RULE)],
    nat: { type: 'SNAT', from: before, to: `${address.ip}:${port}`, rule: MASQUERADE_RULE },
  });
}

/** The source address policies see at the endpoint: the masquerade address with Cluster, else the client's. */
export function seenSource(entry: OutsideEntry): string {
  const dst = entry.leg.endpointDst;
  if (entry.leg.service.externalTrafficPolicy !== 'Cluster' || !dst) return entry.client;
  return snatAddress(entry.node, dst.ip).ip;
}

function snatAddress(node: NodeNet, dst: string): { ip: string; device: string } {
  const route = lookupRoute(node.routes, dst);
  const device = [node.bridge, node.vtep, node.eth0].find((d) => d?.name === route.dev) ?? node.eth0;
  return { ip: addressOf(device) || node.ip, device: device.name };
}

export function outsideSummary(entry: OutsideEntry, drop: TraceDrop | null, delivered: string): string {
  const svc = serviceKey(entry.leg.service);
  if (drop) {
    const why =
      drop.reason === 'policy'
        ? `${drop.pod} is isolated for ingress by ${drop.policies.join(', ')} and no rule allows the packet's source`
        : (drop.explanation[0] ?? drop.reason);
    return `Dropped: ${entry.client} → ${entry.node.name}:${entry.nodePort} (Service ${svc}): ${why}.`;
  }
  return `${entry.client} reached ${delivered} through ${entry.node.name}'s nodePort ${entry.nodePort} (Service ${svc}); the reply is un-NATed by conntrack on ${entry.node.name}.`;
}
