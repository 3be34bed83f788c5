// A policy port that is a Service's `port` while the pods behind it serve a different `targetPort`:
// kube-proxy DNATs before any policy looks at the packet, so the policy sees the targetPort and a
// rule on the Service port never allows traffic through the Service (the classic 5432 vs 15432).
import { podKey } from '../model';
import type { Pod, PolicyPort } from '../model';
import { portInRange } from '../reachability';
import type { Service, ServicePort } from '../services';
import { serviceKey, servicesOf } from '../services';
import type { Topology } from '../model';
import type { Fix } from '../types';
import type { YNode } from '../yamlTree';
import type { Lint, LintContext } from './context';
import { relatedAt, report } from './context';
import { portsToPods } from './ports';

export interface PortMismatch {
  service: Service;
  port: ServicePort;
  /** The targetPort the pods behind the Service serve it on. */
  targetPort: number;
  /** The container port's name on those pods, when it has one. */
  targetName?: string;
  pods: Pod[];
}

/** The Service whose `port` a policy port names while its pods among `pods` serve another targetPort. */
export function servicePortMismatch(
  topology: Topology,
  port: PolicyPort,
  pods: readonly Pod[],
): PortMismatch | undefined {
  if (typeof port.port !== 'number') return undefined;
  const indexOf = (service: Service) =>
    service.headless || service.clusterIP === null
      ? -1
      : service.ports.findIndex((sp) => sp.port === port.port && sp.protocol === port.protocol);
  const services = servicesOf(topology).services;
  // Most ports are no Service's port: then the destination pods need not be looked at.
  if (!services.some((s) => indexOf(s) >= 0)) return undefined;
  const destinations = new Set(pods);
  // A pod that serves the written port itself makes the rule right for it.
  if (
    pods.some((p) => p.ports.some((c) => c.protocol === port.protocol && portInRange(port, c.containerPort)))
  )
    return undefined;
  for (const service of services) {
    const index = indexOf(service);
    if (index < 0) continue;
    const behind = service.endpoints.filter(
      (e) => e.pod && destinations.has(e.pod) && e.targetPorts[index] !== null,
    );
    const first = behind[0];
    if (!first?.pod) continue;
    const targetPort = first.targetPorts[index]!;
    if (portInRange(port, targetPort)) continue;
    const named = first.pod.ports.find(
      (c) => c.containerPort === targetPort && c.protocol === port.protocol,
    )?.name;
    const out: PortMismatch = {
      service,
      port: service.ports[index]!,
      targetPort,
      pods: behind.map((e) => e.pod!),
    };
    if (named) out.targetName = named;
    return out;
  }
  return undefined;
}

export const servicePortNotTargetPort: Lint = {
  info: {
    code: 'service-port-not-target-port',
    severity: 'warning',
    title: 'Policy names a Service port, not the targetPort',
    help: "A policy port equals a Service's `port`, but the pods behind the Service serve it on a different `targetPort`. kube-proxy rewrites the destination (DNAT) to the pod's IP and targetPort before any policy check, so the rule never allows traffic through the Service. The quick fix writes the targetPort (its name when the container port is named).",
  },
  check(ctx) {
    for (const { port, node, direction, pods } of portsToPods(ctx, 'number')) {
      const m = servicePortMismatch(ctx.topology, port, pods);
      if (!m) continue;
      const portName = m.port.name ? ` (named "${m.port.name}")` : '';
      const use = m.targetName
        ? `port ${m.targetPort} or its name "${m.targetName}"`
        : `port ${m.targetPort}`;
      const whom =
        direction === 'ingress' ? 'pods this policy selects' : 'destination pods of this egress rule';
      const who =
        m.pods.length === 1
          ? podKey(m.pods[0]!)
          : `${m.pods.length} pods: ${m.pods.slice(0, 3).map(podKey).join(', ')}${m.pods.length > 3 ? ', …' : ''}`;
      report(
        ctx,
        this,
        node,
        `Port ${port.port} is the port${portName} of Service ${serviceKey(m.service)}, but the ${whom} behind it (${who}) serve it on targetPort ${m.targetPort}: kube-proxy rewrites ${m.service.clusterIP}:${port.port} to the pod's address and ${m.targetPort} before any policy check, so this rule never allows traffic through the Service. Use ${use}.`,
        {
          fixes: [replacePort(ctx, node, m)],
          related: relatedAt(
            ctx,
            m.port.source,
            `Service ${serviceKey(m.service)} port ${m.port.port} → targetPort ${String(m.port.targetPort)}`,
          ),
        },
      );
    }
  },
};

function replacePort(ctx: LintContext, node: YNode, m: PortMismatch): Fix {
  let end = node.end;
  while (end > node.start && /\s/.test(ctx.file.text[end - 1]!)) end--;
  const written = ctx.file.text.slice(node.start, end);
  const quoted = written.startsWith('"') || ctx.file.path.endsWith('.json');
  const value = m.targetName ?? m.targetPort;
  const newText = typeof value === 'string' && quoted ? JSON.stringify(value) : String(value);
  return {
    title: `Use the targetPort ${m.targetName ? `"${m.targetName}" (${m.targetPort})` : String(m.targetPort)} of Service ${serviceKey(m.service)}`,
    edits: [{ range: ctx.file.lines.range({ start: node.start, end }), newText }],
    preferred: true,
  };
}
