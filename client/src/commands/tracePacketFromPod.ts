// "Trace Packet from this Pod…" (editor context menu on a Pod manifest): the source is the Pod at
// the cursor; the rest is asked.
import * as vscode from 'vscode';
import { podAtOffset } from '../podAtCursor';
import type { CommandFactory } from './services';

export const tracePacketFromPod: CommandFactory = () => async () => {
  const editor = vscode.window.activeTextEditor;
  const from =
    editor && podAtOffset(editor.document.getText(), editor.document.offsetAt(editor.selection.active));
  if (!from) {
    void vscode.window.showInformationMessage('Place the cursor inside a Pod manifest to trace from it.');
    return undefined;
  }
  return vscode.commands.executeCommand('netpolLens.tracePacket', { from });
};
