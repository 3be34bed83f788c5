// A pod's netns as the CNI bridge plugin leaves it: eth0 with the pod IP and a MAC derived from it,
// routes via the bridge, and the host-side veth (`veth` + 8 hex characters) attached to cni0.
import type { Pod } from '../model';
import { podKey } from '../model';
import { entrySort } from './tables';
import { formatMac, hex8, localMac } from './hash';
import type { Cidr } from '../ipv4';
import { cidrContains, cidrSize, formatCidr, parseIPv4 } from '../ipv4';
import { ipBytes } from './addr';
import type { PodNet } from './network';
import type { NodeBase } from './network';
import { addressOf } from './nodes';
import { route } from './entries';
import { ORIGIN } from './origins';

/** The CNI bridge plugin's MAC prefix: 0a:58 followed by the IPv4 address. */
const CNI_MAC_PREFIX = [0x0a, 0x58];

/**
 * Places every pod on its node. Pods that cannot be placed (unknown or unusable node, IP outside the
 * node's podCIDR, IP already taken) are returned in `unplaced` with the reason.
 */
export function placePods(
  pods: readonly Pod[],
  nodes: readonly NodeBase[],
  badNodes: ReadonlyMap<string, string>,
  network: Cidr,
): { placed: Map<string, PodNet>; unplaced: Map<string, string> } {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const placed = new Map<string, PodNet>();
  const unplaced = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const pod of pods) {
    const key = podKey(pod);
    const node = byName.get(pod.nodeName);
    if (!node) {
      unplaced.set(key, badNodes.get(pod.nodeName) ?? `node ${pod.nodeName} is not part of the cluster`);
      continue;
    }
    const problem = addressProblem(pod, node, owners.get(pod.ip));
    if (problem) {
      unplaced.set(key, problem);
      continue;
    }
    placed.set(key, podNet(pod, node, network));
    owners.set(pod.ip, key);
  }
  return { placed, unplaced };
}

function addressProblem(pod: Pod, node: NodeBase, owner: string | undefined): string | null {
  const ip = parseIPv4(pod.ip);
  if (ip === undefined) return `${podKey(pod)} has no usable IP (${pod.ip || 'none'})`;
  const { base } = node.subnet;
  if (!cidrContains(node.subnet, ip))
    return `${pod.ip} is outside ${node.name}'s podCIDR ${formatCidr(node.subnet)}`;
  if (ip === base || ip === base + 1 || ip === base + cidrSize(node.subnet) - 1)
    return `${pod.ip} is reserved on ${node.name} (network, bridge or broadcast address)`;
  if (owner) return `${pod.ip} is already the IP of ${owner}`;
  return null;
}

function podNet(pod: Pod, node: NodeBase, network: Cidr): PodNet {
  const key = podKey(pod);
  const gateway = addressOf(node.bridge);
  const ipNum = parseIPv4(pod.ip) ?? 0;
  const routes = [
    route({ dst: 'default', via: gateway, dev: 'eth0' }, ORIGIN.podDefault),
    route({ dst: formatCidr(node.subnet), dev: 'eth0', src: pod.ip }, ORIGIN.connected('eth0')),
    route({ dst: formatCidr(network), via: gateway, dev: 'eth0' }, ORIGIN.podNetwork(formatCidr(network))),
  ];
  return {
    key,
    pod,
    node: node.name,
    ip: pod.ip,
    sandbox: `k8s_POD_${pod.name}_${pod.namespace}`,
    eth0: {
      name: 'eth0',
      mac: formatMac([...CNI_MAC_PREFIX, ...ipBytes(ipNum)]),
      address: `${pod.ip}/${node.subnet.prefix}`,
      mtu: node.bridge.mtu,
    },
    veth: { name: `veth${hex8(key)}`, mac: localMac(`veth/${key}`), address: null, mtu: node.bridge.mtu },
    gateway,
    routes: routes.sort(entrySort),
  };
}
