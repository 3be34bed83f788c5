// The one host of the live webview panels (trace, matrix, topology): creates a panel or reuses the
// one the spec says shows the same thing, restores panels after a reload, re-runs every open panel
// when the model changes, and forgets a panel when it closes. A view is a LiveSpec (live.ts).
import * as vscode from 'vscode';
import { viewTypes } from '../config';
import type { Ctx } from '../ctx';
import { showError } from '../errors';
import type { LiveEnv, LiveSpec } from './live';
import { LiveView } from './live';
import { createPanel, hostFor, initPanel } from './panel';

/** Where a panel opens: `slot` names a panel to reuse whatever it shows (e.g. "traces from the matrix"). */
export interface Placement {
  column?: vscode.ViewColumn;
  preserveFocus?: boolean;
  slot?: string;
}

interface Open<P, R> {
  panel: vscode.WebviewPanel;
  view: LiveView<P, R>;
}

export class LivePanels<P, R> implements vscode.Disposable {
  private readonly open = new Set<Open<P, R>>();
  private readonly slots = new Map<string, Open<P, R>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    protected readonly ctx: Ctx,
    private readonly spec: LiveSpec<P, R>,
    private readonly column: vscode.ViewColumn,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(viewTypes[spec.view], {
        deserializeWebviewPanel: (panel, state) => this.restore(panel, state),
      }),
    );
  }

  /** Shows `params` in the panel that shows the same thing (or the slot's panel, or a new one) and runs it. */
  async show(params: P, place: Placement = {}): Promise<R | undefined> {
    let target = [...this.open].find((o) => this.spec.reuses(o.view.params, params));
    target ??= place.slot === undefined ? undefined : this.slots.get(place.slot);
    if (target) {
      target.view.params = params;
      target.panel.reveal(undefined, place.preserveFocus ?? false);
    } else {
      const column = place.column ?? this.column;
      const panel = createPanel(
        this.ctx,
        this.spec.view,
        this.spec.title(params),
        column,
        place.preserveFocus,
      );
      target = this.adopt(panel, params);
    }
    if (place.slot !== undefined) this.slots.set(place.slot, target);
    return target.view.run('command');
  }

  private adopt(panel: vscode.WebviewPanel, params: P): Open<P, R> {
    const env: LiveEnv = {
      setTitle: (title) => (panel.title = title),
      host: { busy: () => host.busy(), show: (m) => host.show(m) },
      progress: async (where, title, task) =>
        await vscode.window.withProgress({ location: PROGRESS[where], title }, () => task()),
      notify: (summary, err) => showError(this.ctx.output, summary, err),
      log: (message) => this.ctx.output.error(message),
    };
    const view = new LiveView(this.spec, env, params);
    const host = hostFor(
      this.ctx,
      panel,
      this.spec.handlers(view, () => panel.viewColumn),
    );
    const entry = { panel, view };
    this.open.add(entry);
    // Re-run when the model moved, only while visible: a hidden panel catches up when shown.
    this.ctx.followModel(panel, () => void view.run('refresh'));
    panel.onDidDispose(() => {
      view.retire();
      this.open.delete(entry);
      for (const [slot, o] of this.slots) if (o === entry) this.slots.delete(slot);
    });
    return entry;
  }

  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const params = this.spec.restore(state);
    if (params === undefined) return panel.dispose();
    initPanel(this.ctx, panel, this.spec.view);
    await this.adopt(panel, params).view.run('refresh');
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

const PROGRESS = {
  notification: vscode.ProgressLocation.Notification,
  window: vscode.ProgressLocation.Window,
} as const;
