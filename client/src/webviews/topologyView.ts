// The topology panel (one at a time): nodes, pod CIDRs, pods and the flannel backend; policy links
// open the YAML. Re-run when the model changes (while shown), restored after a reload.
import * as vscode from 'vscode';
import type { TopologyResult } from '../../../server/src/protocol/requests';
import { viewTypes } from '../config';
import type { Ctx } from '../ctx';
import { errorMessage, showError } from '../errors';
import { openPolicy } from '../openPolicy';
import type { WebviewHost } from './host';
import { createPanel, hostFor, initPanel } from './panel';

export class TopologyView implements vscode.Disposable {
  private current: { panel: vscode.WebviewPanel; host: WebviewHost } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: Ctx) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(viewTypes.topology, {
        deserializeWebviewPanel: async (panel) => {
          initPanel(this.ctx, panel, 'topology');
          this.adopt(panel);
          await this.run(false);
        },
      }),
    );
  }

  async show(): Promise<TopologyResult | undefined> {
    if (this.current) this.current.panel.reveal(undefined, false);
    else this.adopt(createPanel(this.ctx, 'topology', 'Topology', vscode.ViewColumn.Active));
    return this.run(true);
  }

  private adopt(panel: vscode.WebviewPanel): void {
    const host = hostFor(this.ctx, panel, { openPolicy: ({ policy }) => openPolicy(this.ctx, policy) });
    const current = { panel, host };
    this.current = current;
    this.ctx.followModel(panel, () => void this.run(false));
    panel.onDidDispose(() => {
      if (this.current === current) this.current = undefined;
    });
  }

  private async run(notify: boolean): Promise<TopologyResult | undefined> {
    const view = this.current;
    if (!view) return undefined;
    view.host.busy();
    try {
      const topology = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Reading the topology…' },
        () => this.ctx.topology(),
      );
      if (this.current === view) view.host.show({ type: 'topology', topology });
      return topology;
    } catch (err) {
      if (notify) await showError(this.ctx.output, 'The topology could not be read', err);
      else this.ctx.output.error(`topology: ${errorMessage(err)}`);
      return undefined;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
