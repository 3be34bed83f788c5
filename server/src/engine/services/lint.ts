// Findings on the Service objects themselves, from their facts (no YAML tree needed): values the API
// server would refuse (a ClusterIP outside the service CIDR or already taken, a nodePort outside
// 30000-32767 or already taken) and Services that cannot work (a selector matching no pod, a named
// targetPort no selected pod declares). Each points at the value written.
import type { ObjectFacts } from '../cluster/facts';
import type { ServiceFacts, ServicePortFacts } from '../cluster/serviceFacts';
import { cidrContains, parseCidr, parseIPv4 } from '../ipv4';
import type { SourceRef, Topology } from '../model';
import type { RuleInfo } from '../rules';
import type { Finding, Range, RelatedLocation, Severity } from '../types';
import { snapshotOf } from '../snapshot';
import { dns1123SubdomainErrors } from '../validate/formats';
import type { Span } from '../yamlTree';
import { servicesOf } from './index';
import { NODE_PORT_RANGE } from './model';

export const SERVICE_RULES = {
  clusterIPOutside: rule(
    'service-cluster-ip-invalid',
    'error',
    'ClusterIP outside the service CIDR',
    'A Service\'s `clusterIP` is not an IPv4 address in the service CIDR (`netpolLens.serviceCIDR`, CLI `--service-cidr`, default 10.96.0.0/12). The API server refuses it ("provided IP is not in the valid range"). Remove it to have one allocated, or set the service CIDR the cluster uses.',
  ),
  clusterIPTaken: rule(
    'service-cluster-ip-duplicate',
    'error',
    'ClusterIP used twice',
    'Two Services ask for the same `clusterIP`; the API server refuses the second ("provided IP is already allocated"). Remove one of them to have an address allocated.',
  ),
  nodePortInvalid: rule(
    'service-node-port-invalid',
    'error',
    'nodePort out of range or taken',
    "A `nodePort` outside 30000-32767 (the API server's default --service-node-port-range), or one another Service already uses; the API server refuses it. Remove it to have one allocated.",
  ),
  externalNameInvalid: rule(
    'service-external-name-invalid',
    'error',
    'ExternalName without a valid DNS name',
    "A Service of type ExternalName needs `spec.externalName`, a lowercase RFC 1123 DNS name (a trailing dot is allowed); the API server refuses it otherwise. Cluster DNS answers the Service's name with a CNAME to it; no traffic goes through kube-proxy.",
  ),
  selectsNothing: rule(
    'service-selects-nothing',
    'warning',
    'Service selector matches no pod',
    "The Service's selector matches no pod of its namespace in the workspace: it has no endpoints, so kube-proxy rejects every connection to it. Check the selector against the pods' labels (and the namespace).",
  ),
  targetPortUnknown: rule(
    'service-target-port-unknown',
    'warning',
    'Named targetPort no pod declares',
    "The Service's `targetPort` is a name that no pod the selector matches declares as a container port (with that protocol): those pods are no endpoints for this port. Name a container port the pods declare, or give the number.",
  ),
} as const;

function rule(code: string, severity: Severity, title: string, help: string): RuleInfo {
  return { code, severity, title, help };
}

/** What the API server refuses (errors, never changed by netpolLens.lint). */
export const SERVICE_ERROR_RULES: readonly RuleInfo[] = [
  SERVICE_RULES.clusterIPOutside,
  SERVICE_RULES.clusterIPTaken,
  SERVICE_RULES.nodePortInvalid,
  SERVICE_RULES.externalNameInvalid,
];

/** Lints on Services (their severity follows netpolLens.lint like the policy lints'). */
export const SERVICE_LINT_RULES: readonly RuleInfo[] = [
  SERVICE_RULES.selectsNothing,
  SERVICE_RULES.targetPortUnknown,
];

type Locate = (ref: SourceRef) => Range | undefined;

interface Declared {
  obj: ObjectFacts;
  key: string;
  facts: ServiceFacts;
}

