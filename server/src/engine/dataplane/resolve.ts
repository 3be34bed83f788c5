// Turns a trace request's `from` and `to` into places in the simulated network: the source pod, and
// a destination that is a pod, the source itself, a node's own address, an unused address in a
// node's pod CIDR, an address in the cluster network no node owns, or one outside the cluster.
import { cidrContains, parseCidr, parseIPv4 } from '../ipv4';
import type { Topology } from '../model';
import { podKey } from '../model';
import { podByIP } from '../topology';
import { isPortName, isPortNumber, isProtocol, PORT_MAX, PORT_MIN, PROTOCOLS } from '../../protocol/values';
import type { NameResolution } from '../workloadRefs';
import { lookupPodOrWorkload, nameCandidates } from '../workloadRefs';
import type { Dataplane, NodeNet, PodNet } from './network';
import { nodeOf } from './network';
import { addressOf } from './nodes';
import { closestPods } from './suggest';
import type { ServiceLeg } from './serviceLeg';
import type { TraceError, TraceRequest } from './types';

export type Destination =
  | { kind: 'pod'; ip: string; pod: PodNet; node: NodeNet }
  | { kind: 'self'; ip: string }
  | { kind: 'host'; ip: string; node: NodeNet; device: string }
  | { kind: 'unused'; ip: string; node: NodeNet }
  | { kind: 'unrouted'; ip: string }
  | { kind: 'external'; ip: string }
  | { kind: 'service'; ip: string; leg: ServiceLeg };

export interface Resolved {
  src: PodNet;
  srcNode: NodeNet;
  dst: Destination;
  /** `ns/name` when the destination was named as a pod, else the address as given. */
  to: string;
  /** Ends named as a workload: the replica each stands for. */
  workloads?: { from: NameResolution | null; to: NameResolution | null };
}

/** A pod in the network, and the workload name it was asked for by (null: named as a pod or IP). */
export interface PlacedPod {
  placed: PodNet;
  workload: NameResolution | null;
}

const LOOPBACK = { base: 127 * 2 ** 24, prefix: 8 };
const NOT_UNICAST = ['0.0.0.0/8', '224.0.0.0/3'].map((c) => parseCidr(c)!);
const LOOKS_LIKE_IP = /^[\d.]+$/;

export function resolveRequest(dp: Dataplane, topology: Topology, req: TraceRequest): Resolved | TraceError {
  const source = resolveSource(dp, topology, req);
  if ('error' in source) return source;
  const src = source.placed;
  const srcNode = nodeOf(dp, src);
  if (parseIPv4(req.to) !== undefined) {
    const dst = destinationByIP(dp, src, req.to);
    const workloads = { from: source.workload, to: null };
    return 'error' in dst ? dst : { src, srcNode, dst, to: req.to, workloads };
  }
  const target = resolvePod(dp, topology, req.to, 'destination');
  if ('error' in target) return LOOKS_LIKE_IP.test(req.to) ? notAnAddress(dp, req.to) : target;
  const pod = target.placed;
  const dst: Destination =
    pod.key === src.key
      ? { kind: 'self', ip: pod.ip }
      : { kind: 'pod', ip: pod.ip, pod, node: nodeOf(dp, pod) };
  return { src, srcNode, dst, to: pod.key, workloads: { from: source.workload, to: target.workload } };
}

/** The request's port and protocol checked, and its source pod (and the workload it was named by). */
export function resolveSource(dp: Dataplane, topology: Topology, req: TraceRequest): PlacedPod | TraceError {
  const problem = requestProblem(req);
  if (problem) return { error: problem, suggestions: [] };
  return resolvePod(dp, topology, req.from, 'source');
}

export function requestProblem(req: TraceRequest): string | null {
  if (req.portName !== undefined) {
    if (!isPortName(req.portName))
      return `port must be an integer from ${PORT_MIN} to ${PORT_MAX} or a port name (got ${JSON.stringify(req.portName)})`;
  } else if (!isPortNumber(req.port))
    return `port must be an integer from ${PORT_MIN} to ${PORT_MAX} (got ${String(req.port)})`;
  if (!isProtocol(req.protocol))
    return `protocol must be one of ${PROTOCOLS.join(', ')} (got ${String(req.protocol)})`;
  return null;
}

