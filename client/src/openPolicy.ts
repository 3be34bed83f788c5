// Opens a policy's YAML at its definition (from a webview link or a quick pick).
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import type { PolicyLocation } from './locations';
import { policyLocation } from './locations';
import { editorColumn } from './webviews/panel';

/** The document a policy location names (a URI string or a file path). */
export function policyUri(location: PolicyLocation): vscode.Uri {
  return location.isUri ? vscode.Uri.parse(location.file, true) : vscode.Uri.file(location.file);
}

export async function openPolicy(ctx: Ctx, key: string): Promise<null> {
  const location = policyLocation(await ctx.topology(), key);
  if (!location) throw new Error(`${key} is not defined in the workspace any more`);
  const at = new vscode.Position(location.line, 0);
  await vscode.window.showTextDocument(policyUri(location), {
    selection: new vscode.Range(at, at),
    viewColumn: editorColumn(),
    preview: false,
  });
  return null;
}
