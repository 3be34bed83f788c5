// Which connections between pods an edit opens or closes, by the reachability diff (engine/diff) on
// each port asked for: every pair of pods present in both revisions, a pod to itself left out (never
// subject to policy). The diff evaluates equivalence classes and only the pods a changed policy
// selects, so a proof costs what the edit touches, not the square of the pods.
import { connectionsOf, diffReachability } from '../diff';
import type { Topology } from '../model';
import type { Protocol } from '../types';
import type { ReachabilityChanges } from './types';

export function reachabilityChanges(
  before: Topology,
  after: Topology,
  ports: readonly { port: number; protocol: Protocol }[],
): ReachabilityChanges {
  const changes: ReachabilityChanges = { added: [], removed: [] };
  for (const { port, protocol } of ports)
    for (const g of diffReachability(before, after, { port, protocol }).groups)
      for (const c of connectionsOf(g))
        changes[g.change].push({ from: c.from, to: c.to, port: c.port, protocol: c.protocol });
  return changes;
}
