// The trace view's HTML parts as element descriptions (pure): header, controls, step list, verdict,
// inspector and error. Interactive elements carry data-action attributes; the app delegates events.
import type { PacketView, Trace, TraceHop } from '../../../server/src/engine/dataplane/types';
import type { TraceRequest } from '../../../server/src/engine/dataplane/types';
import type { IntentRequest } from '../../../server/src/protocol/webview';
import type { El } from '../shared/el';
import { cls, h, s } from '../shared/el';
import type { ReplayState } from './replay';
import { SPEEDS, atEnd } from './replay';
import type { Verdict } from './verdict';
import type { TraceLeg } from './legs';
import { isKubeProxyHop, legAt, natBy } from './legs';
import { legHeading, natTable, serviceLine } from './serviceViews';

export const stepLabel = (hop: TraceHop): string => hop.step ?? '·';

/**
 * What a hop is called: its device, after "Policy check · ", "kube-proxy DNAT · " or "flanneld SNAT · "
 * for the hops that do that.
 */
export const hopTitle = (hop: TraceHop): string => `${hopKind(hop)}${hop.device}`;

/** "Policy check · ", who rewrote the header ("kube-proxy DNAT · "), "kube-proxy · " or "" before a hop's device. */
function hopKind(hop: TraceHop): string {
  if (hop.policy && hop.step === null) return 'Policy check · ';
  if (hop.nat && hop.step === null) return `${natBy(hop.nat)} ${hop.nat.type} · `;
  return isKubeProxyHop(hop) ? 'kube-proxy · ' : '';
}

/**
 * Where a hop is, in words: a pod's netns, a node's root netns, or the wire between two nodes (the
 * underlay hop, step 5: `netns: "underlay"`, `place: "underlay"`, its sender as `node`).
 */
export function hopWhere(trace: Trace, index: number): string {
  const hop = trace.hops[index];
  if (!hop) return '';
  if (hop.place === 'underlay') {
    const next = trace.hops.slice(index + 1).find((h) => h.node !== hop.node);
    return next ? `between ${hop.node} and ${next.node}` : `leaving ${hop.node}`;
  }
  return hop.netns === 'root' ? `${hop.node} root netns` : hop.netns;
}

/** "2 of 3 nodes shown (the ones on the path)" when the diagram leaves nodes out, else "". */
export function nodesShown(trace: Trace): string {
  const onPath = new Set(trace.hops.map((h) => h.node));
  const shown = trace.nodes.filter((n) => onPath.has(n.name)).length;
  return shown < trace.nodes.length
    ? ` · ${shown} of ${trace.nodes.length} nodes drawn (those on the path)`
    : '';
}

export function traceHeader(trace: Trace): El {
  const enforcement = trace.enforcement ? 'policies enforced' : 'policies not enforced (plain flannel)';
  return h('header', { id: 'trace-header' }, [
    h('h1', { id: 'trace-title' }, `${trace.from} → ${trace.to}`),
    h(
      'p',
      { id: 'trace-meta', class: 'meta' },
      `${trace.protocol} ${trace.port} · flannel ${trace.backend} · ${enforcement}${nodesShown(trace)}`,
    ),
    h('p', { id: 'trace-summary' }, trace.summary),
    serviceLine(trace),
  ]);
}

/** Control icons as SVG polygons in a 16×16 box (font glyphs such as ⏮ are missing on some systems). */
const ICONS: Record<string, string[]> = {
  restart: ['2,2 4,2 4,14 2,14', '9,2 9,14 4,8', '15,2 15,14 10,8'],
  'step-back': ['11,2 11,14 3,8', '12,2 14,2 14,14 12,14'],
  play: ['4,2 14,8 4,14'],
  pause: ['3,2 6,2 6,14 3,14', '10,2 13,2 13,14 10,14'],
  'step-forward': ['5,2 5,14 13,8', '2,2 4,2 4,14 2,14'],
};

export function icon(name: string): El {
  const polygons = (ICONS[name] ?? []).map((points) => s('polygon', { points }));
  return s(
    'svg',
    { class: 'icon', viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true' },
    polygons,
  );
}

function button(
  id: string,
  label: string,
  iconName: string,
  extra: Record<string, string | boolean> = {},
): El {
  return h('button', { id, type: 'button', 'data-action': id, title: label, 'aria-label': label, ...extra }, [
    icon(iconName),
  ]);
}

export function controls(state: ReplayState): El {
  const hops = state.trace?.hops.length ?? 0;
  return h('div', { id: 'controls', role: 'toolbar', 'aria-label': 'Replay controls' }, [
    button('restart', 'Restart (plays from the first hop)', 'restart'),
    button('step-back', 'Step back (←)', 'step-back', { disabled: state.index === 0 }),
    button('play', state.playing ? 'Pause (Space)' : 'Play (Space)', state.playing ? 'pause' : 'play', {
      'aria-pressed': state.playing ? 'true' : 'false',
    }),
    button('step-forward', 'Step forward (→)', 'step-forward', { disabled: atEnd(state) }),
    h('label', { for: 'speed', class: 'speed-label' }, 'Speed'),
    h(
      'select',
      { id: 'speed', 'data-action': 'speed' },
      SPEEDS.map((sp) => h('option', { value: String(sp), selected: sp === state.speed }, `${sp}×`)),
    ),
    h(
      'span',
      { id: 'position', class: 'meta', 'aria-live': 'polite' },
      hops ? `hop ${state.index + 1} of ${hops}` : '',
    ),
  ]);
}

function stepItem(trace: Trace, index: number, current: boolean): El {
  const hop = trace.hops[index] as TraceHop;
  const kind = hopKind(hop);
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
        h('span', { class: 'step-name' }, [
          kind ? h('span', { class: 'step-kind' }, kind) : null,
          h('span', { class: 'step-device' }, hop.device),
        ]),
        h('span', { class: 'step-where' }, hopWhere(trace, index)),
        h('span', { class: 'step-action' }, hop.action),
      ]),
    ],
  );
}

