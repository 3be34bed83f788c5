// "Trace Packet to this Service…" (editor context menu on a Service manifest): the destination is the
// Service at the cursor, by its DNS name, so the trace shows the lookup and kube-proxy's DNAT; the
// source, protocol and port are asked.
import * as vscode from 'vscode';
import { serviceAtOffset } from '../podAtCursor';
import type { CommandFactory } from './services';

export const tracePacketToService: CommandFactory = () => async () => {
  const editor = vscode.window.activeTextEditor;
  const to =
    editor && serviceAtOffset(editor.document.getText(), editor.document.offsetAt(editor.selection.active));
  if (!to) {
    void vscode.window.showInformationMessage('Place the cursor inside a Service manifest to trace to it.');
    return undefined;
  }
  return vscode.commands.executeCommand('netpolLens.tracePacket', { to });
};
