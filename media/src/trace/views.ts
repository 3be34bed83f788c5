// The trace view's HTML parts as element descriptions (pure): header, controls, step list, verdict,
// inspector and error. Interactive elements carry data-action attributes; the app delegates events.
import type { PacketView, Trace, TraceHop } from '../../../server/src/engine/dataplane/types';
import type { TraceRequest } from '../../../server/src/engine/dataplane/types';
import type { El } from '../shared/el';
import { cls, h } from '../shared/el';
import type { ReplayState } from './replay';
import { SPEEDS, atEnd } from './replay';
import type { Verdict } from './verdict';

export const stepLabel = (hop: TraceHop): string => hop.step ?? '·';

export function traceHeader(trace: Trace): El {
  const enforcement = trace.enforcement ? 'policies enforced' : 'policies not enforced (plain flannel)';
  return h('header', { id: 'trace-header' }, [
    h('h1', { id: 'trace-title' }, `${trace.from} → ${trace.to}`),
    h(
      'p',
      { id: 'trace-meta', class: 'meta' },
      `${trace.protocol} ${trace.port} · flannel ${trace.backend} · ${enforcement}`,
    ),
    h('p', { id: 'trace-summary' }, trace.summary),
  ]);
}

function button(id: string, label: string, text: string, extra: Record<string, string | boolean> = {}): El {
  return h(
    'button',
    { id, type: 'button', 'data-action': id, title: label, 'aria-label': label, ...extra },
    text,
  );
}

export function controls(state: ReplayState): El {
  const hops = state.trace?.hops.length ?? 0;
  return h('div', { id: 'controls', role: 'toolbar', 'aria-label': 'Replay controls' }, [
    button('restart', 'Restart (Home)', '⏮'),
    button('step-back', 'Step back (←)', '◀', { disabled: state.index === 0 }),
    button('play', state.playing ? 'Pause (Space)' : 'Play (Space)', state.playing ? '⏸' : '▶', {
      'aria-pressed': state.playing ? 'true' : 'false',
    }),
    button('step-forward', 'Step forward (→)', '▶▶', { disabled: atEnd(state) }),
    h('label', { for: 'speed', class: 'speed-label' }, 'Speed'),
    h(
      'select',
      { id: 'speed', 'data-action': 'speed' },
      SPEEDS.map((s) => h('option', { value: String(s), selected: s === state.speed }, `${s}×`)),
    ),
    h(
      'span',
      { id: 'position', class: 'meta', 'aria-live': 'polite' },
      hops ? `hop ${state.index + 1} of ${hops}` : '',
    ),
  ]);
}

export function stepItem(hop: TraceHop, index: number, current: boolean): El {
  return h(
    'li',
    {
      class: cls('step', current && 'current'),
      'data-index': index,
      'aria-current': current ? 'step' : null,
    },
    [
      h('button', { type: 'button', class: 'step-button', 'data-action': 'jump', 'data-index': index }, [
        h('span', { class: 'step-label' }, stepLabel(hop)),
        h('span', { class: 'step-device' }, hop.device),
        h('span', { class: 'step-where' }, hop.netns === 'root' ? `${hop.node} root netns` : hop.netns),
        h('span', { class: 'step-action' }, hop.action),
      ]),
    ],
  );
}

export function stepList(trace: Trace, index: number): El {
  return h(
    'ol',
    { id: 'steps', 'aria-label': 'Steps' },
    trace.hops.map((hop, i) => stepItem(hop, i, i === index)),
  );
}

export function verdictView(verdict: Verdict): El {
  const links = verdict.policies.flatMap((p, i) => [
    i > 0 ? h('span', { class: 'sep' }, ', ') : null,
    h(
      'button',
      {
        type: 'button',
        class: 'policy-link',
        'data-action': 'open-policy',
        'data-policy': p,
        title: `Open ${p}`,
      },
      p,
    ),
  ]);
  return h('div', { id: 'verdict-box', class: cls('verdict-box', verdict.kind) }, [
    h('div', { id: 'verdict', class: cls('verdict', verdict.kind), role: 'status' }, [
      h('span', { class: 'verdict-lead' }, verdict.lead),
      ...links,
    ]),
    verdict.note ? h('p', { id: 'verdict-note', class: 'meta' }, verdict.note) : null,
  ]);
}

type Row = [string, string];

