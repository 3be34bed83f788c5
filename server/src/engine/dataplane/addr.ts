// Address helpers the dataplane needs beyond ../ipv4.ts.
import { parseIPv4 } from '../ipv4';

/** The four bytes of an address, most significant first. */
export function ipBytes(value: number): number[] {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
}

/** Numeric order of addresses given as text (unparsable ones last, by text). */
export function compareIPv4Text(a: string, b: string): number {
  const x = parseIPv4(a) ?? Infinity;
  const y = parseIPv4(b) ?? Infinity;
  return x === y ? a.localeCompare(b) : x - y;
}
