// Puts pods on nodes and gives them IPs, deterministically and stably under edits: a pod's node and
// address depend on its own ns/name hash (with linear probing in sorted order on collisions), so
// adding or removing one pod moves no other pod except along a collision chain.
import type { Cidr } from '../ipv4';
import { cidrContains, cidrSize, formatIPv4, parseCidr, parseIPv4 } from '../ipv4';
import type { ClusterNode, Labels, Pod } from '../model';
import { selectorMatches } from '../selectors';
import { hash32 } from './names';
import type { PodSeed } from './workloads';

const NODE_SEED = 0x6e6f6465;
const IP_SEED = 0x69706164;
/** Addresses considered per node: a /16 pod CIDR is already far more than a node can run. */
const MAX_HOSTS = 65_536;

interface NodeSlots {
  node: ClusterNode;
  cidr: Cidr;
  /** Host offsets in use; 0 (network), 1 (the bridge cni0) and the last (broadcast) are reserved. */
  used: Uint8Array;
  free: number;
  /** Pods placed here that still need an address. */
  pending: number;
}

/** A seed with what placement works out for it. */
interface Placed {
  seed: PodSeed;
  key: string;
  /** A usable `status.podIP`, as a number. */
  declaredIP: number | undefined;
  slot?: NodeSlots;
  ip?: string;
}

export function placePods(seeds: readonly PodSeed[], nodes: readonly ClusterNode[]): Pod[] {
  const slots = nodes.map(slotsOf);
  const byName = new Map(slots.map((s) => [s.node.name, s]));
  const placed = seeds.map((seed): Placed => {
    const ip = seed.podIP === undefined ? undefined : parseIPv4(seed.podIP);
    return { seed, key: `${seed.namespace}/${seed.name}`, declaredIP: ip };
  });
  const sorted = [...placed].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const free: Placed[] = [];
  for (const p of sorted) {
    const fixed = fixedNode(p, byName, slots);
    if (fixed) reserve(p, fixed);
    else free.push(p);
  }
  const candidates = new CandidateNodes(slots);
  for (const p of free) reserve(p, chooseNode(p, candidates.for(p.seed.nodeSelector)));
  allocateIPs(sorted.filter((p) => p.declaredIP === undefined));
  return placed.map(podOf);
}

function slotsOf(node: ClusterNode): NodeSlots {
  const cidr = parseCidr(node.podCIDR)!;
  const hosts = Math.min(cidrSize(cidr), MAX_HOSTS);
  const used = new Uint8Array(hosts);
  for (const reserved of [0, 1, hosts - 1]) if (reserved >= 0 && reserved < hosts) used[reserved] = 1;
  return { node, cidr, used, free: Math.max(0, hosts - 3), pending: 0 };
}

/** The node a pod must run on: its `nodeName`, or the node whose CIDR holds its `status.podIP`. */
function fixedNode(p: Placed, byName: Map<string, NodeSlots>, slots: NodeSlots[]): NodeSlots | undefined {
  if (p.seed.nodeName) return byName.get(p.seed.nodeName);
  const ip = p.declaredIP;
  return ip === undefined ? undefined : slots.find((s) => cidrContains(s.cidr, ip));
}

function reserve(p: Placed, slot: NodeSlots): void {
  p.slot = slot;
  const ip = p.declaredIP;
  if (ip === undefined) {
    slot.pending++;
    return;
  }
  const offset = ip - slot.cidr.base;
  if (cidrContains(slot.cidr, ip) && offset < slot.used.length && !slot.used[offset]) {
    slot.used[offset] = 1;
    slot.free--;
  }
}

/** The nodes whose labels match a pod's nodeSelector (all nodes when none does), cached per selector. */
class CandidateNodes {
  private readonly cache = new Map<string, NodeSlots[]>();
  constructor(private readonly slots: NodeSlots[]) {}

  for(nodeSelector: Labels): NodeSlots[] {
    const key = JSON.stringify(nodeSelector);
    let found = this.cache.get(key);
    if (!found) {
      const selector = { matchLabels: nodeSelector, matchExpressions: [] };
      const matching = this.slots.filter((s) => selectorMatches(selector, s.node.labels));
      found = matching.length ? matching : this.slots;
      this.cache.set(key, found);
    }
    return found;
  }
}

/** Hash-chosen among the candidate nodes; the next one with room when that one is full. */
function chooseNode(p: Placed, candidates: NodeSlots[]): NodeSlots {
  const start = hash32(p.key, NODE_SEED) % candidates.length;
  for (let i = 0; i < candidates.length; i++) {
    const slot = candidates[(start + i) % candidates.length]!;
    if (slot.pending < slot.free) return slot;
  }
  return candidates[start]!;
}

/**
 * Addresses for pods without `status.podIP` (given in key order): hash of ns/name into the node's
 * CIDR, probing linearly.
 */
function allocateIPs(pending: readonly Placed[]): void {
  for (const p of pending) {
    const slot = p.slot!;
    const usable = slot.used.length - 3;
    if (usable <= 0 || slot.free <= 0) continue;
    let offset = 2 + (hash32(p.key, IP_SEED) % usable);
    while (slot.used[offset]) offset = offset + 1 >= slot.used.length - 1 ? 2 : offset + 1;
    slot.used[offset] = 1;
    slot.free--;
    p.ip = formatIPv4(slot.cidr.base + offset);
  }
}

function podOf(p: Placed): Pod {
  const { seed } = p;
  const declared = p.declaredIP !== undefined;
  const pod: Pod = {
    namespace: seed.namespace,
    name: seed.name,
    labels: seed.labels,
    nodeName: p.slot!.node.name,
    ip: declared ? seed.podIP! : (p.ip ?? ''),
    ports: seed.ports,
    ipAllocated: !declared,
    nodeAssigned: !seed.nodeName,
    source: seed.source,
  };
  if (seed.owner) pod.owner = seed.owner;
  return pod;
}
