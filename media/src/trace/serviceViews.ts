// The trace view's parts about Services (pure): the Service line of the header, the heading of each
// leg (the DNS lookup, then the connection) in the step list, and the rewrite kube-proxy made at a
// hop, for the inspector.
import type { NatRewrite, Trace } from '../../../server/src/engine/dataplane/types';
import type { El } from '../shared/el';
import { cls, h } from '../shared/el';
import type { TraceLeg } from './legs';
import { natBy, natRows } from './legs';

/** "Service data/postgres · ClusterIP 10.96.4.2:5432 → data/postgres-0 on 15432 · 1 of 2 endpoints". */
export function serviceText(trace: Trace): string {
  const svc = trace.service;
  if (!svc) return '';
  const address = svc.clusterIP ? `ClusterIP ${svc.clusterIP}:${svc.port}` : 'headless (no ClusterIP)';
  const nodePort = svc.nodePort === undefined ? '' : ` · nodePort ${svc.nodePort}`;
  const target = svc.endpoint
    ? ` → ${svc.endpoint}${svc.targetPort === null ? '' : ` on ${svc.targetPort}`}`
    : ' → no endpoint';
  const count = svc.endpoints.length;
  const of = count > 1 ? ` · 1 of ${count} endpoints (kube-proxy picks one at random)` : '';
  return `Service ${svc.name} · ${address}${nodePort}${target}${of}`;
}

export function serviceLine(trace: Trace): El | null {
  const text = serviceText(trace);
  return text ? h('p', { id: 'trace-service', class: 'meta' }, text) : null;
}

const VERDICT_WORDS: Record<TraceLeg['verdict'], string> = {
  delivered: 'delivered',
  dropped: 'dropped',
  'not sent': 'not sent: the name was never resolved',
};

/** A list item above the first hop of a leg (not a step: it carries no data-index). */
export function legHeading(leg: TraceLeg): El {
  return h('li', { class: cls('leg', leg.kind, leg.verdict.replace(' ', '-')), 'data-leg': leg.kind }, [
    h('span', { class: 'leg-title' }, leg.title),
    h('span', { class: 'leg-verdict' }, ` — ${VERDICT_WORDS[leg.verdict]}`),
  ]);
}

/**
 * The header rewrite at a hop: destination ClusterIP:port → pod IP:targetPort, or the masquerade
 * (kube-proxy's for a NodePort, flanneld's towards the outside).
 */
export function natTable(nat: NatRewrite): El {
  const caption =
    nat.type === 'DNAT' ? `Header rewrite by ${natBy(nat)} (DNAT)` : `Masquerade by ${natBy(nat)} (SNAT)`;
  return h('table', { id: 'inspector-nat', class: 'kv' }, [
    h('caption', {}, caption),
    h(
      'tbody',
      {},
      natRows(nat).map(([k, v]) =>
        h('tr', {}, [h('th', { scope: 'row' }, k), h('td', {}, k === 'Rule' ? [h('code', {}, v)] : v)]),
      ),
    ),
  ]);
}
