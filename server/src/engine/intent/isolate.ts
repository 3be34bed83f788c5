// "Isolate a namespace": a default-deny policy (ingress, egress or both) that keeps DNS egress to
// kube-dns, the list of connections it would cut (for the user to tick those to keep), and for each
// connection kept the allow edit made on top of it. The edits are proved together.
import { DNS_EGRESS_RULE } from '../lint/egressBlocksDns';
import { podKey } from '../model';
import type { Pod, Topology } from '../model';
import { isolatingPolicies } from '../reachability';
import { servicesOf } from '../services';
import { findPod } from '../topology';
import type { Direction, TextEdit } from '../types';
import type { Workspace } from '../workspace';
import { workloadsOf } from '../workloadRefs';
import { proposeConnection } from './connection';
import { resolveEndpoint } from './endpoints';
import { EditPlan } from './plan';
import { applied, checkedPorts, connectionKey, prove, serves } from './proof';
import type { Named } from './proof';
import type { Connection, Endpoint, FileEdit, Proposal } from './types';
import { LineIndex } from '../lines';

export interface IsolationIntent {
  namespace: string;
  directions: readonly Direction[];
  /** Connections (between pods, `ns/name`) the isolation would cut that must keep working. */
  keep?: readonly Connection[];
}

/** `cut`: what the isolation cuts, not kept; `kept`: the connections kept, allowed after the edit. */
export type IsolationResult =
  | { ok: true; proposal: Proposal & { cut: Connection[]; kept: Connection[] } }
  | { ok: false; reason: string };

export function proposeIsolation(workspace: Workspace, intent: IsolationIntent): IsolationResult {
  const t = workspace.topology();
  if (!t.dataplane.enforcement)
    return {
      ok: false,
      reason: 'policy enforcement is off (plain flannel never blocks): no policy can isolate pods',
    };
  const pods = t.pods.filter((p) => p.namespace === intent.namespace);
  if (!pods.length) return { ok: false, reason: `namespace ${intent.namespace} has no pods` };
  const isolated = isolatedDirections(t, intent.namespace);
  const needed = intent.directions.filter((d) => !isolated.includes(d));
  const already = intent.directions.filter((d) => isolated.includes(d));
  if (!needed.length)
    return {
      ok: false,
      reason: `every pod of namespace ${intent.namespace} is already isolated for ${intent.directions.join(' and ')}`,
    };
  const plan = new EditPlan(workspace);
  const spec: Record<string, unknown> = {
    podSelector: {},
    policyTypes: needed.map((d) => (d === 'ingress' ? 'Ingress' : 'Egress')),
  };
  if (needed.includes('egress')) spec['egress'] = [DNS_EGRESS_RULE];
  const kind = needed.length === 2 ? 'all' : needed[0]!;
  const what = `isolates every pod of ${intent.namespace} for ${needed.join(' and ')}${needed.includes('egress') ? ', keeping DNS to kube-dns' : ''}`;
  if (!plan.addPolicy(intent.namespace, `default-deny-${kind}`, spec, pods, `new policy {name}: ${what}`))
    return { ok: false, reason: `no YAML file can hold a new policy for namespace ${intent.namespace}` };
  if (needed.includes('ingress')) keepDnsIngress(plan, intent.namespace);
  const kept = keepAll(workspace, plan.files(), intent.keep ?? []);
  if (typeof kept === 'string') return { ok: false, reason: kept };
  const named = (now: typeof t): Named[] => (intent.keep ?? []).flatMap((c) => namedOf(now, workspace, c));
  const { proof } = prove(workspace, kept.files, checkedPorts(t, {}), named, true);
  const missed = proof.missed[0];
  if (missed) return { ok: false, reason: `cannot keep ${missed.from} → ${missed.to}: the edit cuts it` };
  const asked = new Set((intent.keep ?? []).map(connectionKey));
  // What is cut: connections on a port the destination declares (the others carry nothing).
  const cut = proof.other.removed.filter((c) => !asked.has(connectionKey(c)) && serves(t, c));
  const title = `Isolate namespace ${intent.namespace} (${needed.join(' and ')}${already.length ? `; ${already.join(' and ')} already isolated` : ''})`;
  return {
    ok: true,
    proposal: {
      title,
      steps: [...plan.steps, ...kept.steps],
      files: kept.files,
      proof,
      widened: [],
      notes: [],
      cut,
      kept: [...(intent.keep ?? [])],
    },
  };
}

