import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataMessage, ToWebview } from '../../../../server/src/protocol/webview';
import type { Handlers, PanelPort } from '../../../../client/src/webviews/host';
import { WebviewHost } from '../../../../client/src/webviews/host';

/** A panel that records what the host posts and lets the test play the webview. */
class FakePanel implements PanelPort {
  readonly posted: ToWebview[] = [];
  private listener: ((raw: unknown) => void) | undefined;
  disposed = false;

  postMessage(message: ToWebview): Promise<boolean> {
    this.posted.push(message);
    return Promise.resolve(true);
  }

  onDidReceiveMessage(listener: (raw: unknown) => void) {
    this.listener = listener;
    return { dispose: () => (this.disposed = true) };
  }

  /** Delivers a message as the webview would, and waits for the host to handle it. */
  async send(host: WebviewHost, raw: unknown): Promise<void> {
    assert.ok(this.listener);
    await host.receive(raw);
  }
}

function setup(handlers: Handlers = {}, timeoutMs = 1000) {
  const panel = new FakePanel();
  const logs: string[] = [];
  const host = new WebviewHost(
    panel,
    handlers,
    { warn: (m) => logs.push(`warn ${m}`), error: (m) => logs.push(`error ${m}`) },
    timeoutMs,
  );
  return { panel, host, logs };
}

const topology: DataMessage = {
  type: 'topology',
  topology: {
    nodes: [],
    pods: [],
    policies: [],
    backend: 'vxlan',
    network: '10.244.0.0/16',
    enforcement: true,
  },
};

void describe('WebviewHost', () => {
  void it('holds data until the webview is ready, then sends it', async () => {
    const { panel, host } = setup();
    host.show(topology);
    host.busy();
    assert.deepEqual(panel.posted, []);
    await panel.send(host, { type: 'ready' });
    assert.deepEqual(panel.posted, [topology]);
    assert.equal(host.isReady, true);
  });

  void it('sends the latest data again when a re-created webview says ready', async () => {
    const { panel, host } = setup();
    await panel.send(host, { type: 'ready' });
    host.show(topology);
    const second: DataMessage = {
      ...topology,
      type: 'topology',
      topology: {
        nodes: [],
        pods: [],
        policies: [],
        backend: 'host-gw',
        network: '10.0.0.0/8',
        enforcement: true,
      },
    };
    host.show(second);
    await panel.send(host, { type: 'ready' });
    assert.deepEqual(panel.posted, [topology, second, second]);
    assert.equal(host.current, second);
  });

  void it('answers a request with the handler result, by id', async () => {
    const opened: string[] = [];
    const { panel, host } = setup({
      openPolicy: async ({ policy }) => {
        opened.push(policy);
        return null;
      },
    });
    await panel.send(host, {
      type: 'request',
      id: 4,
      method: 'openPolicy',
      params: { policy: 'default/db-access-ingress' },
    });
    assert.deepEqual(opened, ['default/db-access-ingress']);
    assert.deepEqual(panel.posted, [{ type: 'reply', id: 4, ok: true, result: null }]);
  });

  void it('replies with an error when the handler throws, and logs it', async () => {
    const { panel, host, logs } = setup({
      matrixCell: async () => {
        throw new Error('server not running');
      },
    });
    await panel.send(host, {
      type: 'request',
      id: 1,
      method: 'matrixCell',
      params: { from: 'a/b', to: 'c/d' },
    });
    assert.deepEqual(panel.posted, [{ type: 'reply', id: 1, ok: false, error: 'server not running' }]);
    assert.deepEqual(logs, ['error matrixCell failed: server not running']);
  });

  void it('replies with an error for a method this view does not offer', async () => {
    const { panel, host } = setup({});
    await panel.send(host, {
      type: 'request',
      id: 2,
      method: 'openTrace',
      params: { from: 'a/b', to: 'c/d' },
    });
    assert.deepEqual(panel.posted, [
      { type: 'reply', id: 2, ok: false, error: 'openTrace is not available in this view' },
    ]);
  });

  void it('times out a handler that never answers', async () => {
    const { panel, host } = setup({ openPolicy: () => new Promise(() => undefined) }, 20);
    await panel.send(host, { type: 'request', id: 3, method: 'openPolicy', params: { policy: 'x/y' } });
    assert.deepEqual(panel.posted, [
      { type: 'reply', id: 3, ok: false, error: 'openPolicy took longer than 0 s' },
    ]);
  });

  void it('drops invalid messages with a warning, logs webview errors', async () => {
    const opened: string[] = [];
    const { panel, host, logs } = setup({ openPolicy: async ({ policy }) => (opened.push(policy), null) });
    await panel.send(host, { type: 'request', id: 1, method: 'openPolicy', params: { policy: 7 } });
    await panel.send(host, { command: 'openPolicy', policy: '../../etc/passwd' });
    await panel.send(host, { type: 'error', message: 'TypeError: x is undefined' });
    assert.deepEqual(opened, []);
    assert.deepEqual(panel.posted, []);
    assert.equal(logs.length, 3);
    assert.match(logs[0]!, /^warn webview sent an invalid message/);
    assert.equal(logs[2], 'error webview error: TypeError: x is undefined');
  });

  void it('stops listening when disposed', () => {
    const { panel, host } = setup();
    host.dispose();
    assert.equal(panel.disposed, true);
  });
});
