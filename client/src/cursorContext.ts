// Keeps the `netpolLens.cursorOnPod` / `cursorOnWorkload` / `cursorOnService` / `cursorOnPolicy`
// context keys in step with the cursor, so the editor's context menu offers "Trace Packet from this
// Pod…" only inside a Pod manifest, "… from this workload…" inside a Deployment (or another
// controller), "Trace Packet to this Service…" inside a Service, and "Explain Policy" only inside a
// NetworkPolicy.
import * as vscode from 'vscode';
import { CURSOR_ON_POD, CURSOR_ON_POLICY, CURSOR_ON_SERVICE, CURSOR_ON_WORKLOAD } from './config';
import type { DocumentSpan } from './podAtCursor';
import { isWorkloadKind } from '../../server/src/protocol/workloadKinds';
import { documentSpans, objectAt } from './podAtCursor';

const DEBOUNCE_MS = 120;

export function trackCursorObject(): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: string | undefined = '';
  // The document as last parsed: moving the cursor does not parse it again, editing it does.
  let parsed: { document: vscode.TextDocument; version: number; spans: DocumentSpan[] } | undefined;
  const kindAtCursor = (): string | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'yaml') return undefined;
    const { document } = editor;
    if (parsed?.document !== document || parsed.version !== document.version)
      parsed = { document, version: document.version, spans: documentSpans(document.getText()) };
    return objectAt(parsed.spans, document.offsetAt(editor.selection.active))?.kind;
  };
  const update = (): void => {
    const kind = kindAtCursor();
    if (kind === last) return;
    last = kind;
    void vscode.commands.executeCommand('setContext', CURSOR_ON_POD, kind === 'Pod');
    void vscode.commands.executeCommand('setContext', CURSOR_ON_WORKLOAD, isWorkloadKind(kind));
    void vscode.commands.executeCommand('setContext', CURSOR_ON_POLICY, kind === 'NetworkPolicy');
    void vscode.commands.executeCommand('setContext', CURSOR_ON_SERVICE, kind === 'Service');
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  };
  const subscriptions = [
    vscode.window.onDidChangeTextEditorSelection(schedule),
    vscode.window.onDidChangeActiveTextEditor(schedule),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (parsed?.document === d) parsed = undefined;
    }),
  ];
  schedule();
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    for (const d of subscriptions) d.dispose();
  });
}
