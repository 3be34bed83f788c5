// The status bar item: the model at a glance, rendered from the summary each model change carries
// (it never asks the server); a warning while policies are not enforced; a click opens the topology.
import * as vscode from 'vscode';
import type { ModelSummary } from '../../server/src/protocol/requests';
import type { StatusPort } from './modelFeed';
import { statusLook } from './status';

export class StatusBar implements vscode.Disposable, StatusPort {
  private readonly item = vscode.window.createStatusBarItem(
    'netpolLens.status',
    vscode.StatusBarAlignment.Left,
    10,
  );

  constructor() {
    this.item.name = 'NetworkPolicy Lens';
    this.item.text = '$(sync~spin) NetworkPolicy Lens';
    this.item.command = 'netpolLens.showTopology';
    this.item.show();
  }

  show(summary: ModelSummary): void {
    const look = statusLook(summary);
    this.item.text = `${look.warning ? '$(warning)' : '$(type-hierarchy)'} ${look.text}`;
    this.item.tooltip = look.tooltip;
    this.item.command = 'netpolLens.showTopology';
    this.item.backgroundColor = look.warning
      ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
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
