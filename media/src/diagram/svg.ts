// The diagram as an SVG element description, from a layout (pure). Every drawn box is a <g> with a
// data-id (the layout's box id) so the app can mark the path and the current device with classes;
// its texts are the layout's labels for that box. Colours and font sizes come from the stylesheet
// (VS Code theme variables), never from attributes.
import type { El } from '../shared/el';
import { cls, s } from '../shared/el';
import type { Label } from './geometry';
import type { Box, Layout, Point, Wire } from './model';

/** A coordinate as written into an attribute: to a tenth of a pixel. */
export const round = (n: number): number => Math.round(n * 10) / 10;

export const points = (ps: readonly Point[]): string =>
  ps.map((p) => `${round(p.x)},${round(p.y)}`).join(' ');

function textEl(l: Label): El {
  const anchor = l.anchor === 'start' ? {} : { 'text-anchor': l.anchor };
  return s('text', { x: round(l.x), y: round(l.y), class: l.cls, ...anchor }, l.text);
}

const SHAPE: Partial<Record<Box['kind'], { cls: string; rx: number }>> = {
  node: { cls: 'frame', rx: 8 },
  rootns: { cls: 'frame dashed', rx: 6 },
  pod: { cls: 'frame', rx: 6 },
  more: { cls: 'frame', rx: 6 },
  group: { cls: 'frame group-frame', rx: 6 },
};

function boxEl(b: Box, labels: readonly Label[]): El {
  const shape = SHAPE[b.kind] ?? { cls: 'chip', rx: 4 };
  const full = b.detail ? `${b.label} ${b.detail}` : b.label;
  return s('g', { class: cls('box', b.kind), 'data-id': b.id }, [
    s('title', {}, full),
    s('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: shape.rx, class: shape.cls }),
    ...labels.map(textEl),
  ]);
}

function wireEl(w: Wire): El {
  return s('polyline', { points: points(w.points), class: cls('wire', w.kind), 'data-id': w.id });
}

/** Draw order: frames first, then wires, then chips on top of the wires. */
const BACK = new Set<Box['kind']>(['node', 'rootns', 'pod', 'more', 'group']);

export interface DiagramOptions {
  /** Accessible name of the diagram. */
  label: string;
  /** Drawn above the boxes (packet, path, markers). */
  overlay?: El[];
}

export function diagramSvg(layout: Layout, options: DiagramOptions): El {
  const labels = new Map<string, Label[]>();
  for (const l of layout.labels) labels.set(l.box, [...(labels.get(l.box) ?? []), l]);
  const draw = (b: Box): El => boxEl(b, labels.get(b.id) ?? []);
  return s(
    'svg',
    {
      id: 'diagram',
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      width: layout.width,
      height: layout.height,
      role: 'img',
      'aria-label': options.label,
      'data-zoom': 'near',
    },
    [
      s('g', { class: 'layer-boxes' }, layout.boxes.filter((b) => BACK.has(b.kind)).map(draw)),
      s('g', { class: 'layer-wires' }, layout.wires.map(wireEl)),
      s('g', { class: 'layer-devices' }, layout.boxes.filter((b) => !BACK.has(b.kind)).map(draw)),
      s('g', { class: 'layer-overlay' }, options.overlay ?? []),
    ],
  );
}
