// The reachability matrix panel (one at a time): hovering a cell asks the server why, clicking it
// opens that pair's trace; re-run when the model changes, restored after a reload.
import * as vscode from 'vscode';
import type { MatrixParams, MatrixResult } from '../../../server/src/protocol/requests';
import { MatrixCellRequestType, MatrixRequestType } from '../../../server/src/protocol/requests';
import { parseMatrixViewState } from '../../../media/src/protocol';
import { viewTypes } from '../config';
import type { Ctx } from '../ctx';
import { errorMessage, showError } from '../errors';
import type { WebviewHost } from './host';
import { createPanel, hostFor, initPanel } from './panel';

const matrixTitle = (p: MatrixParams): string => `Reachability: ${p.protocol} ${p.port}`;

export class MatrixView implements vscode.Disposable {
  private current: { panel: vscode.WebviewPanel; host: WebviewHost; params: MatrixParams } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: Ctx) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(viewTypes.matrix, {
        deserializeWebviewPanel: async (panel, state) => {
          const saved = parseMatrixViewState(state);
          if (!saved) return panel.dispose();
          initPanel(this.ctx, panel, 'matrix');
          this.adopt(panel, { port: saved.port, protocol: saved.protocol });
          await this.run(vscode.ProgressLocation.Window);
        },
      }),
    );
  }

  async show(params: MatrixParams): Promise<MatrixResult | undefined> {
    if (this.current) {
      this.current.params = params;
      this.current.panel.reveal(undefined, false);
    } else {
      this.adopt(createPanel(this.ctx, 'matrix', matrixTitle(params), vscode.ViewColumn.Active), params);
    }
    return this.run(vscode.ProgressLocation.Notification);
  }

  private adopt(panel: vscode.WebviewPanel, params: MatrixParams): void {
    const host = hostFor(this.ctx, panel, {
      matrixCell: ({ from, to }) =>
        this.ctx.request(MatrixCellRequestType, { ...this.paramsNow(params), from, to }),
      openTrace: async ({ from, to }) => {
        await vscode.commands.executeCommand('netpolLens.tracePacket', {
          from,
          to,
          ...this.paramsNow(params),
        });
        return null;
      },
    });
    const current = { panel, host, params };
    this.current = current;
    this.ctx.followModel(panel, () => void this.run(vscode.ProgressLocation.Window));
    panel.onDidDispose(() => {
      if (this.current === current) this.current = undefined;
    });
  }

  private paramsNow(fallback: MatrixParams): MatrixParams {
    return this.current?.params ?? fallback;
  }

  private async run(location: vscode.ProgressLocation): Promise<MatrixResult | undefined> {
    const view = this.current;
    if (!view) return undefined;
    const { params } = view;
    view.panel.title = matrixTitle(params);
    view.host.busy();
    try {
      const matrix = await vscode.window.withProgress(
        { location, title: `Computing reachability for ${params.protocol} ${params.port}…` },
        () => this.ctx.request(MatrixRequestType, params),
      );
      if (this.current === view && view.params === params) view.host.show({ type: 'matrix', matrix });
      return matrix;
    } catch (err) {
      // Re-runs after a model change only log; the command the user ran gets a notification.
      if (location === vscode.ProgressLocation.Notification)
        await showError(this.ctx.output, 'The reachability matrix could not be computed', err);
      else this.ctx.output.error(`reachability matrix: ${errorMessage(err)}`);
      return undefined;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
