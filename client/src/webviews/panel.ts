// Creating webview panels the same way for every view: scripts on, resources only from media/,
// the static page with a fresh nonce, and a message host bound to the panel's lifetime.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ViewKind } from '../../../server/src/protocol/webview';
import { viewTypes } from '../config';
import type { Ctx } from '../ctx';
import type { Handlers, HostLog, PanelPort } from './host';
import { WebviewHost } from './host';
import { makeNonce, webviewHtml } from './html';

const PAGE_TITLES: Record<ViewKind, string> = {
  trace: 'Packet trace',
  matrix: 'Reachability matrix',
  topology: 'Topology',
  changes: 'Reachability changes',
};

function panelOptions(ctx: Ctx): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [ctx.mediaRoot], enableFindWidget: true };
}

export function createPanel(
  ctx: Ctx,
  view: ViewKind,
  title: string,
  column: vscode.ViewColumn,
  preserveFocus = false,
): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(
    viewTypes[view],
    title,
    { viewColumn: column, preserveFocus },
    panelOptions(ctx),
  );
  initPanel(ctx, panel, view);
  return panel;
}

/** Sets options, icon and page of a new or restored (deserialised) panel. */
export function initPanel(ctx: Ctx, panel: vscode.WebviewPanel, view: ViewKind): void {
  const media = ctx.mediaRoot;
  const webview = panel.webview;
  webview.options = panelOptions(ctx);
  panel.iconPath = vscode.Uri.joinPath(media, 'icon.png');
  const asUri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(media, ...p)).toString();
  webview.html = webviewHtml({
    view,
    cspSource: webview.cspSource,
    nonce: makeNonce((n) => randomBytes(n)),
    script: asUri('out', `${view}.js`),
    styles: [asUri('common.css'), asUri(`${view}.css`)],
    title: PAGE_TITLES[view],
  });
}

export function portOf(panel: vscode.WebviewPanel): PanelPort {
  return {
    postMessage: (m) => panel.webview.postMessage(m),
    onDidReceiveMessage: (listener) => panel.webview.onDidReceiveMessage(listener),
  };
}

export function hostFor(ctx: Ctx, panel: vscode.WebviewPanel, handlers: Handlers): WebviewHost {
  const log: HostLog = { warn: (m) => ctx.output.warn(m), error: (m) => ctx.output.error(m) };
  const host = new WebviewHost(portOf(panel), handlers, log);
  panel.onDidDispose(() => host.dispose());
  return host;
}

/** The editor column to open files in from a webview: beside the views, where the text editors are. */
export function editorColumn(): vscode.ViewColumn {
  return vscode.window.visibleTextEditors[0]?.viewColumn ?? vscode.ViewColumn.One;
}
