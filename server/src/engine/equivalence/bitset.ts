// A fixed-size set of small integers (equivalence-class ids) as 32-bit words.
export class BitSet {
  readonly words: Uint32Array;

  constructor(readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  add(i: number): void {
    this.words[i >>> 5]! |= 1 << (i & 31);
  }

  has(i: number): boolean {
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  union(other: BitSet): void {
    for (let w = 0; w < this.words.length; w++) this.words[w]! |= other.words[w]!;
  }

  /** Adds the members of `a` that are also in `b`. */
  unionIntersection(a: BitSet, b: BitSet): void {
    for (let w = 0; w < this.words.length; w++) this.words[w]! |= a.words[w]! & b.words[w]!;
  }
}
