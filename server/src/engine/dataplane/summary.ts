// The trace's one-sentence summary, and the nodes and pods the diagram draws.
import type { TraceContext } from './context';
import { service } from './context';
import type { Dataplane, NodeNet } from './network';
import { addressOf } from './nodes';
import { VXLAN_PORT, VXLAN_VNI } from './network';
import type { NodeSummary, TraceDrop } from './types';

export function summarize(ctx: TraceContext, drop: TraceDrop | null): string {
  if (drop) return `${dropSentence(ctx, drop)}.`;
  const would = ctx.policy.wouldDrop;
  if (!would) return `${deliveredSentence(ctx)}.`;
  return `${deliveredSentence(ctx)}; plain flannel enforces no NetworkPolicy, but a policy engine would have dropped it (${would.direction} of ${would.pod}: ${would.policies.join(', ')}).`;
}

function deliveredSentence(ctx: TraceContext): string {
  const { src, srcNode: local, dst } = ctx;
  switch (dst.kind) {
    case 'self':
      return `${src.key} sent it to itself: delivered over lo inside its own netns, with no policy involved`;
    case 'pod':
      if (dst.node === local)
        return `${src.key} reached ${dst.pod.key} on ${local.name} through cni0, without leaving the node`;
      return `${src.key} on ${local.name} reached ${dst.pod.key} on ${dst.node.name} ${crossing(ctx, dst.node)}`;
    case 'host':
      return `${src.key} reached ${dst.node.name}'s own address ${dst.ip} (${dst.device}) in its root netns`;
    default:
      return `${src.key} left the cluster through ${local.name}'s eth0 towards ${dst.ip}, masqueraded to ${local.ip} by flanneld's ip-masq rule; what happens beyond the node is outside the model`;
  }
}

function crossing(ctx: TraceContext, remote: NodeNet): string {
  const local = ctx.srcNode;
  if (ctx.backend === 'host-gw')
    return `routed by the host-gw backend via ${remote.ip}, without encapsulation`;
  return `through flannel's VXLAN overlay (outer ${local.ip} → ${remote.ip}, UDP ${VXLAN_PORT}, VNI ${VXLAN_VNI})`;
}

function dropSentence(ctx: TraceContext, drop: TraceDrop): string {
  const { src, srcNode: local, dst } = ctx;
  if (drop.reason !== 'policy') return `Dropped: ${drop.explanation[0] ?? drop.reason}`;
  if (drop.direction === 'egress')
    return `Dropped on ${local.name} at ${src.veth.name}, before routing: ${src.key} is isolated for egress by ${drop.policies.join(', ')} and no rule allows ${service(ctx)} to ${dst.kind === 'pod' ? dst.pod.key : dst.ip}`;
  const where = dst.kind === 'pod' ? `on ${dst.node.name} before ${dst.pod.veth.name}` : '';
  return `Dropped ${where}: ${drop.pod} is isolated for ingress by ${drop.policies.join(', ')} and no rule allows ${src.key} on ${service(ctx)}`;
}

/** Per dataplane: every trace of a topology describes the same nodes and pods (traces only read them). */
const summaries = new WeakMap<Dataplane, NodeSummary[]>();

export function nodeSummaries(dp: Dataplane): NodeSummary[] {
  let found = summaries.get(dp);
  if (!found) summaries.set(dp, (found = summarizeNodes(dp)));
  return found;
}

function summarizeNodes(dp: Dataplane): NodeSummary[] {
  return dp.nodes.map((n) => {
    const summary: NodeSummary = {
      name: n.name,
      ip: n.ip,
      mac: n.eth0.mac,
      podCIDR: n.node.podCIDR,
      bridge: { name: n.bridge.name, ip: addressOf(n.bridge), mac: n.bridge.mac },
      pods: n.pods.map((p) => ({
        key: p.key,
        node: p.node,
        ip: p.ip,
        mac: p.eth0.mac,
        veth: p.veth.name,
        sandbox: p.sandbox,
        labels: { ...p.pod.labels },
      })),
    };
    if (n.vtep) summary.vtep = { name: n.vtep.name, ip: addressOf(n.vtep), mac: n.vtep.mac };
    return summary;
  });
}
