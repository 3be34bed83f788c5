// The first legs of every trace that leaves the pod: out of the pod's eth0 into the root netns
// (seed step 1), the egress policy check at the veth, and the source bridge with its ARP (steps 2–3).
import type { TraceContext } from './context';
import { dataplaneDrop, destinationLabel, service } from './context';
import { lookupRoute, present, fdbOf } from './lookup';
import { addressOf } from './nodes';
import { checkOutcome } from './policy';
import type { TraceDrop } from './types';

export function leaveSource(ctx: TraceContext): void {
  const { src, srcNode, dst, walk } = ctx;
  const route = lookupRoute(src.routes, dst.ip);
  const peerMac = route.via ? srcNode.bridge.mac : dst.kind === 'pod' ? dst.pod.eth0.mac : null;
  if (peerMac) walk.frame(src.eth0.mac, peerMac);
  const how = route.via
    ? `the route "${route.text}" sends it to the bridge address ${route.via}`
    : `${dst.ip} is on the pod's own subnet, so it goes straight onto the link`;
  walk.hop({
    step: '1',
    node: srcNode.name,
    netns: src.key,
    device: 'eth0',
    place: 'pod-eth0',
    action: `${src.key} sends ${service(ctx)} to ${destinationLabel(ctx)} from eth0 (${src.ip}) in its netns, held by the pause container ${src.sandbox}; ${how}`,
    entries: present(route),
  });
  walk.hop({
    step: '1',
    node: srcNode.name,
    netns: 'root',
    device: src.veth.name,
    place: 'veth',
    action: `the packet crosses the veth pair into ${srcNode.name}'s root netns at ${src.veth.name}, the host end of the pod's veth pair (also called vethxxx)`,
  });
}

/** Egress policy, checked where the packet enters the root netns: before any routing or encapsulation. */
export function egressCheck(ctx: TraceContext): TraceDrop | null {
  const check = ctx.policy.egress;
  if (!check) return null;
  ctx.walk.hop({
    step: null,
    node: ctx.srcNode.name,
    netns: 'root',
    device: ctx.src.veth.name,
    place: 'veth',
    action: `egress policy check for ${check.pod}, before routing: ${checkOutcome(check.allowed, check.enforced)}`,
    policy: check,
  });
  return ctx.policy.drop?.direction === 'egress' ? ctx.policy.drop : null;
}

/** Step 2 (and 3 when the destination is on this bridge): cni0 and the ARP that finds the next hop. */
export function sourceBridge(ctx: TraceContext): TraceDrop | null {
  const { src, srcNode, dst, walk } = ctx;
  const route = lookupRoute(src.routes, dst.ip);
  const target = route.via ?? dst.ip;
  const answer = arpAnswer(ctx, target);
  walk.hop({
    step: '2',
    node: srcNode.name,
    netns: 'root',
    device: 'cni0',
    place: 'bridge',
    action: route.via
      ? `the frame reaches cni0, the node bridge (also called cbr0); ${dst.ip} is off the pod's subnet, so the pod ARPs for its gateway ${target}: cni0 answers with its own MAC and passes the packet up to ${srcNode.name}'s IP stack`
      : `the frame reaches cni0, the node bridge (also called cbr0), which floods the pod's ARP request to its ports: who has ${target}?`,
    arp: {
      device: 'cni0',
      request: `who-has ${target} tell ${src.ip}`,
      reply: answer && `${target} is-at ${answer.mac}`,
    },
  });
  if (!answer) {
    const why = `no pod on ${srcNode.name} has ${target}: the ARP request on cni0 got no answer, so the pod's kernel gives up (host unreachable)`;
    return dataplaneDrop(ctx, 'arp-failed', why);
  }
  if (dst.kind === 'pod' && !route.via) answeredByPod(ctx, answer.mac, answer.device);
  return null;
}

/** Who answers an ARP request for `ip` on the source node's cni0. */
function arpAnswer(ctx: TraceContext, ip: string): { mac: string; device: string } | null {
  const { srcNode, dst } = ctx;
  const ownAddress = dst.kind === 'host' && dst.node === srcNode && dst.ip === ip;
  if (ownAddress || ip === addressOf(srcNode.bridge)) return { mac: srcNode.bridge.mac, device: 'cni0' };
  if (dst.kind === 'pod' && dst.node === srcNode && dst.pod.ip === ip)
    return { mac: dst.pod.eth0.mac, device: dst.pod.veth.name };
  return null;
}

function answeredByPod(ctx: TraceContext, mac: string, veth: string): void {
  const { srcNode, dst, walk } = ctx;
  walk.hop({
    step: '3',
    node: srcNode.name,
    netns: 'root',
    device: 'cni0',
    place: 'bridge',
    action: `the answer ${dst.ip} is-at ${mac} comes back through ${veth}: cni0 learns that ${mac} is behind ${veth} and knows where to forward the frame`,
    entries: present(fdbOf(srcNode, mac, veth)),
  });
}
