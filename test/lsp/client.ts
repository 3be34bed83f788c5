// A small LSP client for the protocol tests: starts the BUILT server (`node server/out/server.js
// --stdio`) with VS Code-like capabilities, answers its requests (configuration, registrations,
// progress), records what it publishes, and offers typed helpers. Waits poll with a timeout; no
// fixed sleeps.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeLensRefreshRequest,
  CodeLensRequest,
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities,
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FileEvent,
  Hover,
  InitializeResult,
  Location,
  Position,
  ProtocolConnection,
  PublishDiagnosticsParams,
  Range,
  Registration,
  TextDocumentContentChangeEvent,
  CodeLens,
  SnippetTextEdit,
  TextEdit,
} from 'vscode-languageserver-protocol/node';
import { ModelChangedNotificationType } from '../../server/src/protocol/requests';
import type { ModelChangedParams } from '../../server/src/protocol/requests';
import { fixedSeedFile, samplesDir, serverPath } from '../helpers/paths';

export const DEFAULT_TIMEOUT = 10_000;

export const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    workspaceEdit: { documentChanges: true },
  },
  window: { workDoneProgress: true },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    completion: { completionItem: { snippetSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

export interface StartOptions {
  /** Workspace folders (file-system paths); none for a server without a workspace. */
  folders?: string[];
  /** The `netpolLens` settings answered to workspace/configuration. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
}

export interface ProgressEvent {
  token: string | number;
  kind: 'begin' | 'report' | 'end';
  at: number;
}

export class LspClient {
  readonly publications: PublishDiagnosticsParams[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly registrations: Registration[] = [];
  readonly logs: string[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  /** Versions sent with netpol/modelChanged. */
  readonly modelVersions: number[] = [];
  /** Every netpol/modelChanged, as sent. */
  readonly modelChanges: ModelChangedParams[] = [];
  /** Arrival order of progress ends, model changes and CodeLens refresh requests. */
  readonly events: ('indexed' | 'modelChanged' | 'codeLensRefresh')[] = [];
  settings: Record<string, unknown>;
  result!: InitializeResult;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private exitCode: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    this.exitCode = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    // NETPOL_LSP_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=prof") profiles the server under test.
    const nodeArgs = (process.env['NETPOL_LSP_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new LspClient(child, connection, options.settings ?? {});
    client.listen();
    const folders = (options.folders ?? []).map((f) => ({ uri: uriOf(f), name: path.basename(f) }));
    client.result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders,
      capabilities: options.capabilities ?? CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private listen(): void {
    const c = this.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.publications.push(p);
    });
    c.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
    });
    c.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => this.settings));
    c.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      c.onProgress(WorkDoneProgress.type, token, (value) => {
        this.progress.push({ token, kind: value.kind, at: Date.now() });
        if (value.kind === 'end') this.events.push('indexed');
      });
    });
    c.onNotification(ModelChangedNotificationType, (p) => {
      this.modelVersions.push(p.version);
      this.modelChanges.push(p);
      this.events.push('modelChanged');
    });
    c.onRequest(CodeLensRefreshRequest.type, () => {
      this.events.push('codeLensRefresh');
    });
    c.onUnhandledNotification((m) => {
      this.notifications.push({ method: m.method, params: m.params });
    });
    this.child.stderr!.on('data', (d: Buffer) => {
      this.logs.push(d.toString());
    });
    c.listen();
  }

  /** Opens a document with the text on disk (or the given text). */
  async open(file: string, text?: string, languageId = 'yaml'): Promise<string> {
    const uri = uriOf(file);
    const content = text ?? fs.readFileSync(file, 'utf8');
    this.versions.set(uri, 1);
    this.texts.set(uri, content);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text: content },
    });
    return uri;
  }

  /** Sends changes (incremental ranges or a full text); returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  /** Replaces the whole text. */
  async setText(uri: string, text: string): Promise<number> {
    this.texts.set(uri, text);
    return this.change(uri, [{ text }]);
  }

  textOf(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  versionOf(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /** The diagnostics of the latest publication for `uri`, or undefined when none came yet. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.publications.length - 1; i >= 0; i--)
      if (this.publications[i]!.uri === uri) return this.publications[i];
    return undefined;
  }

  /** Waits until the latest publication for `uri` satisfies `predicate`. */
  async waitForDiagnostics(
    uri: string,
    predicate: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean = () => true,
    timeout = DEFAULT_TIMEOUT,
  ): Promise<Diagnostic[]> {
    let last: PublishDiagnosticsParams | undefined;
    await this.waitFor(
      () => {
        last = this.latest(uri);
        return last !== undefined && predicate(last.diagnostics, last);
      },
      timeout,
      () => `diagnostics for ${uri}; latest: ${JSON.stringify(last?.diagnostics.map(brief))}`,
    );
    return last!.diagnostics;
  }

  async waitFor(
    condition: () => boolean,
    timeout = DEFAULT_TIMEOUT,
    what: () => string = () => 'condition',
  ): Promise<void> {
    const start = Date.now();
    while (!condition()) {
      if (Date.now() - start > timeout)
        throw new Error(`timed out after ${timeout} ms waiting for ${what()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Resolves when the server reported the end of a work-done progress (indexing finished). */
  async waitForIndexed(timeout = DEFAULT_TIMEOUT): Promise<void> {
    await this.waitFor(
      () => this.progress.some((p) => p.kind === 'end'),
      timeout,
      () => 'indexing to end',
    );
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const r: CompletionItem[] | CompletionList | null = await this.connection.sendRequest(
      CompletionRequest.type,
      {
        textDocument: { uri },
        position,
      },
    );
    return Array.isArray(r) ? r : (r?.items ?? []);
  }

  async codeActions(
    uri: string,
    range: Range,
    diagnostics: Diagnostic[],
    only?: string[],
  ): Promise<CodeAction[]> {
    const r = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: only ? { diagnostics, only } : { diagnostics },
    });
    return (r ?? []) as CodeAction[];
  }

  async codeLenses(uri: string): Promise<CodeLens[]> {
    return (await this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
  }

  async symbols(uri: string): Promise<DocumentSymbol[]> {
    return ((await this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ??
      []) as DocumentSymbol[];
  }

  async definition(uri: string, position: Position): Promise<Location[]> {
    const r = await this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position });
    return (Array.isArray(r) ? r : r ? [r] : []) as Location[];
  }

  /** shutdown, exit; resolves with the process's exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exitCode;
    this.connection.dispose();
    return code;
  }

  /** Ends the process if a test failed before stopping it. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/**
 * A fresh copy of samples/seed/ with the corrected policies beside the broken file (as the demo is
 * once fixed, plus the broken file to test on), plus extra files, in a temporary folder.
 */
export function sampleWorkspace(extra: Record<string, string> = {}): string {
  const dir = demoWorkspace();
  fs.copyFileSync(fixedSeedFile, path.join(dir, path.basename(fixedSeedFile)));
  for (const [name, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A fresh copy of samples/seed/ exactly as the demo opens it, in a temporary folder. */
export function demoWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-lsp-'));
  fs.cpSync(samplesDir, dir, { recursive: true });
  return dir;
}

/** The position of the `occurrence`-th `needle` in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, shift = 0, occurrence = 1): Position {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} not found ${occurrence} times`);
  }
  const offset = at + shift;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Applies LSP text edits (non-overlapping, against the same text). */
export function applyTextEdits(text: string, all: readonly (TextEdit | SnippetTextEdit)[]): string {
  const edits = all.map((e) => ({ range: e.range, newText: 'newText' in e ? e.newText : e.snippet.value }));
  const offsets = (p: Position) => {
    const lines = text.split('\n');
    let o = 0;
    for (let i = 0; i < p.line && i < lines.length; i++) o += lines[i]!.length + 1;
    return o + p.character;
  };
  const sorted = edits
    .map((e) => ({ s: offsets(e.range.start), e: offsets(e.range.end), t: e.newText }))
    .sort((a, b) => b.s - a.s);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}

export function brief(d: Diagnostic): string {
  const message = typeof d.message === 'string' ? d.message : d.message.value;
  return `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${message.slice(0, 80)}`;
}

export const errorsOf = (d: Diagnostic[]): Diagnostic[] => d.filter((x) => x.severity === 1);
