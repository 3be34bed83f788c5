// The diagram as an SVG element description, from a layout (pure). Every drawn box is a <g> with a
// data-id (the layout's box id) so the app can mark the path and the current device with classes;
// colours come from the stylesheet (VS Code theme variables), never from attributes.
import type { El } from '../shared/el';
import { cls, s } from '../shared/el';
import type { Box, Layout, Point, Wire } from './layout';

/** Roughly how many characters of 12px text fit in a width (SVG text does not wrap). */
export function fit(text: string, width: number, charWidth = 6.8): string {
  const max = Math.max(3, Math.floor(width / charWidth));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A coordinate as written into an attribute: to a tenth of a pixel. */
export const round = (n: number): number => Math.round(n * 10) / 10;

export const points = (ps: readonly Point[]): string =>
  ps.map((p) => `${round(p.x)},${round(p.y)}`).join(' ');

function rect(b: Box, extra: string, rx = 4): El {
  return s('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx, class: extra });
}

function titled(b: Box, content: El[]): El {
  const full = b.detail ? `${b.label} ${b.detail}` : b.label;
  return s('g', { class: cls('box', b.kind), 'data-id': b.id }, [s('title', {}, full), ...content]);
}

function frame(b: Box): El {
  const title = s('text', { x: b.x + 10, y: b.y + 18, class: 'title' }, fit(b.label, b.w - 20, 7.4));
  const detail = b.detail
    ? s('text', { x: b.x + 10, y: b.y + 34, class: 'detail' }, fit(b.detail, b.w - 20))
    : null;
  return titled(
    b,
    [rect(b, 'frame', 8), title, detail].filter((e): e is El => e !== null),
  );
}

function rootns(b: Box): El {
  return titled(b, [
    rect(b, 'frame dashed', 6),
    s('text', { x: b.x + 8, y: b.y + b.h - 8, class: 'caption' }, b.label),
  ]);
}

function pod(b: Box): El {
  return titled(b, [
    rect(b, 'frame', 6),
    s('text', { x: b.x + 8, y: b.y + 17, class: 'title' }, fit(b.label, b.w - 16, 7.2)),
  ]);
}

function chip(b: Box): El {
  // The sandbox id is long and only in the tooltip; addresses fit and are shown.
  const text = b.detail && b.kind !== 'pause' ? `${b.label} ${b.detail}` : b.label;
  const label = s(
    'text',
    { x: b.x + b.w / 2, y: b.y + b.h / 2 + 4, class: 'chip-text', 'text-anchor': 'middle' },
    fit(text, b.w - 8),
  );
  return titled(b, [rect(b, 'chip'), label]);
}

function boxEl(b: Box): El {
  switch (b.kind) {
    case 'node':
      return frame(b);
    case 'rootns':
      return rootns(b);
    case 'pod':
      return pod(b);
    default:
      return chip(b);
  }
}

function wireEl(w: Wire): El {
  return s('polyline', { points: points(w.points), class: cls('wire', w.kind), 'data-id': w.id });
}

/** Draw order: frames first, then wires, then chips on top of the wires. */
const LAYER: Record<Box['kind'], number> = {
  node: 0,
  rootns: 1,
  pod: 2,
  more: 2,
  external: 2,
  pause: 4,
  netns: 4,
  'pod-eth0': 4,
  veth: 4,
  bridge: 4,
  vtep: 4,
  'node-eth0': 4,
};

export interface DiagramOptions {
  /** Accessible name of the diagram. */
  label: string;
  /** Drawn above the boxes (packet, path, callouts). */
  overlay?: El[];
}

export function diagramSvg(layout: Layout, options: DiagramOptions): El {
  const back = layout.boxes.filter((b) => LAYER[b.kind] < 3).map(boxEl);
  const front = layout.boxes.filter((b) => LAYER[b.kind] >= 3).map(boxEl);
  return s(
    'svg',
    {
      id: 'diagram',
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      width: layout.width,
      height: layout.height,
      role: 'img',
      'aria-label': options.label,
    },
    [
      s('g', { class: 'layer-boxes' }, back),
      s('g', { class: 'layer-wires' }, layout.wires.map(wireEl)),
      s('g', { class: 'layer-devices' }, front),
      s('g', { class: 'layer-overlay' }, options.overlay ?? []),
    ],
  );
}
