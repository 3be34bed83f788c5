// NetworkPolicy Lens: Open Sample (walkthrough) — the demo (web/backend/db, the article's scenario
// with its two broken policies) or, with the argument "shop", the realistic application. In a
// workspace that has it (samples/<name>/, or the sample itself), its first file opens; otherwise a
// copy of the bundled sample is made in the extension's storage (so edits never touch the installed
// extension) and opened as the workspace folder.
import * as vscode from 'vscode';
import type { CommandFactory } from './services';

interface Sample {
  /** The folder under samples/. */
  dir: string;
  /** The file opened first, relative to the sample's folder. */
  start: string;
  /** What the folder holds, for the offer to open it. */
  words: string;
}

const SAMPLES: Record<'seed' | 'shop', Sample> = {
  seed: {
    dir: 'seed',
    start: 'seed-policies-as-written.yaml',
    words: 'The demo (web, backend and db pods on two flannel nodes)',
  },
  shop: {
    dir: 'shop',
    start: 'policies/storefront.yaml',
    words: 'The shop (13 Deployments in 4 namespaces on three nodes)',
  },
};

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function inWorkspace(sample: Sample): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const candidate of [
      vscode.Uri.joinPath(folder.uri, 'samples', sample.dir, sample.start),
      vscode.Uri.joinPath(folder.uri, sample.start),
    ]) {
      if (await exists(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Copies the YAML files of `from` (and its subfolders) that `to` does not have yet. */
async function copyMissing(from: vscode.Uri, to: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.createDirectory(to);
  for (const [name, type] of await vscode.workspace.fs.readDirectory(from)) {
    const [source, target] = [vscode.Uri.joinPath(from, name), vscode.Uri.joinPath(to, name)];
    if (type === vscode.FileType.Directory) await copyMissing(source, target);
    else if (name.endsWith('.yaml') && !(await exists(target)))
      await vscode.workspace.fs.copy(source, target);
  }
}

export const openSample: CommandFactory = (s) => async (which?: unknown) => {
  const sample = which === 'shop' ? SAMPLES.shop : SAMPLES.seed;
  const here = await inWorkspace(sample);
  if (here) return vscode.window.showTextDocument(here, { preview: false });
  const target = vscode.Uri.joinPath(
    s.ctx.extension.globalStorageUri,
    sample.dir === 'seed' ? 'sample' : 'shop',
  );
  await copyMissing(vscode.Uri.joinPath(s.ctx.extension.extensionUri, 'samples', sample.dir), target);
  const choice = await vscode.window.showInformationMessage(
    `${sample.words} was copied to its own folder. Open that folder?`,
    'Open Folder',
  );
  if (choice === 'Open Folder')
    await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
  return undefined;
};
