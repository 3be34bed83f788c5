// What a user should know about an intent that the edit alone does not say. NetworkPolicy sees the
// port a pod listens on, never a Service's port: asking for a Service port on the pods behind it
// (`--to data/postgres --port 5432` where the Service sends 5432 to targetPort 15432) gives an edit
// that is exact but changes nothing for traffic through the Service, so a note names the port that
// would.
import type { Pod, Topology } from '../model';
import { podKey } from '../model';
import { servicesOf } from '../services';
import type { Service } from '../services';
import type { Protocol } from '../types';
import type { ConnectionIntent } from './types';

export function intentNotes(t: Topology, intent: ConnectionIntent): string[] {
  const to = intent.to;
  if (to.kind !== 'pods' || intent.port === undefined) return [];
  const port = intent.port;
  const protocol = intent.protocol ?? 'TCP';
  if (to.pods.some((p) => p.ports.some((c) => c.containerPort === port && c.protocol === protocol)))
    return [];
  const notes: string[] = [];
  for (const service of servicesOf(t).services) {
    const target = targetOf(service, to.pods, port, protocol);
    if (!target) continue;
    const key = `${service.namespace}/${service.name}`;
    notes.push(
      `no container of ${to.label} declares ${protocol} ${port}: Service ${key} sends its port ${port} ` +
        `to ${target.text} on these pods, so traffic through the Service is on ${protocol} ${target.port}, ` +
        `which this intent does not cover (ask for port ${target.port}, or for svc/${key} on port ${port})`,
    );
  }
  return notes;
}

/**
 * How a Service sends `port` to the given pods (`targetPort postgres (TCP 15432)`), when it selects
 * some of them and serves that port on one other port of theirs; undefined otherwise.
 */
function targetOf(
  service: Service,
  pods: readonly Pod[],
  port: number,
  protocol: Protocol,
): { text: string; port: number } | undefined {
  const index = service.ports.findIndex((p) => p.port === port && p.protocol === protocol);
  if (index < 0) return undefined;
  const own = new Set(pods.map(podKey));
  const served = new Set<number>();
  for (const e of service.endpoints) {
    const on = e.targetPorts[index];
    if (e.pod && own.has(podKey(e.pod)) && typeof on === 'number' && on !== port) served.add(on);
  }
  if (served.size !== 1) return undefined;
  const on = [...served][0]!;
  const written = service.ports[index]!.targetPort;
  const text = typeof written === 'string' ? `targetPort ${written} (${protocol} ${on})` : `targetPort ${on}`;
  return { text, port: on };
}
