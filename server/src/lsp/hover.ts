// Hover: the pods a selector, peer or ipBlock matches (namespace/name, node, IP; the reason when
// none), the policy in plain language on its `kind` or name, the pods serving a port, how many
// pods (or namespaces) carry a label, and a Service's endpoints and reach (serviceHover.ts). Compact
// Markdown; every workspace string is escaped.
import { MarkupKind } from 'vscode-languageserver';
import type { Hover, Position } from 'vscode-languageserver';
import { factsAt, podKey } from '../engine';
import type { FileAnalysis, MatchResult, Pod, ServiceFacts, TargetFacts } from '../engine';
import { explainMarkdown } from './explainText';
import * as md from './markdown';
import { serviceMarkdown } from './serviceHover';
import type { ServerState } from './state';

const POD_LIST_LIMIT = 20;

/** Said under a hover answered while the workspace is still being read. */
export const INDEXING_NOTE =
  '_Indexing the workspace: files not read yet are missing here, so pods and counts may be incomplete._';

/** `indexing`: the workspace is still being read (the hover says so). */
export function hover(
  state: ServerState,
  analysis: FileAnalysis | undefined,
  position: Position,
  indexing = false,
): Hover | null {
  if (!analysis?.parsed.isKubernetes) return null;
  const found = factsAt(analysis.parsed, position, state.engine.topology());
  if (!found) return null;
  const facts = render(found.facts);
  const value = indexing ? `${facts}\n\n${INDEXING_NOTE}` : facts;
  return { contents: { kind: MarkupKind.Markdown, value }, range: analysis.parsed.lines.range(found.node) };
}

function render(f: TargetFacts | ServiceFacts): string {
  switch (f.kind) {
    case 'service':
      return serviceMarkdown(f);
    case 'policy':
      return explainMarkdown(f.explanation);
    case 'podSelector':
      return matchMarkdown(
        `**podSelector** ${md.code(f.selector)} in namespace ${md.code(f.namespace)}`,
        f.match,
      );
    case 'peer':
      return matchMarkdown(peerHeading(f), f.match);
    case 'port':
      return portMarkdown(f);
    case 'label':
      return labelMarkdown(f);
  }
}

function peerHeading(f: Extract<TargetFacts, { kind: 'peer' }>): string {
  const word = f.direction === 'ingress' ? 'from' : 'to';
  const parts: string[] = [];
  if (f.namespaceSelector) parts.push(`namespaces ${md.code(f.namespaceSelector)}`);
  if (f.podSelector) parts.push(`pods ${md.code(f.podSelector)}`);
  if (f.ipBlock) parts.push(`ipBlock ${md.code(f.ipBlock.cidr)}${exceptText(f.ipBlock.except)}`);
  if (f.namespace !== undefined) parts.push(`in namespace ${md.code(f.namespace)}`);
  return `**${f.direction} peer** (${word}): ${parts.join(' · ')}`;
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

function portMarkdown(f: Extract<TargetFacts, { kind: 'port' }>): string {
  const service = md.code(f.port);
  const who = f.direction === 'ingress' ? 'selected pod' : 'destination pod';
  const heading = `**${f.direction} port** ${service}`;
  if (!f.candidates) return `${heading}\n\nNo ${who}s.`;
  if (!f.serving.length) return `${heading}\n\nNone of the ${md.count(f.candidates, who)} serves ${service}.`;
  const lines = listItems(f.serving, (s) => `${md.code(podKey(s.pod))}: ${s.ports.map(md.code).join(', ')}`);
  return `${heading}\n\nServed by ${f.serving.length} of ${md.count(f.candidates, who)}:\n\n${lines}`;
}

function labelMarkdown(f: Extract<TargetFacts, { kind: 'label' }>): string {
  const label = md.code(f.label);
  if (f.of === 'namespace') {
    const names = f.namespaces;
    const more = names.length > POD_LIST_LIMIT ? ', …' : '';
    const list = names.length ? ` (${names.slice(0, POD_LIST_LIMIT).map(md.code).join(', ')}${more})` : '';
    return `**label** ${label}: ${md.count(names.length, 'namespace')}${list}`;
  }
  return `**label** ${label}: ${md.count(f.inNamespace, 'pod')} in namespace ${md.code(f.namespace)}, ${md.count(f.inWorkspace, 'pod')} in the workspace`;
}
