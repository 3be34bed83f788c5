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
import { ModelFeed, ViewFollower } from './modelFeed';
import { StatusBar } from './statusBar';

/** How long to wait after a model change before views refresh. */
const MODEL_CHANGE_DEBOUNCE_MS = 150;

export class Ctx implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (debounced) when the server's model version moved; views follow it with followModel. */
  readonly onModelChanged = this.changed.event;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly status: StatusBar;
  private readonly model: ModelFeed;
  /** The topology of the current model revision, once asked for (quick picks, policy links). */
  private topologyOfRevision: Promise<TopologyResult> | undefined;
  private clientSubscriptions: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel(OUTPUT_NAME, { log: true });
    this.status = new StatusBar();
    this.model = new ModelFeed(this.status, () => this.modelMoved());
    extension.subscriptions.push(this.output, this.changed, this.status, this);
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
      client.onNotification(ModelChangedNotificationType, (params) => this.model.received(params)),
    ];
    await client.start();
    this.client = client;
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
    this.model.restarted();
  }

  async request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R> {
    const client = await this.start();
    return client.sendRequest(type, params as never);
  }

  /**
   * The topology, fetched once per model revision (a command's quick picks all read one copy). The
   * server answers once it has read the workspace, so a fresh start never sees an empty cluster.
   */
  topology(): Promise<TopologyResult> {
    const fetched = (this.topologyOfRevision ??= this.request(TopologyRequestType, undefined));
    fetched.catch(() => {
      if (this.topologyOfRevision === fetched) this.topologyOfRevision = undefined;
    });
    return fetched;
  }

  /**
   * Re-runs a panel's request when the model moved, only while it is visible; a hidden panel catches
   * up when it is shown again. Ends with the panel.
   */
  followModel(panel: vscode.WebviewPanel, rerun: () => void): void {
    const follower = new ViewFollower(this.model.revisions.revision);
    const check = () => {
      if (follower.due(panel.visible, this.model.revisions.revision)) rerun();
    };
    const subscriptions = [this.onModelChanged(check), panel.onDidChangeViewState(check)];
    panel.onDidDispose(() => subscriptions.forEach((d) => d.dispose()));
  }

  private modelMoved(): void {
    this.topologyOfRevision = undefined;
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => this.changed.fire(), MODEL_CHANGE_DEBOUNCE_MS);
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    void this.stop();
  }
}
