// The language features' one entry into the engine: what is at a position of an analysed file (a
// policy, selector, peer, port or label: hover and go-to-definition; a Service's name, selector or a
// port: hover) and what the model says about it, what may be typed there (completion), each policy's
// counts (CodeLens), where a label is defined. Answers are engine types; the language server only
// converts them.
import type { ParsedFile } from '../parse/types';
import type { NetworkPolicy, SourceRef, Topology } from '../model';
import { policyFromObject } from '../policies';
import type { Position } from '../types';
import type { YNode } from '../yamlTree';
import type { Workspace } from '../workspace';
import { cursorAt } from './cursor';
import { labelDefinitions } from './definitions';
import type { PolicyCounts, TargetFacts } from './facts';
import { factsOf, policyCounts } from './facts';
import type { ServiceFacts } from './service';
import { serviceFactsAt } from './service';
import type { Target } from './target';
import { targetOf } from './target';

export type { Completions, Offer, OfferKind } from './completions';
export { completionsAt } from './completions';
export type { PeerCount, PolicyCounts, TargetFacts } from './facts';
export type { Serving } from './ports';
export type { ServiceFacts } from './service';
export type { PeerPart, Target } from './target';
export { carriesLabel } from './target';
export type { YamlContext } from './yamlContext';
export { yamlContext } from './yamlContext';

/** What the position points at, if anything hover or go-to-definition speak about. */
export function targetAt(parsed: ParsedFile, position: Position): Target | undefined {
  const cursor = cursorAt(parsed, position);
  return cursor && targetOf(cursor);
}

/**
 * What the model says about what is at the position, and the node it spans (for the range): a part of
 * a Service (its name, selector or a port), else a target (targetAt).
 */
export function factsAt(
  parsed: ParsedFile,
  position: Position,
  topology: Topology,
): { facts: TargetFacts | ServiceFacts; node: YNode } | undefined {
  const cursor = cursorAt(parsed, position);
  if (!cursor) return undefined;
  const service = serviceFactsAt(cursor, topology);
  if (service) return service;
  const target = targetOf(cursor);
  return target && { facts: factsOf(target, topology), node: target.node };
}

/** Each NetworkPolicy of a file, where it starts, and its counts (the CodeLens above it). */
export function policiesOf(
  parsed: ParsedFile,
  topology: Topology,
): { policy: NetworkPolicy; start: number; counts: PolicyCounts }[] {
  return parsed.objects.flatMap((o) => {
    const policy = policyFromObject(o);
    return policy ? [{ policy, start: o.node.start, counts: policyCounts(topology, policy) }] : [];
  });
}

/** Where the label at the position is defined (pods' or namespaces' labels); none off a label. */
export function definitionsAt(ws: Workspace, parsed: ParsedFile, position: Position): SourceRef[] {
  const target = targetAt(parsed, position);
  return target?.kind === 'label' ? labelDefinitions(ws, target) : [];
}
