// The extension's one context object: it owns the language client, the output channel, the status
// bar and every disposable, and is what commands and views receive (no module-level state).
import * as vscode from 'vscode';
import type { RequestType } from 'vscode-languageclient/node';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { TopologyResult } from '../../server/src/protocol/requests';
import { ModelChangedNotificationType, TopologyRequestType } from '../../server/src/protocol/requests';
import { OUTPUT_NAME, SECTION } from './config';
import { showError } from './errors';
import { createLanguageClient } from './languageClient';
import { StatusBar } from './statusBar';

/** How long to wait after a model change before views and the status bar refresh. */
const MODEL_CHANGE_DEBOUNCE_MS = 150;

export class Ctx implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (debounced) when the server's model changed: views re-run their requests. */
  readonly onModelChanged = this.changed.event;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly status: StatusBar;
  private clientSubscriptions: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel(OUTPUT_NAME, { log: true });
    this.status = new StatusBar(() => this.topology());
    extension.subscriptions.push(this.output, this.changed, this.status, this);
    this.onModelChanged(() => this.status.refresh(), undefined, extension.subscriptions);
  }

  get mediaRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.extension.extensionUri, 'media');
  }

  setting<T>(key: string, fallback: T): T {
    return vscode.workspace.getConfiguration(SECTION).get<T>(key, fallback);
  }

  /** Starts the language server (once); commands await this before their first request. */
  start(): Promise<LanguageClient> {
    this.starting ??= this.launch().catch((err: unknown) => {
      this.starting = undefined;
      void showError(this.output, 'The NetworkPolicy Lens language server did not start', err);
      this.status.failed('The language server did not start. Click for details.');
      throw err;
    });
    return this.starting;
  }

  private async launch(): Promise<LanguageClient> {
    const client = createLanguageClient(this.extension, this.output);
    this.clientSubscriptions = [
      client.onNotification(ModelChangedNotificationType, () => this.modelChanged()),
    ];
    await client.start();
    this.client = client;
    this.status.refresh();
    return client;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    for (const d of this.clientSubscriptions.splice(0)) d.dispose();
    if (client?.isRunning()) await client.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
    this.modelChanged();
  }

  async request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R> {
    const client = await this.start();
    return client.sendRequest(type, params as never);
  }

  /** The server answers once it has read the workspace, so a fresh start never sees an empty cluster. */
  topology(): Promise<TopologyResult> {
    return this.request(TopologyRequestType, undefined);
  }

  private modelChanged(): void {
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => this.changed.fire(), MODEL_CHANGE_DEBOUNCE_MS);
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    void this.stop();
  }
}
