// Puts pods on nodes and gives them IPs, deterministically and stably under edits: a pod's node and
// address depend on its own ns/name hash (with linear probing in sorted order on collisions), so
// adding or removing one pod moves no other pod except along a collision chain.
import type { Cidr } from '../ipv4';
import { cidrContains, cidrSize, formatIPv4, parseCidr, parseIPv4 } from '../ipv4';
import type { ClusterNode, Pod } from '../model';
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
  /** Host offsets in use; 0 (network), 1 (the bridge cni0) and the broadcast address are reserved. */
  used: Set<number>;
  hosts: number;
  /** Pods placed here that still need an address. */
  pending: number;
}

const keyOf = (s: PodSeed): string => `${s.namespace}/${s.name}`;

export function placePods(seeds: readonly PodSeed[], nodes: readonly ClusterNode[]): Pod[] {
  const slots = nodes.map(slotsOf);
  const byName = new Map(slots.map((s) => [s.node.name, s]));
  const nodeOf = new Map<PodSeed, NodeSlots>();
  const free: PodSeed[] = [];
  for (const seed of seeds) {
    const fixed = fixedNode(seed, byName, slots);
    if (fixed) reserve(seed, fixed, nodeOf);
    else free.push(seed);
  }
  const candidates = new CandidateNodes(slots);
  for (const seed of sortedByKey(free)) reserve(seed, chooseNode(seed, candidates.for(seed)), nodeOf);
  const ips = allocateIPs(seeds, nodeOf);
  return seeds.map((seed) => podOf(seed, nodeOf.get(seed)!, ips.get(seed)));
}

function slotsOf(node: ClusterNode): NodeSlots {
  const cidr = parseCidr(node.podCIDR)!;
  const hosts = Math.min(cidrSize(cidr), MAX_HOSTS);
  return { node, cidr, used: new Set([0, 1, hosts - 1]), hosts, pending: 0 };
}

/** The node a pod must run on: its `nodeName`, or the node whose CIDR holds its `status.podIP`. */
function fixedNode(seed: PodSeed, byName: Map<string, NodeSlots>, slots: NodeSlots[]): NodeSlots | undefined {
  if (seed.nodeName) return byName.get(seed.nodeName);
  const ip = seed.podIP === undefined ? undefined : parseIPv4(seed.podIP);
  return ip === undefined ? undefined : slots.find((s) => cidrContains(s.cidr, ip));
}

function reserve(seed: PodSeed, slot: NodeSlots, nodeOf: Map<PodSeed, NodeSlots>): void {
  nodeOf.set(seed, slot);
  const ip = seed.podIP === undefined ? undefined : parseIPv4(seed.podIP);
  if (ip === undefined) slot.pending++;
  else if (cidrContains(slot.cidr, ip)) slot.used.add(ip - slot.cidr.base);
}

/** The nodes whose labels match a pod's nodeSelector (all nodes when none does), cached per selector. */
class CandidateNodes {
  private readonly cache = new Map<string, NodeSlots[]>();
  constructor(private readonly slots: NodeSlots[]) {}

  for(seed: PodSeed): NodeSlots[] {
    const key = JSON.stringify(seed.nodeSelector);
    let found = this.cache.get(key);
    if (!found) {
      const selector = { matchLabels: seed.nodeSelector, matchExpressions: [] };
      const matching = this.slots.filter((s) => selectorMatches(selector, s.node.labels));
      found = matching.length ? matching : this.slots;
      this.cache.set(key, found);
    }
    return found;
  }
}

/** Hash-chosen among the candidate nodes; the next one with room when that one is full. */
function chooseNode(seed: PodSeed, candidates: NodeSlots[]): NodeSlots {
  const start = hash32(keyOf(seed), NODE_SEED) % candidates.length;
  for (let i = 0; i < candidates.length; i++) {
    const slot = candidates[(start + i) % candidates.length]!;
    if (slot.used.size + slot.pending < slot.hosts) return slot;
  }
  return candidates[start]!;
}

/** Addresses for pods without `status.podIP`: hash of ns/name into the node's CIDR, probing linearly. */
function allocateIPs(seeds: readonly PodSeed[], nodeOf: Map<PodSeed, NodeSlots>): Map<PodSeed, string> {
  const out = new Map<PodSeed, string>();
  for (const seed of sortedByKey(
    seeds.filter((s) => s.podIP === undefined || parseIPv4(s.podIP) === undefined),
  )) {
    const slot = nodeOf.get(seed)!;
    const usable = slot.hosts - 3;
    if (usable <= 0) continue;
    const start = hash32(keyOf(seed), IP_SEED) % usable;
    for (let i = 0; i < usable; i++) {
      const offset = 2 + ((start + i) % usable);
      if (slot.used.has(offset)) continue;
      slot.used.add(offset);
      out.set(seed, formatIPv4(slot.cidr.base + offset));
      break;
    }
  }
  return out;
}

function sortedByKey(seeds: readonly PodSeed[]): PodSeed[] {
  return seeds
    .map((s) => [keyOf(s), s] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, s]) => s);
}

function podOf(seed: PodSeed, slot: NodeSlots, allocated: string | undefined): Pod {
  const declared = seed.podIP !== undefined && parseIPv4(seed.podIP) !== undefined;
  const pod: Pod = {
    namespace: seed.namespace,
    name: seed.name,
    labels: seed.labels,
    nodeName: slot.node.name,
    ip: declared ? seed.podIP! : (allocated ?? ''),
    ports: seed.ports,
    ipAllocated: !declared,
    nodeAssigned: !seed.nodeName,
    source: seed.source,
  };
  if (seed.owner) pod.owner = seed.owner;
  return pod;
}
