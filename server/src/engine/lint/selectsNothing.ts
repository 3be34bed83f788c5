// A policy whose podSelector matches no pod of its namespace does nothing (typo in a label?).
import { matchPodSelector } from '../matching';
import type { Lint } from './context';
import { describesPods, nameNode, report, specPair } from './context';

export const selectsNothing: Lint = {
  info: {
    code: 'policy-selects-nothing',
    severity: 'warning',
    title: 'Policy selects no pod',
    help: "The policy's podSelector matches no pod of its namespace in the workspace, so it isolates nothing. Check the labels against the pods' labels (the message names the label no pod has).",
  },
  check(ctx) {
    if (!describesPods(ctx.topology)) return;
    // The selection other lints read too (once per policy, without a reason); the reason only when empty.
    if (ctx.selected().length) return;
    const { policy } = ctx;
    const m = matchPodSelector(ctx.topology, policy.namespace, policy.podSelector);
    const at = specPair(ctx.obj, 'podSelector')?.value ?? nameNode(ctx.obj);
    report(ctx, this, at, `This policy selects no pod: ${m.reason}.`);
  },
};
