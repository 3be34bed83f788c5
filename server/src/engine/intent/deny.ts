// "Deny src → dst" on one side (ingress of the destination, or egress of the source): every rule that
// allows one of the intent's connections is replaced by rules allowing the rest of what it allowed
// (subtract.ts); a side no policy isolates gets a policy that isolates it and allows everything else.
import type { NetworkPolicy, PolicyRule } from '../model';
import { podKey } from '../model';
import { evaluateConnection, isolatingPolicies } from '../reachability';
import type { Direction } from '../types';
import { isScalar, pairOf, toJS, valueOf } from '../yamlTree';
import { podsSelectedBy } from '../matching';
import type { LabelChoice } from './peers';
import { labelsOf, podSelectorOf, shortName } from './peers';
import type { EditPlan } from './plan';
import { ruleItem } from './plan';
import type { Named } from './proof';
import { subtractRule, withExpression } from './subtract';
import type { Subtraction } from './subtract';
import type { ConnectionIntent, Endpoint } from './types';

type Json = Record<string, unknown>;

/** The edits that deny the intent's connections on one side; a string says why that side cannot. */
export function denyEdits(
  plan: EditPlan,
  intent: ConnectionIntent,
  direction: Direction,
  choice: LabelChoice,
  named: readonly Named[],
): string | undefined {
  const side = direction === 'ingress' ? intent.to : intent.from;
  const other = direction === 'ingress' ? intent.from : intent.to;
  if (side.kind !== 'pods') return `${side.label} is not a pod: no ${direction} policy applies to it`;
  const t = plan.workspace.topology();
  const sub: Subtraction = {
    topology: t,
    other,
    ports: intent,
    policyNamespace: side.namespace,
    destinations: intent.to.kind === 'pods' ? intent.to.pods : [],
    peersKey: direction === 'ingress' ? 'from' : 'to',
    choice,
    origins: new WeakMap(),
  };
  if (!side.pods.some((p) => isolatingPolicies(t, p, direction).length))
    return isolateSide(plan, side, direction, sub);
  const rules = allowingRules(plan, direction, named);
  for (const [policy, indexes] of rules) {
    const reason = rewriteRules(
      plan,
      policy,
      direction,
      [...indexes].sort((a, b) => a - b),
      sub,
    );
    if (reason) return reason;
    const kept = keepForOthers(plan, policy, direction, [...indexes], side, choice);
    if (kept) return kept;
  }
  return undefined;
}

/**
 * A rewritten rule's policy may select pods besides the side's: they keep the rule as it was, in a
 * policy selecting the same pods without the side's labels (one per label). They are isolated by
 * the policy already, so the new one changes nothing else.
 */
function keepForOthers(
  plan: EditPlan,
  policy: NetworkPolicy,
  direction: Direction,
  indexes: readonly number[],
  side: Extract<Endpoint, { kind: 'pods' }>,
  choice: LabelChoice,
): string | undefined {
  const own = new Set(side.pods);
  const t = plan.workspace.topology();
  if (podsSelectedBy(t, policy).every((p) => own.has(p))) return undefined;
  const labels = labelsOf(side, choice);
  if (!Object.keys(labels).length)
    return `${podKey(policy)} selects other pods, and the pods of ${side.label} have no labels that tell them apart`;
  const selector = (toJS(valueOf(valueOf(policy.object.node, 'spec'), 'podSelector')) as Json | null) ?? {};
  const rules = (direction === 'ingress' ? policy.ingress : policy.egress).filter((_, i) =>
    indexes.includes(i),
  );
  const editor = plan.editorOf(policy);
  const originals = rules.map((r) => {
    const item = editor && r.source && ruleItem(editor.spec, direction, r.source.span.start);
    return item && !isScalar(item.node) ? (toJS(item.node) as Json) : {};
  });
  const fixed = (selector['matchLabels'] as Json | undefined) ?? {};
  for (const [k, v] of Object.entries(labels)) {
    if (fixed[k] === v) continue;
    const others = {
      podSelector: withExpression(selector, { key: k, operator: 'NotIn', values: [v] }),
      policyTypes: [direction === 'ingress' ? 'Ingress' : 'Egress'],
      [direction]: originals,
    };
    const step = `new policy {name}: the other pods ${podKey(policy)} selects keep its ${direction} as it was`;
    if (
      !plan.addPolicy(policy.namespace, `${policy.name}-except-${shortName(side)}`, others, side.pods, step)
    )
      return `no YAML file can hold a new policy for namespace ${policy.namespace}`;
  }
  return undefined;
}

