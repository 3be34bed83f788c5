// Custom requests between the extension client and the language server, typed once for both sides.
// Only types from the engine cross this boundary; both sides import this module, the server checks
// the parameters it receives with requestParams.ts.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { Trace, TraceError, TraceRequest } from '../engine/dataplane/types';
import type { ChangeGroup } from '../engine/diff/types';
import type { MatrixResult } from '../engine/matrix';
import type { ClassReach, DeclaredPorts, ViewMatrix } from '../engine/matrixView';
import type { PortsMatrixResult } from '../engine/portsMatrix';
import type { Connection } from '../engine/intent/types';
import type { PreviewGroup } from '../engine/intent/preview';
import type { Direction, Range } from '../engine/types';
import type { MatrixMode, Protocol } from './values';

export type { ClassReach, DeclaredPorts, MatrixMode, MatrixResult, PortsMatrixResult, ViewMatrix };

/** A matrix on a port name resolved per destination, or on `declared` (each destination's own ports). */
export interface PortsMatrixParams {
  port: string;
  protocol: Protocol;
}

export interface MatrixParams {
  port: number;
  protocol: Protocol;
  /** `declared`: each cell on the destination's declared container ports (then `port` is not used). */
  mode?: MatrixMode;
}

/** Why a cell of the matrix is allowed or denied, one sentence per line. */
export interface MatrixCell {
  from: string;
  to: string;
  allowed: boolean;
  reason: string;
}

export interface TopologyPod {
  key: string;
  namespace: string;
  name: string;
  node: string;
  ip: string;
  labels: Record<string, string>;
  ports: { name?: string; port: number; protocol: Protocol }[];
}

/** A controller and its pods (sorted by name; the first is the one a trace of the workload takes). */
export interface TopologyWorkload {
  /** `deploy/ns/name`, as the trace request accepts it. */
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  pods: string[];
  /** Set when it runs no pod (then `pods` is empty): "deploy/ns/x has 0 replicas: no pod to trace". */
  idle?: string;
}

/** The cluster DNS Service and its CoreDNS pods; synthesized ones serve DNS traces and lints only. */
export interface ClusterDnsSummary {
  /** `kube-system/kube-dns`. */
  service: string;
  clusterIP: string | null;
  /** The workspace declares no CoreDNS pods behind kube-dns: the engine made them up. */
  synthesized: boolean;
  pods: { key: string; node: string; ip: string }[];
}

/** A Service port: `targetPort` as written (a number or a container port name). */
export interface TopologyServicePort {
  name?: string;
  port: number;
  protocol: Protocol;
  targetPort: number | string;
  /** For a named `targetPort`: the container ports it resolves to on the endpoints, ascending. */
  resolvedPorts?: number[];
  nodePort?: number;
}

/** A Service as the topology view and the trace quick picks list it. */
export interface TopologyService {
  key: string;
  type: string;
  clusterIP: string | null;
  ports: TopologyServicePort[];
  endpoints: number;
}

export interface TopologyResult {
  nodes: { name: string; ip: string; podCIDR: string; synthesized: boolean }[];
  pods: TopologyPod[];
  /** Absent from servers that predate workload names. */
  workloads?: TopologyWorkload[];
  /** `tightenable`: some rule open on every port goes to pods that declare ports (absent from older servers). */
  policies: { key: string; file: string; line: number; tightenable?: boolean }[];
  backend: 'vxlan' | 'host-gw';
  network: string;
  enforcement: boolean;
  /** Absent from servers that predate Services. */
  services?: TopologyService[];
  dns?: ClusterDnsSummary;
}

export interface ExplainParams {
  uri: string;
  position: { line: number; character: number };
}

export interface ExplainResult {
  policy: string;
  summary: string;
  details: string[];
  /** The line (0-based) where the policy starts in the document asked about. */
  line?: number;
}

/** `netpol/changes`: the workspace as edited against git HEAD. Without port, every declared container port. */
export interface ChangesParams {
  port?: number;
  protocol?: Protocol;
  /** Groups returned at most (default 200); the rest are counted in `moreGroups`. */
  maxGroups?: number;
}

/** Where a policy (or one of its rules) named by a change is written now. */
export interface ChangeLink {
  policy: string;
  /** 1-based rule number, when the link is to a rule. */
  rule?: number;
  direction?: 'ingress' | 'egress';
  uri: string;
  range: Range;
}

export interface ChangesResult {
  /** False when there is no revision to compare with; `message` says why (e.g. not a git repository). */
  available: boolean;
  /** The summary line, or why nothing was compared. */
  message: string;
  /** `HEAD (3f2a1b0)`, one per repository compared. */
  base: string;
  /** The model version the result was computed for (see netpol/modelChanged). */
  modelVersion: number;
  added: number;
  removed: number;
  unchanged: number;
  pods: { added: string[]; removed: string[] };
  /** The engine's groups (added first, largest first), each with links to the rules and policies it names. */
  groups: (ChangeGroup & { links: ChangeLink[] })[];
  moreGroups: number;
  /** Policies new or edited since HEAD, with the connections their changes add and remove. */
  policies: { policy: string; uri: string; range: Range; added: number; removed: number }[];
  /** Files left out (errors at HEAD or in the editor), folders not in a repository. */
  notes: string[];
}

