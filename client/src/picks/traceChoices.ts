// The quick-pick items of the trace command (pure): workloads with their replica count, then pods
// with namespace, node and IP; the destinations (workloads, pods, then Services, or a typed IP),
// protocols, and ports the destination declares or the Service's ports (or a typed one). The last
// choices come first.
import type { TraceRequest } from '../../../server/src/engine/dataplane/types';
import type { Protocol } from '../../../server/src/protocol/values';
import { PROTOCOLS } from '../../../server/src/protocol/values';
import type {
  TopologyPod,
  TopologyResult,
  TopologyService,
  TopologyWorkload,
} from '../../../server/src/protocol/requests';
import { isIPv4, parsePort } from '../../../server/src/protocol/commandArgs';

export interface Choice<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  /** Why this item cannot be taken (a workload with no pod): accepting it says so instead. */
  unavailable?: string;
}

function podChoice(p: TopologyPod, recent: boolean): Choice<string> {
  const labels = Object.entries(p.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return {
    label: p.key,
    description: `${p.namespace} · ${p.node} · ${p.ip}${recent ? ' · recently used' : ''}`,
    ...(labels ? { detail: labels } : {}),
    value: p.key,
  };
}

function workloadChoice(w: TopologyWorkload, recent: boolean): Choice<string> {
  if (w.idle !== undefined)
    return {
      label: w.ref,
      description: 'no pod · not traceable',
      detail: w.idle,
      value: w.ref,
      unavailable: w.idle,
    };
  const replicas = w.pods.length === 1 ? '1 replica' : `${w.pods.length} replicas`;
  return {
    label: w.ref,
    description: `${replicas}${recent ? ' · recently used' : ''}`,
    detail: `traces from its first replica, ${w.pods[0] ?? ''}`,
    value: w.ref,
  };
}

/** Workloads first (a trace takes the first replica), then every pod, then the workloads with no pod. */
function endpointChoices(t: TopologyResult, last: string | undefined): Choice<string>[] {
  const workloads = t.workloads ?? [];
  return lastFirst(
    [
      ...workloads.filter((w) => w.idle === undefined).map((w) => workloadChoice(w, w.ref === last)),
      ...t.pods.map((p) => podChoice(p, p.key === last)),
      ...workloads.filter((w) => w.idle !== undefined).map((w) => workloadChoice(w, false)),
    ],
    last,
  );
}

const SERVICE_PREFIX = 'svc/';

/**
 * A Service is traced by its DNS name `name.ns`, the way its clients reach it: the lookup to kube-dns
 * first, then kube-proxy's DNAT. The label is `svc/ns/name`, as the CLI writes it.
 */
export const serviceDnsName = (key: string): string => {
  const [ns, name] = key.split('/');
  return `${name}.${ns}`;
};

const servicePortWords = (s: TopologyService): string =>
  s.ports
    .map((p) => `${p.port}/${p.protocol}${p.targetPort === p.port ? '' : ` → ${p.targetPort}`}`)
    .join(', ');

function serviceChoice(s: TopologyService, last: string | undefined): Choice<string> {
  const value = serviceDnsName(s.key);
  const endpoints = s.endpoints === 1 ? '1 endpoint' : `${s.endpoints} endpoints`;
  return {
    label: `${SERVICE_PREFIX}${s.key}`,
    description: `${s.clusterIP ?? 'headless'} · ${servicePortWords(s)}${value === last ? ' · recently used' : ''}`,
    detail: `Service (${s.type}, ${endpoints}): looked up by DNS as ${value}, then DNAT by kube-proxy to an endpoint`,
    value,
  };
}

/** The Services a pod can connect to (an ExternalName has no address of the cluster). */
const traceableServices = (t: TopologyResult): TopologyService[] =>
  (t.services ?? []).filter((s) => s.type !== 'ExternalName');

/** The Service a destination names (its DNS name `name.ns` or `svc/ns/name`), if any. */
export function serviceOf(t: TopologyResult, destination: string): TopologyService | undefined {
  return traceableServices(t).find(
    (s) => serviceDnsName(s.key) === destination || `${SERVICE_PREFIX}${s.key}` === destination,
  );
}

function lastFirst<T>(items: Choice<T>[], last: T | undefined): Choice<T>[] {
  const i = items.findIndex((c) => c.value === last);
  return i <= 0 ? items : [items[i] as Choice<T>, ...items.slice(0, i), ...items.slice(i + 1)];
}

export function sourceChoices(t: TopologyResult, last?: string): Choice<string>[] {
  return endpointChoices(t, last);
}

/**
 * Destination workloads and pods, then Services, and the typed text as an address when it is an IPv4
 * address outside the pods.
 */
export function destinationChoices(t: TopologyResult, typed: string, last?: string): Choice<string>[] {
  const services = traceableServices(t).map((s) => serviceChoice(s, last));
  const pods = lastFirst([...endpointChoices(t, last), ...services], last);
  const ip = typed.trim();
  if (!isIPv4(ip)) return pods;
  const owner = t.pods.find((p) => p.ip === ip);
  const service = traceableServices(t).find((s) => s.clusterIP === ip);
  const address: Choice<string> = {
    label: ip,
    description: owner
      ? `the address of ${owner.key}`
      : service
        ? `the ClusterIP of Service ${service.key}`
        : 'an address (outside the pods of the workspace)',
    value: ip,
  };
  return [address, ...pods];
}

export function protocolChoices(last?: Protocol): Choice<Protocol>[] {
  return lastFirst(
    PROTOCOLS.map((p) => ({ label: p, value: p })),
    last,
  );
}

/** The pod a destination stands for: itself, the pod with that IP, or a workload's first replica. */
export function podOf(t: TopologyResult, destination: string): TopologyPod | undefined {
  const first = t.workloads?.find((w) => w.ref === destination)?.pods[0];
  const key = first ?? destination;
  return t.pods.find((p) => p.key === key || p.ip === key);
}

/**
 * What was last used in the step being asked, among the recent traces that match the choices made so
 * far: the destination last used from this source, the port last used to this destination.
 */
export function recentFor<K extends keyof TraceRequest>(
  recent: readonly Partial<TraceRequest>[],
  key: K,
  chosen: Partial<TraceRequest>,
): TraceRequest[K] | undefined {
  const matches = (r: Partial<TraceRequest>): boolean =>
    (Object.keys(chosen) as (keyof TraceRequest)[]).every((k) => r[k] === chosen[k]);
  return recent.find((r) => r[key] !== undefined && matches(r))?.[key];
}

const MAX_RECENT = 20;

/** The recent traces with `request` first, without repeats. */
export function remember(recent: readonly Partial<TraceRequest>[], request: TraceRequest): TraceRequest[] {
  const same = (r: Partial<TraceRequest>): boolean =>
    r.from === request.from &&
    r.to === request.to &&
    r.port === request.port &&
    r.protocol === request.protocol;
  const complete = recent.filter(
    (r): r is TraceRequest => !same(r) && r.from !== undefined && r.to !== undefined,
  );
  return [request, ...complete].slice(0, MAX_RECENT);
}

/** A Service's ports for the protocol: the port a client connects to, with the targetPort it reaches. */
export function servicePortChoices(s: TopologyService, protocol: Protocol): Choice<number>[] {
  return s.ports
    .filter((p) => p.protocol === protocol)
    .map((p) => ({
      label: String(p.port),
      description: `${p.name ? `${p.name}, ` : ''}port of Service ${s.key} → targetPort ${p.targetPort}`,
      value: p.port,
    }));
}

/** The destination's declared ports for the protocol (or its Service ports), the last port, and the typed number. */
export function portChoices(
  destination: TopologyPod | TopologyService | undefined,
  protocol: Protocol,
  typed: string,
  last?: number,
): Choice<number>[] {
  const declared =
    destination && 'type' in destination
      ? servicePortChoices(destination, protocol)
      : podPortChoices(destination, protocol);
  const out = [...declared];
  if (last !== undefined && !out.some((c) => c.value === last))
    out.push({ label: String(last), description: 'recently used', value: last });
  const port = parsePort(typed);
  if (port !== undefined && !out.some((c) => c.value === port))
    out.unshift({ label: String(port), description: 'typed port', value: port });
  return lastFirst(out, port ?? last);
}

function podPortChoices(pod: TopologyPod | undefined, protocol: Protocol): Choice<number>[] {
  return (pod?.ports ?? [])
    .filter((p) => p.protocol === protocol)
    .map((p) => ({
      label: String(p.port),
      description: p.name ? `${p.name} (declared by ${pod?.key})` : `declared by ${pod?.key}`,
      value: p.port,
    }));
}

/**
 * The item Enter accepts. The typed text is authoritative: an active item that no longer matches it
 * (the filter has not caught up with fast typing) loses to the first item containing the text.
 */
export function acceptedChoice<T>(
  value: string,
  active: Choice<T> | undefined,
  items: readonly Choice<T>[],
): Choice<T> | undefined {
  const typed = value.trim().toLowerCase();
  const contains = (c: Choice<T>): boolean =>
    c.label.toLowerCase().includes(typed) || (c.description ?? '').toLowerCase().includes(typed);
  if (!typed || (active && contains(active))) return active ?? items[0];
  return items.find(contains) ?? active;
}

/**
 * The choices of an intent (Allow/Deny Connection): a workload stands for every replica, not for
 * the first one a trace takes; a Service for its endpoint pods on the port they serve it on.
 */
export function forIntent(choices: Choice<string>[], t: TopologyResult): Choice<string>[] {
  const workloads = new Map((t.workloads ?? []).map((w) => [w.ref, w]));
  return choices.map((c) => {
    const w = workloads.get(c.value);
    if (w && w.idle === undefined) {
      const replicas = w.pods.length === 1 ? 'its replica' : `all ${w.pods.length} replicas`;
      return { ...c, detail: `${replicas}, selected by the workload's labels` };
    }
    const s = c.label.startsWith(SERVICE_PREFIX) ? serviceOf(t, c.value) : undefined;
    if (!s) return c;
    const pods = s.endpoints === 1 ? 'its endpoint pod' : `its ${s.endpoints} endpoint pods`;
    return { ...c, detail: `Service: ${pods}, on the targetPort (policies see the pods, not the Service)` };
  });
}
