// Which connections between pods an edit opens or closes: the matrix of each port before and after,
// compared pair by pair for the pods present in both. Self pairs never change (always allowed).
// One small function on purpose: the reachability diff engine can take its place.
import { computeMatrix } from '../matrix';
import type { Topology } from '../model';
import { podKey } from '../model';
import type { Protocol } from '../types';
import type { Connection, ReachabilityChanges } from './types';

export function reachabilityChanges(
  before: Topology,
  after: Topology,
  ports: readonly { port: number; protocol: Protocol }[],
): ReachabilityChanges {
  const common = new Set(before.pods.map(podKey));
  const inBoth = new Set(after.pods.map(podKey).filter((k) => common.has(k)));
  const changes: ReachabilityChanges = { added: [], removed: [] };
  for (const { port, protocol } of ports) {
    const was = allowedPairs(before, port, protocol, inBoth);
    const now = allowedPairs(after, port, protocol, inBoth);
    const connection = (pair: string): Connection => {
      const [from, to] = pair.split(' ') as [string, string];
      return { from, to, port, protocol };
    };
    for (const pair of now) if (!was.has(pair)) changes.added.push(connection(pair));
    for (const pair of was) if (!now.has(pair)) changes.removed.push(connection(pair));
  }
  return changes;
}

function allowedPairs(topology: Topology, port: number, protocol: Protocol, keep: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const [from, to] of computeMatrix(topology, port, protocol).allowed)
    if (keep.has(from) && keep.has(to)) out.add(`${from} ${to}`);
  return out;
}
