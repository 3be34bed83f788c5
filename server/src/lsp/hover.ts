// Hover: the pods a selector, peer or ipBlock matches (namespace/name, node, IP; the reason when
// none), the policy in plain language on its `kind` or name, the pods serving a port, and how many
// pods (or namespaces) carry a label. Compact Markdown; every workspace string is escaped.
import { MarkupKind } from 'vscode-languageserver';
import type { Hover, Position } from 'vscode-languageserver';
import type { ParsedFile } from '../engine/documents';
import type { Pod, Topology } from '../engine/model';
import { podKey } from '../engine/model';
import { matchPeer, matchPodSelector, podsSelectedBy } from '../engine/reachability';
import type { MatchResult } from '../engine/matching';
import { describeSelector, selectorMatches } from '../engine/selectors';
import { podsInNamespace } from '../engine/topology';
import type { FileAnalysis } from '../engine/workspace';
import { cursorAt } from './cursor';
import { explainMarkdown } from './explainText';
import * as md from './markdown';
import { podsServing } from './ports';
import type { ServerState } from './state';
import type { Target } from './target';
import { targetAt } from './target';

export const POD_LIST_LIMIT = 20;

export function hover(
  state: ServerState,
  analysis: FileAnalysis | undefined,
  position: Position,
): Hover | null {
  if (!analysis?.parsed.isKubernetes) return null;
  const cursor = cursorAt(analysis.parsed, position);
  const target = cursor && targetAt(cursor);
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
export function matchMarkdown(heading: string, result: MatchResult): string {
  if (!result.pods.length)
    return `${heading}\n\nMatches **no pod**: ${md.text(result.reason ?? 'nothing matches')}.`;
  return `${heading}\n\nMatches ${md.count(result.pods.length, 'pod')}:\n\n${podList(result.pods)}`;
}

export function podList(pods: readonly Pod[], describe: (p: Pod) => string = podLine): string {
  const shown = pods.slice(0, POD_LIST_LIMIT).map((p) => `- ${describe(p)}`);
  if (pods.length > POD_LIST_LIMIT) shown.push(`- and ${pods.length - POD_LIST_LIMIT} more`);
  return shown.join('\n');
}

function podLine(p: Pod): string {
  return `${md.code(podKey(p))} on ${md.code(p.nodeName)}, IP ${md.code(p.ip)}`;
}

function portMarkdown(topology: Topology, t: Extract<Target, { kind: 'port' }>): string {
  const { port } = t;
  const service = `${port.protocol} ${port.port ?? 'any port'}${port.endPort !== undefined ? `-${port.endPort}` : ''}`;
  const candidates =
    t.direction === 'ingress'
      ? podsSelectedBy(topology, t.policy)
      : t.rule.peers?.length
        ? t.rule.peers.flatMap((p) => matchPeer(topology, t.policy.namespace, p).pods)
        : topology.pods;
  const unique = [...new Set(candidates)];
  const serving = podsServing(unique, port);
  const who = t.direction === 'ingress' ? 'selected pod' : 'destination pod';
  const heading = `**${t.direction} port** ${md.code(service)}`;
  if (!unique.length) return `${heading}\n\nNo ${who}s.`;
  if (!serving.length)
    return `${heading}\n\nNone of the ${md.count(unique.length, who)} serves ${md.code(service)}.`;
  const lines = podList(
    serving.map((s) => s.pod),
    (p) =>
      `${md.code(podKey(p))}: ${serving
        .find((s) => s.pod === p)!
        .ports.map(md.code)
        .join(', ')}`,
  );
  return `${heading}\n\nServed by ${serving.length} of ${md.count(unique.length, who)}:\n\n${lines}`;
}

function labelMarkdown(topology: Topology, t: Extract<Target, { kind: 'label' }>): string {
  const label = t.value === undefined ? t.key : `${t.key}=${t.value}`;
  const has = (labels: Readonly<Record<string, string>>) =>
    selectorMatches(
      {
        matchLabels: t.value === undefined ? {} : { [t.key]: t.value },
        matchExpressions: t.value === undefined ? [{ key: t.key, operator: 'Exists', values: [] }] : [],
      },
      labels,
    );
  if (t.of === 'namespace') {
    const names = [...topology.namespaces.values()].filter((n) => has(n.labels)).map((n) => n.name);
    const list = names.slice(0, POD_LIST_LIMIT).map(md.code).join(', ');
    return `**label** ${md.code(label)}: ${md.count(names.length, 'namespace')}${names.length ? ` (${list}${names.length > POD_LIST_LIMIT ? ', …' : ''})` : ''}`;
  }
  const inNamespace = podsInNamespace(topology, t.namespace).filter((p) => has(p.labels)).length;
  const total = topology.pods.filter((p) => has(p.labels)).length;
  return `**label** ${md.code(label)}: ${md.count(inNamespace, 'pod')} in namespace ${md.code(t.namespace)}, ${md.count(total, 'pod')} in the workspace`;
}
