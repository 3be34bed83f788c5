// The connections an isolation would cut, as the user ticks them (pure): one row per pair of
// workloads (a pod without a workload stands for itself), the ports it is cut on, and how many pod
// pairs. The engine lists only ports the destination declares. Ticking a row keeps every connection
// of it.
import type { IntentConnection, TopologyResult } from '../../../server/src/protocol/requests';

export interface CutGroup {
  /** The pair of workloads. */
  label: string;
  /** Its ports, then how many connections. */
  description: string;
  /** Its ports alone (`TCP 9092`). */
  ports: string;
  connections: IntentConnection[];
}

export function cutGroups(cut: readonly IntentConnection[], t: TopologyResult): CutGroup[] {
  const owner = new Map<string, string>();
  for (const w of t.workloads ?? []) for (const pod of w.pods) owner.set(pod, w.ref);
  const byKey = new Map<string, { from: string; to: string; conns: IntentConnection[] }>();
  for (const c of cut) {
    const [from, to] = [owner.get(c.from) ?? c.from, owner.get(c.to) ?? c.to];
    const key = `${from}\u0000${to}`;
    const g = byKey.get(key) ?? { from, to, conns: [] };
    g.conns.push(c);
    byKey.set(key, g);
  }
  return [...byKey.values()]
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to))
    .map((g) => ({
      label: `${g.from} → ${g.to}`,
      description: `${portsOf(g.conns)} · ${g.conns.length} connection${g.conns.length === 1 ? '' : 's'}`,
      ports: portsOf(g.conns),
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
