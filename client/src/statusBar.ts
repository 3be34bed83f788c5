// The status bar item: the topology at a glance; a click opens the topology view.
import * as vscode from 'vscode';
import type { TopologyResult } from '../../server/src/protocol/requests';
import { errorMessage } from './errors';
import { statusText, statusTooltip } from './status';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'netpolLens.status',
    vscode.StatusBarAlignment.Left,
    10,
  );
  private generation = 0;

  constructor(private readonly topology: () => Promise<TopologyResult>) {
    this.item.name = 'NetworkPolicy Lens';
    this.item.text = '$(sync~spin) NetworkPolicy Lens';
    this.item.command = 'netpolLens.showTopology';
    this.item.show();
  }

  /** Re-reads the topology; answers to older refreshes are ignored. */
  refresh(): void {
    const mine = ++this.generation;
    this.topology().then(
      (t) => {
        if (mine !== this.generation) return;
        this.item.text = `$(type-hierarchy) ${statusText(t)}`;
        this.item.tooltip = statusTooltip(t);
        this.item.command = 'netpolLens.showTopology';
        this.item.backgroundColor = undefined;
      },
      (err: unknown) => {
        if (mine === this.generation) this.failed(`The topology is not available: ${errorMessage(err)}`);
      },
    );
  }

  failed(tooltip: string): void {
    this.item.text = '$(warning) NetworkPolicy Lens';
    this.item.tooltip = tooltip;
    this.item.command = 'netpolLens.showOutput';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  dispose(): void {
    this.item.dispose();
  }
}
