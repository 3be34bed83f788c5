// Moves the packet along a polyline with requestAnimationFrame (or puts it straight there when the
// user prefers reduced motion). Only the `transform` attribute changes, which the CSP allows.
import type { Point } from '../diagram/layout';
import { translate } from './overlay';
import { pointAlong } from './route';

export interface FrameClock {
  now(): number;
  request(fn: (time: number) => void): number;
  cancel(handle: number): void;
}

/** Ease in and out, so hops read as separate moves. */
const ease = (t: number): number => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);

export class PacketMover {
  private frame: number | null = null;

  constructor(
    private readonly packet: { setAttribute(name: string, value: string): void },
    private readonly reducedMotion: boolean,
    private readonly clock: FrameClock,
  ) {}

  /** Jumps to a point, cancelling any move in progress. */
  place(p: Point): void {
    this.stop();
    this.packet.setAttribute('transform', translate(p));
  }

  /** Moves along `route` in `ms` milliseconds (at once with reduced motion). */
  move(route: readonly Point[], ms: number): void {
    const end = route[route.length - 1];
    if (!end) return;
    if (this.reducedMotion || ms <= 0 || route.length < 2) return this.place(end);
    this.stop();
    const start = this.clock.now();
    const step = (time: number): void => {
      const t = Math.min(1, (time - start) / ms);
      this.packet.setAttribute('transform', translate(pointAlong(route, ease(t))));
      this.frame = t < 1 ? this.clock.request(step) : null;
    };
    this.frame = this.clock.request(step);
  }

  stop(): void {
    if (this.frame !== null) this.clock.cancel(this.frame);
    this.frame = null;
  }
}
