// CIDR parsing exactly as the API server does it for `ipBlock`: k8s.io/utils/net.ParseCIDRSloppy (Go's
// pre-1.17 net.ParseCIDR, which still accepts leading zeros), the strictness net/netip adds for the
// warnings of GetWarningsForCIDR, and net.IPNet's Contains for the `except` subset check. General IP
// libraries differ from Go here (octal octets, short forms, zones), hence this small module.
import ipaddr from 'ipaddr.js';

export interface ParsedCIDR {
  /** The address as written: 4 bytes for IPv4 text, 16 for IPv6 text (IPv4-mapped included). */
  ip: Uint8Array;
  /** The address with the host bits cleared (Go's ipnet.IP). */
  network: Uint8Array;
  prefix: number;
  /** What net/netip would also accept (no leading zeros, at most 4 hex digits a group). */
  strict: boolean;
}

export type CIDRParse = { ok: true; cidr: ParsedCIDR } | { ok: false; reason: string };

const BIG = 0xffffff;

/** Digits read from s at i, Go's dtoi/xtoi: value, length, and whether any leading zero was seen. */
function readNumber(s: string, i: number, base: 10 | 16): { n: number; len: number; zero: boolean } {
  let n = 0;
  let len = 0;
  while (i + len < s.length) {
    const d = digitValue(s.charCodeAt(i + len), base);
    if (d < 0) break;
    n = n * base + d;
    len++;
    if (n >= BIG) return { n: BIG, len, zero: false };
  }
  return { n, len, zero: len > 1 && s.charCodeAt(i) === 48 };
}

function digitValue(c: number, base: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (base === 16 && c >= 97 && c <= 102) return c - 87;
  if (base === 16 && c >= 65 && c <= 70) return c - 55;
  return -1;
}

interface IPParse {
  bytes: Uint8Array;
  strict: boolean;
}

function parseIPv4(s: string): IPParse | undefined {
  const bytes = new Uint8Array(4);
  let i = 0;
  let strict = true;
  for (let k = 0; k < 4; k++) {
    if (k > 0) {
      if (s.charCodeAt(i) !== 46) return undefined;
      i++;
    }
    const r = readNumber(s, i, 10);
    if (r.len === 0 || r.n > 255) return undefined;
    if (r.zero) strict = false;
    bytes[k] = r.n;
    i += r.len;
  }
  return i === s.length ? { bytes, strict } : undefined;
}

/** Go's parseIPv6 (no zones), including a trailing embedded IPv4 address. */
function parseIPv6(s: string): IPParse | undefined {
  const ip = new Uint8Array(16);
  let strict = true;
  let ellipsis = -1;
  let pos = 0;
  if (s.startsWith('::')) {
    ellipsis = 0;
    pos = 2;
    if (pos === s.length) return { bytes: ip, strict };
  }
  let i = 0;
  while (i < 16) {
    const r = readNumber(s, pos, 16);
    if (r.len === 0 || r.n > 0xffff) return undefined;
    if (s.charCodeAt(pos + r.len) === 46) {
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return undefined;
      const v4 = parseIPv4(s.slice(pos));
      if (!v4) return undefined;
      ip.set(v4.bytes, i);
      strict &&= v4.strict;
      pos = s.length;
      i += 4;
      break;
    }
    if (r.len > 4) strict = false;
    ip[i] = r.n >> 8;
    ip[i + 1] = r.n & 0xff;
    i += 2;
    pos += r.len;
    if (pos === s.length) break;
    if (s.charCodeAt(pos) !== 58 || pos + 1 === s.length) return undefined;
    pos++;
    if (s.charCodeAt(pos) === 58) {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      pos++;
      if (pos === s.length) break;
    }
  }
  if (pos !== s.length) return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    ip.copyWithin(ellipsis + n, ellipsis, i);
    ip.fill(0, ellipsis, ellipsis + n);
  } else if (ellipsis >= 0) return undefined;
  return { bytes: ip, strict };
}

