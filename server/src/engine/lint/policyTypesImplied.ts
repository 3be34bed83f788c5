// `egress` written without `policyTypes`: the API server defaults policyTypes to [Ingress, Egress]
// when there are egress rules, and to [Ingress] when `egress` is empty. Either way the reader
// should not have to know; the fix writes the defaulted value out.
import type { Fix } from '../types';
import type { Lint, LintContext } from './context';
import { report, specOf, specPair } from './context';
import { quickFix } from '../quickFix';

export const policyTypesImplied: Lint = {
  info: {
    code: 'policy-types-implied',
    severity: 'information',
    title: 'policyTypes omitted while egress is present',
    help: 'Without `policyTypes`, the API server uses [Ingress, Egress] when the spec has egress rules and [Ingress] when `egress` is empty, so an empty `egress` does not deny egress. The quick fix writes the defaulted value explicitly.',
  },
  check(ctx) {
    const egress = specPair(ctx.obj, 'egress');
    if (!egress || !ctx.policy.policyTypesDefaulted) return;
    const types = ctx.policy.policyTypes;
    const fixes = [
      fixFor(ctx, types, 'Add `policyTypes: [' + types.join(', ') + ']` (the defaulted value)', true),
    ];
    let message =
      '`policyTypes` is omitted, so it defaults to [Ingress, Egress] because of these egress rules: the selected pods are isolated for egress as well as for ingress (all ingress is denied unless a rule allows it).';
    if (!types.includes('Egress')) {
      message =
        '`policyTypes` is omitted and `egress` is empty, so it defaults to [Ingress] only: this does NOT deny egress. To deny all egress, list Egress in `policyTypes`.';
      fixes.push(
        fixFor(ctx, ['Ingress', 'Egress'], 'Add `policyTypes: [Ingress, Egress]` (deny all egress)', false),
      );
    }
    report(ctx, this, egress.keyNode, message, { fixes: fixes.filter((f): f is Fix => f !== undefined) });
  },
};

function fixFor(
  ctx: LintContext,
  types: readonly string[],
  title: string,
  preferred: boolean,
): Fix | undefined {
  const spec = specOf(ctx.obj);
  if (!spec) return undefined;
  const existing = specPair(ctx.obj, 'policyTypes');
  // Defaulting only happens when policyTypes is absent or empty, so an existing pair is empty.
  return quickFix(
    title,
    () => [
      existing
        ? ctx.edit.replaceEmptyPair(spec, existing, [...types])
        : ctx.edit.addPair(spec, 'policyTypes', [...types], specPair(ctx.obj, 'podSelector')),
    ],
    preferred,
  );
}
