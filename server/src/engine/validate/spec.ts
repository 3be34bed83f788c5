// The policy as a whole: `policyTypes` (at most two, each exactly Ingress or Egress), and a policy
// without `spec`, which the API server accepts although it isolates every pod of the namespace.
import type { RuleInfo } from '../rules';
import type { YSeq } from '../yamlTree';
import { isSeq, pairOf } from '../yamlTree';
import type { ValidationContext } from './context';
import { removeItem, replaceString } from './fixes';
import { closest } from './suggest';
import type { StructCheck } from './walk';
import { asString, isNull } from './values';

export const POLICY_TYPE_INVALID: RuleInfo = {
  code: 'policy-type-invalid',
  severity: 'error',
  title: 'Invalid policy type',
  help: '`policyTypes` items must be exactly `Ingress` or `Egress` (case-sensitive). The quick fix corrects the spelling.',
};

export const POLICY_TYPES_TOO_MANY: RuleInfo = {
  code: 'policy-types-too-many',
  severity: 'error',
  title: 'More than two policy types',
  help: '`policyTypes` may list at most two types: `[Ingress]`, `[Egress]` or `[Ingress, Egress]`.',
};

export const POLICY_TYPES_DUPLICATE: RuleInfo = {
  code: 'policy-types-duplicate',
  severity: 'warning',
  title: 'Repeated policy type',
  help: 'A type is listed twice in `policyTypes`. The API server accepts it, but it is redundant and often hides a missing `Egress` or `Ingress`. The quick fix removes the repetition.',
};

export const MISSING_SPEC: RuleInfo = {
  code: 'missing-spec',
  severity: 'warning',
  title: 'Policy without spec',
  help: 'A NetworkPolicy without `spec` is accepted by the API server as an empty selector with no rules: it isolates every pod of its namespace for ingress (deny all). Write the `spec` explicitly if that is the intent.',
};

export const SPEC_RULES: readonly RuleInfo[] = [
  POLICY_TYPE_INVALID,
  POLICY_TYPES_TOO_MANY,
  POLICY_TYPES_DUPLICATE,
  MISSING_SPEC,
];

const TYPES = ['Ingress', 'Egress'];

const checkPolicyTypes: StructCheck = {
  struct: 'NetworkPolicySpec',
  check(spec, ctx) {
    const pair = pairOf(spec, 'policyTypes');
    const list = pair?.value;
    if (!isSeq(list)) return;
    if (list.items.length > 2) {
      ctx.report(
        POLICY_TYPES_TOO_MANY,
        list.flow ? list : pair!.keyNode,
        `\`${ctx.path('policyTypes')}\` may not specify more than two policyTypes: list Ingress, Egress or both, once each.`,
      );
      return;
    }
    const seen = new Map<string, number>();
    list.items.forEach((item, i) => {
      const t = asString(item);
      if (t === undefined) return;
      if (TYPES.includes(t)) checkDuplicate(list, i, t, seen, ctx);
      else reportInvalidType(list, i, t, ctx);
    });
  },
};

function reportInvalidType(list: YSeq, i: number, t: string, ctx: ValidationContext): void {
  const item = list.items[i]!;
  const guess = closest(t, TYPES);
  const others = list.items.filter((_, j) => j !== i).map((n) => asString(n));
  const fix =
    guess && !others.includes(guess) && !isNull(item)
      ? ctx.fix(`Change to ${guess}`, replaceString(ctx, item, guess))
      : undefined;
  ctx.report(
    POLICY_TYPE_INVALID,
    item,
    `\`${ctx.path('policyTypes', i)}\`: Unsupported value ${JSON.stringify(t)}: supported values are "Ingress" and "Egress" (case-sensitive).${guess ? ` Did you mean \`${guess}\`?` : ''}`,
    { fixes: [fix] },
  );
}

function checkDuplicate(
  list: YSeq,
  i: number,
  t: string,
  seen: Map<string, number>,
  ctx: ValidationContext,
): void {
  const first = seen.get(t);
  if (first === undefined) {
    seen.set(t, i);
    return;
  }
  const other = t === 'Ingress' ? 'Egress' : 'Ingress';
  ctx.report(
    POLICY_TYPES_DUPLICATE,
    list.items[i]!,
    `\`${ctx.path('policyTypes', i)}\` repeats ${t} (already item ${first}). Remove it${list.items.length === 2 ? `, or did you mean ${other}?` : '.'}`,
    { fixes: [ctx.fix(`Remove the repeated ${t}`, removeItem(ctx, list, i))] },
  );
}

const checkSpecPresent: StructCheck = {
  struct: 'NetworkPolicy',
  check(root, ctx) {
    if (ctx.hadUnknownFields) return;
    const pair = pairOf(root, 'spec');
    if (pair && !isNull(pair.value)) return;
    const at = pair?.keyNode ?? pairOf(root, 'kind')?.value ?? root.pairs[0]?.keyNode ?? ctx.firstLine(root);
    ctx.report(
      MISSING_SPEC,
      at,
      'This NetworkPolicy has no `spec`: the API server accepts it as an empty podSelector with no rules, which denies all ingress to every pod in its namespace. Write the `spec` (e.g. `spec: {podSelector: {}, policyTypes: [Ingress]}`) to make that explicit.',
    );
  },
};

export const SPEC_CHECKS: readonly StructCheck[] = [checkPolicyTypes, checkSpecPresent];
