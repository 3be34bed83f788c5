// The one model-change channel. Once the workspace is first read, and whenever the model version
// moves after that, the client gets netpol/modelChanged with the version and a summary (what the
// status bar shows, so it never asks), and, when it supports it, workspace/codeLens/refresh (a lens
// computed before the index ended said "selects 0 pods"). Before the first index ends nothing is
// sent: the counts would still be growing, and whole-cluster requests wait for it anyway.
import { CodeLensRefreshRequest } from 'vscode-languageserver';
import type { Connection } from 'vscode-languageserver';
import { servicesOf } from '../engine';
import type { Topology } from '../engine';
import { ModelChangedNotificationType } from '../protocol/requests';
import type { ModelSummary } from '../protocol/requests';
import type { ErrorLog } from './log';
import type { ServerState } from './state';

export class ModelChannel {
  private indexed = false;
  /** The client handles workspace/codeLens/refresh (set at initialize). */
  codeLensRefresh = false;

  constructor(
    private readonly connection: Connection,
    private readonly state: ServerState,
    private readonly log: ErrorLog,
  ) {}

  /** The model version moved. */
  changed(): void {
    if (this.indexed) this.announce();
  }

  /** The first full index has ended (or failed): the model is the workspace's from now on. */
  indexingEnded(): void {
    this.indexed = true;
    this.announce();
  }

  private announce(): void {
    const summary = modelSummary(this.state.engine.topology());
    void this.connection.sendNotification(ModelChangedNotificationType, {
      version: this.state.modelVersion,
      summary,
    });
    if (this.codeLensRefresh)
      this.connection
        .sendRequest(CodeLensRefreshRequest.type)
        .catch((err: unknown) => this.log('codeLens refresh', err));
  }
}

export function modelSummary(t: Topology): ModelSummary {
  const dns = servicesOf(t).dns;
  return {
    pods: t.pods.length,
    nodes: t.nodes.length,
    synthesizedNodes: t.nodes.some((n) => n.synthesized),
    namespaces: t.namespaces.size,
    policies: t.policies.length,
    backend: t.dataplane.backend,
    network: t.dataplane.network,
    enforcement: t.dataplane.enforcement,
    clusterDns: { clusterIP: dns.service.clusterIP, synthesized: dns.synthesized },
  };
}
