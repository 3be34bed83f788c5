// The status bar's words, from the model summary the server sends with each model change (pure):
// "3 pods · 2 nodes · vxlan · 2 policies", "(not enforced)" with a warning when the setting
// models plain flannel, and "· DNS synthesized" when the workspace declares no CoreDNS pods.
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
  const dns = s.clusterDns?.synthesized ? ' · DNS synthesized' : '';
  return s.enforcement ? words + dns : `${words} (not enforced)${dns}`;
}

/** What the tooltip says about the cluster DNS, when the summary tells. */
function dnsTooltip(s: ModelSummary): string[] {
  const dns = s.clusterDns;
  if (!dns) return [];
  const ip = dns.clusterIP ? ` (${dns.clusterIP})` : '';
  return [
    dns.synthesized
      ? `Cluster DNS kube-system/kube-dns${ip} is synthesized: the workspace declares no CoreDNS pods, so two ` +
        'made-up ones answer DNS traces and the DNS lint (they are not counted as pods).'
      : `Cluster DNS: kube-system/kube-dns${ip} and its CoreDNS pods, as declared.`,
  ];
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
    ...dnsTooltip(s),
    'Click to show the topology.',
  ].join('\n');
}
