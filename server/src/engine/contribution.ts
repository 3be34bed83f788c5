// What a file contributes to the topology, in a form cheap to compare across versions of the file:
// its accepted objects' facts as data, each with its first line (so related locations into the file
// stay right). Edits to comments, whitespace, rejected objects or fields the model does not read leave
// it unchanged, and then no other file needs its lints again. An object's facts are hashed (53 bits of
// their text) once per chunk text: a workspace of 50,000 pods keeps three numbers per pod, and an edit
// hashes only the objects it changed.
import type { FileAnalysis, FileSummary } from './analysis';
import { hasTrees } from './analysis';
import type { ObjectFacts } from './cluster/facts';
import { hash53 } from './cluster/names';
import type { LineIndex } from './lines';

/** Per accepted object of a file: its first line, its document's index, and a hash of its facts. */
export interface Contribution {
  lines: readonly number[];
  docs: readonly number[];
  hashes: readonly number[];
}

export const NO_CONTRIBUTION: Contribution = { lines: [], docs: [], hashes: [] };

export function sameContribution(a: Contribution, b: Contribution): boolean {
  const same = (x: readonly number[], y: readonly number[]) =>
    x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.lines, b.lines) && same(a.docs, b.docs) && same(a.hashes, b.hashes);
}

/** Computes contributions, remembering the hashes of each chunk text (lineage) it has seen. */
export class ContributionHasher {
  /** Hashes of a chunk's objects, by chunk text: moving the chunk does not change them. */
  private readonly byLineage = new WeakMap<object, number[]>();

  /**
   * The hashes are computed when first compared: sameContribution compares them last, so a file
   * whose objects moved or that had none (a file just opened or read) is known changed without
   * them, and its first diagnostics do not wait for them.
   */
  of(a: FileSummary, lines: () => LineIndex): Contribution {
    if (!a.facts.length) return NO_CONTRIBUTION;
    const index = lines();
    let hashes: number[] | undefined;
    const hashesOf = () => (hasTrees(a) ? this.chunkHashes(a) : a.facts.map(factsHash));
    return {
      lines: a.facts.map((f) => index.positionAt(f.source.span.start).line),
      docs: a.facts.map((f) => f.docIndex),
      get hashes() {
        return (hashes ??= hashesOf());
      },
    };
  }

  private chunkHashes(a: FileAnalysis): number[] {
    const accepted = new Set(a.facts);
    const out: number[] = [];
    for (const c of a.chunks) {
      let known = this.byLineage.get(c.lineage);
      if (!known) this.byLineage.set(c.lineage, (known = []));
      c.facts.forEach((f, i) => {
        if (accepted.has(f)) out.push((known[i] ??= factsHash(f)));
      });
    }
    return out;
  }
}

/** A hash of an object's facts without where they are written (kept beside). */
function factsHash(f: ObjectFacts): number {
  const text = JSON.stringify(f, (key, value: unknown) => (PLACES.has(key) ? undefined : value));
  return hash53(text);
}

/** Keys of the facts (and of the policy models in them) that say where things are written, not what. */
const PLACES = new Set(['source', 'nameSpan', 'object', 'docIndex']);
