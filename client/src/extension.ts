// Extension entry: builds the context, the views and the command table, starts the language server.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { trackCursorObject } from './cursorContext';
import { ExplainDocuments } from './explain/explainDocuments';
import { Proposals } from './intent/proposals';
import { ChangesView } from './webviews/changesView';
import { MatrixView } from './webviews/matrixView';
import { TopologyView } from './webviews/topologyView';
import { TraceViews } from './webviews/traceView';

let active: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const ctx = new Ctx(context);
  active = ctx;
  const traces = new TraceViews(ctx);
  const services = {
    ctx,
    traces,
    matrix: new MatrixView(ctx, traces),
    topology: new TopologyView(ctx),
    changes: new ChangesView(ctx),
    explain: new ExplainDocuments(ctx),
    proposals: new Proposals(ctx),
  };
  context.subscriptions.push(
    services.traces,
    services.matrix,
    services.topology,
    services.changes,
    services.explain,
    services.proposals,
    ...registerCommands(services),
    trackCursorObject(),
    // Trusting the workspace lifts the limits (netpolLens.extraTopologyPaths): restart to apply.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void ctx.restart()),
  );
  // Failures are reported by start() itself (notification + status bar).
  ctx.start().catch(() => undefined);
}

export function deactivate(): Promise<void> | undefined {
  const ctx = active;
  active = undefined;
  return ctx?.stop();
}
