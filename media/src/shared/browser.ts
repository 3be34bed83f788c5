// Browser-only glue shared by the webviews: the VS Code API handle, the message channel with its
// ready handshake, and rendering descriptions into the live document.
import type { DataMessage, FromWebview } from '../../../server/src/protocol/webview';
import { parseToWebview } from '../../../server/src/protocol/webview';
import type { DocLike } from './dom';
import { toDom } from './dom';
import type { El } from './el';
import { RpcClient, errorText } from './rpc';

interface VsCodeApi<S> {
  postMessage(message: FromWebview): void;
  getState(): S | undefined;
  setState(state: S): void;
}
declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

export interface Bridge<S> {
  rpc: RpcClient;
  post(message: FromWebview): void;
  savedState(): S | undefined;
  saveState(state: S): void;
}

/**
 * Connects the webview: replies settle rpc requests, `busy` marks `root` busy until the next data
 * message, which goes to `onMessage`; uncaught errors are reported to the extension, and `ready` is
 * sent last, once listening.
 */
export function connect<S>(root: Element, onMessage: (message: DataMessage) => void): Bridge<S> {
  const api = acquireVsCodeApi<S>();
  const post = (m: FromWebview): void => api.postMessage(m);
  const rpc = new RpcClient(post, {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (t) => clearTimeout(t as number),
  });
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseToWebview(event.data);
    if (!message) return;
    if (message.type === 'reply') return void rpc.handleReply(message);
    // The old data stays visible while the extension recomputes it.
    root.setAttribute('aria-busy', message.type === 'busy' ? 'true' : 'false');
    if (message.type !== 'busy') onMessage(message);
  });
  window.addEventListener('error', (event) => post({ type: 'error', message: String(event.message) }));
  window.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) =>
    post({ type: 'error', message: String(event.reason) }),
  );
  post({ type: 'ready' });
  return { rpc, post, savedState: () => api.getState(), saveState: (s) => api.setState(s) };
}

/** Asks the extension to open a policy's YAML; a failure is shown in the page's #notice. */
export function openPolicy(rpc: RpcClient, policy: string): void {
  rpc.request('openPolicy', { policy }).catch((err: unknown) => {
    const notice = byId('notice');
    notice.textContent = `Could not open ${policy}: ${errorText(err)}`;
    notice.classList.remove('hidden');
  });
}

export function render(el: El): Element {
  return toDom<Element>(document as unknown as DocLike, el);
}

/** Replaces the children of `parent` with the rendered descriptions. */
export function mount(parent: Element, ...els: El[]): void {
  parent.replaceChildren(...els.map(render));
}

export function byId<T extends Element = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing element #${id}`);
  return el as unknown as T;
}

export function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export const browserClock = {
  now: (): number => performance.now(),
  request: (fn: (time: number) => void): number => requestAnimationFrame(fn),
  cancel: (h: number): void => cancelAnimationFrame(h),
};
