// Intent code actions. On a policy: "Allow <src> → <dst> on <port>" when the last dropped trace was
// dropped by it (the server keeps the last drop of netpol/trace), and "Tighten" when a rule of it
// open on every port goes to pods that declare ports (what Tighten narrows). On a pod or workload
// manifest: "Isolate namespace…" when some pod of its namespace is not isolated for ingress or for
// egress (naming a direction already isolated). Each runs a client command that asks the server for
// the proposal and previews it before anything is applied (computing proposals here would slow the
// light bulb).
import { CodeActionKind } from 'vscode-languageserver';
import type { CodeAction, Range } from 'vscode-languageserver';
import { canTighten, isolatedDirections, objectAt, podKey, policyFromObject } from '../engine';
import type { FileAnalysis, ManifestObject, Protocol, Topology, Trace } from '../engine';

/** The last trace the server answered with a policy drop. */
export interface DroppedTrace {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  policies: string[];
}

export class RecentDrop {
  last: DroppedTrace | undefined;

  /** Remembers a trace dropped by policies (through a Service: to the endpoint, on its targetPort). */
  note(trace: Trace | { error: string }): void {
    if (!('verdict' in trace) || trace.verdict !== 'dropped' || trace.drop?.reason !== 'policy') return;
    const service = trace.service;
    const viaService = service?.endpoint && service.targetPort !== null;
    this.last = {
      from: trace.workloads?.from?.workload ?? trace.from,
      to: viaService ? service.endpoint! : (trace.workloads?.to?.workload ?? trace.to),
      port: viaService ? service.targetPort! : trace.port,
      protocol: trace.protocol,
      policies: trace.drop.policies,
    };
  }
}

const WORKLOAD_KINDS = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
]);

export const ISOLATE_KIND = `${CodeActionKind.Refactor}.netpol-lens.isolate`;
export const TIGHTEN_KIND = `${CodeActionKind.RefactorRewrite}.netpol-lens.tighten`;

export function intentActions(
  analysis: FileAnalysis | undefined,
  topology: Topology,
  range: Range,
  drop: DroppedTrace | undefined,
  wanted: (kind: string) => boolean,
): CodeAction[] {
  if (!analysis) return [];
  const obj = objectAt(analysis.parsed, analysis.parsed.lines.offsetAt(range.start));
  if (!obj) return [];
  const policy = obj.kind === 'NetworkPolicy' ? policyFromObject(obj) : undefined;
  const out: CodeAction[] = [];
  if (policy) {
    const key = podKey(policy);
    if (drop?.policies.includes(key) && wanted(CodeActionKind.QuickFix)) out.push(allowAction(drop));
    if (wanted(TIGHTEN_KIND) && canTighten(topology, policy)) out.push(tightenAction(key));
  } else if (WORKLOAD_KINDS.has(obj.kind ?? '') && wanted(ISOLATE_KIND)) {
    const isolate = isolateAction(topology, obj);
    if (isolate) out.push(isolate);
  }
  return out;
}

function allowAction(d: DroppedTrace): CodeAction {
  const { from, to, port, protocol } = d;
  return {
    title: `Allow ${from} → ${to} on ${protocol} ${port}…`,
    kind: CodeActionKind.QuickFix,
    command: {
      title: 'Allow Connection…',
      command: 'netpolLens.allowConnection',
      arguments: [{ from, to, port, protocol }],
    },
  };
}

function tightenAction(policy: string): CodeAction {
  return {
    title: `Tighten ${policy} to the ports its peers serve…`,
    kind: TIGHTEN_KIND,
    command: { title: 'Tighten Policy…', command: 'netpolLens.tightenPolicy', arguments: [{ policy }] },
  };
}

/**
 * Offered unless every pod of the manifest's namespace is isolated for both directions (each pod
 * selected by some policy with the direction in its policyTypes); the title names the direction left
 * and the one already isolated, and the arguments carry the direction left.
 */
function isolateAction(topology: Topology, obj: ManifestObject): CodeAction | undefined {
  const namespace = obj.namespace ?? 'default';
  if (!topology.pods.some((p) => p.namespace === namespace)) return undefined;
  const isolated = isolatedDirections(topology, namespace);
  if (isolated.length === 2) return undefined;
  const left = (['ingress', 'egress'] as const).filter((d) => !isolated.includes(d));
  const title = isolated.length
    ? `Isolate namespace ${namespace} for ${left[0]!} (${isolated[0]!} already isolated)…`
    : `Isolate namespace ${namespace}…`;
  return {
    title,
    kind: ISOLATE_KIND,
    command: {
      title: 'Isolate Namespace…',
      command: 'netpolLens.isolateNamespace',
      arguments: [isolated.length ? { namespace, directions: left } : { namespace }],
    },
  };
}
