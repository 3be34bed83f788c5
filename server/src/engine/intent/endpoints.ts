// The two sides of an intent, from what a user types: `ns/pod`, `ns/name` of a workload,
// `kind/ns/name` (kubectl's short kinds), or an IPv4 address or CIDR for the outside side; and the
// labels that identify a workload's pods (its selector, or its template's labels without the ones
// controllers add to each pod).
import { formatCidr, parseCidr, parseIPv4 } from '../ipv4';
import type { Labels, Pod } from '../model';
import { podKey } from '../model';
import { findPod, podByIP } from '../topology';
import { GENERATED_LABELS, SHORT_KINDS } from '../workloadRefs';
import type { Workspace } from '../workspace';
import { isMap, nodeAtPath, toJS } from '../yamlTree';
import type { Endpoint } from './types';

const KINDS: Readonly<Record<string, string>> = {
  pod: 'Pod',
  po: 'Pod',
  deploy: 'Deployment',
  deployment: 'Deployment',
  sts: 'StatefulSet',
  statefulset: 'StatefulSet',
  ds: 'DaemonSet',
  daemonset: 'DaemonSet',
  rs: 'ReplicaSet',
  replicaset: 'ReplicaSet',
  rc: 'ReplicationController',
  replicationcontroller: 'ReplicationController',
  job: 'Job',
  cronjob: 'CronJob',
  cj: 'CronJob',
};

/**
 * Resolves one side of an intent; a string is the reason it cannot be. (The one place names are
 * resolved: a general workload-name resolver can replace it.)
 */
export function resolveEndpoint(workspace: Workspace, ref: string): Endpoint | string {
  const text = ref.trim();
  const topology = workspace.topology();
  const address = addressOf(text);
  if (address) {
    const pod = parseIPv4(text) !== undefined ? podByIP(topology, text) : undefined;
    return pod ? podEndpoint(pod) : address;
  }
  const parts = text.split('/');
  if (parts.length === 3) {
    const kind = KINDS[parts[0]!.toLowerCase()];
    if (!kind)
      return `unknown kind "${parts[0]}" in ${text} (use pod, deploy, sts, ds, rs, rc, job or cronjob)`;
    return kind === 'Pod'
      ? podOrReason(workspace, `${parts[1]}/${parts[2]}`)
      : workload(workspace, kind, parts[1]!, parts[2]!);
  }
  const pod = findPod(topology, text);
  if (pod.pod) return podEndpoint(pod.pod);
  if (parts.length === 2) {
    const w = workloadNamed(workspace, parts[0]!, parts[1]!);
    if (w) return w;
  }
  if (pod.matches.length > 1) return `${text} is ambiguous: ${pod.matches.map(podKey).join(', ')}`;
  return `no pod or workload ${text} in the workspace`;
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

function workload(workspace: Workspace, kind: string, ns: string, name: string): Endpoint | string {
  return (
    workloadOf(workspace, ns, (owner) => owner === `${kind}/${name}`) ??
    `no ${kind} ${ns}/${name} with pods in the workspace`
  );
}

function workloadNamed(workspace: Workspace, ns: string, name: string): Endpoint | undefined {
  return workloadOf(workspace, ns, (owner) => owner.slice(owner.indexOf('/') + 1) === name);
}

function workloadOf(
  workspace: Workspace,
  ns: string,
  owns: (owner: string) => boolean,
): Endpoint | undefined {
  const pods = workspace
    .topology()
    .pods.filter((p) => p.namespace === ns && p.owner !== undefined && owns(p.owner));
  const first = pods[0];
  if (!first) return undefined;
  const [kind, name] = first.owner!.split('/') as [string, string];
  const endpoint: Endpoint = {
    kind: 'pods',
    label: `${SHORT_KINDS[kind] ?? kind}/${ns}/${name}`,
    namespace: ns,
    pods,
  };
  const selector = selectorLabels(workspace, first);
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