/** The findings of the Services among a file's objects, against the workspace's topology. */
export function serviceFindings(
  file: readonly ObjectFacts[],
  text: string,
  topology: Topology,
  locate: Locate,
): Finding[] {
  const mine = declaredIn(file);
  if (!mine.length) return [];
  const all = servicesOf(topology);
  const cidr = parseCidr(all.cidr)!;
  const others = (topology.services?.services ?? []).filter(
    (s) => s.source && s.source.file !== mine[0]!.obj.file,
  );
  const out: Finding[] = [];
  const add = (
    info: RuleInfo,
    obj: ObjectFacts,
    span: Span | undefined,
    message: string,
    related: RelatedLocation[] = [],
  ) => {
    const at = span ?? obj.source.span;
    // Block nodes end after their line break; a range ends on the last character written.
    let end = at.end;
    while (end > at.start && /\s/.test(text[end - 1] ?? '')) end--;
    const range = locate({ file: obj.file, span: { start: at.start, end } });
    if (range)
      out.push({
        file: obj.file,
        range,
        severity: info.severity,
        code: info.code,
        message,
        ...(related.length ? { related } : {}),
      });
  };
  const takenIPs = new Map<string, { key: string; source?: SourceRef }>();
  const takenPorts = new Map<number, { key: string; source?: SourceRef }>();
  for (const s of others) {
    if (s.clusterIP && !s.clusterIPAllocated)
      takenIPs.set(s.clusterIP, {
        key: `${s.namespace}/${s.name}`,
        ...(s.source ? { source: s.source } : {}),
      });
    for (const p of s.ports)
      if (p.nodePort !== undefined && !p.nodePortAllocated)
        takenPorts.set(p.nodePort, {
          key: `${s.namespace}/${s.name}`,
          ...(p.source ? { source: p.source } : {}),
        });
  }
  for (const d of mine) {
    checkClusterIP(d, cidr, all.cidr, takenIPs, locate, add);
    for (const p of d.facts.ports) checkNodePort(d, p, takenPorts, locate, add);
    checkEndpoints(d, topology, add);
    checkExternalName(d, add);
  }
  return out;
}

function declaredIn(file: readonly ObjectFacts[]): Declared[] {
  return file.flatMap((obj) =>
    obj.service && obj.name
      ? [{ obj, key: `${obj.namespace ?? 'default'}/${obj.name}`, facts: obj.service }]
      : [],
  );
}

type Add = (
  info: RuleInfo,
  obj: ObjectFacts,
  span: Span | undefined,
  message: string,
  related?: RelatedLocation[],
) => void;

function relatedTo(
  locate: Locate,
  taken: { key: string; source?: SourceRef },
  what: string,
): RelatedLocation[] {
  const range = taken.source && locate(taken.source);
  return range && taken.source
    ? [{ file: taken.source.file, range, message: `Service ${taken.key}, which has this ${what}` }]
    : [];
}

function checkClusterIP(
  d: Declared,
  cidr: NonNullable<ReturnType<typeof parseCidr>>,
  cidrText: string,
  taken: Map<string, { key: string; source?: SourceRef }>,
  locate: Locate,
  add: Add,
): void {
  const ip = d.facts.clusterIP;
  if (!ip || ip === 'None' || d.facts.type === 'ExternalName') return;
  const value = parseIPv4(ip);
  if (value === undefined || !cidrContains(cidr, value)) {
    const what = value === undefined ? 'is not an IPv4 address' : `is outside the service CIDR ${cidrText}`;
    add(
      SERVICE_RULES.clusterIPOutside,
      d.obj,
      d.facts.clusterIPSpan,
      `clusterIP ${ip} ${what}: the API server refuses it. Remove it to have an address allocated, or set netpolLens.serviceCIDR (--service-cidr) to the cluster's range.`,
    );
    return;
  }
  const other = taken.get(ip);
  if (other && other.key !== d.key) {
    add(
      SERVICE_RULES.clusterIPTaken,
      d.obj,
      d.facts.clusterIPSpan,
      `clusterIP ${ip} is already Service ${other.key}'s: the API server refuses the second ("provided IP is already allocated"). Remove it to have an address allocated.`,
      relatedTo(locate, other, 'clusterIP'),
    );
    return;
  }
  taken.set(ip, {
    key: d.key,
    source: { file: d.obj.file, span: d.facts.clusterIPSpan ?? d.obj.source.span },
  });
}

