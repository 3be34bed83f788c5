// Reads a NetworkPolicy object into the model. Exact on valid objects (including the API server's
// defaulting of `policyTypes`), lenient on broken ones so hover still works while the user types:
// anything of the wrong type is skipped, never guessed at.
import { generatedName } from './cluster/names';
import type { ManifestObject } from './parse/types';
import type { IPBlock, NetworkPolicy, Peer, PolicyPort, PolicyRule, PolicyType, SourceRef } from './model';
import { EMPTY_SELECTOR, selectorFromNode } from './selectors';
import type { Protocol } from './types';
import { PROTOCOLS } from './types';
import type { YNode } from './yamlTree';
import { isMap, isScalar, isSeq, stringValue, valueOf } from './yamlTree';

export const DEFAULT_NAMESPACE = 'default';

const sourceOf = (file: string, node: YNode): SourceRef => ({
  file,
  span: { start: node.start, end: node.end },
});

export function policyFromObject(obj: ManifestObject): NetworkPolicy | undefined {
  if (obj.kind !== 'NetworkPolicy') return undefined;
  const file = obj.file;
  const spec = valueOf(obj.node, 'spec');
  const ingress = rulesOf(valueOf(spec, 'ingress'), 'from', file);
  const egress = rulesOf(valueOf(spec, 'egress'), 'to', file);
  const { policyTypes, defaulted } = policyTypesOf(valueOf(spec, 'policyTypes'), egress.length > 0);
  return {
    namespace: obj.namespace || DEFAULT_NAMESPACE,
    name: obj.name || generatedNameOf(obj),
    podSelector: selectorFromNode(valueOf(spec, 'podSelector'), file) ?? EMPTY_SELECTOR,
    policyTypes,
    policyTypesDefaulted: defaulted,
    ingress,
    egress,
    source: sourceOf(file, obj.node),
    object: obj,
  };
}

/** A policy with only `generateName` (accepted by kubectl create) gets a deterministic generated name. */
function generatedNameOf(obj: ManifestObject): string {
  const prefix = stringValue(valueOf(valueOf(obj.node, 'metadata'), 'generateName'));
  return prefix ? generatedName(prefix, obj) : '';
}

/**
 * The API server's defaulting: an omitted or empty `policyTypes` becomes `[Ingress]`, plus `Egress`
 * when the spec has at least one egress rule (`egress: []` does not count).
 */
export function policyTypesOf(
  node: YNode | undefined,
  hasEgressRules: boolean,
): { policyTypes: PolicyType[]; defaulted: boolean } {
  if (!isSeq(node) || node.items.length === 0) {
    return { policyTypes: hasEgressRules ? ['Ingress', 'Egress'] : ['Ingress'], defaulted: true };
  }
  const listed = new Set(node.items.map((n) => stringValue(n)));
  const policyTypes = (['Ingress', 'Egress'] as const).filter((t) => listed.has(t));
  return { policyTypes, defaulted: false };
}

function rulesOf(node: YNode | undefined, peersKey: 'from' | 'to', file: string): PolicyRule[] {
  if (!isSeq(node)) return [];
  const rules: PolicyRule[] = [];
  for (const item of node.items) {
    // A null item decodes to the zero-value rule, which matches every peer on every port.
    if (isScalar(item) && item.value === null) rules.push({ source: sourceOf(file, item) });
    if (!isMap(item)) continue;
    const rule: PolicyRule = { source: sourceOf(file, item) };
    const peers = valueOf(item, peersKey);
    if (isSeq(peers)) rule.peers = peers.items.flatMap((p) => peerOf(p, file));
    const ports = valueOf(item, 'ports');
    if (isSeq(ports)) rule.ports = ports.items.flatMap((p) => portOf(p, file));
    rules.push(rule);
  }
  return rules;
}

function peerOf(node: YNode, file: string): Peer[] {
  if (!isMap(node)) return [];
  const peer: Peer = { source: sourceOf(file, node) };
  const podSelector = selectorFromNode(valueOf(node, 'podSelector'), file);
  const namespaceSelector = selectorFromNode(valueOf(node, 'namespaceSelector'), file);
  const ipBlock = ipBlockOf(valueOf(node, 'ipBlock'), file);
  if (podSelector) peer.podSelector = podSelector;
  if (namespaceSelector) peer.namespaceSelector = namespaceSelector;
  if (ipBlock) peer.ipBlock = ipBlock;
  return [peer];
}

function ipBlockOf(node: YNode | undefined, file: string): IPBlock | undefined {
  if (!isMap(node)) return undefined;
  const exceptNode = valueOf(node, 'except');
  const except = isSeq(exceptNode) ? exceptNode.items.flatMap((n) => stringValue(n) ?? []) : [];
  return { cidr: stringValue(valueOf(node, 'cidr')) ?? '', except, source: sourceOf(file, node) };
}

function portOf(node: YNode, file: string): PolicyPort[] {
  if (!isMap(node)) return [];
  const protocolText = stringValue(valueOf(node, 'protocol'));
  const protocol = PROTOCOLS.find((p) => p === protocolText) ?? 'TCP';
  const out: PolicyPort = { protocol: protocol as Protocol, source: sourceOf(file, node) };
  const port = valueOf(node, 'port');
  if (isScalar(port) && (typeof port.value === 'number' || typeof port.value === 'string')) {
    out.port = port.value;
  }
  const endPort = valueOf(node, 'endPort');
  if (isScalar(endPort) && typeof endPort.value === 'number') out.endPort = endPort.value;
  return [out];
}
