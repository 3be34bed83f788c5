// A CodeLens above each NetworkPolicy: "selects N pods · ingress from M · egress to K", for the
// directions the policy isolates. Clicking runs the client's netpolLens.explainPolicy command with
// the policy's position.
import type { CodeLens } from 'vscode-languageserver';
import { matchPeer, podsSelectedBy, policyFromObject } from '../engine';
import type { FileAnalysis, NetworkPolicy, PolicyRule, Topology } from '../engine';
import { count } from './markdown';
import type { ServerState } from './state';

export const EXPLAIN_COMMAND = 'netpolLens.explainPolicy';

export function codeLenses(state: ServerState, analysis: FileAnalysis | undefined, uri: string): CodeLens[] {
  if (!analysis?.parsed.isKubernetes) return [];
  const policies = analysis.parsed.objects.flatMap((o) => policyFromObject(o) ?? []);
  if (!policies.length) return [];
  const topology = state.engine.topology();
  return policies.map((policy) => {
    const position = analysis.parsed.lines.positionAt(policy.object.node.start);
    return {
      range: { start: position, end: position },
      command: {
        title: lensTitle(topology, policy),
        command: EXPLAIN_COMMAND,
        arguments: [{ uri, position }],
      },
    };
  });
}

function lensTitle(topology: Topology, policy: NetworkPolicy): string {
  const parts = [`selects ${count(podsSelectedBy(topology, policy).length, 'pod')}`];
  if (policy.policyTypes.includes('Ingress'))
    parts.push(`ingress from ${peersText(topology, policy, policy.ingress)}`);
  if (policy.policyTypes.includes('Egress'))
    parts.push(`egress to ${peersText(topology, policy, policy.egress)}`);
  return parts.join(' · ');
}

/** How many pods the rules admit: "any" when a rule has no peers, "none" without rules; "+ IP blocks" for ipBlock peers. */
function peersText(topology: Topology, policy: NetworkPolicy, rules: readonly PolicyRule[]): string {
  if (!rules.length) return 'none';
  if (rules.some((r) => !r.peers?.length)) return 'any';
  const peers = rules.flatMap((r) => r.peers ?? []);
  const pods = new Set(peers.flatMap((p) => matchPeer(topology, policy.namespace, p).pods));
  const blocks = peers.some((p) => p.ipBlock) ? ' + IP blocks' : '';
  return `${count(pods.size, 'pod')}${blocks}`;
}
