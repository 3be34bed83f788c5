// The status bar's words, from the model summary the server sends with each model change (pure):
// "3 pods · 2 nodes · vxlan · 2 policies", and "(not enforced)" with a warning when the setting
// models plain flannel.
import type { ModelSummary } from '../../server/src/protocol/requests';

export interface StatusLook {
  text: string;
  tooltip: string;
  /** Shown in the theme's warning colours: policies are not enforced. */
  warning: boolean;
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function statusLook(s: ModelSummary): StatusLook {
  return { text: statusText(s), tooltip: statusTooltip(s), warning: !s.enforcement };
}

export function statusText(s: ModelSummary): string {
  const words = [
    count(s.pods, 'pod', 'pods'),
    count(s.nodes, 'node', 'nodes'),
    s.backend,
    count(s.policies, 'policy', 'policies'),
  ].join(' · ');
  return s.enforcement ? words : `${words} (not enforced)`;
}

export function statusTooltip(s: ModelSummary): string {
  const synthesized = s.synthesizedNodes ? ' (nodes synthesized: the workspace declares none)' : '';
  const enforcement = s.enforcement
    ? 'NetworkPolicies are enforced (a policy engine runs beside flannel).'
    : 'NetworkPolicies are NOT enforced: the setting netpolLens.policyEnforcement is "off", which models ' +
      'plain flannel (flannel alone does not enforce them), so traces are delivered whatever the policies ' +
      'say. Set it to "on" when a policy engine runs beside flannel (as in Canal).';
  return [
    `NetworkPolicy Lens: flannel ${s.backend}, cluster network ${s.network}${synthesized}.`,
    enforcement,
    'Click to show the topology.',
  ].join('\n');
}
