// The trace of one simulated packet: the CLI's `trace` JSON (contract fields first, then the richer
// per-hop data) and the data the trace webview replays. Plain, serialisable, deterministic.
import type { Direction, Protocol } from '../types';
import type { NearMiss } from '../nearMiss';
import type { NameResolution } from '../workloadRefs';

export interface TraceRequest {
  /** `ns/pod` (or a unique pod name), or a workload: `kind/ns/name`, `ns/name`. */
  from: string;
  /** The same as `from`, or an IPv4 address. */
  to: string;
  port: number;
  protocol: Protocol;
  /** A Service port by name (`--port postgres`); `port` is then ignored for a Service. */
  portName?: string;
  /** The endpoint of a Service to follow (`ns/pod` or its address); default the first by ns/name. */
  endpoint?: string;
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

/** An address rewrite at a hop: kube-proxy's DNAT to an endpoint, or a masquerade (SNAT). */
export interface NatRewrite {
  type: 'DNAT' | 'SNAT';
  /** `ip:port` before the rewrite. */
  from: string;
  /** `ip:port` after it. */
  to: string;
  /** The iptables rule that rewrote it, as `iptables-save` prints it. */
  rule: string;
}

/** Which drawn element the hop sits on, for the diagram. */
export type HopPlace = 'pod-eth0' | 'veth' | 'bridge' | 'vtep' | 'node-eth0' | 'underlay';

export interface TraceHop {
  /** The seed's step label ("1", "2", "3a", …) or null for hops the seed does not number. */
  step: string | null;
  node: string;
  /** `ns/pod` for a pod's netns, `root` for the node's root netns, `underlay` on the wire between nodes. */
  netns: string;
  device: string;
  /** What happens here, in plain words. */
  action: string;
  encapsulation: VxlanEncapsulation | null;
  /** The address rewrite made here, or null (always set by the engine; optional for hand-built hops). */
  nat?: NatRewrite | null;
  place: HopPlace;
  packet: PacketView;
  entries: TableEntry[];
  arp?: ArpExchange;
  policy?: PolicyCheck;
}

export type DropReason = 'policy' | 'arp-failed' | 'no-route' | 'no-endpoints' | 'no-local-endpoint';

export interface TraceDrop {
  direction: Direction;
  pod: string;
  policies: string[];
  reason: DropReason;
  /**
   * Where the packet was lost: the DNS lookup before the connection, or the connection itself
   * (always set by the engine; optional for drops other code builds).
   */
  stage?: 'dns' | 'connection';
  explanation: string[];
  /** On a policy drop: the rule that came closest to allowing the packet, and what differs. */
  nearMiss?: NearMiss | null;
}

/** The Service a trace went through (kube-proxy's view of it). */
export interface TraceService {
  /** `ns/name`. */
  name: string;
  /** Null for a headless Service (DNS answered the pod addresses). */
  clusterIP: string | null;
  port: number;
  /** The port the chosen endpoint serves the Service port on, or null without endpoints. */
  targetPort: number | null;
  /** The endpoint followed (`ns/pod`, or the address of a non-pod endpoint), or null. */
  endpoint: string | null;
  /** Every endpoint serving the port, by ns/name: kube-proxy picks one at random per connection. */
  endpoints: string[];
  /** The nodePort, when the trace entered through one. */
  nodePort?: number;
}

/** The DNS lookup a trace made first when the destination was a name. */
export interface TraceDns {
  /** The fully qualified name asked for (`db.shop.svc.cluster.local`). */
  query: string;
  /** The A records of the answer (the ClusterIP, or a headless Service's pod addresses); empty when lost. */
  answer: string[];
  verdict: 'delivered' | 'dropped';
  /** The query's own path to a CoreDNS pod through the kube-dns Service. */
  hops: TraceHop[];
  drop: TraceDrop | null;
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
  /** Ends the request named as a workload, and the replica each stands for (null: named as a pod or IP). */
  workloads?: { from: NameResolution | null; to: NameResolution | null };
  // The next three are always set by the engine; optional for traces built by hand (tests, views).
  /** The Service the destination named, or null. */
  service?: TraceService | null;
  /** The DNS lookup made first when the destination was a name, or null. */
  dns?: TraceDns | null;
  /** What the trace chose for the user (which of a pod and a Service, which endpoint), and how to pick otherwise. */
  notes?: string[];
}

/** Why a trace could not be run (unknown pod, bad address): a one-line message and close matches. */
export interface TraceError {
  error: string;
  suggestions: string[];
}
