// A CodeLens above each NetworkPolicy: "selects N pods · ingress from M · egress to K", for the
// directions the policy isolates. Clicking runs the client's netpolLens.explainPolicy command with
// the policy's position.
import type { CodeLens } from 'vscode-languageserver';
import { policiesOf } from '../engine';
import type { FileAnalysis, PeerCount, PolicyCounts } from '../engine';
import { count } from './markdown';
import type { ServerState } from './state';

export const EXPLAIN_COMMAND = 'netpolLens.explainPolicy';

export function codeLenses(state: ServerState, analysis: FileAnalysis | undefined, uri: string): CodeLens[] {
  if (!analysis?.parsed.isKubernetes || !analysis.hasPolicies) return [];
  const policies = policiesOf(analysis.parsed, state.engine.topology());
  return policies.map(({ start, counts }) => {
    const position = analysis.parsed.lines.positionAt(start);
    return {
      range: { start: position, end: position },
      command: { title: lensTitle(counts), command: EXPLAIN_COMMAND, arguments: [{ uri, position }] },
    };
  });
}

function lensTitle(c: PolicyCounts): string {
  const parts = [`selects ${count(c.selects, 'pod')}`];
  if (c.ingress) parts.push(`ingress from ${peersText(c.ingress)}`);
  if (c.egress) parts.push(`egress to ${peersText(c.egress)}`);
  return parts.join(' · ');
}

/** "any" when a rule has no peers, "none" without rules; "+ IP blocks" for ipBlock peers. */
function peersText(p: PeerCount): string {
  if (p === 'any' || p === 'none') return p;
  return `${count(p.pods, 'pod')}${p.ipBlocks ? ' + IP blocks' : ''}`;
}
