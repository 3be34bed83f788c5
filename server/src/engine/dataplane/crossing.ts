// From the source node to the destination node: flannel's VXLAN overlay (seed steps 3a–6b) or the
// host-gw backend's plain routing (3a, 4, 5, 6a).
import { cidrContains, formatCidr, parseIPv4 } from '../ipv4';
import { hashInRange } from './hash';
import type { PathContext } from './context';
import { at, dataplaneDrop } from './context';
import { fdbOf, lookupRoute, neighbourOf, present } from './lookup';
import type { NodeNet } from './network';
import { VXLAN_PORT, VXLAN_VNI } from './network';
import type { TraceDrop } from './types';

/** The kernel's VXLAN source port: a hash of the inner flow in the ephemeral range. */
function vxlanSourcePort(ctx: PathContext): number {
  const { src, dst, port, protocol, walk } = ctx;
  return hashInRange(`vxlan|${src.ip}|${dst.ip}|${walk.srcPort}|${port}|${protocol}`, 32768, 60999);
}

/** The underlay next hop from `from` to `to`: the node itself on the same segment, else the gateway. */
function underlayNextHop(from: NodeNet, to: NodeNet): { ip: string; mac: string; direct: boolean } {
  const direct = cidrContains(from.underlay, parseIPv4(to.ip) ?? -1);
  return direct
    ? { ip: to.ip, mac: to.eth0.mac, direct }
    : { ip: from.gateway, mac: from.gatewayMac, direct };
}

export function crossVxlan(ctx: PathContext, remote: NodeNet): TraceDrop | null {
  const { srcNode: local, walk } = ctx;
  const route = lookupRoute(local.routes, ctx.dst.ip);
  walk.routed();
  walk.hop({
    ...at(local, 'flannel.1', 'vtep'),
    step: '3a',
    action: `no pod on ${local.name} has ${ctx.dst.ip}: the routing table sends ${route.dst} to flannel.1, flannel's VXLAN device (also called flannel0), next hop ${route.via}, flannel.1's address on ${remote.name}`,
    entries: present(route),
  });
  encapsulate(ctx, remote, route.via ?? '');
  const hop = underlayNextHop(local, remote);
  walk.hop({
    ...at(local, 'eth0', 'node-eth0'),
    step: '3c',
    action: `the encapsulated packet is sent out of ${local.name}'s eth0 towards ${hop.direct ? remote.name : `the gateway ${hop.ip}`}`,
    entries: present(lookupRoute(local.routes, remote.ip), neighbourOf(local, hop.ip, 'eth0')),
  });
  walk.hop({
    ...at(local, 'eth0', 'node-eth0'),
    step: '4',
    action: `it leaves ${local.name} with source ${local.ip} (${local.name}) and destination ${remote.ip} (${remote.name}), UDP port ${VXLAN_PORT}`,
  });
  underlay(ctx, local, remote);
  walk.hop({
    ...at(remote, 'eth0', 'node-eth0'),
    step: '6a',
    action: `it arrives at ${remote.name}'s eth0 (${remote.ip}); UDP destination port ${VXLAN_PORT} is flannel.1's VXLAN port, so the kernel hands it to flannel.1`,
  });
  walk.hop({
    ...at(remote, 'flannel.1', 'vtep'),
    step: '6b',
    action: `flannel.1 checks VNI ${VXLAN_VNI}, strips the outer Ethernet, IP, UDP and VXLAN headers and passes the inner packet (${ctx.src.ip} → ${ctx.dst.ip}) into ${remote.name}'s root netns`,
  });
  walk.decapsulate();
  return null;
}

/** Seed step 3b: flanneld's neighbour and FDB entries give the outer header. */
function encapsulate(ctx: PathContext, remote: NodeNet, vtepIP: string): void {
  const { srcNode: local, walk } = ctx;
  const neighbour = neighbourOf(local, vtepIP, 'flannel.1');
  const fdb = neighbour && fdbOf(local, neighbour.lladdr, 'flannel.1');
  const hop = underlayNextHop(local, remote);
  walk.frame(local.vtep?.mac ?? '', remote.vtep?.mac ?? '');
  walk.encapsulate({
    ethernet: { src: local.eth0.mac, dst: hop.mac },
    src: local.ip,
    dst: fdb?.dst ?? remote.ip,
    srcPort: vxlanSourcePort(ctx),
  });
  walk.hop({
    ...at(local, 'flannel.1', 'vtep'),
    step: '3b',
    action: `flannel.1 looks up ${vtepIP}: a permanent neighbour entry gives ${remote.name}'s VTEP MAC and the FDB maps that MAC to ${remote.ip}, both written by flanneld from ${remote.name}'s node annotations, read through the API server or etcd; it wraps the frame in VXLAN (VNI ${VXLAN_VNI}) inside UDP to port ${VXLAN_PORT}, outer ${local.ip} → ${remote.ip}: 50 bytes of headers, hence MTU ${local.vtep?.mtu ?? ''}`,
    entries: present(neighbour, fdb),
  });
}

export function crossHostGw(ctx: PathContext, remote: NodeNet): TraceDrop | null {
  const { srcNode: local, walk } = ctx;
  const route = lookupRoute(local.routes, ctx.dst.ip);
  walk.routed();
  walk.hop({
    ...at(local, 'eth0', 'node-eth0'),
    step: '3a',
    action: `no pod on ${local.name} has ${ctx.dst.ip}: with the host-gw backend there is no flannel.1 and no encapsulation; the routing table sends ${route.dst} straight to ${remote.name} (${remote.ip}) through eth0`,
    entries: present(route),
  });
  if (!underlayNextHop(local, remote).direct) {
    const why = `host-gw needs every node on one L2 segment, and ${remote.name} (${remote.ip}) is not on ${local.name}'s ${formatCidr(local.underlay)}: flanneld cannot install the route via ${remote.ip}`;
    return dataplaneDrop(ctx, 'no-route', why);
  }
  walk.frame(local.eth0.mac, remote.eth0.mac);
  walk.hop({
    ...at(local, 'eth0', 'node-eth0'),
    step: '4',
    action: `it leaves ${local.name} unencapsulated, source ${ctx.src.ip} and destination ${ctx.dst.ip}, addressed to ${remote.name}'s MAC`,
    entries: present(neighbourOf(local, remote.ip, 'eth0')),
  });
  underlay(ctx, local, remote);
  walk.hop({
    ...at(remote, 'eth0', 'node-eth0'),
    step: '6a',
    action: `it arrives at ${remote.name}'s eth0 (${remote.ip}); no VXLAN here: the kernel routes ${ctx.dst.ip} like any other packet`,
  });
  return null;
}

/** Seed step 5: the physical network carries the packet between the nodes. */
export function underlay(ctx: PathContext, local: NodeNet, remote: NodeNet, step: string | null = '5'): void {
  const hop = underlayNextHop(local, remote);
  if (!hop.direct) ctx.walk.underlayRouted({ src: local.gatewayMac, dst: remote.eth0.mac });
  const how = hop.direct
    ? `on the same segment ${formatCidr(local.underlay)}`
    : `through the router ${local.gateway}, which knows the route to ${remote.ip}`;
  ctx.walk.hop({
    ...at(local, 'underlay', 'underlay'),
    step,
    action: `the underlay network carries it from ${local.name} (${local.ip}) to ${remote.name} (${remote.ip}) ${how}`,
  });
}
