// traceConnection: one simulated packet from a pod to a pod or an address, hop by hop through the
// dataplane built from the topology, with the policy verdicts where they are enforced.
import type { Topology } from '../model';
import { deliverToHost, deliverToPod, destinationBridge, ingressCheck, loopback } from './arrival';
import { buildDataplane } from './build';
import type { TraceContext } from './context';
import { crossHostGw, crossVxlan } from './crossing';
import { hashInRange } from './hash';
import type { Dataplane, NodeNet, PodNet } from './network';
import { leaveNode } from './outbound';
import { evaluatePolicies } from './policy';
import type { Resolved } from './resolve';
import { resolveRequest } from './resolve';
import { egressCheck, leaveSource, sourceBridge } from './source';
import { nodeSummaries, summarize } from './summary';
import type { Trace, TraceDrop, TraceError, TraceRequest } from './types';
import { Walk } from './walk';

export function traceConnection(topology: Topology, req: TraceRequest): Trace | TraceError {
  return traceInDataplane(buildDataplane(topology), topology, req);
}

export function isTraceError(result: Trace | TraceError): result is TraceError {
  return 'error' in result;
}

/** The same, on a dataplane the caller already built from this topology. */
export function traceInDataplane(dp: Dataplane, topology: Topology, req: TraceRequest): Trace | TraceError {
  const resolved = resolveRequest(dp, topology, req);
  if ('error' in resolved) return resolved;
  const ctx = contextOf(dp, topology, resolved, req);
  const drop = walkPacket(ctx, dp);
  return {
    from: resolved.src.key,
    to: resolved.to,
    port: req.port,
    protocol: req.protocol,
    verdict: drop ? 'dropped' : 'delivered',
    hops: ctx.walk.hops,
    drop,
    summary: summarize(ctx, drop),
    backend: dp.backend,
    enforcement: dp.enforcement,
    wouldDrop: ctx.policy.wouldDrop,
    nodes: nodeSummaries(dp),
    workloads: resolved.workloads,
  };
}

function contextOf(dp: Dataplane, topology: Topology, r: Resolved, req: TraceRequest): TraceContext {
  const loopbackOnly = r.dst.kind === 'self' && r.dst.ip !== r.src.ip;
  const srcIP = loopbackOnly ? '127.0.0.1' : r.src.ip;
  return {
    backend: dp.backend,
    src: r.src,
    srcNode: r.srcNode,
    dst: r.dst,
    port: req.port,
    protocol: req.protocol,
    policy: evaluatePolicies(topology, r.src, r.dst, req.port, req.protocol),
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
  return egressCheck(ctx) ?? sourceBridge(ctx) ?? onward(ctx, dp);
}

function onward(ctx: TraceContext, dp: Dataplane): TraceDrop | null {
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

function cross(ctx: TraceContext, remote: NodeNet): TraceDrop | null {
  return ctx.backend === 'vxlan' ? crossVxlan(ctx, remote) : crossHostGw(ctx, remote);
}

function intoPod(ctx: TraceContext, node: NodeNet, pod: PodNet, step: '4' | '8'): TraceDrop | null {
  return ingressCheck(ctx, node, pod) ?? deliverToPod(ctx, node, pod, step);
}
