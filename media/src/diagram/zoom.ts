// Pan and zoom in the browser: Ctrl/Cmd + wheel zooms at the pointer, the wheel or a drag pans, and
// the pane's buttons zoom in, out, to fit and back to the opening view. The SVG fills its pane and the camera sets its
// viewBox; `data-zoom` tells the stylesheet which texts are still readable.
import type { Camera, Size } from './camera';
import { fitAll, follow, opening, panBy, viewBox, zoomAt, zoomLevel } from './camera';
import type { Point } from './geometry';

/** Zoom factor of the + and − buttons (drawn by zoomButtons.ts). */
const STEP = 1.25;

export class DiagramZoom {
  private cam: Camera = { x: 0, y: 0, scale: 1 };
  private drag: { id: number; x: number; y: number } | null = null;
  private readonly observer: ResizeObserver;

  constructor(
    private readonly pane: HTMLElement,
    private readonly svg: SVGSVGElement,
    private readonly content: Size,
  ) {
    pane.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    pane.addEventListener('pointerdown', (e) => this.onDown(e));
    pane.addEventListener('pointermove', (e) => this.onMove(e));
    pane.addEventListener('pointerup', (e) => this.onUp(e));
    pane.addEventListener('pointercancel', (e) => this.onUp(e));
    pane.addEventListener('click', (e) => this.onClick(e));
    this.observer = new ResizeObserver(() => this.apply(this.cam));
    this.observer.observe(pane);
    this.reset();
  }

  /** The current scale (screen px per diagram px). */
  get scale(): number {
    return this.cam.scale;
  }

  reset(): void {
    this.apply(opening(this.content, this.view()));
  }

  fit(): void {
    this.apply(fitAll(this.content, this.view()));
  }

  /** Keeps a point of the diagram in view (the packet's hop). */
  follow(p: Point): void {
    this.apply(follow(this.cam, p, this.content, this.view()));
  }

  dispose(): void {
    this.observer.disconnect();
  }

  private view(): Size {
    return { w: Math.max(1, this.pane.clientWidth), h: Math.max(1, this.pane.clientHeight) };
  }

  private apply(cam: Camera): void {
    const view = this.view();
    this.cam = cam;
    this.svg.setAttribute('width', String(view.w));
    this.svg.setAttribute('height', String(view.h));
    this.svg.setAttribute('viewBox', viewBox(cam, view));
    this.svg.setAttribute('data-zoom', zoomLevel(cam.scale));
  }

  private zoom(factor: number, at?: Point): void {
    const view = this.view();
    const point = at ?? { x: view.w / 2, y: view.h / 2 };
    this.apply(zoomAt(this.cam, factor, point, this.content, view));
  }

  /** Ctrl/Cmd + wheel (and pinch) zooms at the pointer; the wheel alone pans, and scrolls the page once an edge is reached. */
  private onWheel(e: WheelEvent): void {
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      const r = this.pane.getBoundingClientRect();
      this.zoom(e.deltaY < 0 ? 1.1 : 1 / 1.1, { x: e.clientX - r.left, y: e.clientY - r.top });
      return;
    }
    const before = this.cam;
    const [dx, dy] = e.shiftKey && !e.deltaX ? [e.deltaY, 0] : [e.deltaX, e.deltaY];
    this.apply(panBy(this.cam, -dx, -dy, this.content, this.view()));
    if (this.cam.x !== before.x || this.cam.y !== before.y) e.preventDefault();
  }

  private onDown(e: PointerEvent): void {
    if (e.button !== 0 || (e.target as Element | null)?.closest('button')) return;
    this.drag = { id: e.pointerId, x: e.clientX, y: e.clientY };
    this.pane.setPointerCapture(e.pointerId);
    this.pane.classList.add('dragging');
  }

  private onMove(e: PointerEvent): void {
    if (!this.drag || e.pointerId !== this.drag.id) return;
    const [dx, dy] = [e.clientX - this.drag.x, e.clientY - this.drag.y];
    this.drag = { ...this.drag, x: e.clientX, y: e.clientY };
    this.apply(panBy(this.cam, dx, dy, this.content, this.view()));
  }

  private onUp(e: PointerEvent): void {
    if (!this.drag || e.pointerId !== this.drag.id) return;
    this.drag = null;
    this.pane.classList.remove('dragging');
  }

  private onClick(e: MouseEvent): void {
    const action = (e.target as Element | null)?.closest<HTMLElement>('[data-zoom-action]')?.dataset
      .zoomAction;
    if (action === 'in') this.zoom(STEP);
    else if (action === 'out') this.zoom(1 / STEP);
    else if (action === 'fit') this.fit();
    else if (action === 'reset') this.reset();
  }
}
