// The replay state machine: state × event → state, pure. The app renders whatever state this
// returns and turns timer ticks and key presses into events; nothing here knows about the DOM.
import type { Trace, TraceHop } from '../../../server/src/engine/dataplane/types';

export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

export interface ReplayState {
  trace: Trace | null;
  /** The current hop (0-based); 0 when there is no trace. */
  index: number;
  playing: boolean;
  speed: Speed;
}

export type ReplayEvent =
  /** A trace arrived: the first one, or a re-run after the workspace changed. */
  | { type: 'load'; trace: Trace; index?: number; play?: boolean }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'toggle' }
  | { type: 'forward' }
  | { type: 'back' }
  | { type: 'restart' }
  | { type: 'end' }
  | { type: 'jump'; index: number }
  | { type: 'speed'; speed: number }
  /** The playback timer fired: move on while playing, stop at the last hop. */
  | { type: 'advance' };

export const initialReplay: ReplayState = { trace: null, index: 0, playing: false, speed: 1 };

function lastIndex(state: ReplayState): number {
  return Math.max(0, (state.trace?.hops.length ?? 0) - 1);
}

export function atEnd(state: ReplayState): boolean {
  return state.index >= lastIndex(state);
}

export function currentHop(state: ReplayState): TraceHop | undefined {
  return state.trace?.hops[state.index];
}

/** The supported speed closest to a requested one (settings and saved state may hold anything). */
export function nearestSpeed(speed: number): Speed {
  if (!Number.isFinite(speed)) return 1;
  return SPEEDS.reduce(
    (best, s) => (Math.abs(s - speed) < Math.abs(best - speed) ? s : best),
    SPEEDS[2] as Speed,
  );
}

function clampIndex(state: ReplayState, index: number): number {
  return Number.isFinite(index) ? Math.min(Math.max(Math.trunc(index), 0), lastIndex(state)) : 0;
}

const sameHop = (a: TraceHop, b: TraceHop): boolean =>
  a.step === b.step && a.device === b.device && a.node === b.node && a.netns === b.netns;

/**
 * Where to stand in a re-run trace: on the same hop if the new trace still has it (a policy edit
 * changes the verdict, not the path up to the check), else as far along as the new trace goes.
 */
export function carryPosition(old: ReplayState, next: Trace): number {
  const hop = currentHop(old);
  if (!old.trace || !hop || old.trace.from !== next.from || old.trace.to !== next.to) return 0;
  const same = next.hops.findIndex((h, i) => sameHop(h, hop) && i <= old.index + 2 && i >= old.index - 2);
  const any = same >= 0 ? same : next.hops.findIndex((h) => sameHop(h, hop));
  return any >= 0 ? any : Math.min(old.index, Math.max(0, next.hops.length - 1));
}

function load(state: ReplayState, e: Extract<ReplayEvent, { type: 'load' }>): ReplayState {
  const next: ReplayState = { ...state, trace: e.trace };
  const index = clampIndex(next, e.index ?? carryPosition(state, e.trace));
  const playing = (e.play ?? state.playing) && index < lastIndex(next);
  return { ...next, index, playing };
}

export function replay(state: ReplayState, e: ReplayEvent): ReplayState {
  if (e.type === 'load') return load(state, e);
  if (e.type === 'speed') return { ...state, speed: nearestSpeed(e.speed) };
  if (!state.trace) return state;
  switch (e.type) {
    case 'play':
      return atEnd(state)
        ? { ...state, index: 0, playing: lastIndex(state) > 0 }
        : { ...state, playing: true };
    case 'pause':
      return { ...state, playing: false };
    case 'toggle':
      return replay(state, { type: state.playing ? 'pause' : 'play' });
    case 'forward':
      return { ...state, index: clampIndex(state, state.index + 1), playing: false };
    case 'back':
      return { ...state, index: clampIndex(state, state.index - 1), playing: false };
    case 'restart':
      return { ...state, index: 0, playing: lastIndex(state) > 0 };
    case 'end':
      return { ...state, index: lastIndex(state), playing: false };
    case 'jump':
      return { ...state, index: clampIndex(state, e.index), playing: false };
    case 'advance': {
      if (!state.playing) return state;
      const index = clampIndex(state, state.index + 1);
      return { ...state, index, playing: index < lastIndex(state) };
    }
  }
}

/** How long the replay stays on a hop at a given speed (the packet moves during the first 60%). */
export function hopDurationMs(speed: Speed): number {
  return Math.round(1400 / speed);
}
