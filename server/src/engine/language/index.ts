// The language features' one entry into the engine: what is at a position of an analysed file (a
// policy, selector, peer, port or label: hover and go-to-definition), and what may be typed there
// (completion). Answers are engine types; the language server only converts them.
import type { ParsedFile } from '../documents';
import type { Position } from '../types';
import { cursorAt } from './cursor';
import type { Target } from './target';
import { targetOf } from './target';

export type { Completions, Offer, OfferKind } from './completions';
export { completionsAt } from './completions';
export type { Serving } from './ports';
export { podsServing } from './ports';
export type { PeerPart, Target } from './target';
export { carriesLabel } from './target';
export type { YamlContext } from './yamlContext';
export { yamlContext } from './yamlContext';

/** What the position points at, if anything hover or go-to-definition speak about. */
export function targetAt(parsed: ParsedFile, position: Position): Target | undefined {
  const cursor = cursorAt(parsed, position);
  return cursor && targetOf(cursor);
}
