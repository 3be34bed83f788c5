// Helpers for the extension-host suite: polling, the workspace under test, and the CLI as the oracle
// the editor must agree with.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { cliPath } from '../../helpers/paths';

export const EXTENSION_ID = 'netpol-lens.netpol-lens';

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Polls `fn` every 100 ms until it returns a truthy value; fails with `what` after `ms`. */
export async function waitFor<T>(what: string, fn: () => T | Promise<T>, ms = 30_000): Promise<Truthy<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as Truthy<T>;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder (a copy of samples/)');
  return folder.uri.fsPath;
}

export async function openFile(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(path.join(workspaceDir(), name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Runs the built CLI and parses its JSON output (exit 1 only means "errors found"). */
export function cliJson<T>(args: string[]): T {
  const r = spawnSync(process.execPath, [cliPath, ...args, '--format', 'json'], {
    encoding: 'utf8',
    // inside desktop VS Code (test-electron) process.execPath is Electron: make it behave as Node
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`netpol-lens ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/**
 * CLI `check` on a copy of the workspace with some files replaced (e.g. by an editor's unsaved
 * text), with the paths in files and messages made relative to the workspace.
 */
export function checkWorkspace<T extends { file: string; message: string }>(
  overrides: Record<string, string> = {},
): T[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-exthost-'));
  try {
    const copy = path.join(dir, 'workspace');
    fs.cpSync(workspaceDir(), copy, { recursive: true });
    for (const [name, text] of Object.entries(overrides)) fs.writeFileSync(path.join(copy, name), text);
    const strip = (text: string) => text.replaceAll(`${copy}${path.sep}`, '');
    return cliJson<T[]>(['check', copy]).map((f) => ({
      ...f,
      file: strip(f.file),
      message: strip(f.message),
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const ourDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'netpol-lens');

/** A diagnostic's message with the workspace's URI prefix removed, as the CLI run inside it words it. */
export const relativeMessage = (d: vscode.Diagnostic): string =>
  d.message.replaceAll(`${vscode.Uri.file(workspaceDir()).toString()}/`, '');

export const codeOf = (d: vscode.Diagnostic): string =>
  String(typeof d.code === 'object' ? d.code.value : (d.code ?? ''));

export function hoverMarkdown(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** Every open tab whose input is a webview, with its label. */
export const webviewTabs = (): vscode.Tab[] =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
