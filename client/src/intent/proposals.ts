// Shows a proposal before it is applied, as a reviewer expects it: the diff editor of each file
// (the file now ↔ the file as proposed, read-only) and, beside it, a quick pick that lists the
// intended change first, then every other change, the wider-selector warning with the narrower
// choice, and Apply. Applying is an ordinary WorkspaceEdit (one Undo reverts it); the server's edit
// is versioned, so a document changed since the proposal refuses it.
import * as vscode from 'vscode';
import type { IntentProposal, IntentResult } from '../../../server/src/protocol/requests';
import type { Ctx } from '../ctx';
import { isUriString } from '../locations';
import { editorColumn } from '../webviews/panel';
import { cutGroups } from './cutGroups';
import { previewRows } from './previewItems';
import type { PreviewAction, PreviewChoice } from './previewItems';

export const PROPOSAL_SCHEME = 'netpol-lens-proposal';

type Row = vscode.QuickPickItem & { action?: PreviewAction };

export class Proposals implements vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration: vscode.Disposable;
  private shown = 0;
  /** The text editors' column: diffs and the edited file open there, the views stay in view. */
  private column: vscode.ViewColumn = vscode.ViewColumn.One;

  constructor(private readonly ctx: Ctx) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, {
      onDidChange: this.changed.event,
      provideTextDocumentContent: (uri) => this.texts.get(uri.toString()) ?? '',
    });
  }

  /** Previews a successful result; resolves to true when the user applied it. */
  async review(result: Extract<IntentResult, { ok: true }>): Promise<boolean> {
    let choice: PreviewChoice = result.narrower
      ? { shown: result.proposal, alternative: { proposal: result.narrower, narrower: true } }
      : { shown: result.proposal };
    if (result.cut) choice.isolation = true;
    if (result.kept?.length) choice.kept = cutGroups(result.kept, await this.ctx.topology());
    this.column = editorColumn();
    for (;;) {
      await this.openDiff(choice.shown, choice.shown.files[0]?.uri);
      const action = await this.ask(choice);
      if (action?.kind === 'switch' && choice.alternative) {
        const back = { proposal: choice.shown, narrower: !choice.alternative.narrower };
        choice = { shown: choice.alternative.proposal, alternative: back };
      } else if (action?.kind === 'diff') await this.openDiff(choice.shown, action.uri);
      else if (action?.kind === 'apply') return this.apply(choice.shown);
      else {
        await this.closeDiffs();
        return false;
      }
    }
  }

  private ask(choice: PreviewChoice): Promise<PreviewAction | undefined> {
    const qp = vscode.window.createQuickPick<Row>();
    qp.title = `Preview: ${choice.shown.title}`;
    qp.placeholder = 'The intended change first, then every other change; the diff editor shows the YAML';
    qp.ignoreFocusOut = true;
    qp.matchOnDescription = true;
    qp.items = previewRows(choice, fileName).flatMap((r): Row[] => {
      const row: Row = { label: r.label, action: r.action };
      if (r.description) row.description = r.description;
      if (r.detail) row.detail = r.detail;
      return r.section ? [{ label: r.section, kind: vscode.QuickPickItemKind.Separator }, row] : [row];
    });
    qp.activeItems = qp.items.filter((i) => i.action?.kind === 'apply');
    return new Promise((resolve) => {
      const subscriptions = [
        qp.onDidAccept(() => {
          const action = qp.selectedItems[0]?.action;
          if (!action || action.kind === 'info') return;
          resolve(action);
          qp.hide();
        }),
        qp.onDidHide(() => {
          resolve(undefined);
          subscriptions.forEach((d) => d.dispose());
          qp.dispose();
        }),
      ];
      qp.show();
    });
  }

  private async openDiff(p: IntentProposal, uri: string | undefined): Promise<void> {
    const file = p.files.find((f) => f.uri === uri);
    if (!file) return;
    const original = toUri(file.uri);
    const proposed = vscode.Uri.from({
      scheme: PROPOSAL_SCHEME,
      path: original.path,
      query: `${++this.shown}`,
    });
    this.texts.set(proposed.toString(), file.text);
    this.changed.fire(proposed);
    await vscode.commands.executeCommand(
      'vscode.diff',
      original,
      proposed,
      `${fileName(file.uri)} ↔ proposed`,
      {
        preview: true,
        preserveFocus: true,
        viewColumn: this.column,
      },
    );
  }

  private async apply(p: IntentProposal): Promise<boolean> {
    const client = await this.ctx.start();
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(p.edit);
    const applied = await vscode.workspace.applyEdit(edit);
    const files = p.files.map((f) => toUri(f.uri));
    if (applied) await this.showEdited(edit, files);
    // Last: once the diffs are gone, the edited files are open and the first one has the focus.
    await this.closeDiffs();
    if (!applied)
      void vscode.window.showWarningMessage(
        `${p.title}: the files changed since the proposal was made. Run the command again.`,
      );
    return applied;
  }

  /**
   * Opens every edited file in an editor at its first edit, the first file last (active, focused).
   * "File: Save All" saves the dirty files of editors only, and VS Code opens a file edited in the
   * background in an editor only 800 ms after it turns dirty: a Save All before that left it unsaved.
   */
  private async showEdited(edit: vscode.WorkspaceEdit, [first, ...others]: vscode.Uri[]): Promise<void> {
    const at = (uri: vscode.Uri): { selection?: vscode.Range } => {
      const start = edit
        .get(uri)
        .map((e) => e.range.start)
        .sort((a, b) => a.compareTo(b))[0];
      return start ? { selection: new vscode.Range(start, start) } : {};
    };
    for (const uri of others)
      await vscode.window.showTextDocument(uri, {
        preview: false,
        preserveFocus: true,
        viewColumn: this.column,
        ...at(uri),
      });
    if (first)
      await vscode.window.showTextDocument(first, { preview: false, viewColumn: this.column, ...at(first) });
  }

  /** Closes the diff editors of proposals (their right side is a proposal that is gone). */
  private async closeDiffs(): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const ours = tabs.filter(
      (t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === PROPOSAL_SCHEME,
    );
    if (ours.length) await vscode.window.tabGroups.close(ours);
    this.texts.clear();
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

function toUri(uri: string): vscode.Uri {
  return isUriString(uri) ? vscode.Uri.parse(uri, true) : vscode.Uri.file(uri);
}

function fileName(uri: string): string {
  return vscode.workspace.asRelativePath(toUri(uri), false);
}
