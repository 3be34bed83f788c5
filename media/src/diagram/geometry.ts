// Points, rectangles and the diagrams' text labels (pure): a label knows its font size and the box
// its text occupies (estimated from the number of characters, on the generous side), so layouts can
// keep lines and markers off it and tests can check that they do.

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The text styles of the diagrams, with their font size in px at zoom 1 (matching common.css). */
export const TEXT = {
  'node-title': { size: 16, charW: 9.6 },
  title: { size: 13, charW: 7.9 },
  'chip-text': { size: 12, charW: 7 },
  detail: { size: 12, charW: 7 },
  caption: { size: 12, charW: 7 },
} as const;
export type TextClass = keyof typeof TEXT;

/** The smallest font size on the page, in px at zoom 1: below zoom 10/12 the labels would be < 10px. */
export const MIN_FONT = Math.min(...Object.values(TEXT).map((t) => t.size));

export interface Label {
  /** The box the text belongs to. */
  box: string;
  text: string;
  cls: TextClass;
  /** Where the text is drawn: `x` per `anchor`, `y` the baseline. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /** The area the text covers. */
  rect: Rect;
}

const widthOf = (text: string, cls: TextClass): number => text.length * TEXT[cls].charW;

/**
 * The text, shortened with … to fit `width`: at the end, or in the middle for pod names, whose
 * replicas differ only in their last characters (`postgres-tqw…-dfkln`).
 */
export function fitText(text: string, width: number, cls: TextClass, cut: 'end' | 'middle' = 'end'): string {
  const max = Math.max(3, Math.floor(width / TEXT[cls].charW));
  if (text.length <= max) return text;
  if (cut === 'end') return `${text.slice(0, max - 1)}…`;
  const tail = Math.ceil((max - 1) / 2);
  return `${text.slice(0, max - 1 - tail)}…${text.slice(text.length - tail)}`;
}

export function label(
  box: string,
  text: string,
  x: number,
  y: number,
  cls: TextClass,
  anchor: Label['anchor'] = 'start',
): Label {
  const { size } = TEXT[cls];
  const w = widthOf(text, cls);
  const left = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
  return { box, text, cls, x, y, anchor, rect: { x: left, y: y - size, w, h: size * 1.3 } };
}

/** A chip's one line of text, vertically centred, shortened to end inside the chip. */
export function chipLabel(
  box: string,
  text: string,
  x: number,
  chip: Rect,
  anchor: 'start' | 'middle',
): Label {
  const room = anchor === 'middle' ? chip.w - 8 : chip.x + chip.w - 6 - x;
  return label(box, fitText(text, room, 'chip-text'), x, chip.y + chip.h / 2 + 4, 'chip-text', anchor);
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Whether the segment p–q passes through the inside of r (axis-aligned and diagonal segments). */
export function segmentHitsRect(p: Point, q: Point, r: Rect): boolean {
  // Liang–Barsky clipping against the open rectangle.
  let [t0, t1] = [0, 1];
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const edges: [number, number][] = [
    [-dx, p.x - r.x],
    [dx, r.x + r.w - p.x],
    [-dy, p.y - r.y],
    [dy, r.y + r.h - p.y],
  ];
  for (const [pe, qe] of edges) {
    if (pe === 0) {
      if (qe <= 0) return false;
      continue;
    }
    const t = qe / pe;
    if (pe < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}

/** Orders pods the same way in every view: by namespace, then name. */
export const byPodKey = (a: { key: string }, b: { key: string }): number =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/** The square around a round marker of radius `r` at `c`. */
export const markerRect = (c: Point, r: number): Rect => ({ x: c.x - r, y: c.y - r, w: 2 * r, h: 2 * r });
