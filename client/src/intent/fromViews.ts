// The views' "Allow…" / "Deny…" buttons: the matrix, trace and changes webviews ask for a proposal
// (webview request `proposeIntent`); the command previews it. The webview gets its reply at once:
// the preview waits for the user, longer than a webview request may.
import * as vscode from 'vscode';
import type { IntentRequest } from '../../../server/src/protocol/webview';

export function proposeFromView({ action, ...connection }: IntentRequest): Promise<null> {
  void vscode.commands.executeCommand(`netpolLens.${action}Connection`, connection);
  return Promise.resolve(null);
}
