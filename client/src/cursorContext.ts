// Keeps the `netpolLens.cursorOnPod` / `netpolLens.cursorOnPolicy` context keys in step with the
// cursor, so the editor's context menu offers "Trace Packet from this Pod…" only inside a Pod
// manifest and "Explain Policy" only inside a NetworkPolicy.
import * as vscode from 'vscode';
import { CURSOR_ON_POD, CURSOR_ON_POLICY } from './config';
import { objectAtOffset } from './podAtCursor';

const DEBOUNCE_MS = 120;

function kindAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'yaml') return undefined;
  return objectAtOffset(editor.document.getText(), editor.document.offsetAt(editor.selection.active))?.kind;
}

export function trackCursorObject(): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: string | undefined = '';
  const update = (): void => {
    const kind = kindAtCursor();
    if (kind === last) return;
    last = kind;
    void vscode.commands.executeCommand('setContext', CURSOR_ON_POD, kind === 'Pod');
    void vscode.commands.executeCommand('setContext', CURSOR_ON_POLICY, kind === 'NetworkPolicy');
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  };
  const subscriptions = [
    vscode.window.onDidChangeTextEditorSelection(schedule),
    vscode.window.onDidChangeActiveTextEditor(schedule),
  ];
  schedule();
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    for (const d of subscriptions) d.dispose();
  });
}
