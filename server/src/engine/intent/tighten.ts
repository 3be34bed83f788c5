// "Tighten" a policy: each rule that allows every port gets the ports its destinations actually
// serve (for ingress the pods the policy selects, for egress the pods its peers match). Egress rules
// reaching addresses outside the pods are left alone: what an outside host serves is not known.
import { matchPeer, matchPodSelector } from '../matching';
import type { NetworkPolicy, Pod, PolicyRule, Topology } from '../model';
import { podKey } from '../model';
import type { Direction } from '../types';
import { isMap, isScalar, pairOf } from '../yamlTree';
import { EditPlan, ruleItem } from './plan';
import { checkedPorts, prove, serves } from './proof';
import { connectionText } from './connection';
import type { IntentResult } from './types';
import type { Workspace } from '../workspace';

export function proposeTightening(
  workspace: Workspace,
  ref: { namespace: string; name: string },
): IntentResult {
  const t = workspace.topology();
  const policy = t.policies.find((p) => p.namespace === ref.namespace && p.name === ref.name);
  if (!policy) return { ok: false, reason: `no NetworkPolicy ${ref.namespace}/${ref.name} in the workspace` };
  const plan = new EditPlan(workspace);
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    rules.forEach((rule, i) => tightenRule(plan, policy, direction, rule, i));
  }
  if (!plan.steps.length)
    return {
      ok: false,
      reason: `every rule of ${podKey(policy)} already lists its ports (or reaches addresses outside the pods)`,
    };
  const files = plan.files();
  const { proof } = prove(workspace, files, checkedPorts(t, {}), () => [], true);
  const served = proof.other.removed.find((c) => serves(t, c)) ?? proof.other.added[0];
  if (served)
    return { ok: false, reason: `tightening ${podKey(policy)} would change ${connectionText(served)}` };
  return {
    ok: true,
    proposal: {
      title: `Tighten ${podKey(policy)} to the ports its peers serve`,
      steps: plan.steps,
      files,
      proof,
      widened: [],
      notes: [],
    },
  };
}

/** Whether Tighten can narrow the policy: some rule of it open on every port goes to pods that declare ports. */
export function canTighten(t: Topology, policy: NetworkPolicy): boolean {
  const open = (direction: Direction) => (rule: PolicyRule) =>
    tightenedPorts(t, policy, direction, rule) !== undefined;
  return policy.ingress.some(open('ingress')) || policy.egress.some(open('egress'));
}

/**
 * The ports a rule open on every port gets: those its destinations declare, sorted; undefined when
 * the rule lists ports already, reaches addresses outside the pods, or its pods declare none.
 */
function tightenedPorts(
  t: Topology,
  policy: NetworkPolicy,
  direction: Direction,
  rule: PolicyRule,
): Record<string, unknown>[] | undefined {
  if (rule.ports?.length) return undefined;
  const destinations = destinationsOf(t, policy, direction, rule);
  if (!destinations?.length) return undefined;
  const served = new Map<string, Record<string, unknown>>();
  for (const pod of destinations)
    for (const c of pod.ports)
      served.set(
        `${c.protocol}/${c.containerPort}`,
        c.protocol === 'TCP' ? { port: c.containerPort } : { protocol: c.protocol, port: c.containerPort },
      );
  const ports = [...served].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, p]) => p);
  return ports.length ? ports : undefined;
}

function tightenRule(
  plan: EditPlan,
  policy: NetworkPolicy,
  direction: Direction,
  rule: PolicyRule,
  index: number,
): void {
  const ports = tightenedPorts(plan.workspace.topology(), policy, direction, rule);
  if (!ports) return;
  const editor = plan.editorOf(policy);
  const item = editor && rule.source && ruleItem(editor.spec, direction, rule.source.span.start);
  if (!editor || !item) return;
  const step = `${direction} rule ${index + 1} of ${podKey(policy)}: every port → ${ports.map((p) => `${String(p['protocol'] ?? 'TCP')} ${String(p['port'])}`).join(', ')}`;
  const node = item.node;
  if (isScalar(node))
    plan.add(
      policy.source.file,
      editor.edit.replaceItems(item.seq, new Map([[item.index, [{ ports }]]]))[0]!,
      step,
    );
  else if (isMap(node)) {
    const pair = pairOf(node, 'ports');
    plan.add(
      policy.source.file,
      pair ? editor.edit.replaceEmptyPair(node, pair, ports) : editor.edit.addPair(node, 'ports', ports),
      step,
    );
  }
}

/** The pods a rule's connections go to; undefined when some go outside the pods (an egress rule to an ipBlock or to everyone). */
function destinationsOf(
  t: Topology,
  policy: NetworkPolicy,
  direction: Direction,
  rule: PolicyRule,
): Pod[] | undefined {
  if (direction === 'ingress') return matchPodSelector(t, policy.namespace, policy.podSelector).pods;
  if (!rule.peers?.length || rule.peers.some((p) => p.ipBlock)) return undefined;
  return [...new Set(rule.peers.flatMap((p) => matchPeer(t, policy.namespace, p).pods))];
}
