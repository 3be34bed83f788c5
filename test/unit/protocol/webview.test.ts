import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseFromWebview,
  parseMatrixViewState,
  parseToWebview,
  parseTraceViewState,
} from '../../../server/src/protocol/webview';
import { webToDb } from '../../helpers/traces';

void describe('messages from a webview', () => {
  void it('accepts ready, error and the known requests', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'error', message: 'boom' }), {
      type: 'error',
      message: 'boom',
    });
    assert.deepEqual(
      parseFromWebview({ type: 'request', id: 7, method: 'openPolicy', params: { policy: 'default/p' } }),
      {
        type: 'request',
        id: 7,
        method: 'openPolicy',
        params: { policy: 'default/p' },
      },
    );
    assert.ok(
      parseFromWebview({ type: 'request', id: 0, method: 'matrixCell', params: { from: 'a/b', to: 'c/d' } }),
    );
    assert.ok(
      parseFromWebview({
        type: 'request',
        id: 1,
        method: 'openTrace',
        params: { from: 'a/b', to: '10.0.0.1' },
      }),
    );
  });

  void it('rejects anything malformed', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'hello' },
      { type: 'error' },
      { type: 'request', id: -1, method: 'openPolicy', params: { policy: 'p' } },
      { type: 'request', id: 1.5, method: 'openPolicy', params: { policy: 'p' } },
      { type: 'request', id: '1', method: 'openPolicy', params: { policy: 'p' } },
      { type: 'request', id: 1, method: 'runShell', params: { cmd: 'rm' } },
      { type: 'request', id: 1, method: 'openPolicy', params: { policy: 42 } },
      { type: 'request', id: 1, method: 'openPolicy', params: { policy: '' } },
      { type: 'request', id: 1, method: 'openPolicy', params: { policy: 'x'.repeat(2000) } },
      { type: 'request', id: 1, method: 'matrixCell', params: { from: 'a' } },
      { type: 'request', id: 1, method: 'openTrace' },
      { type: 'request', id: 1, method: '__proto__', params: {} },
    ];
    for (const raw of bad) assert.equal(parseFromWebview(raw), null, JSON.stringify(raw));
  });

  void it('caps error text', () => {
    const m = parseFromWebview({ type: 'error', message: 'x'.repeat(10_000) });
    assert.equal(m?.type === 'error' && m.message.length, 4000);
  });
});

void describe('messages to a webview', () => {
  void it('accepts traces, errors, data and replies', () => {
    const trace = webToDb();
    assert.deepEqual(parseToWebview({ type: 'trace', trace, speed: 2 }), { type: 'trace', trace, speed: 2 });
    const request = { from: 'default/web', to: 'nope', port: 80, protocol: 'TCP' };
    assert.deepEqual(
      parseToWebview({
        type: 'traceError',
        request,
        error: 'unknown pod nope',
        suggestions: ['default/db', 3],
      }),
      {
        type: 'traceError',
        request,
        error: 'unknown pod nope',
        suggestions: ['default/db'],
      },
    );
    assert.deepEqual(parseToWebview({ type: 'busy' }), { type: 'busy' });
    assert.deepEqual(parseToWebview({ type: 'reply', id: 3, ok: true }), {
      type: 'reply',
      id: 3,
      ok: true,
      result: null,
    });
    assert.deepEqual(parseToWebview({ type: 'reply', id: 3, ok: false, error: 'no' }), {
      type: 'reply',
      id: 3,
      ok: false,
      error: 'no',
    });
  });

  void it('rejects wrong shapes', () => {
    for (const raw of [
      { type: 'trace', trace: { from: 'a' }, speed: 1 },
      { type: 'trace', trace: webToDb() },
      { type: 'matrix', matrix: { pods: 'x' } },
      { type: 'topology', topology: {} },
      { type: 'reply', id: 3, ok: false },
      { type: 'reply', ok: true },
      { type: 'other' },
    ])
      assert.equal(parseToWebview(raw), null, JSON.stringify(raw).slice(0, 80));
  });
});

void describe('saved view state', () => {
  void it('round-trips a trace view state and repairs odd index/speed', () => {
    const request = { from: 'default/web', to: 'default/db', port: 5432, protocol: 'TCP' };
    assert.deepEqual(parseTraceViewState({ view: 'trace', request, index: 5, speed: 2 }), {
      view: 'trace',
      request,
      index: 5,
      speed: 2,
    });
    assert.deepEqual(parseTraceViewState({ view: 'trace', request, index: -1, speed: 'fast' }), {
      view: 'trace',
      request,
      index: 0,
      speed: 1,
    });
  });

  void it('rejects a state it cannot re-run', () => {
    const ok = { from: 'a/b', to: 'c/d', port: 80, protocol: 'TCP' };
    for (const request of [
      { ...ok, port: 0 },
      { ...ok, port: 70000 },
      { ...ok, protocol: 'ICMP' },
      { ...ok, from: '' },
    ])
      assert.equal(parseTraceViewState({ view: 'trace', request, index: 0, speed: 1 }), null);
    assert.equal(parseTraceViewState(undefined), null);
    assert.equal(parseTraceViewState({ view: 'matrix', request: ok }), null);
  });

  void it('reads the matrix state', () => {
    assert.deepEqual(parseMatrixViewState({ view: 'matrix', port: 80, protocol: 'UDP' }), {
      view: 'matrix',
      port: 80,
      protocol: 'UDP',
    });
    assert.equal(parseMatrixViewState({ view: 'matrix', port: 80, protocol: 'tcp' }), null);
    assert.deepEqual(
      parseMatrixViewState({
        view: 'matrix',
        port: 80,
        protocol: 'TCP',
        mode: 'declared',
        allowedOnly: true,
        expanded: ['shop/Deployment/web', 7, ''],
      }),
      {
        view: 'matrix',
        port: 80,
        protocol: 'TCP',
        mode: 'declared',
        allowedOnly: true,
        expanded: ['shop/Deployment/web'],
      },
    );
    assert.deepEqual(
      parseMatrixViewState({ view: 'matrix', port: 80, protocol: 'TCP', mode: 'all', allowedOnly: 1 }),
      {
        view: 'matrix',
        port: 80,
        protocol: 'TCP',
      },
    );
  });

  void it('checks the matrix requests: a mode it knows, a trace on a valid port and protocol', () => {
    const request = (method: string, params: object) =>
      parseFromWebview({ type: 'request', id: 3, method, params });
    assert.ok(request('matrixMode', { mode: 'declared' }));
    assert.ok(request('matrixMode', { mode: 'port' }));
    assert.equal(request('matrixMode', { mode: 'all' }), null);
    assert.ok(request('openTrace', { from: 'a/b', to: 'c/d', port: 9090, protocol: 'UDP' }));
    assert.equal(request('openTrace', { from: 'a/b', to: 'c/d', port: 70000 }), null);
    assert.equal(request('openTrace', { from: 'a/b', to: 'c/d', protocol: 'ICMP' }), null);
  });
});
