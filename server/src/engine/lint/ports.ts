// Port helpers shared by the port lints: the pods a rule's ports refer to, and the rule's ports
// with their YAML nodes.
import { matchPeer } from '../matching';
import type { Pod, PolicyPort, PolicyRule } from '../model';
import type { Direction } from '../types';
import type { YNode } from '../yamlTree';
import type { LintContext } from './context';
import { valueAt } from './context';

export interface PortAt {
  port: PolicyPort;
  /** The `port` value node. */
  node: YNode;
  rule: PolicyRule;
  direction: Direction;
}

export function* eachPort(ctx: LintContext): Generator<PortAt> {
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = direction === 'ingress' ? ctx.policy.ingress : ctx.policy.egress;
    for (const rule of rules) {
      for (const port of rule.ports ?? []) {
        const node = valueAt(ctx, port.source, 'port');
        if (node && port.port !== undefined) yield { port, node, rule, direction };
      }
    }
  }
}

/**
 * The pods a rule's ports are destination ports of: the selected pods for ingress, the peers' pods
 * for egress. Undefined when the destinations include places the workspace does not describe (an
 * egress rule without `to`, or with an ipBlock), where a port cannot be judged.
 */
export function destinationsOf(ctx: LintContext, direction: Direction, rule: PolicyRule): Pod[] | undefined {
  if (direction === 'ingress') return [...ctx.selected()];
  if (!rule.peers?.length || rule.peers.some((p) => p.ipBlock)) return undefined;
  const seen = new Set<Pod>();
  for (const peer of rule.peers)
    for (const p of matchPeer(ctx.topology, ctx.policy.namespace, peer).pods) seen.add(p);
  return [...seen];
}

export function whose(direction: Direction): string {
  return direction === 'ingress' ? 'pod selected by this policy' : 'destination pod of this egress rule';
}
