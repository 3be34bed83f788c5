// The custom requests of protocol/requests.ts: packet trace, reachability matrix and one cell of it,
// the topology for the views, and a policy's explanation. Parameters come from the client and are
// checked by protocol/requestParams.ts; a bad one is an InvalidParams error, never a crash.
import type { Position } from 'vscode-languageserver';
import {
  canTighten,
  cellWithoutVerdict,
  computePortsMatrix,
  explainCell,
  explainDeclaredCell,
  explainPolicy,
  idleMessage,
  idleRef,
  objectAt,
  podKey,
  policyFromObject,
  servicesOf,
  traceConnection,
  viewMatrix,
  workloadsOf,
} from '../engine';
import type { FileAnalysis, ServicePort, Topology, Trace, TraceError, TraceRequest } from '../engine';
import { matrixCellParams, matrixParams, portsMatrixParams, traceParams } from '../protocol/requestParams';
import type {
  ExplainResult,
  MatrixCell,
  MatrixParams,
  PortsMatrixParams,
  PortsMatrixResult,
  TopologyResult,
  TopologyServicePort,
  ViewMatrix,
} from '../protocol/requests';
import { valid } from './checkedParams';
import { explainResult } from './explainText';
import type { ServerState } from './state';

export function trace(state: ServerState, params: TraceRequest): Trace | TraceError {
  return traceConnection(state.engine.topology(), valid(traceParams(params)));
}

export function matrix(state: ServerState, params: MatrixParams): ViewMatrix {
  const { port, protocol, mode } = valid(matrixParams(params));
  return viewMatrix(state.engine.topology(), port, protocol, mode);
}

export function portsMatrix(state: ServerState, params: PortsMatrixParams): PortsMatrixResult {
  const { port, protocol } = valid(portsMatrixParams(params));
  return computePortsMatrix(state.engine.topology(), port, protocol);
}

export function matrixCell(
  state: ServerState,
  params: MatrixParams & { from: string; to: string },
): MatrixCell {
  const cell = valid(matrixCellParams(params));
  const { from, to } = cell;
  const verdict =
    cell.mode === 'declared'
      ? explainDeclaredCell(state.engine.topology(), from, to)
      : explainCell(state.engine.topology(), from, to, cell.port, cell.protocol);
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
      // Kept per snapshot (server.ts): the engine's labels are shared, not copied (facts never change),
      // and each port is one literal (a spread gave every port object a hidden class of its own).
      labels: p.labels,
      ports: p.ports.map((c) =>
        c.name
          ? { name: c.name, port: c.containerPort, protocol: c.protocol }
          : { port: c.containerPort, protocol: c.protocol },
      ),
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
      tightenable: canTighten(t, p),
    })),
    backend: t.dataplane.backend,
    network: t.dataplane.network,
    enforcement: t.dataplane.enforcement,
    ...servicesView(t),
  };
}

/** A Service port; a named targetPort with the numbers it has on the endpoints (`targets`). */
function servicePort(p: ServicePort, targets: readonly (number | null | undefined)[]): TopologyServicePort {
  const resolved = [...new Set(targets.filter((n): n is number => typeof n === 'number'))].sort(
    (a, b) => a - b,
  );
  return {
    ...(p.name ? { name: p.name } : {}),
    port: p.port,
    protocol: p.protocol,
    targetPort: p.targetPort,
    ...(typeof p.targetPort === 'string' && resolved.length ? { resolvedPorts: resolved } : {}),
    ...(p.nodePort === undefined ? {} : { nodePort: p.nodePort }),
  };
}

/** The Services and the cluster DNS, for the topology view (synthesized CoreDNS pods included here). */
function servicesView(t: Topology): Pick<TopologyResult, 'services' | 'dns'> {
  const index = servicesOf(t);
  const dns = index.dns;
  return {
    services: index.services.map((s) => ({
      key: `${s.namespace}/${s.name}`,
      type: s.type,
      clusterIP: s.clusterIP,
      ports: s.ports.map((p, i) =>
        servicePort(
          p,
          s.endpoints.map((e) => e.targetPorts[i]),
        ),
      ),
      endpoints: s.endpoints.length,
    })),
    dns: {
      service: `${dns.service.namespace}/${dns.service.name}`,
      clusterIP: dns.service.clusterIP,
      synthesized: dns.synthesized,
      pods: dns.pods.map((p) => ({ key: podKey(p), node: p.nodeName, ip: p.ip })),
    },
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
