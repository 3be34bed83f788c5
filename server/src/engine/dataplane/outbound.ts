// Destinations beyond the pod network: out of the source node's eth0, masqueraded to the node's
// address by flanneld's FLANNEL-POSTRTG rule — to the outside world, or to another node's eth0.
// An address in the cluster network that no node owns goes out unmasqueraded and gets nowhere.
import { formatCidr } from '../ipv4';
import { deliverToHost } from './arrival';
import type { PathContext } from './context';
import { at, dataplaneDrop } from './context';
import { underlay } from './crossing';
import { quote } from './entries';
import { hashInRange } from './hash';
import { lookupRoute, neighbourOf, present } from './lookup';
import type { Dataplane } from './network';
import type { TraceDrop } from './types';

export function leaveNode(ctx: PathContext, dp: Dataplane): TraceDrop | null {
  const { srcNode: local, dst, walk } = ctx;
  const route = lookupRoute(local.routes, dst.ip);
  walk.routed();
  walk.hop({
    ...at(local, 'eth0', 'node-eth0'),
    step: null,
    action: `${dst.ip} is outside the pod network: ${local.name} routes it out of eth0 ${route.via ? `to its default gateway ${route.via}` : `directly on ${route.dst}`}`,
    entries: present(route),
  });
  const next = route.via ?? dst.ip;
  const nextMac = route.via ? local.gatewayMac : dst.kind === 'host' ? dst.node.eth0.mac : null;
  if (nextMac) walk.frame(local.eth0.mac, nextMac);
  const unrouted = dst.kind === 'unrouted';
  const rule = local.masquerade.find((r) => r.text.includes(unrouted ? '-j RETURN' : '-j MASQUERADE'));
  const before = walk.source;
  if (!unrouted) walk.masquerade(local.ip, masqueradePort(ctx));
  // The same rewrite record as kube-proxy's SNAT: the source before and after, and the rule.
  const nat =
    unrouted || !rule ? null : { type: 'SNAT' as const, from: before, to: walk.source, rule: rule.text };
  walk.hop({
    ...at(local, 'eth0', 'node-eth0'),
    step: null,
    action: unrouted
      ? `flanneld's rule leaves pod-network destinations unmasqueraded, and the packet leaves ${local.name} through eth0 towards ${next}`
      : `flanneld's masquerade rule rewrites the source to ${local.name}'s address ${local.ip}:${walk.srcPort}, and the packet leaves ${local.name} through eth0 towards ${next}`,
    entries: [...(rule ? [quote(rule)] : []), ...present(neighbourOf(local, next, 'eth0'))],
    ...(nat ? { nat } : {}),
  });
  if (unrouted) {
    const why = `no node owns ${dst.ip}: it is in the cluster network ${formatCidr(dp.network)} but in no node's podCIDR, so ${local.name} sends it to its default gateway and the underlay has no route into the pod network`;
    return dataplaneDrop(ctx, 'no-route', why);
  }
  if (dst.kind !== 'host') return null;
  underlay(ctx, local, dst.node, null);
  return deliverToHost(ctx, dst.node, 'eth0');
}

/** MASQUERADE --random-fully picks a fresh source port; here a hash of the flow. */
function masqueradePort(ctx: PathContext): number {
  const { src, dst, port, protocol, walk } = ctx;
  return hashInRange(`masq|${src.ip}|${walk.srcPort}|${dst.ip}|${port}|${protocol}`, 1024, 65535);
}
