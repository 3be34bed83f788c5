// The two sides of an intent, from what a user types: `ns/pod`, `ns/name` of a workload,
// `kind/ns/name` (kubectl's short kinds), `svc/ns/name` (a Service's endpoint pods, on its
// targetPort), or an IPv4 address or CIDR for the outside side; and the
// labels that identify a workload's pods (its selector, or its template's labels without the ones
// controllers add to each pod).
import { formatCidr, parseCidr, parseIPv4 } from '../ipv4';
import type { Labels, Pod, Topology } from '../model';
import { podKey } from '../model';
import { findPod, podByIP } from '../topology';
import { servicesOf } from '../services';
import type { Service } from '../services';
import type { Protocol } from '../types';
import { GENERATED_LABELS, parseKindRef, workloadsOf } from '../workloadRefs';
import type { Workload } from '../workloadRefs';
import type { Workspace } from '../workspace';
import { isMap, nodeAtPath, toJS } from '../yamlTree';
import type { ConnectionIntent, Endpoint } from './types';

/**
 * Resolves one side of an intent; a string is the reason it cannot be. Names are read as the trace
 * reads them (workloadRefs.ts): `kind/ns/name`, a pod `ns/name`, else a workload of that name; and
 * `svc/ns/name`, a Service standing for its endpoint pods (see `intentFor` for its port).
 */
export function resolveEndpoint(workspace: Workspace, ref: string): Endpoint | string {
  const text = ref.trim();
  const topology = workspace.topology();
  const address = addressOf(text);
  if (address) {
    const pod = parseIPv4(text) !== undefined ? podByIP(topology, text) : undefined;
    return pod ? podEndpoint(pod) : address;
  }
  const service = serviceOf(topology, text);
  if (service) return typeof service === 'string' ? service : serviceEndpoint(service);
  const parts = text.split('/');
  const kinded = parseKindRef(text);
  if (parts.length === 3 && !kinded)
    return `unknown kind "${parts[0]}" in ${text} (use pod, deploy, sts, ds, rs, rc, job, cronjob or svc)`;
  if (kinded?.kind === 'Pod') return podOrReason(workspace, kinded.key);
  if (kinded)
    return (
      workloadEndpoint(
        workspace,
        (w) => w.kind === kinded.kind && `${w.namespace}/${w.name}` === kinded.key,
      ) ?? `no ${kinded.kind} ${kinded.key} with pods in the workspace`
    );
  const pod = findPod(topology, text);
  if (pod.pod) return podEndpoint(pod.pod);
  if (parts.length === 2) {
    const w = workloadEndpoint(workspace, (x) => `${x.namespace}/${x.name}` === text);
    if (w) return w;
  }
  if (pod.matches.length > 1) return `${text} is ambiguous: ${pod.matches.map(podKey).join(', ')}`;
  return `no pod or workload ${text} in the workspace`;
}

/**
 * The intent a user asked for, both sides resolved. A Service as the destination stands for its
 * endpoint pods on the port they serve the Service port on (its targetPort): NetworkPolicy sees the
 * pod and the targetPort, never the Service.
 */
export function intentFor(workspace: Workspace, asked: AskedIntent): ConnectionIntent | string {
  const from = resolveEndpoint(workspace, asked.from);
  if (typeof from === 'string') return from;
  const to = resolveEndpoint(workspace, asked.to);
  if (typeof to === 'string') return to;
  const intent: ConnectionIntent = { action: asked.action, from, to };
  if (asked.protocol !== undefined) intent.protocol = asked.protocol;
  if (asked.port === undefined) return intent;
  const service = serviceOf(workspace.topology(), asked.to);
  if (!service || typeof service === 'string') return { ...intent, port: asked.port };
  const target = targetPortOf(service, asked.port, asked.protocol ?? 'TCP');
  return typeof target === 'string' ? target : { ...intent, port: target };
}

export interface AskedIntent {
  action: 'allow' | 'deny';
  from: string;
  to: string;
  port?: number;
  protocol?: Protocol;
}

const SERVICE_KINDS = new Set(['svc', 'service', 'services']);

