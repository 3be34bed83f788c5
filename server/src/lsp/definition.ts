// Go to definition from a label in a selector (a matchLabels key or value, a matchExpressions key or
// value) to the pods that carry it (the `labels` they get it from: a Pod's, or a workload's pod
// template) or, in a namespaceSelector, to the namespaces.
import type { Location, Position } from 'vscode-languageserver';
import { carriesLabel, NAMESPACE_NAME_LABEL, pairOf, targetAt, valueOf } from '../engine';
import type { FileAnalysis, Labels, Namespace, Pod, SourceRef, Topology, YNode, YPair } from '../engine';
import type { ServerState } from './state';

export function definition(
  state: ServerState,
  analysis: FileAnalysis | undefined,
  position: Position,
): Location[] {
  if (!analysis?.parsed.isKubernetes) return [];
  const target = targetAt(analysis.parsed, position);
  if (target?.kind !== 'label') return [];
  const carries = (labels: Labels) => carriesLabel(target, labels);
  const topology = state.engine.topology();
  const locations =
    target.of === 'namespace'
      ? namespaces(topology)
          .filter((n) => carries(n.labels))
          .flatMap((n) => namespaceLocation(state, n, target.key))
      : topology.pods.filter((p) => carries(p.labels)).flatMap((p) => podLocation(state, p, target.key));
  return dedupe(locations);
}

function namespaces(topology: Topology): Namespace[] {
  return [...topology.namespaces.values()];
}

function podLocation(state: ServerState, pod: Pod, key: string): Location[] {
  return labelLocation(state, pod.source, key);
}

function namespaceLocation(state: ServerState, ns: Namespace, key: string): Location[] {
  if (!ns.source) return [];
  if (key !== NAMESPACE_NAME_LABEL) return labelLocation(state, ns.source, key);
  const obj = state.engine.objectAt(ns.source.file, ns.source.span.start);
  const name = valueOf(valueOf(obj?.node, 'metadata'), 'name');
  const range = name && state.engine.range({ file: ns.source.file, span: name });
  return range ? [{ uri: ns.source.file, range }] : [];
}

/**
 * The `key: value` pair in the deepest `labels` map of the object (a workload's pod template), or the
 * object. A closed file's object is parsed again (its chunk alone).
 */
function labelLocation(state: ServerState, source: SourceRef, key: string): Location[] {
  const obj = state.engine.objectAt(source.file, source.span.start);
  if (!obj) return [];
  const pair = deepestLabelPair(obj.node, key, 0);
  const range = state.engine.range({ file: source.file, span: pair?.pair ?? source.span });
  return range ? [{ uri: source.file, range }] : [];
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

function dedupe(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    const k = `${l.uri}:${l.range.start.line}:${l.range.start.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
