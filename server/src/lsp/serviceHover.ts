// Hover on a Service (its kind or name, its selector, one of its ports): the ClusterIP, the endpoints
// (pod, node, IP:targetPort) and which pods may reach each port under the current policies. The
// engine's language entry (factsAt) decides what is hovered and describes it; this file only writes
// Markdown.
import type { PortReach, ServiceFacts } from '../engine';
import * as md from './markdown';

const ENDPOINTS_SHOWN = 10;

export function serviceMarkdown(f: ServiceFacts): string {
  return render(f.description, f.objectKind);
}

function render(d: ServiceFacts['description'], kind: string): string {
  const s = d.service;
  const address = s.headless
    ? 'headless (DNS answers the pod addresses)'
    : s.clusterIP
      ? `ClusterIP ${md.code(s.clusterIP)}${s.clusterIPAllocated ? ' (allocated here; the API server picks its own)' : ''}`
      : `ExternalName ${md.code(s.externalName ?? '')}`;
  const selector = s.selector
    ? ` · selector ${md.code(
        Object.entries(s.selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
      )}`
    : ' · no selector (EndpointSlices/Endpoints)';
  const lines = [`**${md.text(kind)}** ${md.code(d.name)} (${md.text(s.type)}) · ${address}${selector}`];
  for (const p of d.ports) lines.push('', ...portLines(p));
  return lines.join('\n');
}

function portLines(p: PortReach): string[] {
  const sp = p.port;
  const name = sp.name ? ` ${md.code(sp.name)}` : '';
  const nodePort = sp.nodePort ? ` · nodePort ${md.code(String(sp.nodePort))}` : '';
  const out = [
    `**port**${name} ${md.code(`${sp.port}/${sp.protocol}`)} → targetPort ${md.code(String(sp.targetPort))}${nodePort}`,
  ];
  if (!p.endpoints.length) return [...out, '', 'No endpoints: kube-proxy rejects every connection.'];
  out.push('', `Endpoints (${p.endpoints.length}):`, '');
  for (const e of p.endpoints.slice(0, ENDPOINTS_SHOWN))
    out.push(`- ${md.code(e.key)}${e.node ? ` on ${md.code(e.node)}` : ''}, ${md.code(e.address)}`);
  if (p.endpoints.length > ENDPOINTS_SHOWN) out.push(`- and ${p.endpoints.length - ENDPOINTS_SHOWN} more`);
  if (!p.total) return out;
  out.push(
    '',
    `May connect: ${md.text(`${p.allowed} of ${p.total} pods`)} (policies see the endpoint and targetPort after kube-proxy's DNAT)`,
  );
  if (p.groups.length) out.push('');
  for (const g of p.groups) {
    const more = g.count > g.first.length ? `, and ${g.count - g.first.length} more` : '';
    out.push(`- ${g.count} by ${md.text(g.reason)}: ${g.first.map(md.code).join(', ')}${more}`);
  }
  return out;
}
