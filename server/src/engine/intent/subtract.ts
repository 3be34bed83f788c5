// A rule minus one connection: NetworkPolicy only allows, so "everything this rule allowed except
// src on port P" is written as two rules: the same peers on the other ports (ranges with endPort
// around P, the other protocols), and the other peers on the rule's ports (namespaces other than
// src's, src's namespace without src's labels — one peer per label, by De Morgan — and addresses
// outside the pod network).
import { cidrContains, parseCidr } from '../ipv4';
import { ipBlockMatches, peerMatches } from '../matching';
import type { Labels, Peer, Pod, PolicyPort, PolicyRule, Topology } from '../model';
import { admitsContainerPort, portInRange } from '../reachability';
import { NAMESPACE_NAME_LABEL } from '../topology';
import type { Protocol } from '../types';
import { PROTOCOLS } from '../types';
import type { LabelChoice } from './peers';
import { labelsOf, namespaceSelectorOf } from './peers';
import type { Endpoint, IntentPorts } from './types';

type Json = Record<string, unknown>;

export interface Subtraction {
  topology: Topology;
  /** The peer side of the connection (the source for an ingress rule, the destination for egress). */
  other: Endpoint;
  ports: IntentPorts;
  policyNamespace: string;
  /** The pods the rule's named ports resolve on (the connection's destinations). */
  destinations: readonly Pod[];
  peersKey: 'from' | 'to';
  choice: LabelChoice;
  /** Each written entry derived from an entry of the rule (a range split around the port, a peer narrowed): the first piece, so it keeps the entry's comments. */
  origins: WeakMap<object, object>;
}

/** The rules that together allow what `rule` allowed minus the connection; a string says why that cannot be written. */
export function subtractRule(ruleJs: Json, rule: PolicyRule, s: Subtraction): Json[] | string {
  const out: Json[] = [];
  const oldPorts = (ruleJs['ports'] as Json[] | undefined) ?? [];
  const ports = portsMinus(oldPorts, rule.ports ?? [], s);
  if (ports.length) out.push({ ...ruleJs, ports });
  const oldPeers = (ruleJs[s.peersKey] as Json[] | undefined) ?? [];
  const peers = peersMinus(oldPeers, rule.peers ?? [], s);
  if (typeof peers === 'string') return peers;
  if (peers.length) out.push({ ...ruleJs, [s.peersKey]: peers });
  s.origins.set(ports, oldPorts);
  s.origins.set(peers, oldPeers);
  return out;
}

/** A rule's ports without the intent's; `[]` when nothing is left. */
function portsMinus(js: readonly Json[], model: readonly PolicyPort[], s: Subtraction): Json[] {
  const { port, protocol } = s.ports;
  if (!model.length) return protocol === undefined ? [] : complement(protocol, port);
  return model.flatMap((p, i) => {
    const entry = js[i]!;
    if (protocol !== undefined && p.protocol !== protocol) return [entry];
    if (port === undefined) return [];
    if (p.port === undefined) return derived(s, entry, ranges(p.protocol, [1, port - 1], [port + 1, 65535]));
    if (typeof p.port === 'string')
      return s.destinations.some((d) =>
        d.ports.some((c) => admitsContainerPort(p, c) && c.containerPort === port),
      )
        ? []
        : [entry];
    if (!portInRange(p, port)) return [entry];
    return derived(s, entry, ranges(p.protocol, [p.port, port - 1], [port + 1, p.endPort ?? p.port]));
  });
}

/** Notes the first of `pieces` as derived from `entry`, and returns them. */
function derived(s: Subtraction, entry: Json, pieces: Json[]): Json[] {
  if (pieces[0] && pieces[0] !== entry) s.origins.set(pieces[0], entry);
  return pieces;
}

/** Every port but the intent's: the other protocols whole, and the ranges around the port. */
function complement(protocol: Protocol, port: number | undefined): Json[] {
  const others = PROTOCOLS.filter((p) => p !== protocol).map((p) => ({ protocol: p }));
  return port === undefined ? others : [...ranges(protocol, [1, port - 1], [port + 1, 65535]), ...others];
}

function ranges(protocol: Protocol, ...spans: [number, number][]): Json[] {
  return spans
    .filter(([a, b]) => a <= b)
    .map(([a, b]) => {
      const entry: Json = protocol === 'TCP' ? {} : { protocol };
      entry['port'] = a;
      if (b > a) entry['endPort'] = b;
      return entry;
    });
}

