// The status bar's words, from the topology (pure): "3 pods · 2 nodes · vxlan · 2 policies".
import type { TopologyResult } from '../../server/src/protocol/requests';

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function statusText(t: TopologyResult): string {
  return [
    count(t.pods.length, 'pod', 'pods'),
    count(t.nodes.length, 'node', 'nodes'),
    t.backend,
    count(t.policies.length, 'policy', 'policies'),
  ].join(' · ');
}

export function statusTooltip(t: TopologyResult): string {
  const synthesized = t.nodes.some((n) => n.synthesized)
    ? ' (nodes synthesized: the workspace declares none)'
    : '';
  const enforcement = t.enforcement
    ? 'NetworkPolicies are enforced (a policy engine runs beside flannel).'
    : 'NetworkPolicies are NOT enforced (plain flannel).';
  return [
    `NetworkPolicy Lens: flannel ${t.backend}, cluster network ${t.network}${synthesized}.`,
    enforcement,
    'Click to show the topology.',
  ].join('\n');
}