/** A pod by `ns/name`, by a name unique across namespaces, by its IP, or by a workload's name. */
function resolvePod(dp: Dataplane, topology: Topology, ref: string, role: string): PlacedPod | TraceError {
  const byIP = parseIPv4(ref.trim()) === undefined ? undefined : podByIP(topology, ref);
  const found = byIP ? { pod: byIP, workload: null } : lookupPodOrWorkload(topology, ref);
  if ('message' in found) return { error: found.message, suggestions: [] };
  if ('error' in found) return unknownPod(topology, ref.trim(), role, found.candidates);
  const key = podKey(found.pod);
  const placed = dp.pods.get(key);
  if (!placed)
    return {
      error: `${key} cannot be traced: ${dp.unplaced.get(key) ?? 'it has no place'}`,
      suggestions: [],
    };
  return { placed, workload: found.workload };
}

function unknownPod(topology: Topology, ref: string, role: string, candidates: string[]): TraceError {
  if (candidates.length > 1) {
    const give = candidates.some((c) => c.split('/').length > 2) ? 'kind' : 'namespace';
    return { error: `${role} name "${ref}" is ambiguous: give its ${give}`, suggestions: candidates };
  }
  const error = topology.pods.length
    ? `no ${role} pod or workload "${ref}" in the workspace`
    : `no ${role} pod "${ref}": the workspace has no pods`;
  return { error, suggestions: closestPods(ref, nameCandidates(topology, ref)) };
}

/** The pods of a dataplane by address, indexed once (a trace through a Service asks for several). */
const byIP = new WeakMap<Dataplane, Map<string, PodNet>>();

function podsByIP(dp: Dataplane): Map<string, PodNet> {
  let index = byIP.get(dp);
  if (!index) {
    index = new Map();
    // The first pod with an address wins, as the linear search did.
    for (const p of dp.pods.values()) if (!index.has(p.ip)) index.set(p.ip, p);
    byIP.set(dp, index);
  }
  return index;
}

export function destinationByIP(dp: Dataplane, src: { ip: string }, text: string): Destination | TraceError {
  const ip = parseIPv4(text);
  if (ip === undefined) return notAnAddress(dp, text);
  if (text === src.ip || cidrContains(LOOPBACK, ip)) return { kind: 'self', ip: text };
  if (NOT_UNICAST.some((c) => cidrContains(c, ip)) || text === '255.255.255.255')
    return { error: `destination ${text} is not a unicast address`, suggestions: [] };
  const pod = podsByIP(dp).get(text);
  if (pod) return { kind: 'pod', ip: text, pod, node: nodeOf(dp, pod) };
  return nodeAddress(dp, text) ?? inPodNetwork(dp, text, ip) ?? { kind: 'external', ip: text };
}

function notAnAddress(dp: Dataplane, text: string): TraceError {
  return {
    error: `destination "${text}" is neither a pod (ns/name) nor an IPv4 address`,
    suggestions: closestPods(text, [...dp.pods.keys()]),
  };
}

/** One of a node's own addresses: eth0, cni0 or flannel.1. */
function nodeAddress(dp: Dataplane, ip: string): Destination | null {
  for (const node of dp.nodes)
    for (const iface of [node.eth0, node.bridge, node.vtep])
      if (iface && addressOf(iface) === ip) return { kind: 'host', ip, node, device: iface.name };
  return null;
}

function inPodNetwork(dp: Dataplane, ip: string, value: number): Destination | null {
  const node = dp.nodes.find((n) => cidrContains(n.subnet, value));
  if (node) return { kind: 'unused', ip, node };
  return cidrContains(dp.network, value) ? { kind: 'unrouted', ip } : null;
}
