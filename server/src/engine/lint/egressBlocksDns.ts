// An egress-isolating policy whose rules (together with the other policies isolating the same pods)
// allow no DNS: the selected pods can no longer resolve any name. The fix adds the usual rule to
// kube-dns on UDP and TCP 53.
import { listPods } from '../describe';
import type { NetworkPolicy, Pod, PolicyPort, PolicyRule, Topology } from '../model';
import { podKey } from '../model';
import { hash53 } from '../cluster/names';
import { peerMatches, podsSelectedBy } from '../matching';
import { snapshotOf } from '../snapshot';
import type { Derived } from '../snapshot';
import type { ServiceEndpoint } from '../services';
import { servicesOf } from '../services';
import { policiesInNamespace } from '../topology';
import type { Fix, TextEdit } from '../types';
import { isScalar, isSeq } from '../yamlTree';
import type { YMap, YPair } from '../yamlTree';
import type { Lint, LintContext } from './context';
import { report, specOf, specPair } from './context';
import { quickFix } from '../quickFix';

/** Port names kube-dns/CoreDNS declare for DNS. */
const DNS_PORT_NAMES = new Set(['dns', 'dns-tcp', 'domain']);

export const DNS_EGRESS_RULE = {
  to: [
    {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    },
  ],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};

export const egressBlocksDns: Lint = {
  info: {
    code: 'egress-blocks-dns',
    severity: 'warning',
    title: 'Egress policy blocks DNS',
    help: 'The policy isolates pods for egress, and no egress rule (of it or of another policy selecting the same pods) allows UDP port 53, so the pods cannot resolve names, Service names included. The quick fix adds an egress rule to kube-dns (kube-system, k8s-app=kube-dns) on UDP and TCP 53.',
  },
  check(ctx) {
    const { policy, topology } = ctx;
    if (!policy.policyTypes.includes('Egress') || allowsDns(policy, topology)) return;
    const selected = ctx.selected();
    const blocked = selected.filter((pod) => !rescued(pod, topology));
    if (selected.length && !blocked.length) return;
    const at = anchorOf(ctx);
    const who =
      blocked.length && blocked.length < selected.length
        ? `${blocked.length} of the ${selected.length} selected pods (${listPods(blocked, 3)})`
        : 'the selected pods';
    const fix = dnsFix(ctx);
    report(
      ctx,
      this,
      at,
      `This policy isolates pods for egress but no egress rule allows DNS (UDP port 53), so ${who} cannot resolve any name, Service names included. Allow UDP and TCP 53 to kube-dns.`,
      fix ? { fixes: [fix] } : {},
    );
  },
};

/**
 * Per topology snapshot and namespace: the pods some egress-isolating policy that allows DNS
 * selects (filled as namespaces are asked about).
 */
const RESCUED: Derived<Map<string, ReadonlySet<Pod>>> = { derive: () => new Map() };

function rescued(pod: Pod, topology: Topology): boolean {
  return rescuedIn(topology, pod.namespace).has(pod);
}

function rescuedIn(topology: Topology, namespace: string): ReadonlySet<Pod> {
  const cache = snapshotOf(topology).derived(RESCUED);
  let pods = cache.get(namespace);
  if (!pods) {
    const allowing = policiesInNamespace(topology, namespace).filter(
      (p) => p.policyTypes.includes('Egress') && allowsDns(p, topology),
    );
    pods = new Set(allowing.flatMap((p) => podsSelectedBy(topology, p)));
    cache.set(namespace, pods);
  }
  return pods;
}

/** Per topology snapshot and namespace: rescuedDigest's text. */
const RESCUED_DIGESTS: Derived<Map<string, string>> = { derive: () => new Map() };

/**
 * What this lint reads of the other policies of a namespace, as a short text: the pods that some
 * policy allowing DNS selects (LintCache reuses a chunk's findings only while it is the same).
 */
export function rescuedDigest(topology: Topology, namespace: string): string {
  const cache = snapshotOf(topology).derived(RESCUED_DIGESTS);
  let digest = cache.get(namespace);
  if (digest === undefined) {
    const keys = [...rescuedIn(topology, namespace)].map(podKey).sort();
    const text = keys.join('\n');
    digest = `${keys.length}:${hash53(text).toString(36)}`;
    cache.set(namespace, digest);
  }
  return digest;
}

function allowsDns(policy: NetworkPolicy, topology: Topology): boolean {
  return policy.egress.some((rule) => ruleAllowsDns(rule, policy.namespace, topology));
}

/**
 * A rule allows DNS when its ports admit UDP 53 on a CoreDNS pod and its peers match one of the
 * cluster DNS endpoints (declared, or synthesized as kubeadm sets them up): policies see the query
 * after kube-proxy's DNAT from the kube-dns ClusterIP to a CoreDNS pod.
 */
function ruleAllowsDns(rule: PolicyRule, namespace: string, topology: Topology): boolean {
  const { dns } = servicesOf(topology);
  const endpoints = dns.service.endpoints;
  const portOk = (e: ServiceEndpoint) =>
    !rule.ports?.length || rule.ports.some((p) => portAllowsDns(p, e.pod));
  const peerOk = (e: ServiceEndpoint) =>
    !rule.peers?.length ||
    rule.peers.some((peer) => peerMatches(topology, namespace, peer, { pod: e.pod, ip: e.ip }));
  if (!endpoints.length) return !rule.ports?.length || rule.ports.some((p) => portAllowsDns(p, undefined));
  return endpoints.some((e) => portOk(e) && peerOk(e));
}

function portAllowsDns(p: PolicyPort, pod: Pod | undefined): boolean {
  if (p.protocol !== 'UDP') return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'number')
    return p.port === 53 || (p.endPort !== undefined && p.port <= 53 && p.endPort >= 53);
  const name = p.port;
  if (!pod) return DNS_PORT_NAMES.has(name);
  return pod.ports.some((c) => c.name === name && c.protocol === 'UDP' && c.containerPort === 53);
}

/** The `Egress` entry of policyTypes when listed, else the `egress` key. */
function anchorOf(ctx: LintContext): { start: number; end: number } {
  const types = specPair(ctx.obj, 'policyTypes')?.value;
  const listed = isSeq(types) ? types.items.find((n) => isScalar(n) && n.value === 'Egress') : undefined;
  return (
    listed ??
    specPair(ctx.obj, 'egress')?.keyNode ??
    specPair(ctx.obj, 'policyTypes')?.keyNode ??
    ctx.obj.node
  );
}

function dnsFix(ctx: LintContext): Fix | undefined {
  const spec = specOf(ctx.obj);
  if (!spec) return undefined;
  const edit = dnsEdit(ctx, spec, specPair(ctx.obj, 'egress'));
  return edit && quickFix('Allow DNS egress to kube-dns (UDP and TCP 53)', () => [edit()], true);
}

/** How the DNS rule is written in: none when `egress` holds something else than a list (a map, a number). */
function dnsEdit(ctx: LintContext, spec: YMap, pair: YPair | undefined): (() => TextEdit) | undefined {
  if (!pair) return () => ctx.edit.addPair(spec, 'egress', [DNS_EGRESS_RULE]);
  const rules = pair.value;
  if (isSeq(rules) && rules.items.length) return () => ctx.edit.appendItem(rules, DNS_EGRESS_RULE);
  if (!rules || (isScalar(rules) && rules.value === null) || isSeq(rules))
    return () => ctx.edit.replaceEmptyPair(spec, pair, [DNS_EGRESS_RULE]);
  return undefined;
}
