// Pan and zoom of a diagram (pure): a camera is the content point at the viewport's top-left corner
// and a scale (screen px per diagram px). The views open at a scale where every label is readable,
// "fit" may go further out, and below the readable scale the SVG hides the texts (zoom level).
import type { Point } from './geometry';
import { MIN_FONT, TEXT } from './geometry';

export interface Camera {
  x: number;
  y: number;
  scale: number;
}

export interface Size {
  w: number;
  h: number;
}

/** On screen, no text is smaller than this (px). */
export const MIN_SCREEN_FONT = 10;
/** The smallest scale at which every label is at least MIN_SCREEN_FONT px high. */
export const READABLE_SCALE = MIN_SCREEN_FONT / MIN_FONT;
const LIMITS = { min: 0.15, max: 3, open: 1.1 } as const;

const clampScale = (s: number): number => Math.min(LIMITS.max, Math.max(LIMITS.min, s));

/** Which texts are drawn at a scale: all, only the node titles, or none. */
export function zoomLevel(scale: number): 'near' | 'mid' | 'far' {
  if (scale >= READABLE_SCALE - 1e-9) return 'near';
  return scale * TEXT['node-title'].size >= MIN_SCREEN_FONT ? 'mid' : 'far';
}

/** Centres the content on an axis when it fits, else keeps the camera inside it. */
function placeAxis(pos: number, content: number, view: number, scale: number): number {
  const visible = view / scale;
  if (visible >= content) return (content - visible) / 2;
  return Math.min(Math.max(pos, 0), content - visible);
}

function placed(cam: Camera, content: Size, view: Size): Camera {
  return {
    x: placeAxis(cam.x, content.w, view.w, cam.scale),
    y: placeAxis(cam.y, content.h, view.h, cam.scale),
    scale: cam.scale,
  };
}

/** The whole diagram in view (labels may be hidden if that is below the readable scale). */
export function fitAll(content: Size, view: Size): Camera {
  const scale = clampScale(Math.min(view.w / content.w, view.h / content.h));
  return placed({ x: 0, y: 0, scale }, content, view);
}

/** The opening view: the whole diagram fitted, but never below the readable scale; from the top-left. */
export function opening(content: Size, view: Size): Camera {
  const fits = Math.min(view.w / content.w, view.h / content.h);
  const scale = Math.min(LIMITS.open, Math.max(READABLE_SCALE, fits));
  return placed({ x: 0, y: 0, scale }, content, view);
}

/** Zooms by `factor` keeping the content under the viewport point `at` in place. */
export function zoomAt(cam: Camera, factor: number, at: Point, content: Size, view: Size): Camera {
  const scale = clampScale(cam.scale * factor);
  const anchor = { x: cam.x + at.x / cam.scale, y: cam.y + at.y / cam.scale };
  return placed({ x: anchor.x - at.x / scale, y: anchor.y - at.y / scale, scale }, content, view);
}

/** Moves the view by a drag of (dx, dy) screen px. */
export function panBy(cam: Camera, dx: number, dy: number, content: Size, view: Size): Camera {
  return placed({ x: cam.x - dx / cam.scale, y: cam.y - dy / cam.scale, scale: cam.scale }, content, view);
}

/** Pans just enough that `p` (content coordinates) is at least `margin` screen px inside the view. */
export function follow(cam: Camera, p: Point, content: Size, view: Size, margin = 40): Camera {
  const m = Math.min(margin, view.w / 3, view.h / 3) / cam.scale;
  const [vw, vh] = [view.w / cam.scale, view.h / cam.scale];
  const x = p.x < cam.x + m ? p.x - m : p.x > cam.x + vw - m ? p.x - vw + m : cam.x;
  const y = p.y < cam.y + m ? p.y - m : p.y > cam.y + vh - m ? p.y - vh + m : cam.y;
  return placed({ x, y, scale: cam.scale }, content, view);
}

export function viewBox(cam: Camera, view: Size): string {
  const r = (n: number): number => Math.round(n * 100) / 100;
  return `${r(cam.x)} ${r(cam.y)} ${r(view.w / cam.scale)} ${r(view.h / cam.scale)}`;
}
