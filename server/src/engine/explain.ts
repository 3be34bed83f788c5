// A NetworkPolicy in plain language: which pods it isolates (by selector and count), for which
// directions, and who may then talk to them on which ports; deny-all and allow-all recognised.
// Used by the CLI's `explain`, by hover on a policy name and by the deny-all lint.
import { describePeer, describePods, describePorts } from './describe';
import { matchPeer, podsSelectedBy } from './matching';
import type { NetworkPolicy, PolicyRule, PolicyType, Topology } from './model';
import { podKey } from './model';
import { describeSelector, isEmptySelector } from './selectors';
import type { Direction } from './types';

export interface PolicyExplanation {
  /** `ns/name`. */
  policy: string;
  summary: string;
  details: string[];
}

/** What a policy does in one direction. */
export type DirectionEffect = 'none' | 'deny-all' | 'allow-all' | 'restrict';

const TYPE: Record<Direction, PolicyType> = { ingress: 'Ingress', egress: 'Egress' };

export function directionEffect(policy: NetworkPolicy, direction: Direction): DirectionEffect {
  if (!policy.policyTypes.includes(TYPE[direction])) return 'none';
  const rules = direction === 'ingress' ? policy.ingress : policy.egress;
  if (!rules.length) return 'deny-all';
  return rules.some((r) => !r.peers?.length && !r.ports?.length) ? 'allow-all' : 'restrict';
}

/** `every pod in namespace x` or `pods role=db in namespace default`. */
export function describeTarget(policy: NetworkPolicy): string {
  const who = isEmptySelector(policy.podSelector)
    ? 'every pod'
    : `pods ${describeSelector(policy.podSelector)}`;
  return `${who} in namespace ${policy.namespace}`;
}

export function explainPolicy(policy: NetworkPolicy, topology: Topology): PolicyExplanation {
  const selected = podsSelectedBy(topology, policy);
  const target = `${describeTarget(policy)} (${describePods(selected, 3)})`;
  return {
    policy: podKey(policy),
    summary: summaryOf(policy, target),
    details: [
      selected.length ? `Selects ${describePods(selected, 10)}.` : `Selects no pod in the workspace.`,
      policyTypesDetail(policy),
      ...ruleDetails(policy, topology, 'ingress'),
      ...ruleDetails(policy, topology, 'egress'),
      ...(topology.dataplane.enforcement
        ? []
        : ['Not enforced: plain flannel does not implement NetworkPolicy (policy enforcement is off).']),
    ],
  };
}

function summaryOf(policy: NetworkPolicy, target: string): string {
  const denyBoth =
    directionEffect(policy, 'ingress') === 'deny-all' && directionEffect(policy, 'egress') === 'deny-all';
  const clauses = denyBoth
    ? ['all ingress and egress traffic is denied']
    : (['ingress', 'egress'] as const).flatMap((d) => clause(policy, d));
  const Target = target[0]!.toUpperCase() + target.slice(1);
  if (!clauses.length)
    return `${Target} is selected but isolated for no direction: the policy has no effect.`;
  const pattern = patternName(policy);
  return `${pattern ? `${pattern}. ` : ''}${Target}: ${clauses.join('; ')}.`;
}

/** The well-known whole-namespace patterns: default deny-ingress/-egress/-all, allow-all. */
export function patternName(policy: NetworkPolicy): string | undefined {
  if (!isEmptySelector(policy.podSelector)) return undefined;
  const active = (['ingress', 'egress'] as const).filter((d) => directionEffect(policy, d) !== 'none');
  const effects = new Set(active.map((d) => directionEffect(policy, d)));
  if (effects.size !== 1) return undefined;
  const both = active.length === 2;
  if (effects.has('deny-all'))
    return `Default deny-${both ? 'all' : active[0]} for namespace ${policy.namespace}`;
  if (effects.has('allow-all')) {
    return `Allow-all ${both ? 'ingress and egress' : active[0]} for namespace ${policy.namespace}`;
  }
  return undefined;
}

function clause(policy: NetworkPolicy, direction: Direction): string[] {
  switch (directionEffect(policy, direction)) {
    case 'none':
      return [];
    case 'deny-all':
      return [`all ${direction} traffic is denied`];
    case 'allow-all':
      return [`all ${direction} traffic is allowed (overriding stricter ${direction} policies)`];
    case 'restrict': {
      const rules = direction === 'ingress' ? policy.ingress : policy.egress;
      return [
        `${direction} is allowed only ${rules.map((r) => ruleSummary(r, policy.namespace, direction)).join(', or ')}`,
      ];
    }
  }
}

/** `from pods role=web in namespace default on TCP 80`. */
export function ruleSummary(rule: PolicyRule, policyNamespace: string, direction: Direction): string {
  const way = direction === 'ingress' ? 'from' : 'to';
  const peers = rule.peers?.length
    ? rule.peers.map((p) => describePeer(p, policyNamespace)).join(' or ')
    : 'anywhere';
  return `${way} ${peers} ${describePorts(rule.ports)}`;
}

function policyTypesDetail(policy: NetworkPolicy): string {
  const types = policy.policyTypes.join(', ') || 'none';
  if (!policy.policyTypesDefaulted) return `Isolates for: ${types} (as listed in policyTypes).`;
  const why = policy.policyTypes.includes('Egress')
    ? 'Ingress, plus Egress because the spec has egress rules'
    : 'Ingress only, as the spec has no egress rules';
  return `Isolates for: ${types} (policyTypes is omitted, so it defaults to ${why}).`;
}

function ruleDetails(policy: NetworkPolicy, topology: Topology, direction: Direction): string[] {
  const rules = direction === 'ingress' ? policy.ingress : policy.egress;
  const effect = directionEffect(policy, direction);
  const Dir = TYPE[direction];
  if (effect === 'none') {
    return rules.length ? [`${Dir} rules are ignored: policyTypes does not list ${Dir}.`] : [];
  }
  if (effect === 'deny-all') return [`${Dir}: no rule, so all ${direction} traffic is denied.`];
  return rules.map((rule, i) => {
    const peers = rule.peers?.length
      ? rule.peers.map((p) => {
          const m = matchPeer(topology, policy.namespace, p);
          const found = m.pods.length ? describePods(m.pods, 3) : `matches nothing: ${m.reason}`;
          return `${describePeer(p, policy.namespace)} (${found})`;
        })
      : ['anywhere'];
    return `${Dir} rule ${i + 1}: ${direction === 'ingress' ? 'from' : 'to'} ${peers.join(' or ')} ${describePorts(rule.ports)}.`;
  });
}