export function headerRows(packet: PacketView): Row[] {
  const rows: Row[] = [];
  const o = packet.outer;
  if (o) {
    rows.push(['Outer Ethernet', `${o.ethernet.src} → ${o.ethernet.dst}`]);
    rows.push(['Outer IPv4', `${o.ip.src} → ${o.ip.dst} · ttl ${o.ip.ttl} · ${o.ip.protocol}`]);
    rows.push(['Outer UDP', `${o.udp.srcPort} → ${o.udp.dstPort}`]);
    rows.push(['VXLAN', `VNI ${o.vxlan.vni}`]);
  }
  if (packet.ethernet) rows.push(['Ethernet', `${packet.ethernet.src} → ${packet.ethernet.dst}`]);
  rows.push(['IPv4', `${packet.ip.src} → ${packet.ip.dst} · ttl ${packet.ip.ttl} · ${packet.ip.protocol}`]);
  rows.push([packet.l4.protocol, `${packet.l4.srcPort} → ${packet.l4.dstPort}`]);
  return rows;
}

function table(id: string, caption: string, rows: Row[]): El {
  return h('table', { id, class: 'kv' }, [
    h('caption', {}, caption),
    h(
      'tbody',
      {},
      rows.map(([k, v]) => h('tr', {}, [h('th', { scope: 'row' }, k), h('td', {}, v)])),
    ),
  ]);
}

function hopExtras(hop: TraceHop): El[] {
  const out: El[] = [];
  if (hop.entries.length) {
    out.push(
      h('section', { id: 'inspector-entries' }, [
        h('h3', {}, 'Table entries used'),
        h(
          'ul',
          {},
          hop.entries.map((e) =>
            h('li', { class: 'entry' }, [
              h('code', {}, `${e.table}: ${e.text}`),
              h('span', { class: 'origin' }, ` — ${e.origin}`),
            ]),
          ),
        ),
      ]),
    );
  }
  if (hop.arp) {
    const rows: Row[] = [
      ['Request', hop.arp.request],
      ['Reply', hop.arp.reply ?? 'no reply'],
    ];
    out.push(table('inspector-arp', `ARP on ${hop.arp.device}`, rows));
  }
  const p = hop.policy;
  if (p) {
    const rows: Row[] = [
      ['Pod', p.pod],
      ['Result', `${p.allowed ? 'allowed' : 'denied'}${p.enforced ? '' : ' (not enforced)'}`],
      ['Isolated by', p.isolatingPolicies.join(', ') || 'nothing (not isolated)'],
      ['Allowed by', p.allowedBy.join(', ') || '—'],
    ];
    out.push(table('inspector-policy', `${p.direction} policy check`, rows));
    if (p.explanation.length)
      out.push(
        h(
          'ul',
          { class: 'explanation' },
          p.explanation.map((l) => h('li', {}, l)),
        ),
      );
  }
  return out;
}

export function inspector(trace: Trace, index: number): El {
  const hop = trace.hops[index];
  if (!hop) return h('section', { id: 'inspector' }, [h('p', {}, 'No hops.')]);
  const where: Row[] = [
    ['Node', hop.node],
    ['Namespace', hop.netns === 'root' ? 'root netns' : `netns of ${hop.netns}`],
    ['Device', hop.device],
  ];
  if (hop.encapsulation) {
    const e = hop.encapsulation;
    where.push(['Encapsulation', `VXLAN ${e.outerSrc} → ${e.outerDst} UDP ${e.udpDstPort} VNI ${e.vni}`]);
  }
  return h('section', { id: 'inspector', 'aria-label': 'Hop inspector' }, [
    h('h2', { id: 'inspector-title' }, `Step ${stepLabel(hop)} · ${hop.device}`),
    h('p', { id: 'inspector-action' }, hop.action),
    table('inspector-where', 'Where', where),
    table(
      'inspector-headers',
      hop.packet.outer ? 'Headers (outer, then inner)' : 'Headers',
      headerRows(hop.packet),
    ),
    ...hopExtras(hop),
  ]);
}

export function traceError(request: TraceRequest, error: string, suggestions: readonly string[]): El {
  return h('div', { id: 'trace-error', role: 'alert' }, [
    h('h1', {}, `${request.from} → ${request.to}`),
    h('p', { class: 'error' }, error),
    suggestions.length ? h('p', {}, `Did you mean: ${suggestions.join(', ')}?`) : null,
  ]);
}
