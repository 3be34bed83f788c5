// A trace from a client outside the cluster through a node's nodePort: into the node's eth0,
// kube-proxy's NodePort DNAT (or its refusal), the masquerade with externalTrafficPolicy Cluster,
// then the usual legs to the endpoint (nodePort.ts holds the legs of its own).
import type { Topology } from '../model';
import type { PathContext } from './context';
import { hashInRange } from './hash';
import { toEndpoint } from './journey';
import type { Dataplane } from './network';
import type { OutsideEntry } from './nodePort';
import { enterNode, masquerade, nodePortDnat, outsideEntry, outsideSummary, seenSource } from './nodePort';
import { evaluatePolicies } from './policy';
import { requestProblem } from './resolve';
import { serviceOfLeg } from './serviceLeg';
import { nodeSummaries } from './summary';
import { endpointNotes } from './toService';
import type { Trace, TraceDrop, TraceError, TraceRequest } from './types';
import { Walk } from './walk';

/** From a client outside the cluster through a node's nodePort. */
export function traceFromOutside(dp: Dataplane, topology: Topology, req: TraceRequest): Trace | TraceError {
  const problem = requestProblem(req);
  if (problem) return { error: problem, suggestions: [] };
  const entry = outsideEntry(dp, topology, req);
  if ('error' in entry) return entry;
  const { leg, node, client } = entry;
  const seenIP = seenSource(entry);
  const seen = { key: seenIP === client ? client : `${seenIP} (${client} masqueraded)`, ip: seenIP };
  const ctx: PathContext = {
    backend: dp.backend,
    src: { key: client, ip: client },
    srcNode: node,
    dst: { kind: 'service', ip: node.ip, leg },
    port: entry.nodePort,
    protocol: leg.port.protocol,
    policy: leg.endpointDst
      ? evaluatePolicies(topology, seen, leg.endpointDst, leg.targetPort ?? 0, leg.port.protocol)
      : { egress: null, ingress: null, drop: null, wouldDrop: null },
    walk: new Walk({
      srcIP: client,
      dstIP: node.ip,
      protocol: leg.port.protocol,
      srcPort: hashInRange(`${client}>${entry.label}/${leg.port.protocol}`, 32768, 60999),
      dstPort: entry.nodePort,
    }),
  };
  const drop = walkFromOutside(ctx, dp, entry);
  const last = ctx.walk.hops.at(-1);
  if (!drop && last)
    last.action += `; the reply is un-NATed by conntrack on ${node.name}, so ${client} sees it come from ${node.ip}:${entry.nodePort}`;
  const delivered = ctx.dst.kind === 'pod' ? `${ctx.dst.pod.key} on ${ctx.dst.node.name}` : ctx.dst.ip;
  return {
    from: client,
    to: entry.label,
    port: entry.label.startsWith('svc/') ? leg.port.port : entry.nodePort,
    protocol: leg.port.protocol,
    verdict: drop ? 'dropped' : 'delivered',
    hops: ctx.walk.hops,
    drop,
    summary: outsideSummary(entry, drop, delivered),
    backend: dp.backend,
    enforcement: dp.enforcement,
    wouldDrop: ctx.policy.wouldDrop,
    nodes: nodeSummaries(dp),
    service: { ...serviceOfLeg(leg), nodePort: entry.nodePort },
    dns: null,
    notes: endpointNotes(leg),
  };
}

/** Into a node's eth0, kube-proxy's NodePort DNAT, the masquerade with Cluster, then the usual path. */
function walkFromOutside(ctx: PathContext, dp: Dataplane, entry: OutsideEntry): TraceDrop | null {
  enterNode(ctx, entry);
  const refused = nodePortDnat(ctx, entry);
  if (refused) return refused;
  masquerade(ctx, entry);
  return toEndpoint(ctx, dp);
}
