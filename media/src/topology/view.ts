// The topology view (pure): the workspace's nodes with their pods grouped by namespace, and tables
// of nodes, pods, Services (with the cluster DNS, declared or synthesized) and policies (each policy a button that opens its YAML).
import type { TopologyResult, TopologyServicePort } from '../../../server/src/protocol/requests';
import { byPodKey } from '../diagram/geometry';
import type { DiagramNode } from '../diagram/model';
import { diagramSvg } from '../diagram/svg';
import { zoomButtons } from '../diagram/zoomButtons';
import type { El } from '../shared/el';
import { h } from '../shared/el';
import { topologyLayout } from './layout';

/** The address `offset` past the network address of an IPv4 CIDR (`10.244.1.0/24`, 1 → `10.244.1.1`). */
export function hostInCidr(cidr: string, offset: number): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return '';
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (bits > 32 || octets.some((o) => o > 255)) return '';
  const value = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const host = (Math.floor(value / size) * size + offset) % 2 ** 32;
  return [24, 16, 8, 0].map((s) => Math.floor(host / 2 ** s) % 256).join('.');
}

export function topologyNodes(t: TopologyResult): DiagramNode[] {
  return t.nodes.map((n) => ({
    name: n.name,
    ip: n.ip,
    podCIDR: n.podCIDR,
    bridge: { name: 'cni0', ip: hostInCidr(n.podCIDR, 1) },
    vtep: t.backend === 'vxlan' ? { name: 'flannel.1', ip: hostInCidr(n.podCIDR, 0) } : null,
    pods: t.pods.filter((p) => p.node === n.name).map((p) => ({ key: p.key, ip: p.ip })),
  }));
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function topologySummary(t: TopologyResult): string {
  const enforcement = t.enforcement ? 'policies enforced' : 'policies not enforced';
  return [
    plural(t.nodes.length, 'node'),
    plural(t.pods.length, 'pod'),
    ...(t.services ? [plural(t.services.length, 'Service')] : []),
    `flannel ${t.backend} ${t.network}`,
    enforcement,
    ...(t.dns?.synthesized ? ['cluster DNS synthesized'] : []),
  ].join(' · ');
}

function table(id: string, heads: string[], rows: (string | El)[][]): El {
  return h('table', { id, class: 'grid' }, [
    h('thead', {}, [
      h(
        'tr',
        {},
        heads.map((t) => h('th', { scope: 'col' }, t)),
      ),
    ]),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          r.map((c) => (typeof c === 'string' ? h('td', {}, c) : h('td', {}, [c]))),
        ),
      ),
    ),
  ]);
}

function policyButton(key: string): El {
  return h(
    'button',
    { type: 'button', class: 'policy-link', 'data-action': 'open-policy', 'data-policy': key },
    key,
  );
}

/** "Cluster DNS kube-system/kube-dns 10.96.0.10: synthesized …" or "… declared …". */
export function dnsText(dns: NonNullable<TopologyResult['dns']>): string {
  const ip = dns.clusterIP ? ` ${dns.clusterIP}` : '';
  const pods = dns.pods.map((p) => `${p.key} on ${p.node} (${p.ip})`).join(', ');
  return dns.synthesized
    ? `Cluster DNS ${dns.service}${ip}: synthesized — the workspace declares no CoreDNS pods, so ${plural(dns.pods.length, 'made-up pod')} (${pods}) answer DNS traces and the DNS lint only; they are not in the diagram, the matrix or the pod counts.`
    : `Cluster DNS ${dns.service}${ip}: declared, served by ${pods || 'no pod'}.`;
}

/**
 * `http 80/TCP → 8080`, `postgres 5432/TCP → postgres (15432)` (a named targetPort with the
 * container port it is on the endpoints), `http 80/TCP → 8080, nodePort 30080`.
 */
export function servicePortText(p: TopologyServicePort): string {
  const name = p.name ? `${p.name} ` : '';
  const numbers = p.resolvedPorts?.length ? ` (${p.resolvedPorts.join(', ')})` : '';
  const target = p.targetPort === p.port ? '' : ` → ${p.targetPort}${numbers}`;
  const nodePort = p.nodePort === undefined ? '' : `, nodePort ${p.nodePort}`;
  return `${name}${p.port}/${p.protocol}${target}${nodePort}`;
}

/** The Services table and the cluster DNS line (absent when the server sends neither). */
function servicesSection(t: TopologyResult): El[] {
  const out: El[] = [];
  if (t.services) {
    out.push(h('h2', {}, 'Services'));
    out.push(
      t.services.length
        ? table(
            'services-table',
            ['Service', 'Type', 'ClusterIP', 'Ports', 'Endpoints'],
            t.services.map((s) => [
              s.key,
              s.type,
              s.clusterIP ?? 'None',
              s.ports.map(servicePortText).join(', '),
              String(s.endpoints),
            ]),
          )
        : h('p', { id: 'services-table' }, 'No Service in the workspace.'),
    );
  }
  if (t.dns)
    out.push(h('p', { id: 'cluster-dns', class: t.dns.synthesized ? 'synthesized' : null }, dnsText(t.dns)));
  return out;
}

/** The view, with `perRow` nodes side by side in the diagram (as many as the pane shows readably). */
export function topologyView(t: TopologyResult, perRow = 4): El {
  const layout = topologyLayout(topologyNodes(t), perRow);
  const labels = (l: Record<string, string>): string =>
    Object.entries(l)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
  return h('div', { id: 'topology-view' }, [
    h('header', {}, [
      h('h1', {}, 'Topology'),
      h('p', { id: 'topology-summary', class: 'meta' }, topologySummary(t)),
    ]),
    h(
      'div',
      { id: 'diagram-pane', class: 'diagram-pane', 'data-width': layout.width, 'data-height': layout.height },
      [diagramSvg(layout, { label: `Cluster topology: ${topologySummary(t)}` }), zoomButtons()],
    ),
    h('h2', {}, 'Nodes'),
    table(
      'nodes-table',
      ['Node', 'Address', 'Pod CIDR', 'Source'],
      t.nodes.map((n) => [n.name, n.ip, n.podCIDR, n.synthesized ? 'synthesized' : 'declared']),
    ),
    h('h2', {}, 'Pods'),
    table(
      'pods-table',
      ['Pod', 'Node', 'IP', 'Labels', 'Ports'],
      [...t.pods]
        .sort(byPodKey)
        .map((p) => [
          p.key,
          p.node,
          p.ip,
          labels(p.labels),
          p.ports.map((x) => `${x.port}/${x.protocol}${x.name ? ` (${x.name})` : ''}`).join(', '),
        ]),
    ),
    ...servicesSection(t),
    h('h2', {}, 'Policies'),
    t.policies.length
      ? h(
          'ul',
          { id: 'policies-list' },
          t.policies.map((p) => h('li', {}, [policyButton(p.key)])),
        )
      : h('p', { id: 'policies-list' }, 'No NetworkPolicy in the workspace.'),
    h('p', { id: 'notice', class: 'notice hidden', role: 'alert' }, ''),
  ]);
}