function checkNodePort(
  d: Declared,
  p: ServicePortFacts,
  taken: Map<number, { key: string; source?: SourceRef }>,
  locate: Locate,
  add: Add,
): void {
  if (p.nodePort === undefined) return;
  const { low, high } = NODE_PORT_RANGE;
  if (p.nodePort < low || p.nodePort > high) {
    add(
      SERVICE_RULES.nodePortInvalid,
      d.obj,
      p.nodePortSpan,
      `nodePort ${p.nodePort} is outside ${low}-${high}, the API server's default range: it refuses the Service. Remove it to have one allocated, or pick a port in the range.`,
    );
    return;
  }
  const other = taken.get(p.nodePort);
  if (other && other.key !== d.key) {
    add(
      SERVICE_RULES.nodePortInvalid,
      d.obj,
      p.nodePortSpan,
      `nodePort ${p.nodePort} is already used by Service ${other.key}: the API server refuses the second ("provided port is already allocated"). Remove it to have one allocated.`,
      relatedTo(locate, other, 'nodePort'),
    );
    return;
  }
  taken.set(p.nodePort, { key: d.key, source: { file: d.obj.file, span: p.nodePortSpan ?? p.span } });
}

/** ExternalName: the API server wants a DNS-1123 subdomain, after dropping one trailing dot. */
function checkExternalName(d: Declared, add: Add): void {
  if (d.facts.type !== 'ExternalName') return;
  const written = d.facts.externalName ?? '';
  const name = written.replace(/\.$/, '');
  if (!name) {
    const span = d.facts.externalNameSpan ?? d.facts.nameSpan;
    const message = `Service ${d.key} has type ExternalName but no spec.externalName: the API server refuses it. Give the DNS name the Service stands for (e.g. db.example.com).`;
    add(SERVICE_RULES.externalNameInvalid, d.obj, span, message);
    return;
  }
  const problem = dns1123SubdomainErrors(name)[0];
  if (!problem) return;
  const message = `externalName "${written}" is not a DNS name: ${problem}. The API server refuses the Service; cluster DNS would answer its name with a CNAME to this.`;
  add(SERVICE_RULES.externalNameInvalid, d.obj, d.facts.externalNameSpan, message);
}

function checkEndpoints(d: Declared, topology: Topology, add: Add): void {
  const selector = d.facts.selector;
  if (!selector || d.facts.type === 'ExternalName' || !topology.pods.length) return;
  const service = servicesOf(topology).byKey.get(d.key);
  if (!service) return;
  const namespace = d.key.slice(0, d.key.indexOf('/'));
  // The namespace's pods from the snapshot's index: a file of many Services never scans every pod per Service.
  const inNamespace = snapshotOf(topology).index.byNamespace.get(namespace) ?? [];
  const wanted = Object.entries(selector);
  const selected = inNamespace.filter((pod) => wanted.every(([k, v]) => pod.labels[k] === v));
  const labels = wanted.map(([k, v]) => `${k}=${v}`).join(', ');
  if (!selected.length) {
    const why = inNamespace.length
      ? `no pod of namespace ${namespace} has the labels ${labels}`
      : `the workspace has no pods in namespace ${namespace}`;
    add(
      SERVICE_RULES.selectsNothing,
      d.obj,
      d.facts.selectorSpan,
      `Service ${d.key} selects no pod: ${why}. It has no endpoints, so kube-proxy rejects every connection to it; check the selector against the pods' labels.`,
    );
    return;
  }
  for (const p of d.facts.ports) {
    const target = p.targetPort;
    if (typeof target !== 'string') continue;
    if (selected.some((pod) => pod.ports.some((c) => c.name === target && c.protocol === p.protocol)))
      continue;
    const declared = [
      ...new Set(
        selected.flatMap((pod) =>
          pod.ports.flatMap((c) => (c.name ? [`${c.name} (${c.containerPort}/${c.protocol})`] : [])),
        ),
      ),
    ];
    add(
      SERVICE_RULES.targetPortUnknown,
      d.obj,
      p.targetPortSpan,
      `targetPort "${target}" names no container port of the ${selected.length === 1 ? 'pod' : `${selected.length} pods`} Service ${d.key} selects (${declared.length ? `they name ${declared.slice(0, 4).join(', ')}` : 'they name no container port'}): none of them is an endpoint for port ${p.port}/${p.protocol}. Name a container port they declare, or give the number.`,
    );
  }
}
