import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReplayEvent, ReplayState } from '../../../../media/src/trace/replay';
import {
  atEnd,
  carryPosition,
  currentHop,
  hopDurationMs,
  initialReplay,
  nearestSpeed,
  replay,
} from '../../../../media/src/trace/replay';
import { hop, tinyTrace } from '../../../helpers/traces';

const trace = tinyTrace([
  hop('1', 'eth0'),
  hop('2', 'veth1'),
  hop('3a', 'cni0'),
  hop('3b', 'flannel.1'),
  hop('4', 'eth0', 'node-2'),
]);
const run = (events: ReplayEvent[], from: ReplayState = initialReplay): ReplayState =>
  events.reduce(replay, from);
const loaded = run([{ type: 'load', trace, index: 0, play: false }]);

void describe('replay reducer', () => {
  void it('loads at the given hop, paused or playing', () => {
    assert.deepEqual(loaded, { trace, index: 0, playing: false, speed: 1 });
    assert.equal(run([{ type: 'load', trace, index: 0, play: true }]).playing, true);
    assert.equal(run([{ type: 'load', trace, index: 99 }]).index, 4);
  });

  void it('ignores controls until a trace is loaded', () => {
    assert.equal(run([{ type: 'play' }, { type: 'forward' }]), initialReplay);
  });

  void it('steps forward and back within bounds, pausing', () => {
    const s = run([{ type: 'play' }, { type: 'forward' }, { type: 'forward' }], loaded);
    assert.equal(s.index, 2);
    assert.equal(s.playing, false);
    assert.equal(run([{ type: 'back' }, { type: 'back' }, { type: 'back' }], s).index, 0);
    assert.equal(run(Array(9).fill({ type: 'forward' }), loaded).index, 4);
  });

  void it('advances only while playing and stops at the last hop', () => {
    assert.equal(replay(loaded, { type: 'advance' }), loaded);
    let s = replay(loaded, { type: 'play' });
    for (let i = 0; i < 3; i++) s = replay(s, { type: 'advance' });
    assert.deepEqual([s.index, s.playing], [3, true]);
    s = replay(s, { type: 'advance' });
    assert.deepEqual([s.index, s.playing, atEnd(s)], [4, false, true]);
    assert.equal(replay(s, { type: 'advance' }), s);
  });

  void it('play at the end starts over; toggle flips; pause stops', () => {
    const end = replay(loaded, { type: 'end' });
    assert.deepEqual([end.index, end.playing], [4, false]);
    const again = replay(end, { type: 'play' });
    assert.deepEqual([again.index, again.playing], [0, true]);
    assert.equal(replay(again, { type: 'toggle' }).playing, false);
    assert.equal(replay(loaded, { type: 'toggle' }).playing, true);
    assert.equal(replay(again, { type: 'pause' }).playing, false);
  });

  void it('restart goes to the first hop and plays', () => {
    const s = run([{ type: 'jump', index: 3 }, { type: 'restart' }], loaded);
    assert.deepEqual([s.index, s.playing], [0, true]);
  });

  void it('jumps to a hop, clamped, pausing', () => {
    const playing = replay(loaded, { type: 'play' });
    assert.deepEqual(
      [
        replay(playing, { type: 'jump', index: 2 }).index,
        replay(playing, { type: 'jump', index: 2 }).playing,
      ],
      [2, false],
    );
    assert.equal(replay(loaded, { type: 'jump', index: -5 }).index, 0);
    assert.equal(replay(loaded, { type: 'jump', index: 40 }).index, 4);
    assert.equal(replay(loaded, { type: 'jump', index: Number.NaN }).index, 0);
  });

  void it('snaps speeds to the supported ones and scales the hop duration', () => {
    assert.equal(replay(loaded, { type: 'speed', speed: 2 }).speed, 2);
    assert.equal(replay(loaded, { type: 'speed', speed: 3.5 }).speed, 4);
    assert.equal(replay(loaded, { type: 'speed', speed: 0.3 }).speed, 0.25);
    assert.equal(nearestSpeed(Number.NaN), 1);
    assert.equal(hopDurationMs(2), hopDurationMs(1) / 2);
  });

  void it('a one-hop trace never plays', () => {
    const one = tinyTrace([hop('1', 'eth0')]);
    const s = run([{ type: 'load', trace: one, index: 0, play: true }, { type: 'play' }]);
    assert.deepEqual([s.index, s.playing], [0, false]);
  });
});

void describe('re-run with a new trace', () => {
  void it('stays on the same hop when the new trace still has it', () => {
    const at = replay(loaded, { type: 'jump', index: 3 });
    const rerun = tinyTrace([
      hop('1', 'eth0'),
      hop(null, 'veth1'),
      hop('2', 'veth1'),
      hop('3a', 'cni0'),
      hop('3b', 'flannel.1'),
    ]);
    const s = replay(at, { type: 'load', trace: rerun });
    assert.equal(s.trace, rerun);
    assert.equal(currentHop(s)?.device, 'flannel.1');
    assert.equal(s.index, 4);
  });

  void it('stops at the end of a shorter trace (a policy now drops it earlier)', () => {
    const at = replay(loaded, { type: 'jump', index: 4 });
    const shorter = tinyTrace([hop('1', 'eth0'), hop('2', 'veth1'), hop(null, 'policy')], {
      verdict: 'dropped',
    });
    assert.equal(replay(at, { type: 'load', trace: shorter }).index, 2);
  });

  void it('starts over for another pair, keeps playing state otherwise', () => {
    const at = run([{ type: 'jump', index: 3 }], loaded);
    assert.equal(carryPosition(at, tinyTrace(trace.hops, { to: 'default/c' })), 0);
    const playing = run([{ type: 'jump', index: 1 }, { type: 'play' }], loaded);
    const s = replay(playing, { type: 'load', trace: tinyTrace(trace.hops) });
    assert.deepEqual([s.index, s.playing], [1, true]);
  });
});