/** The Service `svc/ns/name` names (a string when it names none); undefined for other names. */
function serviceOf(topology: Topology, text: string): Service | string | undefined {
  const parts = text.trim().split('/');
  if (parts.length !== 3 || !SERVICE_KINDS.has(parts[0]!.toLowerCase())) return undefined;
  const key = `${parts[1]}/${parts[2]}`;
  const service = servicesOf(topology).byKey.get(key);
  if (!service) return `no Service ${key} in the workspace`;
  return service.endpoints.some((e) => e.pod) ? service : `Service ${key} has no endpoint pods`;
}

function serviceEndpoint(service: Service): Endpoint {
  const pods = service.endpoints.flatMap((e) => (e.pod ? [e.pod] : []));
  const endpoint: Endpoint = {
    kind: 'pods',
    label: `svc/${service.namespace}/${service.name}`,
    namespace: service.namespace,
    pods,
  };
  if (service.selector && Object.keys(service.selector).length)
    endpoint.selectorLabels = { ...service.selector };
  return endpoint;
}

/** The one port the endpoints serve a Service port on; a string when there is none or several. */
function targetPortOf(service: Service, port: number, protocol: Protocol): number | string {
  const key = `${service.namespace}/${service.name}`;
  const index = service.ports.findIndex((p) => p.port === port && p.protocol === protocol);
  if (index < 0)
    return `Service ${key} has no port ${protocol} ${port} (it has ${service.ports.map((p) => `${p.protocol} ${p.port}`).join(', ') || 'none'})`;
  const served = new Set(
    service.endpoints.flatMap((e) => (e.pod && e.targetPorts[index] ? [e.targetPorts[index]] : [])),
  );
  if (served.size === 1) return [...served][0]!;
  return served.size
    ? `the endpoints of Service ${key} serve port ${port} on different ports (${[...served].join(', ')}): name the pods instead`
    : `no endpoint of Service ${key} serves port ${port}`;
}

function addressOf(text: string): Endpoint | undefined {
  const cidr = text.includes('/') ? parseCidr(text) : parseCidr(`${text}/32`);
  if (!cidr || (!text.includes('/') && parseIPv4(text) === undefined)) return undefined;
  return { kind: 'address', label: text, cidr: formatCidr(cidr), ip: formatCidr(cidr).split('/')[0]! };
}

function podOrReason(workspace: Workspace, key: string): Endpoint | string {
  const pod = findPod(workspace.topology(), key).pod;
  return pod ? podEndpoint(pod) : `no pod ${key} in the workspace`;
}

function podEndpoint(pod: Pod): Endpoint {
  return { kind: 'pods', label: podKey(pod), namespace: pod.namespace, pods: [pod] };
}

/** The one workload `wanted` picks (its pods in the topology's order), with its selector labels. */
function workloadEndpoint(workspace: Workspace, wanted: (w: Workload) => boolean): Endpoint | undefined {
  const topology = workspace.topology();
  const w = workloadsOf(topology).find(wanted);
  if (!w) return undefined;
  const own = new Set(w.pods);
  const pods = topology.pods.filter((p) => own.has(p));
  const endpoint: Endpoint = { kind: 'pods', label: w.ref, namespace: w.namespace, pods };
  const selector = selectorLabels(workspace, pods[0]!);
  if (selector) endpoint.selectorLabels = selector;
  return endpoint;
}

/** A workload's `spec.selector` when it is plain `matchLabels` (Jobs' generated selectors are not used). */
function selectorLabels(workspace: Workspace, pod: Pod): Labels | undefined {
  if (pod.owner?.startsWith('Job/') || pod.owner?.startsWith('CronJob/')) return undefined;
  const obj = workspace.objectAt(pod.source.file, pod.source.span.start);
  const selector = nodeAtPath(obj?.node, ['spec', 'selector']);
  const labels = nodeAtPath(selector, ['matchLabels']);
  if (!isMap(labels) || !labels.pairs.length || nodeAtPath(selector, ['matchExpressions'])) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(toJS(labels) as Record<string, unknown>)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
    out[k] = String(v);
  }
  return out;
}

/** The labels every pod of the endpoint carries, without those controllers add per pod: the narrowest selector. */
export function identifyingLabels(pods: readonly Pod[]): Labels {
  const [first, ...rest] = pods;
  const out: Record<string, string> = {};
  if (!first) return out;
  for (const [k, v] of Object.entries(first.labels)) {
    if (!GENERATED_LABELS.has(k) && rest.every((p) => p.labels[k] === v)) out[k] = v;
  }
  return out;
}
