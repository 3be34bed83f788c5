// The extension side of a webview's message channel, without vscode: a panel is reached through a
// small port interface, so the handshake, the request table and the error replies are unit-tested
// with a fake panel. Data waits for `ready` and is re-sent on every `ready` (a hidden webview is
// re-created when shown again).
import type {
  DataMessage,
  FromWebview,
  ParamsOf,
  RequestMethod,
  ResultOf,
  ToWebview,
  WebviewRequest,
} from '../../../server/src/protocol/webview';
import { REQUEST_TIMEOUT_MS, parseFromWebview } from '../../../server/src/protocol/webview';

export interface Disposable {
  dispose(): unknown;
}

export interface PanelPort {
  postMessage(message: ToWebview): PromiseLike<boolean>;
  onDidReceiveMessage(listener: (raw: unknown) => void): Disposable;
}

export type Handlers = { [M in RequestMethod]?: (params: ParamsOf<M>) => Promise<ResultOf<M>> };

export interface HostLog {
  warn(message: string): void;
  error(message: string): void;
}

export class WebviewHost implements Disposable {
  private ready = false;
  private latest: DataMessage | null = null;
  private readonly subscription: Disposable;

  constructor(
    private readonly port: PanelPort,
    private readonly handlers: Handlers,
    private readonly log: HostLog,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {
    this.subscription = port.onDidReceiveMessage((raw) => void this.receive(raw));
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** The data currently shown (or about to be): panels serialise their state from it. */
  get current(): DataMessage | null {
    return this.latest;
  }

  /** Shows data now if the webview listens, else as soon as it says `ready`. */
  show(message: DataMessage): void {
    this.latest = message;
    if (this.ready) this.post(message);
  }

  /** Tells the webview its data is being recomputed. */
  busy(): void {
    if (this.ready) this.post({ type: 'busy' });
  }

  async receive(raw: unknown): Promise<void> {
    const message = parseFromWebview(raw);
    if (!message) return this.log.warn(`webview sent an invalid message: ${describe(raw)}`);
    await this.handle(message);
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.latest) this.post(this.latest);
        return;
      case 'error':
        return this.log.error(`webview error: ${message.message}`);
      case 'request':
        return this.answer(message);
    }
  }

  private async answer(request: WebviewRequest): Promise<void> {
    const handler = this.handlers[request.method] as ((p: unknown) => Promise<unknown>) | undefined;
    if (!handler)
      return this.post({
        type: 'reply',
        id: request.id,
        ok: false,
        error: `${request.method} is not available in this view`,
      });
    try {
      const result = await withTimeout(handler(request.params), this.timeoutMs, request.method);
      this.post({ type: 'reply', id: request.id, ok: true, result: result ?? null });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.log.error(`${request.method} failed: ${error}`);
      this.post({ type: 'reply', id: request.id, ok: false, error });
    }
  }

  private post(message: ToWebview): void {
    this.port
      .postMessage(message)
      .then(undefined, (err: unknown) => this.log.warn(`postMessage failed: ${String(err)}`));
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(raw: unknown): string {
  try {
    return JSON.stringify(raw).slice(0, 200);
  } catch {
    return typeof raw;
  }
}
