// The packet as it moves: each hop records a snapshot of its headers (inner, and outer while VXLAN-
// encapsulated). Legs of the walk change the headers the way the device at that hop does.
import type { Protocol } from '../types';
import { INITIAL_TTL, VXLAN_PORT, VXLAN_VNI } from './network';
import type {
  ArpExchange,
  EthernetHeader,
  NatRewrite,
  HopPlace,
  IPv4Header,
  PacketView,
  PolicyCheck,
  TableEntry,
  TraceHop,
  VxlanEncapsulation,
} from './types';

export interface HopSpec {
  step: string | null;
  node: string;
  netns: string;
  device: string;
  action: string;
  place: HopPlace;
  entries?: TableEntry[];
  arp?: ArpExchange;
  policy?: PolicyCheck;
  nat?: NatRewrite;
}

type Outer = NonNullable<PacketView['outer']>;

export class Walk {
  readonly hops: TraceHop[] = [];
  private ethernet: EthernetHeader | null = null;
  private readonly ip: IPv4Header;
  private readonly l4: { protocol: Protocol; srcPort: number; dstPort: number };
  private outer: Outer | null = null;

  constructor(flow: { srcIP: string; dstIP: string; protocol: Protocol; srcPort: number; dstPort: number }) {
    this.ip = { src: flow.srcIP, dst: flow.dstIP, ttl: INITIAL_TTL, protocol: flow.protocol };
    this.l4 = { protocol: flow.protocol, srcPort: flow.srcPort, dstPort: flow.dstPort };
  }

  /** Records a hop with the packet as it is now. */
  hop(spec: HopSpec): void {
    const hop: TraceHop = {
      step: spec.step,
      node: spec.node,
      netns: spec.netns,
      device: spec.device,
      action: spec.action,
      encapsulation: this.encapsulation(),
      nat: spec.nat ?? null,
      place: spec.place,
      packet: this.snapshot(),
      entries: spec.entries ?? [],
    };
    if (spec.arp) hop.arp = spec.arp;
    if (spec.policy) hop.policy = spec.policy;
    this.hops.push(hop);
  }

  get srcPort(): number {
    return this.l4.srcPort;
  }

  frame(src: string, dst: string): void {
    this.ethernet = { src, dst };
  }

  /** An IP routing hop: the TTL drops by one and the old link-layer header is gone. */
  routed(): void {
    this.ip.ttl -= 1;
    this.ethernet = null;
  }

  /** Destination NAT (kube-proxy's DNAT to an endpoint). */
  rewriteDestination(ip: string, port: number): void {
    this.ip.dst = ip;
    this.l4.dstPort = port;
  }

  get destination(): string {
    return `${this.ip.dst}:${this.l4.dstPort}`;
  }

  get source(): string {
    return `${this.ip.src}:${this.l4.srcPort}`;
  }

  /** Source NAT (masquerade). */
  masquerade(ip: string, port: number): void {
    this.ip.src = ip;
    this.l4.srcPort = port;
  }

  encapsulate(outer: { ethernet: EthernetHeader; src: string; dst: string; srcPort: number }): void {
    this.outer = {
      ethernet: { ...outer.ethernet },
      ip: { src: outer.src, dst: outer.dst, ttl: INITIAL_TTL, protocol: 'UDP' },
      udp: { srcPort: outer.srcPort, dstPort: VXLAN_PORT },
      vxlan: { vni: VXLAN_VNI },
    };
  }

  /** A router on the underlay forwards the packet: the outer one while encapsulated. */
  underlayRouted(ethernet: EthernetHeader): void {
    if (this.outer) {
      this.outer.ip.ttl -= 1;
      this.outer.ethernet = { ...ethernet };
    } else {
      this.ip.ttl -= 1;
      this.ethernet = { ...ethernet };
    }
  }

  decapsulate(): void {
    this.outer = null;
  }

  private encapsulation(): VxlanEncapsulation | null {
    if (!this.outer) return null;
    const { ip, udp, vxlan } = this.outer;
    return { type: 'vxlan', outerSrc: ip.src, outerDst: ip.dst, udpDstPort: udp.dstPort, vni: vxlan.vni };
  }

  private snapshot(): PacketView {
    const view: PacketView = {
      ethernet: this.ethernet ? { ...this.ethernet } : null,
      ip: { ...this.ip },
      l4: { ...this.l4 },
    };
    if (this.outer)
      view.outer = {
        ethernet: { ...this.outer.ethernet },
        ip: { ...this.outer.ip },
        udp: { ...this.outer.udp },
        vxlan: { ...this.outer.vxlan },
      };
    return view;
  }
}