/** `netpol/changedPairs`: the pairs of pods whose connection on one port changed since HEAD (the matrix's changes mode). */
export interface ChangedPairsParams {
  port: number;
  protocol?: Protocol;
}

export interface ChangedPairsResult {
  /** False when there is no revision to compare with; `message` says why. */
  available: boolean;
  message: string;
  /** `HEAD (3f2a1b0)`. */
  base: string;
  /** `[from, to]` pod keys: newly allowed, and newly denied. */
  added: [string, string][];
  removed: [string, string][];
}

export const TraceRequestType = new RequestType<TraceRequest, Trace | TraceError, void>('netpol/trace');
export const MatrixRequestType = new RequestType<MatrixParams, ViewMatrix, void>('netpol/matrix');
export const PortsMatrixRequestType = new RequestType<PortsMatrixParams, PortsMatrixResult, void>(
  'netpol/portsMatrix',
);
export const MatrixCellRequestType = new RequestType<
  MatrixParams & { from: string; to: string },
  MatrixCell,
  void
>('netpol/matrixCell');
export const TopologyRequestType = new RequestType<void, TopologyResult, void>('netpol/topology');
export const ExplainRequestType = new RequestType<ExplainParams, ExplainResult | null, void>(
  'netpol/explain',
);

export const IntentRequestType = new RequestType<IntentParams, IntentResult, void>('netpol/intent');

export const ChangesRequestType = new RequestType<ChangesParams | null, ChangesResult, void>(
  'netpol/changes',
);
export const ChangedPairsRequestType = new RequestType<ChangedPairsParams, ChangedPairsResult, void>(
  'netpol/changedPairs',
);

/**
 * `netpol/intent`: what the user wants, as a proposed edit of the workspace's YAML. `allow`/`deny` a
 * connection (`from`/`to` as the trace accepts them; every port when `port` is omitted), `isolate` a
 * namespace (keeping DNS and the connections ticked in `keep`), `tighten` a policy (`ns/name`).
 */
export type IntentParams =
  | { intent: 'allow' | 'deny'; from: string; to: string; port?: number; protocol?: Protocol }
  | { intent: 'isolate'; namespace: string; directions: Direction[]; keep?: Connection[] }
  | { intent: 'tighten'; policy: string };

export type { Connection as IntentConnection, PreviewGroup };

/** One proposal: the edit, the files as they would read, and the reachability diff it makes. */
export interface IntentProposal {
  title: string;
  steps: string[];
  /** Versioned (documentChanges) when the client applies them: it refuses the edit on a changed text. */
  edit: WorkspaceEdit;
  files: { uri: string; text: string }[];
  /** The connections the intent asked for that the edit changes as asked. */
  intended: Connection[];
  /** The diff: intended groups first, then every other change (none for an exact allow or deny). */
  groups: PreviewGroup[];
  /** Connections in the groups that are not intended. */
  other: number;
  ports: { port: number; protocol: Protocol }[];
  /** Pods the chosen labels select beyond the intent's, with a warning to show. */
  widened: string[];
  /**
   * What the user should know about the intent asked (a Service's port asked on its pods); also
   * at the start of the intended groups' `reason`, which the preview shows.
   */
  notes?: string[];
}

export type IntentResult =
  | {
      ok: true;
      proposal: IntentProposal;
      /** The same intent with narrower selectors, when the proposal's admit other pods. */
      narrower?: IntentProposal;
      /** Isolation: the connections it cuts that were not kept (to tick for the next proposal). */
      cut?: Connection[];
      /** Isolation: the connections kept as ticked, each allowed once the edit is applied. */
      kept?: Connection[];
    }
  /** The reason ends with the notes of the intent asked, if any. */
  | { ok: false; reason: string };

/** The model at a glance, what the status bar shows: it renders from this and never asks. */
export interface ModelSummary {
  pods: number;
  nodes: number;
  /** The workspace declares no Node: the nodes are synthesized. */
  synthesizedNodes: boolean;
  namespaces: number;
  policies: number;
  backend: 'vxlan' | 'host-gw';
  network: string;
  /** False under `netpolLens.policyEnforcement: off` (plain flannel): policies are not enforced. */
  enforcement: boolean;
  /** The cluster DNS (absent from servers that predate Services); synthesized when none is declared. */
  clusterDns?: { clusterIP: string | null; synthesized: boolean };
}

export interface ModelChangedParams {
  /** Moves whenever the model may have changed: views re-request only when it moved. */
  version: number;
  summary: ModelSummary;
}

/**
 * Sent by the server when it has first read the workspace and whenever the model changed after
 * that (the client re-runs visible views and shows the summary).
 */
export const ModelChangedNotificationType = new NotificationType<ModelChangedParams>('netpol/modelChanged');
