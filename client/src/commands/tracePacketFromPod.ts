// "Trace Packet from this Pod…" / "… from this workload…" (editor context menu on a Pod or a
// Deployment, StatefulSet, … manifest): the source is the object at the cursor; the rest is asked.
import * as vscode from 'vscode';
import { podAtOffset, workloadAtOffset } from '../podAtCursor';
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

export const tracePacketFromWorkload: CommandFactory = () => async () => {
  const editor = vscode.window.activeTextEditor;
  const from =
    editor && workloadAtOffset(editor.document.getText(), editor.document.offsetAt(editor.selection.active));
  if (!from) {
    void vscode.window.showInformationMessage(
      'Place the cursor inside a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob manifest to trace from it.',
    );
    return undefined;
  }
  return vscode.commands.executeCommand('netpolLens.tracePacket', { from });
};
