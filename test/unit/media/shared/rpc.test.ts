import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FromWebview } from '../../../../server/src/protocol/webview';
import { RpcClient } from '../../../../media/src/shared/rpc';

/** Manual timers: the test decides when time passes. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    set: (fn: () => void) => {
      pending.set(next, fn);
      return next++;
    },
    clear: (h: unknown) => void pending.delete(h as number),
    fireAll: () => {
      for (const [h, fn] of [...pending]) {
        pending.delete(h);
        fn();
      }
    },
    get count() {
      return pending.size;
    },
  };
}

void describe('RpcClient', () => {
  void it('numbers requests and resolves each with its reply', async () => {
    const sent: FromWebview[] = [];
    const timers = manualTimers();
    const rpc = new RpcClient((m) => sent.push(m), timers, 1000);
    const a = rpc.request('openPolicy', { policy: 'default/a' });
    const b = rpc.request('matrixCell', { from: 'x/a', to: 'x/b' });
    assert.deepEqual(sent, [
      { type: 'request', id: 1, method: 'openPolicy', params: { policy: 'default/a' } },
      { type: 'request', id: 2, method: 'matrixCell', params: { from: 'x/a', to: 'x/b' } },
    ]);
    const cell = { from: 'x/a', to: 'x/b', allowed: false, reason: 'isolated' };
    assert.equal(rpc.handleReply({ type: 'reply', id: 2, ok: true, result: cell }), true);
    assert.equal(rpc.handleReply({ type: 'reply', id: 1, ok: true, result: null }), true);
    assert.deepEqual(await b, cell);
    assert.equal(await a, null);
    assert.equal(timers.count, 0);
    assert.equal(rpc.pendingCount, 0);
  });

  void it('rejects with the error of an error reply', async () => {
    const rpc = new RpcClient(() => undefined, manualTimers(), 1000);
    const p = rpc.request('openPolicy', { policy: 'gone/p' });
    rpc.handleReply({ type: 'reply', id: 1, ok: false, error: 'gone/p is not defined' });
    await assert.rejects(p, /gone\/p is not defined/);
  });

  void it('times out, and ignores the late reply', async () => {
    const timers = manualTimers();
    const rpc = new RpcClient(() => undefined, timers, 15_000);
    const p = rpc.request('openTrace', { from: 'a/b', to: 'c/d' });
    timers.fireAll();
    await assert.rejects(p, /openTrace: no answer after 15 s/);
    assert.equal(rpc.handleReply({ type: 'reply', id: 1, ok: true, result: null }), false);
    assert.equal(rpc.handleReply({ type: 'reply', id: 99, ok: true, result: null }), false);
  });
});
