// Small deterministic hashes for names and addresses the real system would pick at random (veth
// names, VTEP MACs, ephemeral ports). FNV-1a 32-bit, finalized: the engine cannot import node:crypto, and
// these values only need to be stable and well spread, not secret.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, then murmur3's finalizer so that names differing in one character differ in every byte. */
function fnv1a(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export function hex8(text: string): string {
  return fnv1a(text).toString(16).padStart(8, '0');
}

const byteHex = (b: number): string => b.toString(16).padStart(2, '0');

export function formatMac(bytes: readonly number[]): string {
  return bytes.map(byteHex).join(':');
}

/** Six bytes derived from `seed`, as a locally administered unicast MAC (like the kernel's random MACs). */
export function localMac(seed: string): string {
  const bytes = [...hashBytes(seed), ...hashBytes(`${seed}\u0000`).slice(0, 2)];
  bytes[0] = (bytes[0] & 0xfc) | 0x02;
  return formatMac(bytes);
}

/** A MAC under a vendor prefix (three bytes), the rest derived from `seed`. */
export function vendorMac(prefix: readonly [number, number, number], seed: string): string {
  return formatMac([...prefix, ...hashBytes(seed).slice(0, 3)]);
}

/** A number in [low, high] derived from `seed`. */
export function hashInRange(seed: string, low: number, high: number): number {
  return low + (fnv1a(seed) % (high - low + 1));
}

function hashBytes(seed: string): number[] {
  const h = fnv1a(seed);
  return [24, 16, 8, 0].map((shift) => (h >>> shift) & 0xff);
}
