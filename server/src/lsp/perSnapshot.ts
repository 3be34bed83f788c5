// An answer kept for one topology snapshot: asked again before the model changes (quick picks, the
// topology view, links from the views), it is served without being built again. The engine's topology
// is a new object whenever any file's text or a setting changed, so the identity is the key.
import type { Topology } from '../engine';

export class PerSnapshot<R> {
  private last: { topology: Topology; answer: R } | undefined;

  get(topology: Topology, build: () => R): R {
    if (this.last?.topology !== topology) this.last = { topology, answer: build() };
    return this.last.answer;
  }
}
