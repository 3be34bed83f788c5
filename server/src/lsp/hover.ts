// Hover: the pods a selector, peer or ipBlock matches (namespace/name, node, IP; the reason when
// none), the policy in plain language on its `kind` or name, the pods serving a port, and how many
// pods (or namespaces) carry a label. Compact Markdown; every workspace string is escaped.
import { MarkupKind } from 'vscode-languageserver';
import type { Hover, Position } from 'vscode-languageserver';
import {
  carriesLabel,
  describePort,
  describeSelector,
  matchPeer,
  matchPodSelector,
  podKey,
  podsInNamespace,
  podsSelectedBy,
  podsServing,
  targetAt,
} from '../engine';
import type { FileAnalysis, MatchResult, ParsedFile, Pod, Target, Topology } from '../engine';
import { explainMarkdown } from './explainText';
import * as md from './markdown';
import type { ServerState } from './state';

const POD_LIST_LIMIT = 20;

export function hover(
  state: ServerState,
  analysis: FileAnalysis | undefined,
  position: Position,
): Hover | null {
  if (!analysis?.parsed.isKubernetes) return null;
  const target = targetAt(analysis.parsed, position);
  if (!target) return null;
  const value = render(state.engine.topology(), target);
  return { contents: { kind: MarkupKind.Markdown, value }, range: rangeOf(analysis.parsed, target) };
}

function rangeOf(parsed: ParsedFile, t: Target) {
  return parsed.lines.range(t.node);
}

function render(topology: Topology, t: Target): string {
  switch (t.kind) {
    case 'policy':
      return explainMarkdown(t.policy, topology);
    case 'podSelector':
      return matchMarkdown(
        `**podSelector** ${md.code(describeSelector(t.policy.podSelector))} in namespace ${md.code(t.policy.namespace)}`,
        matchPodSelector(topology, t.policy.namespace, t.policy.podSelector),
      );
    case 'peer':
      return matchMarkdown(peerHeading(t), matchPeer(topology, t.policy.namespace, t.peer));
    case 'port':
      return portMarkdown(topology, t);
    case 'label':
      return labelMarkdown(topology, t);
  }
}

function peerHeading(t: Extract<Target, { kind: 'peer' }>): string {
  const word = t.direction === 'ingress' ? 'from' : 'to';
  const parts: string[] = [];
  if (t.peer.namespaceSelector)
    parts.push(`namespaces ${md.code(describeSelector(t.peer.namespaceSelector))}`);
  if (t.peer.podSelector) parts.push(`pods ${md.code(describeSelector(t.peer.podSelector))}`);
  if (t.peer.ipBlock)
    parts.push(`ipBlock ${md.code(t.peer.ipBlock.cidr)}${exceptText(t.peer.ipBlock.except)}`);
  if (!t.peer.namespaceSelector && !t.peer.ipBlock) parts.push(`in namespace ${md.code(t.policy.namespace)}`);
  return `**${t.direction} peer** (${word}): ${parts.join(' · ')}`;
}

function exceptText(except: readonly string[]): string {
  return except.length ? ` except ${except.map(md.code).join(', ')}` : '';
}

/** The heading, then "matches N pods:" and the first pods, or the reason for none. */
function matchMarkdown(heading: string, result: MatchResult): string {
  if (!result.pods.length)
    return `${heading}\n\nMatches **no pod**: ${md.text(result.reason ?? 'nothing matches')}.`;
  return `${heading}\n\nMatches ${md.count(result.pods.length, 'pod')}:\n\n${listItems(result.pods, podLine)}`;
}

/** One list item per element, the first POD_LIST_LIMIT of them, then "and N more". */
function listItems<T>(items: readonly T[], line: (item: T) => string): string {
  const shown = items.slice(0, POD_LIST_LIMIT).map((item) => `- ${line(item)}`);
  if (items.length > POD_LIST_LIMIT) shown.push(`- and ${items.length - POD_LIST_LIMIT} more`);
  return shown.join('\n');
}

function podLine(p: Pod): string {
  return `${md.code(podKey(p))} on ${md.code(p.nodeName)}, IP ${md.code(p.ip)}`;
}

function portMarkdown(topology: Topology, t: Extract<Target, { kind: 'port' }>): string {
  const service = md.code(describePort(t.port));
  const candidates = [
    ...new Set(t.direction === 'ingress' ? podsSelectedBy(topology, t.policy) : destinations(topology, t)),
  ];
  const serving = podsServing(candidates, t.port);
  const who = t.direction === 'ingress' ? 'selected pod' : 'destination pod';
  const heading = `**${t.direction} port** ${service}`;
  if (!candidates.length) return `${heading}\n\nNo ${who}s.`;
  if (!serving.length)
    return `${heading}\n\nNone of the ${md.count(candidates.length, who)} serves ${service}.`;
  const lines = listItems(serving, (s) => `${md.code(podKey(s.pod))}: ${s.ports.map(md.code).join(', ')}`);
  return `${heading}\n\nServed by ${serving.length} of ${md.count(candidates.length, who)}:\n\n${lines}`;
}

/** The pods an egress rule lets the selected pods reach: its peers' pods, or every pod without peers. */
function destinations(topology: Topology, t: Extract<Target, { kind: 'port' }>): readonly Pod[] {
  if (!t.rule.peers?.length) return topology.pods;
  return t.rule.peers.flatMap((p) => matchPeer(topology, t.policy.namespace, p).pods);
}

function labelMarkdown(topology: Topology, t: Extract<Target, { kind: 'label' }>): string {
  const label = md.code(t.value === undefined ? t.key : `${t.key}=${t.value}`);
  if (t.of === 'namespace') {
    const names = [...topology.namespaces.values()]
      .filter((n) => carriesLabel(t, n.labels))
      .map((n) => n.name);
    const more = names.length > POD_LIST_LIMIT ? ', …' : '';
    const list = names.length ? ` (${names.slice(0, POD_LIST_LIMIT).map(md.code).join(', ')}${more})` : '';
    return `**label** ${label}: ${md.count(names.length, 'namespace')}${list}`;
  }
  const inNamespace = podsInNamespace(topology, t.namespace).filter((p) => carriesLabel(t, p.labels)).length;
  const total = topology.pods.filter((p) => carriesLabel(t, p.labels)).length;
  return `**label** ${label}: ${md.count(inNamespace, 'pod')} in namespace ${md.code(t.namespace)}, ${md.count(total, 'pod')} in the workspace`;
}
