// Initialisation and the workspace-level notifications: what the client supports, the capabilities
// the server announces, settings (pulled with workspace/configuration), file watchers, workspace
// folders. Indexing starts once the client is initialised and the settings are known.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type {
  ClientCapabilities,
  Connection,
  DidChangeConfigurationParams,
  Disposable,
  FileSystemWatcher,
  InitializeParams,
  InitializeResult,
  WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import path from 'node:path';
import { FIX_ALL_KIND } from './codeActions';
import { ISOLATE_KIND, TIGHTEN_KIND } from './intentActions';
import type { Indexer, Progress } from './indexer';
import type { ErrorLog } from './log';
import { parseSettings, sameSources, SETTINGS_SECTION } from './settings';
import type { Settings } from './settings';
import type { ServerState } from './state';
import { pathToUri, uriToPath } from './uris';
import type { Validator } from './validation';

const MANIFEST_GLOB = '**/*.{yaml,yml,json}';

export function serverCapabilities(): InitializeResult['capabilities'] {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    completionProvider: { triggerCharacters: [':'] },
    codeActionProvider: {
      codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, ISOLATE_KIND, TIGHTEN_KIND],
    },
    codeLensProvider: { resolveProvider: false },
    documentSymbolProvider: true,
    definitionProvider: true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

export class Lifecycle {
  private capabilities: ClientCapabilities = {};
  private initOptions: unknown;
  private watcher: Promise<Disposable> | undefined;
  private indexed: () => void = () => {};
  /** Settles when the first full index has ended: whole-cluster requests wait for it. */
  readonly ready = new Promise<void>((resolve) => (this.indexed = resolve));

  constructor(
    private readonly connection: Connection,
    private readonly state: ServerState,
    private readonly validator: Validator,
    private readonly indexer: Indexer,
    private readonly log: ErrorLog,
  ) {}

  initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    this.initOptions = params.initializationOptions;
    this.state.folders = foldersOf(params);
    return { capabilities: serverCapabilities(), serverInfo: { name: 'netpol-lens' } };
  }

  async initialized(): Promise<void> {
    const ws = this.capabilities.workspace;
    if (ws?.didChangeConfiguration?.dynamicRegistration)
      await this.connection.client.register(DidChangeConfigurationNotification.type, {
        section: SETTINGS_SECTION,
      });
    if (ws?.workspaceFolders)
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => void this.foldersChanged(e));
    this.state.applySettings(await this.readSettings(undefined));
    this.registerWatchers();
    try {
      await this.indexer.indexAll();
    } finally {
      this.indexed();
    }
  }

  async configurationChanged(params: DidChangeConfigurationParams): Promise<void> {
    const previous = this.state.settings;
    this.state.applySettings(await this.readSettings(params.settings));
    if (sameSources(previous, this.state.settings)) return this.validator.refreshDependents();
    this.registerWatchers();
    return this.indexer.indexAll();
  }

  /** Work-done progress created by the server, or a silent reporter when the client has none. */
  async startProgress(title: string): Promise<Progress> {
    if (!this.capabilities.window?.workDoneProgress) return { report() {}, done() {} };
    try {
      const reporter = await this.connection.window.createWorkDoneProgress();
      reporter.begin(title, 0, undefined, false);
      let shown = -1;
      return {
        // One notification per percent, not per file: a large workspace would flood the client.
        report: (done, total) => {
          const percent = Math.floor((done / Math.max(total, 1)) * 100);
          if (percent === shown) return;
          shown = percent;
          reporter.report(percent, `${done}/${total} files`);
        },
        done: () => reporter.done(),
      };
    } catch (err) {
      this.log('work-done progress unavailable', err);
      return { report() {}, done() {} };
    }
  }

  private async foldersChanged(e: WorkspaceFoldersChangeEvent): Promise<void> {
    const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
    const added = e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    this.state.folders = [...this.state.folders.filter((p) => !removed.has(p)), ...added];
    this.registerWatchers();
    await this.indexer.foldersChanged();
  }

  /** In an untrusted workspace (the client says so) nothing outside the workspace folders is read. */
  private async readSettings(pushed: unknown): Promise<Settings> {
    const settings = parseSettings(await this.fetchSettings(pushed));
    const trusted = !isRecord(this.initOptions) || this.initOptions['workspaceTrusted'] !== false;
    return trusted ? settings : { ...settings, extraTopologyPaths: [] };
  }

  private async fetchSettings(pushed: unknown): Promise<unknown> {
    if (this.capabilities.workspace?.configuration) {
      try {
        return await this.connection.workspace.getConfiguration(SETTINGS_SECTION);
      } catch (err) {
        this.log('reading the netpolLens settings failed', err);
      }
    }
    const source = pushed ?? this.initOptions;
    return isRecord(source) && SETTINGS_SECTION in source ? source[SETTINGS_SECTION] : source;
  }

  /** Watches the manifests of the folders, and of the extra paths when the client takes relative patterns. */
  private registerWatchers(): void {
    const caps = this.capabilities.workspace?.didChangeWatchedFiles;
    if (!caps?.dynamicRegistration) return;
    const watchers: FileSystemWatcher[] = [{ globPattern: MANIFEST_GLOB }];
    if (caps.relativePatternSupport)
      for (const p of this.state.settings.extraTopologyPaths.filter((x) => path.isAbsolute(x)))
        watchers.push({ globPattern: { baseUri: pathToUri(p), pattern: MANIFEST_GLOB } });
    const previous = this.watcher;
    this.watcher = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    void previous?.then((d) => d.dispose()).catch((err: unknown) => this.log('watcher', err));
    this.watcher.catch((err: unknown) => this.log('registering file watchers failed', err));
  }
}

/** Workspace folders as file-system paths (non-`file:` folders cannot be read and are left out). */
function foldersOf(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.map(uriToPath).filter((p): p is string => p !== undefined);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
