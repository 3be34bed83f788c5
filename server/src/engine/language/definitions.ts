// Where a label in a selector (a matchLabels key or value, a matchExpressions key or value) is
// defined: the `labels` the pods carrying it get it from (a Pod's, or a workload's pod template) or,
// in a namespaceSelector, the namespaces. A closed file's object is parsed again (its chunk alone).
import { NAMESPACE_NAME_LABEL } from '../topology';
import type { Labels, Namespace, Pod, SourceRef } from '../model';
import type { Workspace } from '../workspace';
import type { YNode, YPair } from '../yamlTree';
import { pairOf, valueOf } from '../yamlTree';
import type { Target } from './target';
import { carriesLabel } from './target';

export function labelDefinitions(ws: Workspace, target: Extract<Target, { kind: 'label' }>): SourceRef[] {
  const carries = (labels: Labels) => carriesLabel(target, labels);
  const topology = ws.topology();
  const refs =
    target.of === 'namespace'
      ? [...topology.namespaces.values()]
          .filter((n) => carries(n.labels))
          .flatMap((n) => namespaceSource(ws, n, target.key))
      : topology.pods.filter((p) => carries(p.labels)).flatMap((p) => podSource(ws, p, target.key));
  return dedupe(refs);
}

function podSource(ws: Workspace, pod: Pod, key: string): SourceRef[] {
  return labelSource(ws, pod.source, key);
}

function namespaceSource(ws: Workspace, ns: Namespace, key: string): SourceRef[] {
  if (!ns.source) return [];
  if (key !== NAMESPACE_NAME_LABEL) return labelSource(ws, ns.source, key);
  const obj = ws.objectAt(ns.source.file, ns.source.span.start);
  const name = valueOf(valueOf(obj?.node, 'metadata'), 'name');
  return name ? [{ file: ns.source.file, span: name }] : [];
}

/** The `key: value` pair in the deepest `labels` map of the object (a workload's pod template), or the object. */
function labelSource(ws: Workspace, source: SourceRef, key: string): SourceRef[] {
  const obj = ws.objectAt(source.file, source.span.start);
  if (!obj) return [];
  const pair = deepestLabelPair(obj.node, key, 0);
  return [{ file: source.file, span: pair?.pair ?? source.span }];
}

function deepestLabelPair(
  node: YNode | null,
  key: string,
  depth: number,
): { pair: YPair; depth: number } | undefined {
  if (!node || node.kind === 'scalar') return undefined;
  const children = node.kind === 'seq' ? node.items : node.pairs.map((p) => p.value);
  let best: { pair: YPair; depth: number } | undefined;
  if (node.kind === 'map') {
    const labels = valueOf(node, 'labels');
    const pair = labels?.kind === 'map' ? pairOf(labels, key) : undefined;
    if (pair) best = { pair, depth };
  }
  for (const child of children) {
    const found = deepestLabelPair(child, key, depth + 1);
    if (found && (!best || found.depth > best.depth)) best = found;
  }
  return best;
}

function dedupe(refs: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.file}:${r.span.start}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
