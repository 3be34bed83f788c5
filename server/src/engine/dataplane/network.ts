// The simulated network of a cluster: per node its root netns devices and tables, per pod its netns.
// Built once from the topology by build.ts; traces read it and quote its entries.
import type { ClusterNode, FlannelBackend, Pod } from '../model';
import type { Cidr } from '../ipv4';
import type { TableEntry } from './types';

export interface NetInterface {
  name: string;
  mac: string;
  /** Address with prefix length (`10.244.0.1/24`), or null for an unnumbered device (host-side veth). */
  address: string | null;
  mtu: number;
}

/** flannel.1: a VXLAN device whose encapsulated packets leave through `underlayDevice`. */
export interface VxlanDevice extends NetInterface {
  vni: number;
  udpPort: number;
  local: string;
  underlayDevice: string;
}

export interface Route extends TableEntry {
  table: 'route';
  /** `default` or a CIDR. */
  dst: string;
  via: string | null;
  dev: string;
}

export interface Neighbour extends TableEntry {
  table: 'neigh';
  ip: string;
  dev: string;
  lladdr: string;
}

export interface FdbEntry extends TableEntry {
  table: 'fdb';
  mac: string;
  dev: string;
  /** Remote VTEP address for VXLAN entries. */
  dst: string | null;
}

export interface PodNet {
  key: string;
  pod: Pod;
  node: string;
  ip: string;
  /** The sandbox (pause) container that holds the netns. */
  sandbox: string;
  eth0: NetInterface;
  /** The host-side end of the veth pair, in the node's root netns, attached to cni0. */
  veth: NetInterface;
  gateway: string;
  routes: Route[];
}

export interface NodeTables {
  /** `ip route` in the root netns. */
  ipRoute: string;
  /** `ip neigh`. */
  ipNeigh: string;
  /** `bridge fdb` (cni0's ports and flannel.1's VXLAN entries). */
  bridgeFdb: string;
  /** `iptables -t nat -S FLANNEL-POSTRTG`. */
  iptables: string;
}

/** A node's devices and addresses, before its tables (nodes.ts builds it). */
export interface NodeBase {
  name: string;
  node: ClusterNode;
  ip: string;
  subnet: Cidr;
  /** The node's L2 segment on the underlay, and its default gateway there. */
  underlay: Cidr;
  gateway: string;
  gatewayMac: string;
  eth0: NetInterface;
  bridge: NetInterface;
  vtep: VxlanDevice | null;
  /** What flanneld publishes on the Node object and the other nodes' flanneld read back. */
  annotations: Record<string, string>;
}

/** A node with its pods and tables (build.ts completes it). */
export interface NodeNet extends NodeBase {
  routes: Route[];
  neighbours: Neighbour[];
  fdb: FdbEntry[];
  masquerade: TableEntry[];
  pods: PodNet[];
  tables: NodeTables;
}

export interface Dataplane {
  backend: FlannelBackend;
  network: Cidr;
  enforcement: boolean;
  nodes: NodeNet[];
  /** Every placed pod, by `ns/name`. */
  pods: ReadonlyMap<string, PodNet>;
  /** Pods the model could not place (their node or IP is unusable), with the reason. */
  unplaced: ReadonlyMap<string, string>;
}

export const VXLAN_VNI = 1;
export const VXLAN_PORT = 8472;
/** Outer Ethernet 14 + IP 20 + UDP 8 + VXLAN 8 bytes. */
export const VXLAN_OVERHEAD = 50;
export const UNDERLAY_MTU = 1500;
export const INITIAL_TTL = 64;

/** The node a placed pod runs on (placement guarantees it exists). */
export function nodeOf(dp: Dataplane, pod: PodNet): NodeNet {
  const node = dp.nodes.find((n) => n.name === pod.node);
  if (!node) throw new Error(`pod ${pod.key} placed on unknown node ${pod.node}`);
  return node;
}
