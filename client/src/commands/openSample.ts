// NetworkPolicy Lens: Open Sample (walkthrough) — the seed's web/backend/db scenario. In a workspace
// that has it (samples/seed/), the broken policy file opens; otherwise a copy of the bundled sample is
// made in the extension's storage (so edits never touch the installed extension) and opened as
// the workspace folder.
import * as vscode from 'vscode';
import type { CommandFactory } from './services';

/** The demo folder: the cluster, and the broken policies the user fixes with the two quick fixes. */
const SAMPLE_FILES = ['cluster.yaml', 'pods.yaml', 'seed-policies-as-written.yaml'];
const START_FILE = 'seed-policies-as-written.yaml';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function inWorkspace(): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const candidate of [
      vscode.Uri.joinPath(folder.uri, 'samples', 'seed', START_FILE),
      vscode.Uri.joinPath(folder.uri, START_FILE),
    ]) {
      if (await exists(candidate)) return candidate;
    }
  }
  return undefined;
}

export const openSample: CommandFactory = (s) => async () => {
  const here = await inWorkspace();
  if (here) return vscode.window.showTextDocument(here, { preview: false });
  const source = vscode.Uri.joinPath(s.ctx.extension.extensionUri, 'samples', 'seed');
  const target = vscode.Uri.joinPath(s.ctx.extension.globalStorageUri, 'sample');
  await vscode.workspace.fs.createDirectory(target);
  for (const name of SAMPLE_FILES) {
    const to = vscode.Uri.joinPath(target, name);
    if (!(await exists(to))) await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, name), to);
  }
  const choice = await vscode.window.showInformationMessage(
    'The sample (web, backend and db pods on two flannel nodes) was copied to its own folder. Open that folder?',
    'Open Folder',
  );
  if (choice === 'Open Folder')
    await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
  return undefined;
};
