// The trace views: one panel per source → destination pair, re-run when the model changes (while shown),
// restored after a reload from the state the webview saved.
import * as vscode from 'vscode';
import type { Trace, TraceError, TraceRequest } from '../../../server/src/engine/dataplane/types';
import { TraceRequestType } from '../../../server/src/protocol/requests';
import { parseTraceViewState } from '../../../media/src/protocol';
import { settings, viewTypes } from '../config';
import type { Ctx } from '../ctx';
import { errorMessage } from '../errors';
import { openPolicy } from '../openPolicy';
import type { WebviewHost } from './host';
import { createPanel, hostFor, initPanel } from './panel';

export type TraceOutcome = Trace | TraceError;

export const isTraceError = (r: TraceOutcome): r is TraceError => 'error' in r;

const traceTitle = (from: string, to: string): string => `Trace: ${from} → ${to}`;

class TracePanel {
  private generation = 0;

  constructor(
    private readonly ctx: Ctx,
    readonly panel: vscode.WebviewPanel,
    public request: TraceRequest,
    private readonly host: WebviewHost,
  ) {}

  /** Runs the trace and shows it; a newer run wins over an older one still in flight. */
  async run(): Promise<TraceOutcome> {
    const mine = ++this.generation;
    const request = this.request;
    this.host.busy();
    const outcome = await this.ctx.request(TraceRequestType, request).catch((err: unknown): TraceError => ({
      error: `The trace could not run: ${errorMessage(err)}`,
      suggestions: [],
    }));
    if (mine !== this.generation) return outcome;
    if (isTraceError(outcome)) {
      this.host.show({ type: 'traceError', request, error: outcome.error, suggestions: outcome.suggestions });
    } else {
      this.panel.title = traceTitle(outcome.from, outcome.to);
      this.host.show({ type: 'trace', trace: outcome, speed: this.ctx.setting(settings.animationSpeed, 1) });
    }
    return outcome;
  }
}

export class TraceViews implements vscode.Disposable {
  private readonly panels = new Set<TracePanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: Ctx) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(viewTypes.trace, {
        deserializeWebviewPanel: (panel, state) => this.restore(panel, state),
      }),
    );
  }

  /** Opens (or reuses) the panel for the pair and runs the trace with progress. */
  async show(request: TraceRequest): Promise<TraceOutcome> {
    let view = [...this.panels].find((p) => p.request.from === request.from && p.request.to === request.to);
    if (view) {
      view.request = request;
      view.panel.reveal(undefined, false);
    } else {
      const panel = createPanel(
        this.ctx,
        'trace',
        traceTitle(request.from, request.to),
        vscode.ViewColumn.Beside,
      );
      view = this.adopt(panel, request);
    }
    const target = view;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Tracing ${request.from} → ${request.to}` },
      () => target.run(),
    );
  }

  private adopt(panel: vscode.WebviewPanel, request: TraceRequest): TracePanel {
    const host = hostFor(this.ctx, panel, { openPolicy: ({ policy }) => openPolicy(this.ctx, policy) });
    const view = new TracePanel(this.ctx, panel, request, host);
    this.panels.add(view);
    this.ctx.followModel(panel, () => void view.run());
    panel.onDidDispose(() => this.panels.delete(view));
    return view;
  }

  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = parseTraceViewState(state);
    if (!saved) return panel.dispose();
    initPanel(this.ctx, panel, 'trace');
    await this.adopt(panel, saved.request).run();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
