// IPv4 addresses and CIDR blocks as unsigned 32-bit integers: fast containment checks for ipBlock
// matching and deterministic address allocation. IPv6 text parses to undefined (pods are IPv4 here).

export interface Cidr {
  /** Network address (host bits cleared). */
  base: number;
  prefix: number;
}

/** `10.244.1.7` → 0x0af40107; undefined for anything that is not a dotted quad. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIPv4(value: number): string {
  const v = value >>> 0;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

export function prefixMask(prefix: number): number {
  return prefix <= 0 ? 0 : (0xffffffff << (32 - Math.min(prefix, 32))) >>> 0;
}

/** `10.244.0.0/16` → {base, prefix}; host bits are cleared, as the API server's parser does. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = parseIPv4(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  if (addr === undefined || !/^\d{1,2}$/.test(bits) || Number(bits) > 32) return undefined;
  const prefix = Number(bits);
  return { base: (addr & prefixMask(prefix)) >>> 0, prefix };
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return (ip & prefixMask(cidr.prefix)) >>> 0 === cidr.base;
}

/** Number of addresses in the block. */
export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  const shorter = a.prefix <= b.prefix ? a : b;
  const longer = shorter === a ? b : a;
  return cidrContains(shorter, longer.base);
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIPv4(cidr.base)}/${cidr.prefix}`;
}
