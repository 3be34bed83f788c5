// Deterministic stand-ins for the API server's random allocators: a Service's ClusterIP from the
// service CIDR and its nodePorts from 30000-32767. Each starts at a hash of the Service's own
// identity and probes linearly past addresses in use, so adding a Service moves no other one except
// along a collision chain. Given values are reserved first and never handed out again.
import { hash32 } from '../cluster/names';
import type { Cidr } from '../ipv4';
import { cidrContains, cidrSize, formatIPv4, parseIPv4 } from '../ipv4';
import { NODE_PORT_RANGE } from './model';

/** kube-apiserver keeps `.1` for default/kubernetes; kubeadm gives kube-dns `.10`. */
export const KUBERNETES_OFFSET = 1;
export const DNS_OFFSET = 10;

export class ClusterIPAllocator {
  private readonly used = new Set<number>();

  constructor(private readonly cidr: Cidr) {
    this.used.add(cidr.base + KUBERNETES_OFFSET);
    this.used.add(cidr.base + DNS_OFFSET);
  }

  /** Marks a given address as taken (inside the CIDR or not: it is never allocated either way). */
  reserve(ip: string): void {
    const value = parseIPv4(ip);
    if (value !== undefined) this.used.add(value);
  }

  /** The address at `offset` in the CIDR (kube-dns's `.10`). */
  at(offset: number): string {
    return formatIPv4(this.cidr.base + offset);
  }

  contains(ip: string): boolean {
    const value = parseIPv4(ip);
    return value !== undefined && cidrContains(this.cidr, value);
  }

  /** An address for `identity`, or null when the CIDR is full. Network and broadcast are skipped. */
  allocate(identity: string): string | null {
    const hosts = cidrSize(this.cidr) - 2;
    if (hosts < 1) return null;
    const start = hash32(`clusterIP/${identity}`) % hosts;
    for (let i = 0; i < hosts; i++) {
      const value = this.cidr.base + 1 + ((start + i) % hosts);
      if (!this.used.has(value)) {
        this.used.add(value);
        return formatIPv4(value);
      }
    }
    return null;
  }
}

export class NodePortAllocator {
  /** The API server's allocator keeps one set of port numbers, whatever the protocol. */
  private readonly used = new Set<number>();

  reserve(port: number): void {
    this.used.add(port);
  }

  allocate(identity: string): number | null {
    const size = NODE_PORT_RANGE.high - NODE_PORT_RANGE.low + 1;
    const start = hash32(`nodePort/${identity}`) % size;
    for (let i = 0; i < size; i++) {
      const port = NODE_PORT_RANGE.low + ((start + i) % size);
      if (!this.used.has(port)) {
        this.used.add(port);
        return port;
      }
    }
    return null;
  }
}
