// Explanations as read-only Markdown documents (shown in VS Code's Markdown preview, beside the
// YAML): the most native place for prose. Open explanations refresh when the model changes.
import * as vscode from 'vscode';
import type { ExplainParams, ExplainResult } from '../../../server/src/protocol/requests';
import { ExplainRequestType } from '../../../server/src/protocol/requests';
import { EXPLAIN_SCHEME } from '../config';
import type { Ctx } from '../ctx';
import { errorMessage } from '../errors';
import { explainMarkdown, explainPath, rootPathOf } from './explainMarkdown';

/** The explanation with a link to the line of the YAML where the policy starts. */
function markdownOf(params: ExplainParams, result: ExplainResult): string {
  if (result.line === undefined) return explainMarkdown(result);
  const uri = vscode.Uri.parse(params.uri);
  const label = vscode.workspace.asRelativePath(uri);
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  const rootPath = root && rootPathOf(uri, root);
  const source = { label, line: result.line };
  return explainMarkdown(result, rootPath ? { ...source, rootPath } : source);
}

export class ExplainDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, { params: ExplainParams; markdown: string }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly ctx: Ctx) {
    this.disposables = [
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, this),
      ctx.onModelChanged(() => void this.refreshAll()),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString())?.markdown ?? '# Explanation no longer available\n';
  }

  /**
   * Stores the explanation and opens its preview; returns the document's URI. The document is loaded
   * before the preview opens, so the preview renders the explanation at once.
   */
  async show(params: ExplainParams, result: ExplainResult): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: explainPath(result.policy) });
    this.texts.set(uri.toString(), { params, markdown: markdownOf(params, result) });
    this.changed.fire(uri);
    await vscode.workspace.openTextDocument(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      // Without the built-in Markdown extension, the Markdown source is still readable.
      await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
    return uri;
  }

  private async refreshAll(): Promise<void> {
    for (const [key, entry] of this.texts) {
      try {
        const result = await this.ctx.request(ExplainRequestType, entry.params);
        const markdown = result
          ? markdownOf(entry.params, result)
          : '# This policy is no longer at that place\n';
        if (markdown === entry.markdown) continue;
        this.texts.set(key, { ...entry, markdown });
        this.changed.fire(vscode.Uri.parse(key));
      } catch (err) {
        this.ctx.output.error(`explain: ${errorMessage(err)}`);
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
