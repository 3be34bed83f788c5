// The last legs: forwarding to the destination bridge and its ARP (seed steps 6c–7), the ingress
// policy check before the destination veth, the veth into the pod (steps 4 or 8), and the other
// endings — a node's own address, or the pod itself over its loopback.
import type { PathContext, TraceContext } from './context';
import { at, dataplaneDrop, service } from './context';
import { failedNeighbour } from './entries';
import { fdbOf, localRoute, lookupRoute, neighbourOf, present } from './lookup';
import type { NodeNet, PodNet } from './network';
import { addressOf } from './nodes';
import { ORIGIN } from './origins';
import { checkOutcome } from './policy';
import type { TraceDrop } from './types';

/** Steps 6c and 7 on the destination node: IP forwarding to cni0, then ARP for the pod. */
export function destinationBridge(ctx: PathContext, node: NodeNet): TraceDrop | null {
  const { dst, walk } = ctx;
  const route = lookupRoute(node.routes, dst.ip);
  walk.routed();
  walk.hop({
    ...at(node, 'cni0', 'bridge'),
    step: '6c',
    action: `IP forwarding is enabled, so ${node.name}'s kernel forwards the packet to cni0, whose subnet holds ${dst.ip}`,
    entries: present(route),
  });
  const pod = dst.kind === 'pod' ? dst.pod : null;
  const bridgeIP = addressOf(node.bridge);
  if (pod) walk.frame(node.bridge.mac, pod.eth0.mac);
  walk.hop({
    ...at(node, 'cni0', 'bridge'),
    step: '7',
    action: pod
      ? `cni0 ARPs for ${dst.ip} and finds that it belongs to ${pod.key}, behind ${pod.veth.name}`
      : `cni0 ARPs for ${dst.ip} and nobody answers: no pod on ${node.name} has that address`,
    arp: {
      device: 'cni0',
      request: `who-has ${dst.ip} tell ${bridgeIP}`,
      reply: pod && `${dst.ip} is-at ${pod.eth0.mac}`,
    },
    entries: pod
      ? present(neighbourOf(node, pod.ip, 'cni0'), fdbOf(node, pod.eth0.mac, pod.veth.name))
      : [failedNeighbour(dst.ip, 'cni0', ORIGIN.arpFailed('cni0'))],
  });
  if (pod) return null;
  const why = `no pod on ${node.name} has ${dst.ip}: the ARP request on cni0 got no answer, so ${node.name} drops the packet and returns ICMP host unreachable`;
  return dataplaneDrop(ctx, 'arp-failed', why);
}

/** Ingress policy, checked on the destination node before the packet enters the destination veth. */
export function ingressCheck(ctx: PathContext, node: NodeNet, pod: PodNet): TraceDrop | null {
  const check = ctx.policy.ingress;
  if (!check) return null;
  ctx.walk.hop({
    ...at(node, 'cni0', 'bridge'),
    step: null,
    action: `ingress policy check for ${pod.key}, before ${pod.veth.name}: ${checkOutcome(check.allowed, check.enforced)}`,
    policy: check,
  });
  return ctx.policy.drop?.direction === 'ingress' ? ctx.policy.drop : null;
}

/**
 * Through the destination veth into the pod: seed step 4 (straight across the source's bridge) or 8
 * (after routing in a root netns: on another node, or back from kube-proxy's DNAT on this one).
 */
export function deliverToPod(ctx: PathContext, node: NodeNet, pod: PodNet, step: '4' | '8'): null {
  ctx.walk.hop({
    ...at(node, pod.veth.name, 'veth'),
    step,
    action: `cni0 sends the frame out of ${pod.veth.name}, the root-netns end of ${pod.key}'s veth pair (also called vethyyy)`,
  });
  ctx.walk.hop({
    step,
    node: node.name,
    netns: pod.key,
    device: 'eth0',
    place: 'pod-eth0',
    action: `it arrives at ${pod.key}'s eth0 (${pod.ip}) in the netns held by ${pod.sandbox}: delivered to ${service(ctx)}${portNote(ctx, pod)}`,
  });
  return null;
}

function portNote(ctx: PathContext, pod: PodNet): string {
  const declared = pod.pod.ports.some((p) => p.containerPort === ctx.port && p.protocol === ctx.protocol);
  return declared ? '' : ` (no container of ${pod.key} declares ${service(ctx)}; a listener may still exist)`;
}

/** The destination is one of a node's own addresses: the kernel delivers it in the root netns. */
export function deliverToHost(ctx: PathContext, node: NodeNet, device: string): null {
  ctx.walk.hop({
    ...at(node, device, device === 'eth0' ? 'node-eth0' : device === 'cni0' ? 'bridge' : 'vtep'),
    step: null,
    action: `${ctx.dst.ip} is ${node.name}'s own address (${device}): the kernel delivers it to ${service(ctx)} in the root netns`,
    entries: [localRoute(ctx.dst.ip, device)],
  });
  return null;
}

/** The pod's own address (or 127.0.0.0/8): delivered over lo, never reaching the veth or any policy. */
export function loopback(ctx: TraceContext): null {
  const { src, srcNode, dst } = ctx;
  const own = dst.ip === src.ip;
  ctx.walk.hop({
    step: null,
    node: srcNode.name,
    netns: src.key,
    device: 'lo',
    place: 'pod-eth0',
    action: `${dst.ip} is ${own ? `${src.key}'s own address` : 'a loopback address'}: the kernel delivers it over lo inside the pod's netns; it never reaches the veth, so no NetworkPolicy applies`,
    entries: [own ? localRoute(src.ip, 'eth0') : localRoute('127.0.0.0/8', 'lo', '127.0.0.1')],
  });
  return null;
}