/** The steps, under a heading per leg when a DNS lookup came first. */
export function stepList(trace: Trace, index: number, legs: readonly TraceLeg[] = []): El {
  return h(
    'ol',
    { id: 'steps', 'aria-label': 'Steps' },
    trace.hops.flatMap((_, i) => {
      const leg = legs.find((l) => l.start === i);
      return [leg ? legHeading(leg) : null, stepItem(trace, i, i === index)];
    }),
  );
}

/** "DNS lookup · " before a hop of the lookup, when the trace made one. */
const legPrefix = (legs: readonly TraceLeg[], index: number): string =>
  legAt(legs, index)?.kind === 'dns' ? 'DNS lookup · ' : '';

/** The verdict, its policies as links, and "Allow…" when the drop can be allowed by an edit. */
export function verdictView(verdict: Verdict, allow?: IntentRequest): El {
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
    allow ? allowButton(allow) : null,
    verdict.note ? h('p', { id: 'verdict-note', class: 'meta' }, verdict.note) : null,
    verdict.nearMiss ? h('p', { id: 'verdict-near-miss' }, verdict.nearMiss) : null,
  ]);
}

function allowButton(a: IntentRequest): El {
  const title = `Propose the smallest edit that allows ${a.from} → ${a.to} on ${a.protocol ?? 'TCP'} ${a.port ?? ''}`;
  return h(
    'button',
    {
      type: 'button',
      id: 'verdict-allow',
      class: 'intent-allow',
      'data-action': 'propose-allow',
      'data-from': a.from,
      'data-to': a.to,
      'data-port': a.port ?? '',
      'data-protocol': a.protocol ?? 'TCP',
      title: title.trim(),
    },
    'Allow…',
  );
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

function namespaceText(trace: Trace, index: number): string {
  const hop = trace.hops[index] as TraceHop;
  if (hop.place === 'underlay') return `none: on the wire ${hopWhere(trace, index)}`;
  return hop.netns === 'root' ? 'root netns' : `netns of ${hop.netns}`;
}

/** One line under the diagram about the current hop: its step, name and, on the bridge, the ARP exchange. */
export function hopCaption(trace: Trace, index: number, legs: readonly TraceLeg[] = []): string {
  const hop = trace.hops[index];
  if (!hop) return '';
  const head =
    legPrefix(legs, index) + (hop.step === null ? hopTitle(hop) : `Step ${hop.step} · ${hop.device}`);
  const arp = hop.arp
    ? ` — ARP ${hop.arp.request}; ${hop.arp.reply ? `ARP ${hop.arp.reply}` : 'no ARP reply'}`
    : '';
  const vxlan = hop.encapsulation ? ' — inside its VXLAN envelope (ring)' : '';
  const nat = hop.nat ? ` — ${hop.nat.type} ${hop.nat.from} → ${hop.nat.to}` : '';
  return `${head} (${hopWhere(trace, index)})${nat}${arp}${vxlan}`;
}

export function inspector(trace: Trace, index: number, legs: readonly TraceLeg[] = []): El {
  const hop = trace.hops[index];
  if (!hop) return h('section', { id: 'inspector' }, [h('p', {}, 'No hops.')]);
  const where: Row[] = [
    ['Node', hop.node],
    ['Namespace', namespaceText(trace, index)],
    ['Device', hop.device],
  ];
  if (hop.encapsulation) {
    const e = hop.encapsulation;
    where.push(['Encapsulation', `VXLAN ${e.outerSrc} → ${e.outerDst} UDP ${e.udpDstPort} VNI ${e.vni}`]);
  }
  return h('section', { id: 'inspector', 'aria-label': 'Hop inspector' }, [
    h(
      'h2',
      { id: 'inspector-title' },
      legPrefix(legs, index) + (hop.step === null ? hopTitle(hop) : `Step ${hop.step} · ${hop.device}`),
    ),
    h('p', { id: 'inspector-action' }, hop.action),
    hop.nat ? natTable(hop.nat) : null,
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
