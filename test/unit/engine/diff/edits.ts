// Random edits of a random cluster (clusterGen.ts) and a brute-force reachability diff to check the
// engine's against: every pair of pods present in both revisions, on every port, evaluated one
// connection at a time in each revision.
import fc from 'fast-check';
import { podKey } from '../../../../server/src/engine/model';
import type { Pod, Topology } from '../../../../server/src/engine/model';
import { evaluateConnection } from '../../../../server/src/engine/reachability';
import type { Protocol, SourceFile } from '../../../../server/src/engine/types';
import type { Chooser, ClusterSpec } from '../../../helpers/clusterGen';
import { APPS, cluster, policy, seeded, TIERS } from '../../../helpers/clusterGen';

type Json = Record<string, unknown>;
const pick = <T>(c: Chooser, xs: readonly T[]): T => xs[c.int(0, xs.length - 1)]!;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const meta = (o: Json) => o['metadata'] as Json & { labels?: Record<string, string> };

/** One to three edits: policies replaced, removed or added; pods relabelled, removed or added; namespaces relabelled. */
export function edited(c: Chooser, spec: ClusterSpec): ClusterSpec {
  const out = clone(spec);
  const namespaces = out.namespaces.map((n) => meta(n)['name'] as string);
  for (let k = c.int(1, 3); k > 0; k--) {
    const kind = c.int(0, 6);
    if (kind <= 2 && out.policies.length && kind < 2) {
      const i = c.int(0, out.policies.length - 1);
      const m = meta(out.policies[i]!);
      if (kind === 0) out.policies[i] = policy(c, m['namespace'] as string, m['name'] as string);
      else out.policies.splice(i, 1);
    } else if (kind === 2) out.policies.push(policy(c, pick(c, namespaces), `added${out.policies.length}`));
    else if (kind === 3 && out.pods.length) {
      const labels = (meta(pick(c, out.pods)).labels ??= {});
      labels[pick(c, ['app', 'tier'])] = pick(c, [...APPS, ...TIERS]);
    } else if (kind === 4 && out.pods.length) out.pods.splice(c.int(0, out.pods.length - 1), 1);
    else if (kind === 5 && out.pods.length) {
      const copy = clone(pick(c, out.pods));
      meta(copy)['name'] = `extra${out.pods.length}`;
      out.pods.push(copy);
    } else if (out.namespaces.length) {
      const labels = (meta(pick(c, out.namespaces)).labels ??= {});
      labels['env'] = pick(c, ['prod', 'dev']);
    }
  }
  return out;
}

/** The revision as files: the cluster in one, the policies in another. */
export function filesOf(spec: ClusterSpec): SourceFile[] {
  const text = (docs: Json[]) => docs.map((d) => JSON.stringify(d)).join('\n---\n');
  return [
    { path: 'cluster.yaml', text: text([...spec.namespaces, ...spec.pods]) },
    { path: 'policies.yaml', text: text(spec.policies) },
  ];
}

/** A random cluster and an edit of it. */
export const revisionsArbitrary = fc
  .record({
    sizes: fc.record({
      namespaces: fc.integer({ min: 1, max: 3 }),
      pods: fc.integer({ min: 0, max: 10 }),
      policies: fc.integer({ min: 0, max: 6 }),
    }),
    seed: fc.integer(),
    editSeed: fc.integer(),
  })
  .map(({ sizes, seed, editSeed }) => {
    const base = cluster(seeded(seed), sizes);
    return { base, head: edited(seeded(editSeed), base) };
  });

export interface Port {
  protocol: Protocol;
  port: number;
}

const declares = (p: Pod, port: Port) =>
  p.ports.some((c) => c.containerPort === port.port && c.protocol === port.protocol);

/** `added` and `removed` as `from to PROTOCOL/port` lines, sorted; `total` connections compared. */
export function bruteForceDiff(
  base: Topology,
  head: Topology,
  fixed?: Port,
): { added: string[]; removed: string[]; total: number } {
  const headByKey = new Map(head.pods.map((p) => [podKey(p), p]));
  const common = base.pods.filter((p) => headByKey.has(podKey(p)));
  const added: string[] = [];
  const removed: string[] = [];
  let total = 0;
  for (const s of common) {
    for (const d of common) {
      if (s === d) continue;
      const hs = headByKey.get(podKey(s))!;
      const hd = headByKey.get(podKey(d))!;
      for (const port of fixed ? [fixed] : portsOf(d, hd)) {
        total++;
        const before = evaluateConnection(base, s, d, port.port, port.protocol).allowed;
        const after = evaluateConnection(head, hs, hd, port.port, port.protocol).allowed;
        const line = `${podKey(s)} ${podKey(d)} ${port.protocol}/${port.port}`;
        if (!before && after) added.push(line);
        if (before && !after) removed.push(line);
      }
    }
  }
  return { added: added.sort(), removed: removed.sort(), total };
}

function portsOf(a: Pod, b: Pod): Port[] {
  const out = new Map<string, Port>();
  for (const c of [...a.ports, ...b.ports])
    out.set(`${c.protocol}/${c.containerPort}`, { protocol: c.protocol, port: c.containerPort });
  return [...out.values()].filter((p) => declares(a, p) || declares(b, p));
}
