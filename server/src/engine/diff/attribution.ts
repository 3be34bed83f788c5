// Which edited policy each change is due to, for "+3 −1 connections" beside a policy: a group counts
// for every edited policy its causes name (the rule that now allows it, the policies that now isolate,
// the rule that no longer allows it).
import type { Cause, ReachabilityDiff } from './types';

export interface PolicyCounts {
  added: number;
  removed: number;
}

/** Counts per `ns/name` of the policies in `edited`; an edited policy no change names counts 0 and 0. */
export function countsByPolicy(
  diff: ReachabilityDiff,
  edited: ReadonlySet<string>,
): Map<string, PolicyCounts> {
  const counts = new Map<string, PolicyCounts>([...edited].map((k) => [k, { added: 0, removed: 0 }]));
  for (const g of diff.groups) {
    for (const key of new Set(g.causes.flatMap(policiesOf))) {
      const c = counts.get(key);
      if (c) c[g.change] += g.connections;
    }
  }
  return counts;
}

export function policiesOf(c: Cause): string[] {
  if (c.kind === 'allowed-by') return [c.policy];
  if (c.kind === 'no-longer-allowed') return [c.policy, ...c.policies];
  return c.policies;
}
