// The iptables rules kube-proxy (iptables mode) writes for a Service port, named exactly as
// pkg/proxy/iptables/proxier.go names them: KUBE-SVC- + the first 16 characters of
// base32(sha256(servicePortName + protocol)), KUBE-SEP- the same over servicePortName + protocol +
// endpoint ("ip:port"); the protocol lower-case, the ServicePortName `ns/name` or `ns/name:port`.
import type { Service, ServicePort } from '../services';
import { servicePortName } from '../services';
import { base32, sha256 } from './sha256';
import type { TableEntry } from './types';

const ORIGIN =
  'kube-proxy (iptables mode), from the Service and its EndpointSlices read through the API server';

const hash16 = (text: string): string => base32(sha256(text)).slice(0, 16);

/**
 * KUBE-SVC-… (every endpoint), or KUBE-SVL-… (the node's own endpoints: the chain a ClusterIP jumps
 * to when the Service's internalTrafficPolicy is Local).
 */
export function serviceChain(svc: Service, port: ServicePort, local = false): string {
  return `KUBE-SV${local ? 'L' : 'C'}-${hash16(servicePortName(svc, port) + port.protocol.toLowerCase())}`;
}

export function endpointChain(svc: Service, port: ServicePort, endpoint: string): string {
  return `KUBE-SEP-${hash16(servicePortName(svc, port) + port.protocol.toLowerCase() + endpoint)}`;
}

const proto = (p: ServicePort): string => p.protocol.toLowerCase();

/** `-A KUBE-SERVICES … -j KUBE-SVC-…` (KUBE-SVL-… when local): the jump for the ClusterIP and port. */
export function servicesRule(svc: Service, port: ServicePort, local = false): TableEntry {
  const name = servicePortName(svc, port);
  return iptables(
    `-A KUBE-SERVICES -d ${svc.clusterIP}/32 -p ${proto(port)} -m comment --comment "${name} cluster IP" -m ${proto(port)} --dport ${port.port} -j ${serviceChain(svc, port, local)}`,
  );
}

/** `-A KUBE-NODEPORTS … -j KUBE-EXT-…` (externalTrafficPolicy Cluster goes on to KUBE-SVC-…). */
export function nodePortRule(svc: Service, port: ServicePort): TableEntry {
  const name = servicePortName(svc, port);
  return iptables(
    `-A KUBE-NODEPORTS -p ${proto(port)} -m comment --comment "${name}" -m ${proto(port)} --dport ${port.nodePort ?? 0} -j KUBE-EXT-${serviceChain(svc, port).slice('KUBE-SVC-'.length)}`,
  );
}

/** The rule of KUBE-SVC-… that jumps to endpoint `index` of `count` (a random pick, as kube-proxy does). */
export function serviceToEndpointRule(
  svc: Service,
  port: ServicePort,
  endpoint: string,
  index: number,
  count: number,
  local = false,
): TableEntry {
  const name = servicePortName(svc, port);
  const left = count - index;
  const random = left > 1 ? ` -m statistic --mode random --probability ${(1 / left).toFixed(10)}` : '';
  return iptables(
    `-A ${serviceChain(svc, port, local)} -m comment --comment "${name} -> ${endpoint}"${random} -j ${endpointChain(svc, port, endpoint)}`,
  );
}

/** `-A KUBE-SEP-… -j DNAT --to-destination ip:port`. */
export function dnatRule(svc: Service, port: ServicePort, endpoint: string): string {
  return `-A ${endpointChain(svc, port, endpoint)} -p ${proto(port)} -m comment --comment "${servicePortName(svc, port)}" -m ${proto(port)} -j DNAT --to-destination ${endpoint}`;
}

/** `-A KUBE-SEP-… -s ip/32 -j KUBE-MARK-MASQ`: an endpoint reaching itself through its Service is masqueraded. */
export function hairpinRule(svc: Service, port: ServicePort, endpoint: string): TableEntry {
  const ip = endpoint.slice(0, endpoint.lastIndexOf(':'));
  return iptables(
    `-A ${endpointChain(svc, port, endpoint)} -s ${ip}/32 -m comment --comment "${servicePortName(svc, port)}" -j KUBE-MARK-MASQ`,
  );
}

/** A Service port without endpoints: kube-proxy rejects in the filter table's KUBE-SERVICES. */
export function rejectRule(svc: Service, port: ServicePort): TableEntry {
  return iptables(
    `-A KUBE-SERVICES -d ${svc.clusterIP}/32 -p ${proto(port)} -m comment --comment "${servicePortName(svc, port)} has no endpoints" -m ${proto(port)} --dport ${port.port} -j REJECT --reject-with icmp-port-unreachable`,
  );
}

/** internalTrafficPolicy Local and no endpoint on this node: the filter table's KUBE-SERVICES drops. */
export function noLocalEndpointsRule(svc: Service, port: ServicePort): TableEntry {
  return iptables(
    `-A KUBE-SERVICES -d ${svc.clusterIP}/32 -p ${proto(port)} -m comment --comment "${servicePortName(svc, port)} has no local endpoints" -m ${proto(port)} --dport ${port.port} -j DROP`,
  );
}

/** The masquerade of traffic marked by KUBE-MARK-MASQ (NodePort with externalTrafficPolicy Cluster, hairpin). */
export const MASQUERADE_RULE =
  '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully';

export function iptables(text: string): TableEntry {
  return { table: 'iptables', text, origin: ORIGIN };
}
