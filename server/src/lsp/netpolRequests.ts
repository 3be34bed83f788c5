// The custom requests of protocol/requests.ts: packet trace, reachability matrix and one cell of it,
// the topology for the views, and a policy's explanation. Parameters come from the client and are
// checked; a bad one is an InvalidParams error, never a crash.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Position } from 'vscode-languageserver';
import {
  cellWithoutVerdict,
  computePortsMatrix,
  explainCell,
  explainDeclaredCell,
  explainPolicy,
  idleMessage,
  idleRef,
  MATRIX_MODES,
  objectAt,
  podKey,
  policyFromObject,
  PROTOCOLS,
  traceConnection,
  viewMatrix,
  workloadsOf,
} from '../engine';
import type {
  FileAnalysis,
  MatrixMode,
  Protocol,
  Topology,
  Trace,
  TraceError,
  TraceRequest,
} from '../engine';
import type {
  ExplainResult,
  MatrixCell,
  MatrixParams,
  PortsMatrixParams,
  PortsMatrixResult,
  TopologyResult,
  ViewMatrix,
} from '../protocol/requests';
import { explainResult } from './explainText';
import type { ServerState } from './state';

export function trace(state: ServerState, params: TraceRequest): Trace | TraceError {
  const req: TraceRequest = {
    from: text(params?.from, 'from'),
    to: text(params?.to, 'to'),
    port: portOf(params?.port),
    protocol: protocolOf(params?.protocol),
  };
  return traceConnection(state.engine.topology(), req);
}

export function matrix(state: ServerState, params: MatrixParams): ViewMatrix {
  const mode = modeOf(params?.mode);
  return viewMatrix(state.engine.topology(), portOf(params?.port), protocolOf(params?.protocol), mode);
}

export function portsMatrix(state: ServerState, params: PortsMatrixParams): PortsMatrixResult {
  const port = params?.port;
  if (typeof port !== 'string' || !/^[a-z0-9-]{1,15}$/.test(port))
    invalid('port must be a container port name or "declared"');
  return computePortsMatrix(state.engine.topology(), port, protocolOf(params?.protocol));
}

export function matrixCell(
  state: ServerState,
  params: MatrixParams & { from: string; to: string },
): MatrixCell {
  const from = text(params?.from, 'from');
  const to = text(params?.to, 'to');
  const verdict =
    modeOf(params.mode) === 'declared'
      ? explainDeclaredCell(state.engine.topology(), from, to)
      : explainCell(state.engine.topology(), from, to, portOf(params.port), protocolOf(params.protocol));
  if (!verdict)
    return { from, to, allowed: false, reason: cellWithoutVerdict(state.engine.topology(), from, to) };
  return { from, to, allowed: verdict.allowed, reason: verdict.explanation.join('\n') };
}

export function topologyView(state: ServerState): TopologyResult {
  const t: Topology = state.engine.topology();
  return {
    nodes: t.nodes.map((n) => ({
      name: n.name,
      ip: n.internalIP,
      podCIDR: n.podCIDR,
      synthesized: n.synthesized,
    })),
    pods: t.pods.map((p) => ({
      key: podKey(p),
      namespace: p.namespace,
      name: p.name,
      node: p.nodeName,
      ip: p.ip,
      labels: { ...p.labels },
      ports: p.ports.map((c) => ({
        ...(c.name ? { name: c.name } : {}),
        port: c.containerPort,
        protocol: c.protocol,
      })),
    })),
    workloads: [
      ...workloadsOf(t).map((w) => ({
        ref: w.ref,
        kind: w.kind,
        namespace: w.namespace,
        name: w.name,
        pods: w.pods.map(podKey),
      })),
      ...(t.idleWorkloads ?? []).map((w) => ({
        ref: idleRef(w),
        kind: w.kind,
        namespace: w.namespace,
        name: w.name,
        pods: [],
        idle: idleMessage(w),
      })),
    ],
    policies: t.policies.map((p) => ({
      key: podKey(p),
      file: p.source.file,
      line: state.engine.range(p.source)?.start.line ?? 0,
    })),
    backend: t.dataplane.backend,
    network: t.dataplane.network,
    enforcement: t.dataplane.enforcement,
  };
}

/** The NetworkPolicy object at the position, explained; null when the position is not in one. */
export function explain(
  state: ServerState,
  analysis: FileAnalysis | undefined,
  position: Position,
): ExplainResult | null {
  if (!analysis || !position || typeof position.line !== 'number') return null;
  const obj = objectAt(analysis.parsed, analysis.parsed.lines.offsetAt(position));
  const policy = obj && policyFromObject(obj);
  if (!policy) return null;
  const line = analysis.parsed.lines.range(policy.source.span).start.line;
  return { ...explainResult(explainPolicy(policy, state.engine.topology())), line };
}

function invalid(message: string): never {
  throw new ResponseError(ErrorCodes.InvalidParams, message);
}

function text(v: unknown, name: string): string {
  return typeof v === 'string' && v.trim() !== '' ? v : invalid(`${name} must be a non-empty string`);
}

function portOf(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535
    ? v
    : invalid('port must be an integer from 1 to 65535');
}

function modeOf(v: unknown): MatrixMode {
  if (v === undefined || v === null) return 'port';
  return MATRIX_MODES.find((m) => m === v) ?? invalid(`mode must be one of ${MATRIX_MODES.join(', ')}`);
}

function protocolOf(v: unknown): Protocol {
  return PROTOCOLS.find((p) => p === v) ?? invalid(`protocol must be one of ${PROTOCOLS.join(', ')}`);
}
