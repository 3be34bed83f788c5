// The outline: every Kubernetes object of the document; a NetworkPolicy opens onto its pod selector
// and its ingress and egress rules, each described in one line.
import { SymbolKind } from 'vscode-languageserver';
import type { DocumentSymbol } from 'vscode-languageserver';
import { describeSelector, isMap, pairOf, policyFromObject, ruleSummary, valueOf } from '../engine';
import type { Direction, ManifestObject, NetworkPolicy, ParsedFile, PolicyRule, Span } from '../engine';

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
  policy.ingress.forEach((rule, i) => out.push(ruleSymbol(parsed, policy, rule, i, 'ingress')));
  policy.egress.forEach((rule, i) => out.push(ruleSymbol(parsed, policy, rule, i, 'egress')));
  return out;
}

function ruleSymbol(
  parsed: ParsedFile,
  policy: NetworkPolicy,
  rule: PolicyRule,
  i: number,
  direction: Direction,
) {
  const detail = ruleSummary(rule, policy.namespace, direction);
  return child(
    parsed,
    `${direction} rule ${i + 1}`,
    detail,
    rule.source?.span ?? { start: 0, end: 0 },
    SymbolKind.Field,
  );
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
