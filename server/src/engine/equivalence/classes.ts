// Pod equivalence classes for one port and protocol: two pods share a class when no policy can tell
// them apart — same namespace as far as policies can see it, same values for every label key some
// selector reads, the same relevant named ports, and the same ipBlock memberships. Evaluating one
// representative per class is then exact for every pod of the class.
import type { Cidr } from '../ipv4';
import { cidrContains, parseCidr, parseIPv4 } from '../ipv4';
import type { IPBlock, LabelSelector, Labels, Pod, Topology } from '../model';
import { namespaceLabels } from '../matching';
import { selectorKeys, selectorMatches } from '../selectors';
import type { Protocol } from '../types';

export interface PodClass {
  id: number;
  rep: Pod;
  /** Named ports of the policies that the class's pods declare on the matrix port and protocol. */
  portNames: ReadonlySet<string>;
  /** Indexes (into Features.ipBlocks) of the ipBlocks whose range holds the class's IP. */
  ipBlocks: readonly number[];
}

export interface Features {
  policyNamespaces: ReadonlySet<string>;
  namespaceSelectors: readonly LabelSelector[];
  labelKeys: ReadonlySet<string>;
  namedPorts: ReadonlySet<string>;
  ipBlocks: readonly CompiledBlock[];
  /** ipBlock key (`cidr except …`) → index into ipBlocks. */
  ipBlockIndex: ReadonlyMap<string, number>;
}

export interface CompiledBlock {
  cidr: Cidr | undefined;
  except: readonly Cidr[];
}

export const ipBlockKey = (b: IPBlock): string => `${b.cidr} ${b.except.join(' ')}`;

/** What the policies of the topology look at, for one protocol. */
export function featuresOf(topology: Topology, protocol: Protocol): Features {
  const namespaceSelectors: LabelSelector[] = [];
  const labelKeys = new Set<string>();
  const namedPorts = new Set<string>();
  const ipBlocks: CompiledBlock[] = [];
  const ipBlockIndex = new Map<string, number>();
  const addKeys = (sel: LabelSelector | undefined) =>
    sel && selectorKeys(sel).forEach((k) => labelKeys.add(k));
  for (const policy of topology.policies) {
    addKeys(policy.podSelector);
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const p of rule.ports ?? [])
        if (typeof p.port === 'string' && p.protocol === protocol) namedPorts.add(p.port);
      for (const peer of rule.peers ?? []) {
        addKeys(peer.podSelector);
        if (peer.namespaceSelector) namespaceSelectors.push(peer.namespaceSelector);
        if (peer.ipBlock && !ipBlockIndex.has(ipBlockKey(peer.ipBlock))) {
          ipBlockIndex.set(ipBlockKey(peer.ipBlock), ipBlocks.length);
          ipBlocks.push(compileBlock(peer.ipBlock));
        }
      }
    }
  }
  const policyNamespaces = new Set(topology.policies.map((p) => p.namespace));
  return { policyNamespaces, namespaceSelectors, labelKeys, namedPorts, ipBlocks, ipBlockIndex };
}

function compileBlock(b: IPBlock): CompiledBlock {
  return { cidr: parseCidr(b.cidr), except: b.except.flatMap((x) => parseCidr(x) ?? []) };
}

export function blockHolds(b: CompiledBlock, ip: number | undefined): boolean {
  if (ip === undefined || !b.cidr || !cidrContains(b.cidr, ip)) return false;
  return !b.except.some((x) => cidrContains(x, ip));
}

/** Groups pods (in the given order) into classes; `classOf[i]` is the class of `pods[i]`. */
export function classify(
  topology: Topology,
  pods: readonly Pod[],
  features: Features,
  port: number,
  protocol: Protocol,
): { classes: PodClass[]; classOf: Int32Array } {
  const nsKeys = namespaceKeys(topology, features);
  const ids = new Map<string, number>();
  const classes: PodClass[] = [];
  const classOf = new Int32Array(pods.length);
  pods.forEach((pod, i) => {
    const portNames = namedPortsOf(pod, features.namedPorts, port, protocol);
    const ip = features.ipBlocks.length ? parseIPv4(pod.ip) : undefined;
    const blocks: number[] = [];
    if (ip !== undefined) features.ipBlocks.forEach((b, idx) => blockHolds(b, ip) && blocks.push(idx));
    const key = [
      nsKeys.get(pod.namespace),
      labelKey(pod.labels, features.labelKeys),
      [...portNames].sort().join(','),
      blocks.join(','),
    ].join('\u0000');
    let id = ids.get(key);
    if (id === undefined) {
      id = classes.length;
      ids.set(key, id);
      classes.push({ id, rep: pod, portNames, ipBlocks: blocks });
    }
    classOf[i] = id;
  });
  return { classes, classOf };
}

/**
 * A namespace holding policies is distinct from every other; the rest are told apart only by the
 * namespaceSelectors that match them.
 */
function namespaceKeys(topology: Topology, features: Features): Map<string, string> {
  const out = new Map<string, string>();
  const names = new Set([...topology.namespaces.keys(), ...topology.pods.map((p) => p.namespace)]);
  for (const name of names) {
    if (features.policyNamespaces.has(name)) {
      out.set(name, `n:${name}`);
      continue;
    }
    const labels = namespaceLabels(topology, name);
    const bits = features.namespaceSelectors.map((s) => (selectorMatches(s, labels) ? '1' : '0'));
    out.set(name, `s:${bits.join('')}`);
  }
  return out;
}

function labelKey(labels: Labels, keys: ReadonlySet<string>): string {
  const parts: string[] = [];
  for (const k in labels) if (keys.has(k)) parts.push(`${k}=${labels[k]}`);
  return parts.sort().join('\u0001');
}

function namedPortsOf(pod: Pod, names: ReadonlySet<string>, port: number, protocol: Protocol): Set<string> {
  const out = new Set<string>();
  if (!names.size) return out;
  for (const c of pod.ports) {
    if (c.name && names.has(c.name) && c.containerPort === port && c.protocol === protocol) out.add(c.name);
  }
  return out;
}
