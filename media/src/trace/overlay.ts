// What the trace adds on top of the diagram (pure descriptions): the whole path, the packet with
// its VXLAN envelope, the ARP callout and the drop marker. The app moves and shows them.
import type { Layout, Point } from '../diagram/layout';
import { points, round } from '../diagram/svg';
import type { El } from '../shared/el';
import { s } from '../shared/el';
import type { HopPoint } from './route';
import { routeBetween } from './route';

const PACKET = { r: 8, envelopeW: 58, envelopeH: 30 } as const;
/** Width of the ARP callout for a line of `chars` characters of 11px monospace text. */
export const arpCalloutWidth = (chars: number): number => Math.ceil(16 + chars * 6.8);

/** The full path through every hop, as one polyline. */
export function pathPoints(layout: Layout, hops: readonly HopPoint[]): Point[] {
  return hops.flatMap((hop, i) => {
    const prev = hops[i - 1];
    return prev ? routeBetween(layout, prev, hop).slice(1) : [{ x: hop.x, y: hop.y }];
  });
}

export const translate = (p: Point): string => `translate(${round(p.x)} ${round(p.y)})`;

export function traceOverlay(layout: Layout, hops: readonly HopPoint[]): El[] {
  const start = hops[0] ?? { x: 0, y: 0 };
  const { r, envelopeW: w, envelopeH: hgt } = PACKET;
  return [
    s('polyline', { id: 'trace-path', class: 'trace-path', points: points(pathPoints(layout, hops)) }),
    s('g', { id: 'arp', class: 'callout hidden', 'aria-hidden': 'true' }, [
      s('rect', {
        id: 'arp-frame',
        x: 0,
        y: -44,
        width: arpCalloutWidth(40),
        height: 40,
        rx: 4,
        class: 'callout-frame',
      }),
      s('text', { id: 'arp-request', x: 8, y: -28, class: 'callout-text' }, ''),
      s('text', { id: 'arp-reply', x: 8, y: -12, class: 'callout-text' }, ''),
    ]),
    s('g', { id: 'drop-marker', class: 'hidden', 'aria-hidden': 'true' }, [
      s('line', { x1: -12, y1: -12, x2: 12, y2: 12, class: 'drop-x' }),
      s('line', { x1: -12, y1: 12, x2: 12, y2: -12, class: 'drop-x' }),
    ]),
    s('g', { id: 'packet', transform: translate(start), 'aria-hidden': 'true' }, [
      s('rect', {
        id: 'envelope',
        class: 'envelope hidden',
        x: -w / 2,
        y: -hgt / 2,
        width: w,
        height: hgt,
        rx: 7,
      }),
      s(
        'text',
        {
          id: 'envelope-label',
          class: 'envelope-label hidden',
          x: 0,
          y: -hgt / 2 - 4,
          'text-anchor': 'middle',
        },
        'VXLAN',
      ),
      s('circle', { id: 'packet-dot', r, cx: 0, cy: 0 }),
    ]),
  ];
}
