// The language client: starts server/out/server.js over stdio for YAML and JSON files (and untitled
// ones). It only adds diagnostics, hovers and the like, so other YAML extensions keep working.
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { OUTPUT_NAME, SECTION } from './config';

const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'untitled', language: 'json' },
];

export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json}');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: SECTION, fileEvents: watcher },
    outputChannel: output,
    traceOutputChannel: output,
    diagnosticCollectionName: 'netpol-lens',
    // The server skips netpolLens.extraTopologyPaths (files outside the workspace) when untrusted.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted }),
  };
  return new LanguageClient(SECTION, OUTPUT_NAME, serverOptions, clientOptions);
}
