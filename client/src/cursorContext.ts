// Keeps the `netpolLens.cursorOnPod` context key in step with the cursor, so the editor's context
// menu offers "Trace Packet from this Pod…" only inside a Pod manifest.
import * as vscode from 'vscode';
import { CURSOR_ON_POD } from './config';
import { podAtOffset } from './podAtCursor';

const DEBOUNCE_MS = 120;

export function trackCursorOnPod(): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: boolean | undefined;
  const update = (): void => {
    const editor = vscode.window.activeTextEditor;
    const onPod =
      !!editor &&
      editor.document.languageId === 'yaml' &&
      podAtOffset(editor.document.getText(), editor.document.offsetAt(editor.selection.active)) !== undefined;
    if (onPod === last) return;
    last = onPod;
    void vscode.commands.executeCommand('setContext', CURSOR_ON_POD, onPod);
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
