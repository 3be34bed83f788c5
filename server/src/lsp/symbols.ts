// The outline: every Kubernetes object of the document; a NetworkPolicy opens onto its pod selector
// and its ingress and egress rules, each described in one line.
import { SymbolKind } from 'vscode-languageserver';
import type { DocumentSymbol } from 'vscode-languageserver';
import type { ManifestObject, ParsedFile } from '../engine/documents';
import type { NetworkPolicy, Peer, PolicyPort, PolicyRule } from '../engine/model';
import { policyFromObject } from '../engine/policies';
import { describeSelector } from '../engine/selectors';
import type { Span } from '../engine/yamlTree';
import { isMap, pairOf, valueOf } from '../engine/yamlTree';

export function documentSymbols(parsed: ParsedFile): DocumentSymbol[] {
  return parsed.objects.map((obj) => objectSymbol(parsed, obj));
}

function objectSymbol(parsed: ParsedFile, obj: ManifestObject): DocumentSymbol {
  const nameNode =
    valueOf(valueOf(obj.node, 'metadata'), 'name') ?? pairOf(obj.node, 'kind')?.keyNode ?? obj.node;
  const symbol: DocumentSymbol = {
    name: obj.name || '(unnamed)',
    detail: obj.kind ?? 'object',
    kind: obj.kind === 'NetworkPolicy' ? SymbolKind.Class : SymbolKind.Object,
    range: parsed.lines.range(obj.node),
    selectionRange: parsed.lines.range(nameNode),
  };
  const policy = policyFromObject(obj);
  if (policy) symbol.children = policyChildren(parsed, policy);
  return symbol;
}

function policyChildren(parsed: ParsedFile, policy: NetworkPolicy): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const spec = valueOf(policy.object.node, 'spec');
  const selectorPair = isMap(spec) ? pairOf(spec, 'podSelector') : undefined;
  if (selectorPair)
    out.push(
      child(parsed, 'podSelector', describeSelector(policy.podSelector), selectorPair, SymbolKind.Property),
    );
  policy.ingress.forEach((rule, i) => out.push(ruleSymbol(parsed, rule, `ingress rule ${i + 1}`, 'from')));
  policy.egress.forEach((rule, i) => out.push(ruleSymbol(parsed, rule, `egress rule ${i + 1}`, 'to')));
  return out;
}

function ruleSymbol(parsed: ParsedFile, rule: PolicyRule, name: string, word: 'from' | 'to'): DocumentSymbol {
  const detail = `${word} ${describePeers(rule.peers)} · ${describePorts(rule.ports)}`;
  return child(parsed, name, detail, rule.source?.span ?? { start: 0, end: 0 }, SymbolKind.Field);
}

function child(
  parsed: ParsedFile,
  name: string,
  detail: string,
  span: Span,
  kind: SymbolKind,
): DocumentSymbol {
  const range = parsed.lines.range(span);
  return { name, detail, kind, range, selectionRange: range };
}

export function describePeers(peers: readonly Peer[] | undefined): string {
  if (!peers?.length) return 'anywhere';
  return peers.map(describePeer).join('; ');
}

function describePeer(peer: Peer): string {
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`namespaces ${describeSelector(peer.namespaceSelector)}`);
  if (peer.podSelector) parts.push(`pods ${describeSelector(peer.podSelector)}`);
  if (peer.ipBlock)
    parts.push(`ipBlock ${[peer.ipBlock.cidr, ...peer.ipBlock.except.map((e) => `except ${e}`)].join(' ')}`);
  return parts.join(' and ') || 'nothing';
}

export function describePorts(ports: readonly PolicyPort[] | undefined): string {
  if (!ports?.length) return 'all ports';
  return ports.map(describePort).join(', ');
}

function describePort(p: PolicyPort): string {
  if (p.port === undefined) return `all ${p.protocol} ports`;
  return p.endPort !== undefined ? `${p.protocol} ${p.port}-${p.endPort}` : `${p.protocol} ${p.port}`;
}
