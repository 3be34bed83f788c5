// Port helpers shared by the port lints: the rule's ports with their YAML nodes and the pods they
// are destination ports of, and how the messages name those pods and list what they declare.
import { matchPeer } from '../matching';
import type { Pod, PolicyPort, PolicyRule } from '../model';
import type { Direction } from '../types';
import type { YNode } from '../yamlTree';
import type { LintContext } from './context';
import { describesPods, valueAt } from './context';

export interface PortAt {
  port: PolicyPort;
  /** The `port` value node. */
  node: YNode;
  rule: PolicyRule;
  direction: Direction;
}

/**
 * The policy's ports written as a name (`'string'`) or a number, each with its destination pods:
 * only those whose destinations the workspace describes and are not none.
 */
export function portsToPods(
  ctx: LintContext,
  written: 'string' | 'number',
): (PortAt & { pods: readonly Pod[] })[] {
  const out: (PortAt & { pods: readonly Pod[] })[] = [];
  if (!describesPods(ctx.topology)) return out;
  for (const at of portsOf(ctx)) {
    if (typeof at.port.port !== written) continue;
    const pods = ruleDestinations(ctx, at.direction, at.rule);
    if (pods?.length) out.push({ ...at, pods });
  }
  return out;
}

/** Per linted policy, its ports with their nodes: three lints go through them. */
const portsByContext = new WeakMap<LintContext, readonly PortAt[]>();

function portsOf(ctx: LintContext): readonly PortAt[] {
  let ports = portsByContext.get(ctx);
  if (!ports) portsByContext.set(ctx, (ports = eachPort(ctx)));
  return ports;
}

function eachPort(ctx: LintContext): PortAt[] {
  const out: PortAt[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = direction === 'ingress' ? ctx.policy.ingress : ctx.policy.egress;
    for (const rule of rules) {
      for (const port of rule.ports ?? []) {
        const node = valueAt(ctx, port.source, 'port');
        if (node && port.port !== undefined) out.push({ port, node, rule, direction });
      }
    }
  }
  return out;
}

/** Per linted policy, each rule's destinations: three lints ask for them on every port of the rule. */
const destinationsByRule = new WeakMap<LintContext, Map<PolicyRule, readonly Pod[] | undefined>>();

function ruleDestinations(
  ctx: LintContext,
  direction: Direction,
  rule: PolicyRule,
): readonly Pod[] | undefined {
  let byRule = destinationsByRule.get(ctx);
  if (!byRule) destinationsByRule.set(ctx, (byRule = new Map()));
  if (!byRule.has(rule)) byRule.set(rule, destinationsOf(ctx, direction, rule));
  return byRule.get(rule);
}

/**
 * The pods a rule's ports are destination ports of: the selected pods for ingress, the peers' pods
 * for egress. Undefined when the destinations include places the workspace does not describe (an
 * egress rule without `to`, or with an ipBlock), where a port cannot be judged.
 */
function destinationsOf(
  ctx: LintContext,
  direction: Direction,
  rule: PolicyRule,
): readonly Pod[] | undefined {
  if (direction === 'ingress') return ctx.selected();
  if (!rule.peers?.length || rule.peers.some((p) => p.ipBlock)) return undefined;
  const seen = new Set<Pod>();
  for (const peer of rule.peers)
    for (const p of matchPeer(ctx.topology, ctx.policy.namespace, peer).pods) seen.add(p);
  return [...seen];
}

export function whose(direction: Direction): string {
  return direction === 'ingress' ? 'pod selected by this policy' : 'destination pod of this egress rule';
}

/** How many declared ports a message lists. */
const SHOWN = 6;

/** The first few items, comma-separated, with `…` when there are more. */
export function firstFew(items: readonly string[]): string {
  return items.slice(0, SHOWN).join(', ') + (items.length > SHOWN ? ', …' : '');
}
