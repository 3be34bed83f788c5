// What the trace adds on top of the diagram (pure descriptions): the whole path (per leg when a DNS
// lookup comes first), the packet with
// its VXLAN envelope and the drop marker. The app moves and shows them. All of them stay in the
// layout's port columns and row gaps, so none covers a label (the ARP exchange is told below the
// diagram, not in a callout over it).
import type { Layout, Point } from '../diagram/layout';
import { points, round } from '../diagram/svg';
import type { El } from '../shared/el';
import { s } from '../shared/el';
import type { TraceLeg } from './legs';
import type { HopPoint } from './route';
import { routeBetween } from './route';

/** Radii of the markers drawn at a hop: the packet, its VXLAN envelope ring, the drop cross. */
export const MARKER = { packet: 7, envelope: 12, drop: 10 } as const;

/** The full path through every hop, as one polyline. */
export function pathPoints(layout: Layout, hops: readonly HopPoint[]): Point[] {
  return hops.flatMap((hop, i) => {
    const prev = hops[i - 1];
    return prev ? routeBetween(layout, prev, hop).slice(1) : [{ x: hop.x, y: hop.y }];
  });
}

export const translate = (p: Point): string => `translate(${round(p.x)} ${round(p.y)})`;

/**
 * The path as one polyline, or with a DNS lookup first, one per leg (the lookup's in its own style):
 * the connection starts again at the source, it does not come back from the CoreDNS pod.
 */
function paths(layout: Layout, hops: readonly HopPoint[], legs: readonly TraceLeg[]): El[] {
  if (!legs.length)
    return [
      s('polyline', { id: 'trace-path', class: 'trace-path', points: points(pathPoints(layout, hops)) }),
    ];
  return legs
    .filter((l) => l.end > l.start)
    .map((l) =>
      s('polyline', {
        id: l.kind === 'dns' ? 'trace-path-dns' : 'trace-path',
        class: l.kind === 'dns' ? 'trace-path dns-path' : 'trace-path',
        points: points(pathPoints(layout, hops.slice(l.start, l.end))),
      }),
    );
}

export function traceOverlay(
  layout: Layout,
  hops: readonly HopPoint[],
  legs: readonly TraceLeg[] = [],
): El[] {
  const start = hops[0] ?? { x: 0, y: 0 };
  const d = MARKER.drop * 0.8;
  return [
    ...paths(layout, hops, legs),
    s('g', { id: 'drop-marker', class: 'hidden', 'aria-hidden': 'true' }, [
      s('line', { x1: -d, y1: -d, x2: d, y2: d, class: 'drop-x' }),
      s('line', { x1: -d, y1: d, x2: d, y2: -d, class: 'drop-x' }),
    ]),
    s('g', { id: 'packet', transform: translate(start), 'aria-hidden': 'true' }, [
      // Radius plus half the 3px stroke stays within MARKER.envelope.
      s('circle', { id: 'envelope', class: 'envelope hidden', r: MARKER.envelope - 2, cx: 0, cy: 0 }),
      s('circle', { id: 'packet-dot', r: MARKER.packet, cx: 0, cy: 0 }),
    ]),
  ];
}
