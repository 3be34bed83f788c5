// buildServices: the Services of the workspace with their ClusterIPs, nodePorts and endpoints, and
// the cluster DNS. Deterministic: given values first (in path order), then allocations by identity.
import type { ObjectFacts } from '../cluster/facts';
import type { EndpointSetFacts, ServiceFacts } from '../cluster/serviceFacts';
import type { Cidr } from '../ipv4';
import { parseCidr, parseIPv4 } from '../ipv4';
import type { ClusterNode, Pod } from '../model';
import { podKey } from '../model';
import { selectorMatches } from '../selectors';
import { ClusterIPAllocator, NodePortAllocator } from './allocate';
import { clusterDnsOf, isDnsService } from './dns';
import type { Service, ServiceEndpoint, ServicePort, ServiceTopology } from './model';
import { DEFAULT_SERVICE_CIDR, serviceKey } from './model';

interface Declared {
  obj: ObjectFacts & { name: string; service: ServiceFacts };
  namespace: string;
}

export function buildServices(
  latest: readonly ObjectFacts[],
  pods: readonly Pod[],
  nodes: readonly ClusterNode[],
  serviceCIDR: string | undefined,
): ServiceTopology {
  const cidrText = serviceCIDR && parseCidr(serviceCIDR) ? serviceCIDR : DEFAULT_SERVICE_CIDR;
  const cidr: Cidr = parseCidr(cidrText)!;
  const declared = latest
    .filter((o): o is Declared['obj'] => o.service !== undefined && !!o.name)
    .map((obj) => ({ obj, namespace: obj.namespace ?? 'default' }))
    .sort((a, b) => compare(serviceKey({ ...a, name: a.obj.name }), serviceKey({ ...b, name: b.obj.name })));
  const ips = new ClusterIPAllocator(cidr);
  const nodePorts = new NodePortAllocator();
  for (const { obj } of declared) {
    const ip = obj.service.clusterIP;
    if (ip && parseIPv4(ip) !== undefined) ips.reserve(ip);
    for (const p of obj.service.ports) if (p.nodePort !== undefined) nodePorts.reserve(p.nodePort);
  }
  const sets = endpointSetsByService(latest);
  const byNamespace = podsByNamespace(pods);
  const services = declared.map((d) => {
    const svc = serviceOf(d, ips, nodePorts);
    const endpoints = svc.selector
      ? selectedEndpoints(svc, byNamespace.get(d.namespace) ?? [])
      : declaredEndpoints(svc, sets.get(serviceKey(svc)) ?? [], pods);
    return { ...svc, endpoints };
  });
  const dns = clusterDnsOf(services.find(isDnsService), pods, nodes, ips.at(10));
  return { cidr: cidrText, services, dns };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function serviceOf(d: Declared, ips: ClusterIPAllocator, nodePorts: NodePortAllocator): Service {
  const { obj, namespace } = d;
  const f = obj.service;
  const identity = `${namespace}/${obj.name}`;
  const headless = f.clusterIP === 'None';
  const external = f.type === 'ExternalName';
  const given = f.clusterIP && !headless && parseIPv4(f.clusterIP) !== undefined ? f.clusterIP : undefined;
  const dnsIP = identity === 'kube-system/kube-dns' ? ips.at(10) : undefined;
  const clusterIP = headless || external ? null : (given ?? dnsIP ?? ips.allocate(identity));
  const withNodePorts = f.type === 'NodePort' || f.type === 'LoadBalancer';
  const ports = f.ports.map((p): ServicePort => {
    const out: ServicePort = {
      port: p.port,
      protocol: p.protocol,
      targetPort: p.targetPort ?? p.port,
      nodePortAllocated: false,
      source: { file: obj.file, span: p.span },
    };
    if (p.name) out.name = p.name;
    if (withNodePorts) {
      const nodePort = p.nodePort ?? nodePorts.allocate(`${identity}:${p.name ?? p.port}/${p.protocol}`);
      if (nodePort !== null) out.nodePort = nodePort;
      out.nodePortAllocated = p.nodePort === undefined;
    }
    return out;
  });
  const svc: Service = {
    namespace,
    name: obj.name,
    type: f.type,
    clusterIP,
    clusterIPAllocated: clusterIP !== null && given === undefined,
    headless,
    ports,
    endpoints: [],
    externalTrafficPolicy: f.externalTrafficPolicy,
    internalTrafficPolicy: f.internalTrafficPolicy,
    synthesized: false,
    source: obj.source,
  };
  if (f.selector && !external) svc.selector = f.selector;
  if (f.externalName) svc.externalName = f.externalName;
  return svc;
}

function podsByNamespace(pods: readonly Pod[]): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of pods) {
    const list = out.get(pod.namespace);
    if (list) list.push(pod);
    else out.set(pod.namespace, [pod]);
  }
  return out;
}

/** The port a pod serves a Service port on: the number, or its container port of that name and protocol. */
export function targetPortOn(pod: Pod, port: ServicePort): number | null {
  if (typeof port.targetPort === 'number') return port.targetPort;
  const named = pod.ports.find((c) => c.name === port.targetPort && c.protocol === port.protocol);
  return named ? named.containerPort : null;
}

/** The pods the selector matches, by ns/name; those that serve none of the ports are no endpoint. */
function selectedEndpoints(svc: Service, pods: readonly Pod[]): ServiceEndpoint[] {
  const selector = { matchLabels: svc.selector!, matchExpressions: [] };
  return pods
    .filter((pod) => selectorMatches(selector, pod.labels))
    .sort((a, b) => compare(podKey(a), podKey(b)))
    .map((pod) => ({
      key: podKey(pod),
      ip: pod.ip,
      pod,
      nodeName: pod.nodeName,
      targetPorts: svc.ports.map((p) => targetPortOn(pod, p)),
    }))
    .filter((e) => e.targetPorts.some((p) => p !== null));
}

function endpointSetsByService(latest: readonly ObjectFacts[]): Map<string, EndpointSetFacts[]> {
  const out = new Map<string, EndpointSetFacts[]>();
  for (const obj of latest)
    for (const set of obj.endpointSets ?? []) {
      const key = `${obj.namespace ?? 'default'}/${set.service}`;
      out.set(key, [...(out.get(key) ?? []), set]);
    }
  return out;
}

/** A Service without a selector: the addresses its EndpointSlices/Endpoints list, ports matched by name. */
function declaredEndpoints(
  svc: Service,
  sets: readonly EndpointSetFacts[],
  pods: readonly Pod[],
): ServiceEndpoint[] {
  const byIP = new Map(pods.map((p) => [p.ip, p]));
  const out = new Map<string, ServiceEndpoint>();
  for (const set of sets)
    for (const a of set.addresses) {
      if (parseIPv4(a.ip) === undefined || out.has(a.ip)) continue;
      const pod = byIP.get(a.ip);
      const targetPorts = svc.ports.map((p) => {
        const match = set.ports.find((e) => (e.name ?? '') === (p.name ?? '') && e.protocol === p.protocol);
        return match ? match.port : null;
      });
      const endpoint: ServiceEndpoint = { key: pod ? podKey(pod) : a.ip, ip: a.ip, targetPorts };
      if (pod) endpoint.pod = pod;
      const nodeName = pod?.nodeName ?? a.nodeName;
      if (nodeName) endpoint.nodeName = nodeName;
      out.set(a.ip, endpoint);
    }
  return [...out.values()].sort((a, b) => compare(a.key, b.key));
}
