// The webview side of request/reply: numbered requests, one pending promise each, settled by the
// matching reply, by an error reply, or by a timeout. Timers and the transport are injected so the
// logic runs (and is tested) without a browser.
import type {
  FromWebview,
  ParamsOf,
  Reply,
  RequestMethod,
  ResultOf,
  WebviewRequest,
} from '../../../server/src/protocol/webview';
import { REQUEST_TIMEOUT_MS } from '../../../server/src/protocol/webview';

/** The text of a failed request's error (a timeout, an error reply). */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: unknown;
}

export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly post: (message: FromWebview) => void,
    private readonly timers: Timers,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  request<M extends RequestMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      const timer = this.timers.set(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer after ${Math.round(this.timeoutMs / 1000)} s`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.post({ type: 'request', id, method, params } as WebviewRequest);
    });
  }

  /** Settles the request a reply answers; false for replies nobody waits for (late or unknown). */
  handleReply(reply: Reply): boolean {
    const pending = this.pending.get(reply.id);
    if (!pending) return false;
    this.pending.delete(reply.id);
    this.timers.clear(pending.timer);
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(new Error(reply.error));
    return true;
  }

  get pendingCount(): number {
    return this.pending.size;
  }
}
