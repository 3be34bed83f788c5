// With enforcement off (plain flannel), policies are accepted by the API server and then ignored.
import type { Lint } from './context';
import { nameNode, report } from './context';

export const notEnforced: Lint = {
  info: {
    code: 'policy-not-enforced',
    severity: 'information',
    title: 'Policy not enforced',
    help: 'Policy enforcement is off (netpolLens.policyEnforcement, CLI --no-enforcement): plain flannel does not implement NetworkPolicy, so the policy has no effect until a policy engine (e.g. Calico, as in Canal) runs beside it.',
  },
  check(ctx) {
    if (ctx.options.enforcement) return;
    report(
      ctx,
      this,
      nameNode(ctx.obj),
      'plain flannel does not enforce NetworkPolicy; this policy has no effect until a policy engine (such as Calico, as in Canal) runs beside flannel (policy enforcement is off in the settings).',
    );
  },
};