/** A rule's peers without the other side; `[]` when nothing is left. */
function peersMinus(js: readonly Json[], model: readonly Peer[], s: Subtraction): Json[] | string {
  if (!model.length) return everyPeerBut(s);
  const out: Json[] = [];
  for (let i = 0; i < model.length; i++) {
    const kept = peerMinus(js[i]!, model[i]!, s);
    if (typeof kept === 'string') return kept;
    out.push(...derived(s, js[i]!, kept));
  }
  return out;
}

function everyPeerBut(s: Subtraction): Json[] | string {
  const e = s.other;
  if (e.kind === 'address')
    return [{ namespaceSelector: {} }, { ipBlock: { cidr: '0.0.0.0/0', except: [e.cidr] } }];
  const labels = labelsOf(e, s.choice);
  if (!Object.keys(labels).length)
    return `the pods of ${e.label} have no labels that tell them from the other pods of namespace ${e.namespace}`;
  return [
    {
      namespaceSelector: {
        matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values: [e.namespace] }],
      },
    },
    ...inNamespaceBut(s, {}, labels),
    { ipBlock: { cidr: '0.0.0.0/0', except: [s.topology.dataplane.network] } },
  ];
}

function peerMinus(js: Json, peer: Peer, s: Subtraction): Json[] | string {
  const e = s.other;
  if (peer.ipBlock) {
    if (e.kind === 'address') return ipBlockMinus(js, e.cidr);
    const hit = e.pods.find((p) => ipBlockMatches(peer.ipBlock!, p.ip));
    return hit
      ? `ipBlock ${peer.ipBlock.cidr} admits ${e.label} by its address, and an ipBlock cannot leave out a pod by its labels`
      : [js];
  }
  if (
    e.kind === 'address' ||
    !e.pods.some((pod) => peerMatches(s.topology, s.policyNamespace, peer, { pod, ip: pod.ip }))
  )
    return [js];
  const labels = labelsOf(e, s.choice);
  if (!Object.keys(labels).length)
    return `the pods of ${e.label} have no labels that tell them from the other pods of namespace ${e.namespace}`;
  const out: Json[] = [];
  const nsSelector = js['namespaceSelector'] as Json | undefined;
  const namedHere = (nsSelector?.['matchLabels'] as Json | undefined)?.[NAMESPACE_NAME_LABEL] === e.namespace;
  if (nsSelector && !namedHere) {
    const others = withExpression(nsSelector, {
      key: NAMESPACE_NAME_LABEL,
      operator: 'NotIn',
      values: [e.namespace],
    });
    out.push({ ...js, namespaceSelector: others });
  }
  out.push(...inNamespaceBut(s, (js['podSelector'] as Json | undefined) ?? {}, labels));
  return out;
}

/** The pods of the other side's namespace matching `podSelector` but without one of `labels` (one peer per label). */
function inNamespaceBut(s: Subtraction, podSelector: Json, labels: Labels): Json[] {
  const ns = (s.other as Extract<Endpoint, { kind: 'pods' }>).namespace;
  const fixed = (podSelector['matchLabels'] as Json | undefined) ?? {};
  return Object.entries(labels)
    .filter(([k, v]) => fixed[k] !== v)
    .map(([k, v]) => {
      const selector = withExpression(podSelector, { key: k, operator: 'NotIn', values: [v] });
      return ns === s.policyNamespace
        ? { podSelector: selector }
        : { namespaceSelector: namespaceSelectorOf(ns), podSelector: selector };
    });
}

export function withExpression(selector: Json, expression: Json): Json {
  const expressions = (selector['matchExpressions'] as Json[] | undefined) ?? [];
  return { ...selector, matchExpressions: [...expressions, expression] };
}

function ipBlockMinus(js: Json, cidr: string): Json[] | string {
  const block = js['ipBlock'] as { cidr: string; except?: string[] };
  const outer = parseCidr(block.cidr);
  const inner = parseCidr(cidr)!;
  const except = (block.except ?? []).map(parseCidr);
  if (!outer || except.some((x) => x && x.prefix <= inner.prefix && cidrContains(x, inner.base))) return [js];
  if (outer.prefix <= inner.prefix && cidrContains(outer, inner.base))
    return block.cidr === cidr
      ? []
      : [{ ...js, ipBlock: { ...block, except: [...(block.except ?? []), cidr] } }];
  if (inner.prefix <= outer.prefix && cidrContains(inner, outer.base)) return [];
  return [js];
}
