// "Allow src → dst": on each side that blocks it (the destination isolated for ingress, the source
// for egress), the smallest addition: a peer in a rule of a policy that isolates only that side's pods
// when the rule's ports are exactly the intent's; else a rule in such a policy; else a new policy.
import { matchPodSelector } from '../matching';
import type { NetworkPolicy, Pod, PolicyPort, PolicyRule } from '../model';
import type { Named } from './proof';
import { podKey } from '../model';
import { admitsContainerPort, evaluateConnection, isolatingPolicies, portInRange } from '../reachability';
import type { Direction } from '../types';
import { isSeq, pairOf, valueOf } from '../yamlTree';
import type { LabelChoice } from './peers';
import { labelsOf, peerOf, podSelectorOf, portsOf, shortName } from './peers';
import { EditPlan, ruleItem } from './plan';
import type { ConnectionIntent, Endpoint, IntentPorts } from './types';

type PodsEndpoint = Extract<Endpoint, { kind: 'pods' }>;

/** The edits that open the intent's connections on the sides that block them; a string says why none can. */
export function allowEdits(
  plan: EditPlan,
  intent: ConnectionIntent,
  choice: LabelChoice,
  blocked: Set<Direction>,
): string | undefined {
  for (const direction of ['ingress', 'egress'] as const) {
    if (!blocked.has(direction)) continue;
    const side = direction === 'ingress' ? intent.to : intent.from;
    const other = direction === 'ingress' ? intent.from : intent.to;
    if (side.kind !== 'pods') continue;
    const reason = openSide(plan, { direction, side, other, intent, choice });
    if (reason) return reason;
  }
  return undefined;
}

/** The directions in which some connection the intent names is denied now. */
export function blockedSides(plan: EditPlan, named: readonly Named[]): Set<Direction> {
  const t = plan.workspace.topology();
  const out = new Set<Direction>();
  for (const { before, connection } of named) {
    const v = evaluateConnection(t, before.from, before.to, connection.port, connection.protocol);
    if (v.allowed) continue;
    if (v.egress && !v.egress.allowed) out.add('egress');
    if (v.ingress && !v.ingress.allowed) out.add('ingress');
  }
  return out;
}

interface Side {
  direction: Direction;
  side: PodsEndpoint;
  other: Endpoint;
  intent: ConnectionIntent;
  choice: LabelChoice;
}

function openSide(plan: EditPlan, s: Side): string | undefined {
  const t = plan.workspace.topology();
  const pods = new Set(s.side.pods);
  const own = isolatingPolicies(t, s.side.pods[0]!, s.direction).filter((p) =>
    matchPodSelector(t, p.namespace, p.podSelector).pods.every((q) => pods.has(q)),
  );
  const destinations = s.direction === 'ingress' ? s.side.pods : s.other.kind === 'pods' ? s.other.pods : [];
  for (const policy of own) {
    const rules = s.direction === 'ingress' ? policy.ingress : policy.egress;
    const fit = rules.findIndex((r) => ruleFits(r, s.intent, destinations));
    if (fit >= 0 && addPeer(plan, policy, s, fit)) return undefined;
  }
  const first = own[0];
  if (first && addRule(plan, first, s)) return undefined;
  return newPolicy(plan, s);
}

/** A rule with peers whose ports are exactly the intent's (so a peer added to it gets nothing more). */
function ruleFits(rule: PolicyRule, intent: IntentPorts, destinations: readonly Pod[]): boolean {
  if (!rule.peers?.length) return false;
  const ports = rule.ports ?? [];
  if (intent.port === undefined && intent.protocol === undefined) return ports.length === 0;
  if (!ports.length) return false;
  if (intent.port === undefined)
    return ports.every((p) => p.protocol === intent.protocol && p.port === undefined);
  const port = intent.port;
  const protocol = intent.protocol ?? 'TCP';
  const onlyIntent = (p: PolicyPort) =>
    p.protocol === protocol &&
    (typeof p.port === 'number'
      ? p.port === port && (p.endPort === undefined || p.endPort === port)
      : typeof p.port === 'string' &&
        destinations.every((d) =>
          d.ports.every((c) => !admitsContainerPort(p, c) || c.containerPort === port),
        ));
  const admits = (p: PolicyPort) =>
    typeof p.port === 'number'
      ? portInRange(p, port)
      : destinations.length > 0 &&
        destinations.every((d) => d.ports.some((c) => admitsContainerPort(p, c) && c.containerPort === port));
  return ports.every(onlyIntent) && ports.some(admits);
}

function addPeer(plan: EditPlan, policy: NetworkPolicy, s: Side, index: number): boolean {
  const editor = plan.editorOf(policy);
  const rule = (s.direction === 'ingress' ? policy.ingress : policy.egress)[index]!;
  const item = editor && rule.source && ruleItem(editor.spec, s.direction, rule.source.span.start);
  const peers = item && valueOf(item.node, s.direction === 'ingress' ? 'from' : 'to');
  if (!editor || !isSeq(peers)) return false;
  const peer = peerOf(s.other, policy.namespace, s.choice, (e, l) => plan.selects(e, l));
  plan.add(
    policy.source.file,
    editor.edit.appendItem(peers, peer),
    `add ${s.other.label} to ${s.direction} rule ${index + 1} of ${podKey(policy)}`,
  );
  return true;
}

function addRule(plan: EditPlan, policy: NetworkPolicy, s: Side): boolean {
  const editor = plan.editorOf(policy);
  if (!editor) return false;
  const rule = ruleFor(plan, s, policy.namespace);
  const pair = pairOf(editor.spec, s.direction);
  const step = `add an ${s.direction} rule ${s.direction === 'ingress' ? 'from' : 'to'} ${s.other.label} in ${podKey(policy)}`;
  if (!pair) plan.add(policy.source.file, editor.edit.addPair(editor.spec, s.direction, [rule]), step);
  else if (isSeq(pair.value) && pair.value.items.length)
    plan.add(policy.source.file, editor.edit.appendItem(pair.value, rule), step);
  else plan.add(policy.source.file, editor.edit.replaceEmptyPair(editor.spec, pair, [rule]), step);
  return true;
}

function ruleFor(plan: EditPlan, s: Side, policyNamespace: string): Record<string, unknown> {
  const peer = peerOf(s.other, policyNamespace, s.choice, (e, l) => plan.selects(e, l));
  const rule: Record<string, unknown> = { [s.direction === 'ingress' ? 'from' : 'to']: [peer] };
  const ports = portsOf(s.intent);
  if (ports) rule['ports'] = ports;
  return rule;
}

function newPolicy(plan: EditPlan, s: Side): string | undefined {
  const ns = s.side.namespace;
  const base =
    s.direction === 'ingress'
      ? `allow-${shortName(s.other)}-to-${shortName(s.side)}`
      : `allow-${shortName(s.side)}-to-${shortName(s.other)}`;
  const labels = labelsOf(s.side, 'narrowest');
  plan.selects(s.side, labels);
  const spec = {
    podSelector: podSelectorOf(labels),
    policyTypes: [s.direction === 'ingress' ? 'Ingress' : 'Egress'],
    [s.direction]: [ruleFor(plan, s, ns)],
  };
  const added = plan.addPolicy(
    ns,
    base,
    spec,
    s.side.pods,
    `new policy {name}: ${s.direction} of ${s.side.label} ${s.direction === 'ingress' ? 'from' : 'to'} ${s.other.label}`,
  );
  return added ? undefined : `no YAML file can hold a new policy for namespace ${ns}`;
}
