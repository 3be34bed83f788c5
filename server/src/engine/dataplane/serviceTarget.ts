// Which Service a trace's `--to` names, if any: `svc/ns/name` (or `service/ns/name`), a ClusterIP,
// a DNS name (`name`, `name.ns`, `name.ns.svc`, `name.ns.svc.cluster.local`; a short name is looked
// up in the source pod's namespace, as the pod's DNS search path does), or `ns/name` / a bare name
// that is no pod or workload but a Service. A pod (then a workload) of that name is taken first; the
// trace then says so.
import { parseIPv4 } from '../ipv4';
import type { Topology } from '../model';
import type { Service } from '../services';
import { servicesOf } from '../services';
import { findPod } from '../topology';
import { lookupPodOrWorkload } from '../workloadRefs';
import { closestPods } from './suggest';
import type { TraceError } from './types';

export const CLUSTER_DOMAIN = 'cluster.local';

export interface ServiceTarget {
  service: Service;
  /** The fully qualified name a DNS lookup asks for first, or null (no lookup: ClusterIP or svc/ns/name). */
  query: string | null;
  /** How the destination was written, for the trace's `to`. */
  label: string;
}

const KIND_PREFIX = /^(svc|service|services)\//i;

/**
 * The Service `to` names, null when it names none (or names a pod first), or an error for a
 * `svc/…` form or DNS name that matches no Service.
 */
export function serviceTarget(
  topology: Topology,
  to: string,
  srcNamespace: string,
): ServiceTarget | TraceError | null {
  const ref = to.trim();
  const services = servicesOf(topology);
  if (KIND_PREFIX.test(ref)) {
    const key = ref.replace(KIND_PREFIX, '');
    const service = services.byKey.get(key);
    return service ? { service, query: null, label: `svc/${key}` } : unknownService(topology, key);
  }
  if (parseIPv4(ref) !== undefined) {
    const service = services.byClusterIP.get(ref);
    return service ? { service, query: null, label: ref } : null;
  }
  if (namesPodOrWorkload(topology, ref)) return null;
  if (ref.includes('/')) {
    const service = services.byKey.get(ref);
    return service ? { service, query: null, label: `svc/${ref}` } : null;
  }
  return byDnsName(topology, ref, srcNamespace);
}

/**
 * A pod first, then (for `ns/name`) a workload: what a name stands for before a Service (DESIGN.md).
 * A bare name is a pod's or a Service's short DNS name, never a workload's.
 */
function namesPodOrWorkload(topology: Topology, ref: string): boolean {
  if (findPod(topology, ref).matches.length) return true;
  if (!ref.includes('/')) return false;
  const found = lookupPodOrWorkload(topology, ref);
  return !('error' in found) || found.error === 'idle' || found.candidates.length > 1;
}

function byDnsName(topology: Topology, ref: string, srcNamespace: string): ServiceTarget | TraceError | null {
  const labels = ref.toLowerCase().replace(/\.$/, '').split('.');
  const [name, namespace = srcNamespace, ...rest] = labels;
  const suffix = rest.join('.');
  if (!name || (suffix !== '' && suffix !== 'svc' && suffix !== `svc.${CLUSTER_DOMAIN}`)) return null;
  const key = `${namespace}/${name}`;
  const service = servicesOf(topology).byKey.get(key);
  if (service) return { service, query: `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`, label: ref };
  return labels.length > 1 ? unknownService(topology, key) : null;
}

function unknownService(topology: Topology, key: string): TraceError {
  const keys = servicesOf(topology).services.map((s) => `svc/${s.namespace}/${s.name}`);
  return {
    error: keys.length
      ? `no Service "${key}" in the workspace`
      : `no Service "${key}": the workspace has no Services`,
    suggestions: closestPods(`svc/${key}`, keys),
  };
}

/** When `to` took a pod (or a workload's replica) that is also a Service's name: which was taken, and how to pick the other. */
export function podOrServiceNote(
  topology: Topology,
  to: string,
  podKey: string,
  srcNamespace: string,
  workload: string | null = null,
): string[] {
  const ref = to.trim();
  if (KIND_PREFIX.test(ref) || parseIPv4(ref) !== undefined) return [];
  const key = ref.includes('/') ? ref : `${srcNamespace}/${ref}`;
  if (!servicesOf(topology).byKey.has(key)) return [];
  return [
    `"${ref}" names both ${workload ? `the workload ${workload} (replica ${podKey})` : `the pod ${podKey}`} and the Service ${key}: traced to the pod; use --to svc/${key} for the Service`,
  ];
}
