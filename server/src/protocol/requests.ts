// Custom requests between the extension client and the language server, typed once for both sides.
// Only types from the engine cross this boundary; both sides import this module.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Trace, TraceError, TraceRequest } from '../engine/dataplane/types';
import type { MatrixResult } from '../engine/matrix';
import type { DeclaredPorts, MatrixMode, ViewMatrix } from '../engine/matrixView';
import type { Protocol } from '../engine/types';

export type { DeclaredPorts, MatrixMode, MatrixResult, ViewMatrix };

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
export const MatrixRequestType = new RequestType<MatrixParams, ViewMatrix, void>('netpol/matrix');
export const MatrixCellRequestType = new RequestType<
  MatrixParams & { from: string; to: string },
  MatrixCell,
  void
>('netpol/matrixCell');
export const TopologyRequestType = new RequestType<void, TopologyResult, void>('netpol/topology');
export const ExplainRequestType = new RequestType<ExplainParams, ExplainResult | null, void>(
  'netpol/explain',
);

/** Sent by the server whenever the workspace model changed (the client re-runs open views). */
export const ModelChangedNotificationType = new NotificationType<{ version: number }>('netpol/modelChanged');
