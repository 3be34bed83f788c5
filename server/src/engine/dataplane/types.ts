// The trace of one simulated packet: the CLI's `trace` JSON (contract fields first, then the richer
// per-hop data) and the data the trace webview replays. Plain, serialisable, deterministic.
import type { Direction, Protocol } from '../types';

export interface TraceRequest {
  /** `ns/pod` (or a unique pod name). */
  from: string;
  /** `ns/pod`, a unique pod name, or an IPv4 address. */
  to: string;
  port: number;
  protocol: Protocol;
}

export interface VxlanEncapsulation {
  type: 'vxlan';
  outerSrc: string;
  outerDst: string;
  udpDstPort: number;
  vni: number;
}

export interface EthernetHeader {
  src: string;
  dst: string;
}

export interface IPv4Header {
  src: string;
  dst: string;
  ttl: number;
  /** `TCP`, `UDP`, `SCTP` (or `ICMP` for replies a trace does not model). */
  protocol: string;
}

export interface L4Header {
  protocol: Protocol;
  srcPort: number;
  dstPort: number;
}

/** The packet as it is at a hop. `outer` is present while VXLAN-encapsulated. */
export interface PacketView {
  ethernet: EthernetHeader | null;
  ip: IPv4Header;
  l4: L4Header;
  outer?: {
    ethernet: EthernetHeader;
    ip: IPv4Header;
    udp: { srcPort: number; dstPort: number };
    vxlan: { vni: number };
  };
}

export type TableKind = 'route' | 'neigh' | 'fdb' | 'iptables';

/** A table entry used at a hop, printed the way `ip route` / `ip neigh` / `bridge fdb` would. */
export interface TableEntry {
  table: TableKind;
  /** e.g. `10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink`. */
  text: string;
  /** Who wrote it: the kernel, the CNI bridge plugin, flanneld (from node annotations read via the API server/etcd), … */
  origin: string;
}

export interface ArpExchange {
  device: string;
  /** `who-has 10.244.1.7 tell 10.244.1.1` */
  request: string;
  /** `10.244.1.7 is-at 0a:58:0a:f4:01:07`, or null when nobody answers. */
  reply: string | null;
}

/** The policy check a hop performed (egress at the source, ingress at the destination node). */
export interface PolicyCheck {
  direction: Direction;
  pod: string;
  allowed: boolean;
  /** Policies that isolate `pod` in this direction (empty: not isolated, everything allowed). */
  isolatingPolicies: string[];
  /** Policies whose rules allowed the connection. */
  allowedBy: string[];
  explanation: string[];
  /** False when enforcement is off: the verdict is what a policy engine would have decided. */
  enforced: boolean;
}

/** Which drawn element the hop sits on, for the diagram. */
export type HopPlace = 'pod-eth0' | 'veth' | 'bridge' | 'vtep' | 'node-eth0' | 'underlay';

export interface TraceHop {
  /** The seed's step label ("1", "2", "3a", …) or null for hops the seed does not number. */
  step: string | null;
  node: string;
  /** `ns/pod` for a pod's netns, or `root`. */
  netns: string;
  device: string;
  /** What happens here, in plain words. */
  action: string;
  encapsulation: VxlanEncapsulation | null;
  place: HopPlace;
  packet: PacketView;
  entries: TableEntry[];
  arp?: ArpExchange;
  policy?: PolicyCheck;
}

export type DropReason = 'policy' | 'arp-failed' | 'no-route';

export interface TraceDrop {
  direction: Direction;
  pod: string;
  policies: string[];
  reason: DropReason;
  explanation: string[];
}

export interface PodSummary {
  key: string;
  node: string;
  ip: string;
  mac: string;
  /** Host-side veth (`veth` + 8 hex characters). */
  veth: string;
  /** The sandbox container that holds the pod's netns. */
  sandbox: string;
  labels: Record<string, string>;
}

export interface NodeSummary {
  name: string;
  ip: string;
  mac: string;
  podCIDR: string;
  bridge: { name: string; ip: string; mac: string };
  /** flannel.1, absent with host-gw. */
  vtep?: { name: string; ip: string; mac: string };
  pods: PodSummary[];
}

export interface Trace {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  verdict: 'delivered' | 'dropped';
  hops: TraceHop[];
  drop: TraceDrop | null;
  /** One sentence: what happened. */
  summary: string;
  backend: 'vxlan' | 'host-gw';
  enforcement: boolean;
  /** With enforcement off: the policy drop a policy engine would have made, else null. */
  wouldDrop: TraceDrop | null;
  /** The nodes and pods the diagram draws. */
  nodes: NodeSummary[];
}

/** Why a trace could not be run (unknown pod, bad address): a one-line message and close matches. */
export interface TraceError {
  error: string;
  suggestions: string[];
}
