// One live view, without vscode: a panel that shows the answer to a request and re-runs it when
// asked (a command, a model change, a restore). Each run marks the view busy and shows its answer
// only if no newer run started meanwhile; a failure is a notification when the user asked for the
// run and a log line otherwise. The view kinds differ only in their spec (params → request →
// message, title, handlers); livePanels.ts binds this to VS Code's panels.
import type { DataMessage, ViewKind } from '../../../server/src/protocol/webview';
import type { Handlers } from './host';

export interface LiveSpec<P, R> {
  view: ViewKind;
  /** The panel title while the request runs. */
  title(params: P): string;
  /** The panel title once the answer is known (default: unchanged). */
  resultTitle?(result: R): string | undefined;
  /** The progress message while the request runs. */
  progress(params: P): string;
  /** Where the progress of a run the user asked for shows (re-runs show in the window). */
  commandProgress: 'notification' | 'window';
  request(params: P): Promise<R>;
  message(result: R, params: P): DataMessage;
  /** How a failure reads in the notification and in the log. */
  failure: { notify: string; log: string };
  /**
   * What the webview may ask of this view; `view.params` are the params shown now, `column()` the
   * editor column the panel is in.
   */
  handlers(view: LiveView<P, R>, column: () => number | undefined): Handlers;
  /** The params to show again from a webview's saved state; undefined closes the restored panel. */
  restore(state: unknown): P | undefined;
  /** Whether a panel showing `shown` is the one to show `wanted` in (else a new panel opens). */
  reuses(shown: P, wanted: P): boolean;
}

/** What a run needs from the editor: the panel's title, the message host, progress and messages. */
export interface LiveEnv {
  setTitle(title: string): void;
  host: { busy(): void; show(message: DataMessage): void };
  progress<T>(where: 'notification' | 'window', title: string, task: () => Promise<T>): Promise<T>;
  notify(summary: string, err: unknown): Promise<void>;
  log(message: string): void;
}

/** Why a view runs: the user asked (failures notify) or the model changed / the panel came back. */
export type RunTrigger = 'command' | 'refresh';

export class LiveView<P, R> {
  private generation = 0;

  constructor(
    private readonly spec: LiveSpec<P, R>,
    private readonly env: LiveEnv,
    public params: P,
  ) {}

  /** Runs the request and shows the answer; a newer run wins over an older one still in flight. */
  async run(trigger: RunTrigger): Promise<R | undefined> {
    const mine = ++this.generation;
    const { spec, env } = this;
    const params = this.params;
    env.setTitle(spec.title(params));
    env.host.busy();
    const where = trigger === 'command' ? spec.commandProgress : 'window';
    try {
      const result = await env.progress(where, spec.progress(params), () => spec.request(params));
      if (mine === this.generation) {
        const title = spec.resultTitle?.(result);
        if (title) env.setTitle(title);
        env.host.show(spec.message(result, params));
      }
      return result;
    } catch (err) {
      if (trigger === 'command') await env.notify(spec.failure.notify, err);
      else env.log(`${spec.failure.log}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /** Ends the view: a run still in flight shows nothing. */
  retire(): void {
    this.generation++;
  }
}
