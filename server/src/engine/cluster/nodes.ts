// The cluster's nodes: Node objects as written (`spec.podCIDR`, InternalIP), nodes synthesised when
// the workspace declares none (node-1, node-2, … with 10.244.N.0/24 and 192.168.56.(11+N)), and
// nodes that pods name in `spec.nodeName` without declaring them.
import type { Cidr } from '../ipv4';
import { cidrsOverlap, formatCidr, formatIPv4, parseCidr, parseIPv4 } from '../ipv4';
import type { ClusterNode } from '../model';
import type { NodeFacts, ObjectFacts } from './facts';

/** The kubelet's default `maxPods`: synthesised clusters grow so that no node runs more. */
export const MAX_PODS_PER_NODE = 110;
/** flannel's default SubnetLen: each node gets a /24 of the Network. */
const NODE_SUBNET_PREFIX = 24;
const FIRST_NODE_IP = parseIPv4('192.168.56.11')!;

interface NodeDraft {
  name: string;
  podCIDR?: string;
  internalIP?: string;
  labels: Record<string, string>;
  synthesized: boolean;
  source?: ClusterNode['source'];
}

export interface NodeRequest {
  network: Cidr;
  /** Nodes to synthesise when none is declared (at least). */
  nodeCount: number;
  /** Pods to place on engine-chosen nodes: more than MAX_PODS_PER_NODE each adds synthesised nodes. */
  podCount: number;
  /** Node names pods ask for, in order of appearance. */
  referenced: readonly string[];
}

export function nodesOf(objects: readonly ObjectFacts[], req: NodeRequest): ClusterNode[] {
  const drafts: NodeDraft[] = [];
  for (const o of objects)
    if (o.kind === 'Node' && o.name && o.node) drafts.push(declaredNode(o, o.name, o.node));
  if (drafts.length === 0) {
    const count = Math.max(1, req.nodeCount, Math.ceil(req.podCount / MAX_PODS_PER_NODE));
    for (let i = 1; i <= count; i++) drafts.push(synthesized(`node-${i}`));
  }
  const known = new Set(drafts.map((d) => d.name));
  for (const name of [...new Set(req.referenced)].sort()) {
    if (!known.has(name)) drafts.push(synthesized(name));
  }
  return completeAddresses(drafts, req.network);
}

function declaredNode(obj: ObjectFacts, name: string, node: NodeFacts): NodeDraft {
  const draft: NodeDraft = {
    name,
    labels: { 'kubernetes.io/hostname': name, ...node.labels },
    synthesized: false,
    source: obj.source,
  };
  if (node.podCIDR) draft.podCIDR = node.podCIDR;
  if (node.internalIP) draft.internalIP = node.internalIP;
  return draft;
}

function synthesized(name: string): NodeDraft {
  return { name, labels: { 'kubernetes.io/hostname': name }, synthesized: true };
}

/** Gives every node without a pod CIDR the next free /24 of the network, and an address. */
function completeAddresses(drafts: NodeDraft[], network: Cidr): ClusterNode[] {
  const usedCidrs = drafts.flatMap((d) => (d.podCIDR ? [parseCidr(d.podCIDR)!] : []));
  const usedIPs = new Set(drafts.flatMap((d) => (d.internalIP ? [d.internalIP] : [])));
  let nextSubnet = 0;
  let nextIP = 0;
  return drafts.map((d, index): ClusterNode => {
    let podCIDR = d.podCIDR;
    while (!podCIDR) {
      const candidate = { base: (network.base + nextSubnet++ * 256) >>> 0, prefix: NODE_SUBNET_PREFIX };
      if (!usedCidrs.some((c) => cidrsOverlap(c, candidate))) podCIDR = formatCidr(candidate);
    }
    let internalIP = d.internalIP;
    while (!internalIP) {
      const candidate = formatIPv4(FIRST_NODE_IP + nextIP++);
      if (!usedIPs.has(candidate)) internalIP = candidate;
    }
    const node: ClusterNode = {
      name: d.name,
      index,
      podCIDR,
      internalIP,
      labels: d.labels,
      synthesized: d.synthesized,
    };
    if (d.source) node.source = d.source;
    return node;
  });
}