/** Each policy with the indexes of its rules (of `direction`) that allow one of the named connections. */
function allowingRules(
  plan: EditPlan,
  direction: Direction,
  named: readonly Named[],
): Map<NetworkPolicy, Set<number>> {
  const t = plan.workspace.topology();
  const out = new Map<NetworkPolicy, Set<number>>();
  for (const { before, connection } of named) {
    const v = evaluateConnection(t, before.from, before.to, connection.port, connection.protocol);
    for (const { policy, ruleIndex } of (direction === 'ingress' ? v.ingress : v.egress)?.allowedBy ?? []) {
      const set = out.get(policy) ?? new Set<number>();
      set.add(ruleIndex);
      out.set(policy, set);
    }
  }
  return out;
}

function rewriteRules(
  plan: EditPlan,
  policy: NetworkPolicy,
  direction: Direction,
  indexes: number[],
  sub: Subtraction,
): string | undefined {
  const editor = plan.editorOf(policy);
  const all = direction === 'ingress' ? policy.ingress : policy.egress;
  const pair = editor && pairOf(editor.spec, direction);
  if (!editor || !pair) return `cannot edit ${podKey(policy)}`;
  const replacements = new Map<number, Json[]>();
  const originals = new Map<number, Json>();
  let seq;
  for (const index of indexes) {
    const rule: PolicyRule = all[index]!;
    const item = rule.source && ruleItem(editor.spec, direction, rule.source.span.start);
    if (!item) return `cannot find ${direction} rule ${index + 1} of ${podKey(policy)}`;
    seq = item.seq;
    const js = isScalar(item.node) ? {} : (toJS(item.node) as Json);
    const rest = subtractRule(js, rule, { ...sub, policyNamespace: policy.namespace });
    if (typeof rest === 'string') return `${direction} rule ${index + 1} of ${podKey(policy)}: ${rest}`;
    replacements.set(item.index, rest);
    originals.set(item.index, js);
  }
  if (!seq) return undefined;
  const left =
    seq.items.length - replacements.size + [...replacements.values()].reduce((n, r) => n + r.length, 0);
  const step = `${direction} ${indexes.length > 1 ? 'rules' : 'rule'} ${indexes.map((i) => i + 1).join(', ')} of ${podKey(policy)}: keep everything but ${sub.other.label}${portWords(sub)}`;
  if (left === 0) {
    plan.add(policy.source.file, editor.edit.replaceEmptyPair(editor.spec, pair, []), step);
    // Defaulted policyTypes list Egress only while egress rules exist: say it, or isolation ends.
    const anchor = pairOf(editor.spec, 'podSelector');
    if (direction === 'egress' && policy.policyTypesDefaulted && anchor && anchor !== pair) {
      const types = editor.edit.addPair(editor.spec, 'policyTypes', ['Ingress', 'Egress'], anchor);
      plan.add(
        policy.source.file,
        types,
        `${podKey(policy)}: policyTypes written out, so it still isolates for egress`,
      );
    }
    return undefined;
  }
  const edits = editor.edit.replaceItems(seq, replacements, {
    originals,
    origin: (v) => sub.origins.get(v),
  });
  edits.forEach((e, i) => plan.add(policy.source.file, e, i === 0 ? step : ''));
  return undefined;
}

/** A side no policy isolates: a new policy isolates its pods and allows everything but the intent. */
function isolateSide(
  plan: EditPlan,
  side: Extract<Endpoint, { kind: 'pods' }>,
  direction: Direction,
  sub: Subtraction,
): string | undefined {
  const rules = subtractRule({}, {}, sub);
  if (typeof rules === 'string') return rules;
  const base =
    direction === 'ingress'
      ? `deny-${shortName(sub.other)}-to-${shortName(side)}`
      : `deny-${shortName(side)}-to-${shortName(sub.other)}`;
  const spec = {
    podSelector: podSelectorOf(labelsOf(side, 'narrowest')),
    policyTypes: [direction === 'ingress' ? 'Ingress' : 'Egress'],
    [direction]: rules,
  };
  const step = `new policy {name}: isolates ${side.label} for ${direction} and allows everything but ${sub.other.label}${portWords(sub)}`;
  return plan.addPolicy(side.namespace, base, spec, side.pods, step)
    ? undefined
    : `no YAML file can hold a new policy for namespace ${side.namespace}`;
}

function portWords(sub: Subtraction): string {
  const { port, protocol } = sub.ports;
  if (port !== undefined) return ` on ${protocol ?? 'TCP'} ${port}`;
  return protocol ? ` on ${protocol}` : '';
}
