// One connection between resolved ends, walked as the packet's journey: a chain of legs (leave the
// source pod, its bridge, kube-proxy's DNAT for a Service, the policy checks, the crossing to
// another node, the destination bridge and pod), the first that drops the packet ending the walk;
// then the Trace. Service traces (toService.ts) and outside clients (fromOutside.ts) reuse its legs.
import type { Topology } from '../model';
import { deliverToHost, deliverToPod, destinationBridge, ingressCheck, loopback } from './arrival';
import type { PathContext, TraceContext } from './context';
import { crossHostGw, crossVxlan } from './crossing';
import { hashInRange } from './hash';
import type { Dataplane, NodeNet, PodNet } from './network';
import { leaveNode } from './outbound';
import { evaluatePolicies } from './policy';
import type { Resolved } from './resolve';
import type { ServiceLeg } from './serviceLeg';
import { hairpin, kubeProxy, replyNote, serviceOfLeg, viaService } from './serviceLeg';
import { egressCheck, leaveSource, sourceBridge } from './source';
import { nodeSummaries, summarize } from './summary';
import type { Trace, TraceDrop, TraceRequest } from './types';
import { Walk } from './walk';

/** One connection between resolved ends: the legs in order, then the Trace. */
export function connection(
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

/**
 * After the DNAT the packet is in the root netns: a pod on this node is reached back through cni0,
 * as on a destination node (steps 6c, 7 and 8), so the labels keep climbing.
 */
export function toEndpoint(ctx: PathContext, dp: Dataplane): TraceDrop | null {
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
