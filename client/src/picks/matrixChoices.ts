// The matrix command's port choices (pure): every port a pod declares, with its protocol and the
// pods declaring it, the last choice first, and a typed number (its protocol asked next).
import type { Protocol } from '../../../server/src/engine/types';
import type { MatrixParams, TopologyResult } from '../../../server/src/protocol/requests';
import { parsePort } from '../../../server/src/protocol/commandArgs';
import type { Choice } from './traceChoices';

export type PortChoice = { port: number; protocol?: Protocol };

export function matrixPortChoices(
  t: TopologyResult,
  typed: string,
  last?: MatrixParams,
): Choice<PortChoice>[] {
  const byKey = new Map<string, { port: number; protocol: Protocol; names: Set<string>; pods: string[] }>();
  for (const pod of t.pods) {
    for (const p of pod.ports) {
      const key = `${p.port}/${p.protocol}`;
      const entry = byKey.get(key) ?? {
        port: p.port,
        protocol: p.protocol,
        names: new Set<string>(),
        pods: [],
      };
      if (p.name) entry.names.add(p.name);
      entry.pods.push(pod.key);
      byKey.set(key, entry);
    }
  }
  const declared = [...byKey.values()]
    .sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol))
    .map((e) => ({
      label: `${e.port}/${e.protocol}`,
      description: [[...e.names].join(', '), e.pods.join(', ')].filter(Boolean).join(' · '),
      value: { port: e.port, protocol: e.protocol } as PortChoice,
    }));
  const out: Choice<PortChoice>[] = [...declared];
  if (last && !byKey.has(`${last.port}/${last.protocol}`)) {
    out.unshift({ label: `${last.port}/${last.protocol}`, description: 'recently used', value: last });
  } else if (last) {
    const i = out.findIndex((c) => c.value.port === last.port && c.value.protocol === last.protocol);
    if (i > 0) out.unshift(...out.splice(i, 1));
  }
  const port = parsePort(typed);
  if (port === undefined) return out;
  const declaredHere = out.filter((c) => c.value.port === port);
  if (declaredHere.length) return [...declaredHere, ...out.filter((c) => c.value.port !== port)];
  return [{ label: String(port), description: 'typed port (protocol asked next)', value: { port } }, ...out];
}
