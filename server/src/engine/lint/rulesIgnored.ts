// Rules for a direction that `policyTypes` does not list are ignored by every implementation.
import type { Fix } from '../types';
import { isSeq } from '../yamlTree';
import type { Lint } from './context';
import { report, specPair } from './context';
import { quickFix } from '../quickFix';

export const rulesIgnored: Lint = {
  info: {
    code: 'rules-ignored',
    severity: 'warning',
    title: 'Rules ignored by policyTypes',
    help: '`policyTypes` is given and does not list Ingress (Egress), so the `ingress` (`egress`) rules have no effect. Add the type, or remove the rules.',
  },
  check(ctx) {
    const { policy } = ctx;
    if (policy.policyTypesDefaulted) return;
    const types = specPair(ctx.obj, 'policyTypes')?.value;
    for (const [type, rules, key] of [
      ['Ingress', policy.ingress, 'ingress'],
      ['Egress', policy.egress, 'egress'],
    ] as const) {
      const pair = specPair(ctx.obj, key);
      if (!pair || !rules.length || policy.policyTypes.includes(type)) continue;
      const fixes: Fix[] = isSeq(types)
        ? [quickFix(`Add ${type} to policyTypes`, () => [ctx.edit.appendItem(types, type)])]
        : [];
      report(
        ctx,
        this,
        pair.keyNode,
        `These ${key} rules are ignored: \`policyTypes\` does not list ${type}, so the policy does not isolate or allow ${key} traffic.`,
        { fixes },
      );
    }
  },
};
