// The quick-pick items of the trace command (pure): workloads with their replica count, then pods
// with namespace, node and IP; the destinations (workloads, pods or a typed IP), protocols, and ports
// the destination declares (or a typed one). The last choices come first.
import type { TraceRequest } from '../../../server/src/engine/dataplane/types';
import type { Protocol } from '../../../server/src/engine/types';
import type { TopologyPod, TopologyResult, TopologyWorkload } from '../../../server/src/protocol/requests';
import { isIPv4, parsePort } from '../traceArgs';

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

function lastFirst<T>(items: Choice<T>[], last: T | undefined): Choice<T>[] {
  const i = items.findIndex((c) => c.value === last);
  return i <= 0 ? items : [items[i] as Choice<T>, ...items.slice(0, i), ...items.slice(i + 1)];
}

export function sourceChoices(t: TopologyResult, last?: string): Choice<string>[] {
  return endpointChoices(t, last);
}

/** Destination pods, and the typed text as an address when it is an IPv4 address outside them. */
export function destinationChoices(t: TopologyResult, typed: string, last?: string): Choice<string>[] {
  const pods = endpointChoices(t, last);
  const ip = typed.trim();
  if (!isIPv4(ip)) return pods;
  const owner = t.pods.find((p) => p.ip === ip);
  const address: Choice<string> = {
    label: ip,
    description: owner ? `the address of ${owner.key}` : 'an address (outside the pods of the workspace)',
    value: ip,
  };
  return [address, ...pods];
}

export function protocolChoices(last?: Protocol): Choice<Protocol>[] {
  const all: Choice<Protocol>[] = [
    { label: 'TCP', value: 'TCP' },
    { label: 'UDP', value: 'UDP' },
    { label: 'SCTP', value: 'SCTP' },
  ];
  return lastFirst(all, last);
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

/** The destination's declared ports for the protocol, the last port, and the typed number. */
export function portChoices(
  pod: TopologyPod | undefined,
  protocol: Protocol,
  typed: string,
  last?: number,
): Choice<number>[] {
  const declared: Choice<number>[] = (pod?.ports ?? [])
    .filter((p) => p.protocol === protocol)
    .map((p) => ({
      label: String(p.port),
      description: p.name ? `${p.name} (declared by ${pod?.key})` : `declared by ${pod?.key}`,
      value: p.port,
    }));
  const out = [...declared];
  if (last !== undefined && !out.some((c) => c.value === last))
    out.push({ label: String(last), description: 'recently used', value: last });
  const port = parsePort(typed);
  if (port !== undefined && !out.some((c) => c.value === port))
    out.unshift({ label: String(port), description: 'typed port', value: port });
  return lastFirst(out, port ?? last);
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
