// A node's tables in its root netns — routes, neighbours, bridge/VXLAN FDB, flannel's masquerade
// rules — and their text as `ip route`, `ip neigh`, `bridge fdb`, `iptables -t nat -S` print it.
import type { FlannelBackend } from '../model';
import { bridgeFdb, iptablesRule, neighbour, route, vxlanFdb } from './entries';
import type { Cidr } from '../ipv4';
import { cidrContains, formatCidr, parseCidr, parseIPv4 } from '../ipv4';
import { compareIPv4Text } from './addr';
import type { FdbEntry, Neighbour, NodeTables, PodNet, Route } from './network';
import type { NodeBase } from './network';
import { addressOf } from './nodes';
import { ORIGIN } from './origins';
import type { TableEntry } from './types';

/** `ip route` order: default first, then by destination address, longer prefix first. */
export function entrySort(a: Route, b: Route): number {
  if (a.dst === 'default' || b.dst === 'default') return a.dst === 'default' ? -1 : 1;
  const x = parseCidr(a.dst);
  const y = parseCidr(b.dst);
  if (!x || !y) return a.dst.localeCompare(b.dst);
  return x.base - y.base || y.prefix - x.prefix;
}

export function nodeRoutes(node: NodeBase, others: readonly NodeBase[], backend: FlannelBackend): Route[] {
  const routes = [
    route({ dst: 'default', via: node.gateway, dev: 'eth0' }, ORIGIN.nodeDefault),
    route(
      { dst: formatCidr(node.subnet), dev: 'cni0', src: addressOf(node.bridge) },
      ORIGIN.connected('cni0'),
    ),
    route({ dst: formatCidr(node.underlay), dev: 'eth0', src: node.ip }, ORIGIN.connected('eth0')),
    ...others.map((o) => remoteSubnetRoute(o, backend)),
  ];
  return routes.sort(entrySort);
}

function remoteSubnetRoute(remote: NodeBase, backend: FlannelBackend): Route {
  const dst = formatCidr(remote.subnet);
  if (backend === 'host-gw')
    return route({ dst, via: remote.ip, dev: 'eth0' }, ORIGIN.hostGwRoute(remote.name));
  const via = addressOf(remote.vtep ?? remote.bridge);
  return route({ dst, via, dev: 'flannel.1', onlink: true }, ORIGIN.vxlanRoute(remote.name));
}

/** Underlay neighbours (gateway, nodes on the same segment), local pods on cni0, remote VTEPs. */
export function nodeNeighbours(
  node: NodeBase,
  others: readonly NodeBase[],
  pods: readonly PodNet[],
): Neighbour[] {
  const sameSegment = others.filter((o) => cidrContains(node.underlay, parseIPv4(o.ip) ?? -1));
  const underlay = [
    neighbour(node.gateway, 'eth0', node.gatewayMac, false, ORIGIN.arpLearned('eth0')),
    ...sameSegment.map((o) => neighbour(o.ip, 'eth0', o.eth0.mac, false, ORIGIN.arpLearned('eth0'))),
  ];
  const local = pods.map((p) => neighbour(p.ip, 'cni0', p.eth0.mac, false, ORIGIN.arpLearned('cni0')));
  const vteps = others.flatMap((o) =>
    o.vtep ? [neighbour(addressOf(o.vtep), 'flannel.1', o.vtep.mac, true, ORIGIN.vtepNeighbour(o.name))] : [],
  );
  const byIP = (a: Neighbour, b: Neighbour): number => compareIPv4Text(a.ip, b.ip);
  return [...underlay.sort(byIP), ...local.sort(byIP), ...vteps.sort(byIP)];
}

/** cni0's ports (the pod's learned MAC, the veth's own permanent MAC) and flannel.1's VTEP entries. */
export function nodeFdb(others: readonly NodeBase[], pods: readonly PodNet[]): FdbEntry[] {
  const ports = pods.flatMap((p) => [
    bridgeFdb(p.eth0.mac, p.veth.name, 'cni0', false, ORIGIN.fdbLearned('cni0')),
    bridgeFdb(p.veth.mac, p.veth.name, 'cni0', true, ORIGIN.fdbPort('cni0')),
  ]);
  const vteps = others.flatMap((o) =>
    o.vtep ? [vxlanFdb(o.vtep.mac, 'flannel.1', o.ip, ORIGIN.vtepFdb(o.name))] : [],
  );
  return [...ports, ...vteps];
}

const MASQ = '-m comment --comment "flanneld masq"';

/** flanneld's FLANNEL-POSTRTG chain: pod-to-pod traffic keeps its addresses, the rest is masqueraded. */
export function masqueradeRules(node: NodeBase, network: Cidr): TableEntry[] {
  const net = formatCidr(network);
  const own = formatCidr(node.subnet);
  return [
    `-A FLANNEL-POSTRTG -s ${net} -d ${net} ${MASQ} -j RETURN`,
    `-A FLANNEL-POSTRTG -s ${net} ! -d 224.0.0.0/4 ${MASQ} -j MASQUERADE --random-fully`,
    `-A FLANNEL-POSTRTG ! -s ${net} -d ${own} ${MASQ} -j RETURN`,
    `-A FLANNEL-POSTRTG ! -s ${net} -d ${net} ${MASQ} -j MASQUERADE --random-fully`,
  ].map((text) => iptablesRule(text, ORIGIN.masquerade));
}

export function renderTables(t: {
  routes: readonly TableEntry[];
  neighbours: readonly TableEntry[];
  fdb: readonly TableEntry[];
  masquerade: readonly TableEntry[];
}): NodeTables {
  const lines = (entries: readonly TableEntry[]): string => entries.map((e) => e.text).join('\n');
  return {
    ipRoute: lines(t.routes),
    ipNeigh: lines(t.neighbours),
    bridgeFdb: lines(t.fdb),
    iptables: lines(t.masquerade),
  };
}
