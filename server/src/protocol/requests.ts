// Custom requests between the extension client and the language server, typed once for both sides.
// Only types from the engine cross this boundary; both sides import this module.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Trace, TraceError, TraceRequest } from '../engine/dataplane/types';
import type { MatrixResult } from '../engine/matrix';
import type { Protocol } from '../engine/types';

export type { MatrixResult };

export interface MatrixParams {
  port: number;
  protocol: Protocol;
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

export interface TopologyResult {
  nodes: { name: string; ip: string; podCIDR: string; synthesized: boolean }[];
  pods: TopologyPod[];
  policies: { key: string; file: string; line: number }[];
  backend: 'vxlan' | 'host-gw';
  network: string;
  enforcement: boolean;
}

export interface ExplainParams {
  uri: string;
  position: { line: number; character: number };
}

export interface ExplainResult {
  policy: string;
  summary: string;
  details: string[];
}

export const TraceRequestType = new RequestType<TraceRequest, Trace | TraceError, void>('netpol/trace');
export const MatrixRequestType = new RequestType<MatrixParams, MatrixResult, void>('netpol/matrix');
export const MatrixCellRequestType = new RequestType<
  MatrixParams & { from: string; to: string },
  MatrixCell,
  void
>('netpol/matrixCell');
export const TopologyRequestType = new RequestType<void, TopologyResult, void>('netpol/topology');
export const ExplainRequestType = new RequestType<ExplainParams, ExplainResult | null, void>(
  'netpol/explain',
);

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