export function parseCIDR(value: string): CIDRParse {
  const slash = value.indexOf('/');
  if (slash < 0)
    return { ok: false, reason: 'it has no prefix length (add `/32` for a single IPv4 address)' };
  const addr = value.slice(0, slash);
  const mask = value.slice(slash + 1);
  const ip = parseIPv4(addr) ?? parseIPv6(addr);
  if (!ip) return { ok: false, reason: `\`${addr}\` is not an IP address` };
  const bits = ip.bytes.length * 8;
  const r = readNumber(mask, 0, 10);
  if (r.len === 0 || r.len !== mask.length || r.n > bits) {
    return { ok: false, reason: `the prefix length must be a number from 0 to ${bits}` };
  }
  const network = applyMask(ip.bytes, r.n);
  return { ok: true, cidr: { ip: ip.bytes, network, prefix: r.n, strict: ip.strict && !r.zero } };
}

function applyMask(bytes: Uint8Array, prefix: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    out[i] = bytes[i]! & ((0xff << (8 - keep)) & 0xff);
  }
  return out;
}

/** Go's IP.To4: the IPv4 bytes of a 4-byte or IPv4-mapped 16-byte address. */
function to4(ip: Uint8Array): Uint8Array | undefined {
  if (ip.length === 4) return ip;
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return undefined;
  return ip[10] === 0xff && ip[11] === 0xff ? ip.subarray(12) : undefined;
}

export const isIPv4Mapped = (c: ParsedCIDR): boolean => c.ip.length === 16 && to4(c.ip) !== undefined;

/** Go's IP.String: dotted for IPv4 (and IPv4-mapped) addresses, RFC 5952 for IPv6. */
function ipString(ip: Uint8Array): string {
  const v4 = to4(ip);
  if (v4) return Array.from(v4).join('.');
  return (ipaddr.fromByteArray(Array.from(ip)) as ipaddr.IPv6).toRFC5952String();
}

/** The network and effective prefix as net.IPNet sees them (a mapped network behaves as IPv4). */
function networkAndPrefix(c: ParsedCIDR): { net: Uint8Array; prefix: number } {
  const v4 = to4(c.network);
  if (v4 && c.network.length === 16) return { net: v4, prefix: Math.max(0, c.prefix - 96) };
  return { net: c.network, prefix: c.prefix };
}

/** Go's ipnet.String(): the canonical network form, e.g. "10.0.0.0/8". */
export function networkString(c: ParsedCIDR): string {
  const { net, prefix } = networkAndPrefix(c);
  return `${ipString(net)}/${prefix}`;
}

/** The same address as a single-address CIDR (Go: ip.String() + "/" + mask bits). */
export function singleAddressString(c: ParsedCIDR): string {
  return `${ipString(c.ip)}/${c.ip.length * 8}`;
}

export const hasHostBits = (c: ParsedCIDR): boolean => !c.ip.every((b, i) => b === c.network[i]);

/** netip's Prefix.String() for an IPv6 prefix without host bits: RFC 5952 address and prefix. */
export function rfc5952String(c: ParsedCIDR): string {
  return `${(ipaddr.fromByteArray(Array.from(c.ip)) as ipaddr.IPv6).toRFC5952String()}/${c.prefix}`;
}

export const isIPv6 = (c: ParsedCIDR): boolean => c.ip.length === 16;

/** net.IPNet.Contains(ip). */
function contains(c: ParsedCIDR, ip: Uint8Array): boolean {
  const { net, prefix } = networkAndPrefix(c);
  const candidate = to4(ip) ?? ip;
  if (candidate.length !== net.length) return false;
  const masked = applyMask(candidate, prefix);
  return masked.every((b, i) => b === net[i]);
}

/**
 * Why `except` is not a strict subset of `cidr` (ValidateIPBlock: the cidr must contain the except
 * network and have a shorter prefix), or undefined when it is.
 */
export function exceptProblem(cidr: ParsedCIDR, except: ParsedCIDR): string | undefined {
  if (!contains(cidr, except.network)) {
    if (isIPv6(cidr) !== isIPv6(except) && !isIPv4Mapped(cidr) && !isIPv4Mapped(except)) {
      return `it is an ${isIPv6(except) ? 'IPv6' : 'IPv4'} range but \`cidr\` is ${isIPv6(cidr) ? 'IPv6' : 'IPv4'}`;
    }
    return `it lies outside \`cidr\` ${networkString(cidr)}`;
  }
  if (cidr.prefix >= except.prefix) {
    return `its prefix /${except.prefix} is not longer than the /${cidr.prefix} of \`cidr\`, so it would exclude the whole block`;
  }
  return undefined;
}
