// The connections an isolation would cut, as the user ticks them (pure): one row per pair of
// workloads (a pod without a workload stands for itself), the ports it is cut on, and how many pod
// pairs; pairs on ports the destination serves (declares) first, the rest after under their own
// section. Ticking a row keeps every connection of it.
import type { IntentConnection, TopologyResult } from '../../../server/src/protocol/requests';

export interface CutGroup {
  label: string;
  description: string;
  /** Whether every port of the row is one the destination pods declare. */
  served: boolean;
  connections: IntentConnection[];
}

export function cutGroups(cut: readonly IntentConnection[], t: TopologyResult): CutGroup[] {
  const owner = new Map<string, string>();
  for (const w of t.workloads ?? []) for (const pod of w.pods) owner.set(pod, w.ref);
  const declared = new Map(t.pods.map((p) => [p.key, p.ports]));
  const serves = (c: IntentConnection): boolean =>
    (declared.get(c.to) ?? []).some((p) => p.port === c.port && p.protocol === c.protocol);
  const byKey = new Map<string, { from: string; to: string; served: boolean; conns: IntentConnection[] }>();
  for (const c of cut) {
    const [from, to, served] = [owner.get(c.from) ?? c.from, owner.get(c.to) ?? c.to, serves(c)];
    const key = `${from}\u0000${to}\u0000${served}`;
    const g = byKey.get(key) ?? { from, to, served, conns: [] };
    g.conns.push(c);
    byKey.set(key, g);
  }
  return [...byKey.values()]
    .sort(
      (a, b) =>
        Number(b.served) - Number(a.served) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
    )
    .map((g) => ({
      label: `${g.from} → ${g.to}`,
      description: `${portsOf(g.conns)} · ${g.conns.length} connection${g.conns.length === 1 ? '' : 's'}`,
      served: g.served,
      connections: g.conns,
    }));
}

const SHOWN_PORTS = 4;

/** `TCP 5432, 9092, UDP 53`: each protocol once, its ports ascending; past 4 ports, "and N more". */
function portsOf(conns: readonly IntentConnection[]): string {
  const by = new Map<string, Set<number>>();
  for (const c of conns) by.set(c.protocol, (by.get(c.protocol) ?? new Set()).add(c.port));
  const all = [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([protocol, ports]) =>
      [...ports].sort((x, y) => x - y).map((port, i) => (i === 0 ? `${protocol} ${port}` : `${port}`)),
    );
  const more = all.length - SHOWN_PORTS;
  return more > 0 ? `${all.slice(0, SHOWN_PORTS).join(', ')} and ${more} more` : all.join(', ');
}
