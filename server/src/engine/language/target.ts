// What the cursor points at, in the terms hover and go-to-definition speak: a policy (its `kind` or
// name), a pod selector, a peer (or its selectors or ipBlock), a port, or a label inside a selector.
import type { Labels, NetworkPolicy, Peer, PolicyPort, PolicyRule } from '../model';
import { hasLabel } from '../selectors';
import { DEFAULT_NAMESPACE, policyFromObject } from '../policies';
import type { Direction } from '../types';
import type { YNode } from '../yamlTree';
import { isScalar, stringValue, valueOf } from '../yamlTree';
import type { Cursor } from './cursor';

export type PeerPart = 'peer' | 'podSelector' | 'namespaceSelector' | 'ipBlock';

export type Target =
  | { kind: 'policy'; policy: NetworkPolicy; node: YNode }
  | { kind: 'podSelector'; policy: NetworkPolicy; node: YNode }
  | { kind: 'peer'; policy: NetworkPolicy; peer: Peer; part: PeerPart; direction: Direction; node: YNode }
  | {
      kind: 'port';
      policy: NetworkPolicy;
      rule: PolicyRule;
      port: PolicyPort;
      direction: Direction;
      node: YNode;
    }
  | { kind: 'label'; of: 'pod' | 'namespace'; key: string; value?: string; namespace: string; node: YNode };

/** The label (key, or key=value) of a label target is among `labels`. */
export function carriesLabel(t: { key: string; value?: string }, labels: Labels): boolean {
  return hasLabel(labels, t.key) && (t.value === undefined || labels[t.key] === t.value);
}

export function targetOf(c: Cursor): Target | undefined {
  const label = labelTarget(c);
  if (label) return label;
  const policy = policyFromObject(c.object);
  if (!policy) return undefined;
  const node = c.steps[c.steps.length - 1]!.node;
  if (isPolicyName(c))
    return { kind: 'policy', policy, node: c.onKey ? c.steps[c.steps.length - 1]!.pair!.keyNode : node };
  return portTarget(c, policy, node) ?? selectorTarget(policy, node);
}

/** On the top-level `kind` key or value, or on `metadata.name`. */
function isPolicyName(c: Cursor): boolean {
  const k = c.keys.join('.');
  return k === 'kind' || k === 'metadata.name';
}

/** A pair inside `matchLabels`, or the `key` / a `values` item of a `matchExpressions` requirement. */
function labelTarget(c: Cursor): Target | undefined {
  const keys = c.keys;
  const namespace = c.object.namespace || DEFAULT_NAMESPACE;
  const last = c.steps[c.steps.length - 1]!;
  const m = keys.lastIndexOf('matchLabels');
  if (m >= 0 && m === keys.length - 2 && last.pair) {
    const value = scalarText(last.pair.value);
    const node = c.onKey ? last.pair.keyNode : last.node;
    const t: Target = { kind: 'label', of: selectorOf(keys[m - 1]), key: last.pair.key, namespace, node };
    if (value !== undefined && !c.onKey) t.value = value;
    // `role:` without a value is sent as "" by kubectl: the pair matches role="", not any role.
    if (last.pair.value === null || (isScalar(last.pair.value) && last.pair.value.value === null))
      t.value = '';
    return t;
  }
  const e = keys.lastIndexOf('matchExpressions');
  if (e < 0 || typeof keys[e + 1] !== 'number') return undefined;
  const requirement = c.steps[e + 2]?.node;
  const key = stringValue(valueOf(requirement, 'key'));
  const rest = keys.slice(e + 2).join('.');
  if (key === undefined || (rest !== 'key' && !/^values\.\d+$/.test(rest))) return undefined;
  const t: Target = { kind: 'label', of: selectorOf(keys[e - 1]), key, namespace, node: last.node };
  if (rest !== 'key') t.value = scalarText(last.node) ?? '';
  return t;
}

function selectorOf(key: string | number | undefined): 'pod' | 'namespace' {
  return key === 'namespaceSelector' ? 'namespace' : 'pod';
}

function scalarText(n: YNode | null | undefined): string | undefined {
  return isScalar(n) && n.value !== null ? String(n.value) : undefined;
}

/** `spec.(ingress|egress).N.ports.M.port` (key or value). */
function portTarget(c: Cursor, policy: NetworkPolicy, node: YNode): Target | undefined {
  const [spec, dir, ruleIndex, ports, portIndex, field] = c.keys;
  if (spec !== 'spec' || ports !== 'ports' || field !== 'port' || c.keys.length !== 6) return undefined;
  if (dir !== 'ingress' && dir !== 'egress') return undefined;
  const rule = (dir === 'ingress' ? policy.ingress : policy.egress)[ruleIndex as number];
  const port = rule?.ports?.[portIndex as number];
  if (!rule || !port) return undefined;
  return { kind: 'port', policy, rule, port, direction: dir, node };
}

/** The innermost selector, peer or ipBlock whose source contains the node at the cursor. */
function selectorTarget(policy: NetworkPolicy, node: YNode): Target | undefined {
  let best: { target: Target; size: number } | undefined;
  const consider = (span: { start: number; end: number } | undefined, target: Target) => {
    if (!span || node.start < span.start || node.end > span.end) return;
    const size = span.end - span.start;
    if (!best || size < best.size) best = { target, size };
  };
  consider(policy.podSelector.source?.span, { kind: 'podSelector', policy, node });
  for (const direction of ['ingress', 'egress'] as const)
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress)
      for (const peer of rule.peers ?? []) {
        const target = (part: PeerPart): Target => ({ kind: 'peer', policy, peer, part, direction, node });
        consider(peer.source?.span, target('peer'));
        consider(peer.podSelector?.source?.span, target('podSelector'));
        consider(peer.namespaceSelector?.source?.span, target('namespaceSelector'));
        consider(peer.ipBlock?.source?.span, target('ipBlock'));
      }
  return best?.target;
}
