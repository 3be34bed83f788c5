// A rule with neither peers nor ports allows everything in its direction; with policies being a
// union, it overrides every other restriction on the same pods.
import { describePods } from '../describe';
import { describeTarget } from '../explain';
import type { Lint } from './context';
import { nodeAt, report } from './context';

export const allowAll: Lint = {
  info: {
    code: 'allow-all',
    severity: 'hint',
    title: 'Allow-all rule',
    help: 'An ingress (egress) rule without `from` (`to`) and without `ports` allows all traffic in that direction; because policies are a union, it overrides every other policy restricting the same pods.',
  },
  check(ctx) {
    const { policy } = ctx;
    for (const direction of ['ingress', 'egress'] as const) {
      if (!policy.policyTypes.includes(direction === 'ingress' ? 'Ingress' : 'Egress')) continue;
      const rules = direction === 'ingress' ? policy.ingress : policy.egress;
      const rule = rules.find((r) => !r.peers?.length && !r.ports?.length);
      if (!rule?.source) continue;
      const pods = ctx.selected();
      const prep = direction === 'ingress' ? 'to' : 'from';
      report(
        ctx,
        this,
        nodeAt(ctx.obj.node, rule.source.span) ?? rule.source.span,
        `This rule allows all ${direction} traffic ${prep} ${describeTarget(policy)} (${describePods(pods, 3)}), overriding any other policy that restricts their ${direction}.`,
      );
    }
  },
};
