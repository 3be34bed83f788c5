// Deny-all policies recognised and described: a direction isolated with no rule at all.
import { describePods } from '../describe';
import { describeTarget, directionEffect, patternName } from '../explain';
import type { Lint } from './context';
import { isEmptySelector } from '../selectors';
import { describesPods, nameNode, report } from './context';

export const denyAll: Lint = {
  info: {
    code: 'deny-all',
    severity: 'hint',
    title: 'Deny-all policy',
    help: 'The policy isolates its pods for a direction and allows nothing in it (no rules): a deny-all. Other policies selecting the same pods can still allow traffic (policies are a union).',
  },
  check(ctx) {
    const { policy } = ctx;
    const denied = (['ingress', 'egress'] as const).filter((d) => directionEffect(policy, d) === 'deny-all');
    if (!denied.length) return;
    const what = denied.length === 2 ? 'ingress and egress' : denied[0]!;
    const prep = denied.length === 2 ? 'of' : denied[0] === 'ingress' ? 'to' : 'from';
    const pods = ctx.selected();
    // A selector that matches no pod (e.g. `matchLabels: {role: }`, which only matches role="") isolates
    // nothing: policy-selects-nothing says so, and a hint that traffic is denied would contradict it.
    if (!pods.length && !isEmptySelector(policy.podSelector) && describesPods(ctx.topology)) return;
    const pattern = patternName(policy);
    const head = pattern ? `${pattern}: all` : 'All';
    report(
      ctx,
      this,
      nameNode(ctx.obj),
      `${head} ${what} traffic ${prep} ${describeTarget(policy)} (${describePods(pods, 3)}) is denied, unless another policy selecting them allows it.`,
    );
  },
};
