// Ports a proof may compare once for many: two ports of a protocol give every pair of pods (and every
// address) the same verdict in a revision when every numeric port entry of its policies admits both
// or neither, and neither is a port some pod declares (a named port entry admits exactly the
// declared ports of its name; `reachability.ts` portMatches). The verdict depends on the port in no
// other way, so a change found on one port of a class is the same change on every other.
import type { Topology } from '../model';
import { portInRange } from '../reachability';
import type { Protocol } from '../types';

export interface PortOf {
  port: number;
  protocol: Protocol;
}

/** The checked ports by class (before and after the edit), each class under its first port. */
export function portClasses(
  revisions: readonly Topology[],
  checked: readonly PortOf[],
): Map<PortOf, PortOf[]> {
  const declared = new Set<string>();
  for (const t of revisions)
    for (const pod of t.pods) for (const c of pod.ports) declared.add(`${c.protocol}/${c.containerPort}`);
  const entries = revisions.flatMap((t) =>
    t.policies.flatMap((p) =>
      [...p.ingress, ...p.egress].flatMap((r) => (r.ports ?? []).filter((e) => typeof e.port === 'number')),
    ),
  );
  const byKey = new Map<string, PortOf[]>();
  for (const p of checked) {
    const own = `${p.protocol}/${p.port}`;
    const key = declared.has(own)
      ? own
      : `${p.protocol} ${entries.map((e) => (e.protocol === p.protocol && portInRange(e, p.port) ? 1 : 0)).join('')}`;
    const members = byKey.get(key);
    if (members) members.push(p);
    else byKey.set(key, [p]);
  }
  return new Map([...byKey.values()].map((members) => [members[0]!, members]));
}

/**
 * Changes found on the first port of each class, as found on every port of the class, in the order
 * of `checked` (what comparing each port in turn gives).
 */
export function onEveryPort<C extends PortOf>(
  found: readonly C[],
  classes: ReadonlyMap<PortOf, readonly PortOf[]>,
  checked: readonly PortOf[],
): C[] {
  const first = new Map<string, PortOf>();
  for (const [head, members] of classes) for (const m of members) first.set(keyOf(m), head);
  const byHead = new Map<string, C[]>();
  for (const c of found) {
    const list = byHead.get(keyOf(c));
    if (list) list.push(c);
    else byHead.set(keyOf(c), [c]);
  }
  return checked.flatMap((p) => {
    const head = first.get(keyOf(p));
    const list = head ? (byHead.get(keyOf(head)) ?? []) : [];
    return head === p ? list : list.map((c) => ({ ...c, port: p.port }));
  });
}

const keyOf = (p: PortOf): string => `${p.protocol}/${p.port}`;