/**
 * Isolating the namespace of the cluster DNS for ingress would cut every pod's name lookups: its
 * pods not isolated yet keep taking DNS from everywhere, on the ports its Service sends DNS to.
 */
function keepDnsIngress(plan: EditPlan, namespace: string): void {
  const t = plan.workspace.topology();
  const { service, pods, synthesized } = servicesOf(t).dns;
  const open = pods.filter((p) => p.namespace === namespace && !isolatingPolicies(t, p, 'ingress').length);
  if (synthesized || !open.length || !service.selector || !Object.keys(service.selector).length) return;
  const ports = service.ports.map((p) => ({ protocol: p.protocol, port: p.targetPort }));
  const spec = {
    podSelector: { matchLabels: { ...service.selector } },
    policyTypes: ['Ingress'],
    ingress: [{ ports }],
  };
  const dns = `${service.namespace}/${service.name}`;
  plan.addPolicy(
    namespace,
    'allow-dns-ingress',
    spec,
    open,
    `new policy {name}: keeps DNS to the pods of ${dns} from everywhere`,
  );
}

/**
 * The directions a namespace is isolated for: those for which every pod of it is selected by some
 * policy listing the direction in its (effective) policyTypes. None for a namespace without pods.
 */
export function isolatedDirections(t: Topology, namespace: string): Direction[] {
  const pods = t.pods.filter((p) => p.namespace === namespace);
  if (!pods.length) return [];
  return (['ingress', 'egress'] as const).filter((d) => pods.every((p) => isolatingPolicies(t, p, d).length));
}

/** Allows each kept connection on top of the isolation; the edits of all, against the original files. */
function keepAll(
  workspace: Workspace,
  files: FileEdit[],
  keep: readonly Connection[],
): { files: FileEdit[]; steps: string[] } | string {
  let current = applied(workspace, files);
  const steps: string[] = [];
  for (const c of keep) {
    const from = findPod(current.topology(), c.from).pod;
    const to = findPod(current.topology(), c.to).pod;
    if (!from || !to) return `no pod ${from ? c.to : c.from} in the workspace`;
    const r = proposeConnection(current, {
      action: 'allow',
      from: keptEndpoint(current, from),
      to: keptEndpoint(current, to),
      port: c.port,
      protocol: c.protocol,
    });
    if (!r.ok) {
      if (r.reason.endsWith('already allowed')) continue;
      return `cannot keep ${c.from} → ${c.to}: ${r.reason}`;
    }
    steps.push(...r.proposal.steps);
    current = applied(current, r.proposal.files);
  }
  return { files: differences(workspace, current), steps };
}

/**
 * A kept pod as its workload when it has one (the connections to keep are ticked a pair of
 * workloads at a time, and the new policy is named after the workloads, not a replica's hash).
 */
function keptEndpoint(workspace: Workspace, pod: Pod): Endpoint {
  const w = workloadsOf(workspace.topology()).find((x) => x.pods.includes(pod));
  const e = w ? resolveEndpoint(workspace, w.ref) : undefined;
  return e && typeof e !== 'string'
    ? e
    : { kind: 'pods', label: podKey(pod), namespace: pod.namespace, pods: [pod] };
}

/** One edit per changed file, from its original text to its final one (the common start and end kept). */
function differences(before: Workspace, after: Workspace): FileEdit[] {
  const out: FileEdit[] = [];
  for (const path of before.paths()) {
    const a = before.summary(path)!.text;
    const b = after.summary(path)!.text;
    if (a === b) continue;
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    let end = 0;
    while (
      end < a.length - start &&
      end < b.length - start &&
      a[a.length - 1 - end] === b[b.length - 1 - end]
    )
      end++;
    const lines = new LineIndex(a);
    const edit: TextEdit = {
      range: lines.range({ start, end: a.length - end }),
      newText: b.slice(start, b.length - end),
    };
    out.push({ file: path, edits: [edit] });
  }
  return out;
}

function namedOf(now: ReturnType<Workspace['topology']>, before: Workspace, c: Connection): Named[] {
  const from = findPod(now, c.from).pod;
  const to = findPod(now, c.to).pod;
  const wasFrom = findPod(before.topology(), c.from).pod;
  const wasTo = findPod(before.topology(), c.to).pod;
  if (!from || !to || !wasFrom || !wasTo) return [];
  return [{ connection: c, from, to, before: { from: wasFrom, to: wasTo } }];
}
