// Label selectors (`podSelector`, `namespaceSelector`), as ValidateLabelSelector checks them: valid
// `matchLabels`, and `matchExpressions` whose operator is In/NotIn (with values) or Exists/DoesNotExist
// (without), with a valid key and valid values.
import type { RuleInfo } from '../rules';
import type { YMap } from '../yamlTree';
import { isMap, isSeq, pairOf } from '../yamlTree';
import type { ValidationContext } from './context';
import { removePair, replaceString } from './fixes';
import { checkLabelKey, checkLabelMap, checkLabelValue } from './labels';
import { closest } from './suggest';
import type { StructCheck } from './walk';
import { asString, isNull } from './values';

export const SELECTOR_OPERATOR: RuleInfo = {
  code: 'selector-operator',
  severity: 'error',
  title: 'Invalid selector operator',
  help: 'A `matchExpressions` operator must be exactly `In`, `NotIn`, `Exists` or `DoesNotExist` (case-sensitive). The quick fix corrects the spelling.',
};

export const SELECTOR_VALUES_REQUIRED: RuleInfo = {
  code: 'selector-values-required',
  severity: 'error',
  title: 'In/NotIn without values',
  help: 'A `matchExpressions` requirement with operator `In` or `NotIn` must list at least one value. To match on the presence of the key, use `Exists`.',
};

export const SELECTOR_VALUES_FORBIDDEN: RuleInfo = {
  code: 'selector-values-forbidden',
  severity: 'error',
  title: 'Exists/DoesNotExist with values',
  help: 'A `matchExpressions` requirement with operator `Exists` or `DoesNotExist` may not list values. The quick fix removes `values`.',
};

export const NULL_LABEL_VALUE: RuleInfo = {
  code: 'null-label-value',
  severity: 'warning',
  title: 'matchLabels entry without a value',
  help: 'A `matchLabels` key with no value is sent as an empty string, so it matches only pods whose label is set to "" — not pods that merely have the label. Write the value, or use `matchExpressions` with `operator: Exists`.',
};

export const SELECTOR_RULES: readonly RuleInfo[] = [
  SELECTOR_OPERATOR,
  SELECTOR_VALUES_REQUIRED,
  SELECTOR_VALUES_FORBIDDEN,
  NULL_LABEL_VALUE,
];

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const OPERATOR_ALIASES: Readonly<Record<string, string>> = { '=': 'In', '==': 'In', '!=': 'NotIn' };

const checkSelector: StructCheck = {
  struct: 'LabelSelector',
  check(selector, ctx) {
    const labels = pairOf(selector, 'matchLabels')?.value;
    if (!isMap(labels)) return;
    const where = () => ctx.path('matchLabels');
    checkLabelMap(labels, where, ctx);
    for (const p of labels.pairs) {
      if (p.value !== null && !isNull(p.value)) continue;
      const objects = ctx.path().endsWith('namespaceSelector') ? 'namespaces' : 'pods';
      ctx.report(
        NULL_LABEL_VALUE,
        p.keyNode,
        `\`${p.key}\` in \`${where()}\` has no value, so kubectl sends an empty string: this matches only ${objects} whose \`${p.key}\` label is "". Write the value, or use \`matchExpressions: [{key: ${p.key}, operator: Exists}]\` to match any value.`,
      );
    }
  },
};

function checkOperator(req: YMap, ctx: ValidationContext): string | undefined {
  const pair = pairOf(req, 'operator');
  const op = asString(pair?.value);
  if (op === undefined || OPERATORS.includes(op)) return op;
  const guess = OPERATOR_ALIASES[op] ?? closest(op, OPERATORS);
  const node = pair?.value ?? pair?.keyNode ?? ctx.firstLine(req);
  const shown = op === '' ? 'is required' : `${JSON.stringify(op)} is not a valid selector operator`;
  // Offered only when the corrected operator agrees with the values given.
  const values = pairOf(req, 'values')?.value;
  const hasValues = isSeq(values) && values.items.length > 0;
  const fits = guess === 'In' || guess === 'NotIn' ? hasValues : !hasValues;
  const fix =
    guess && fits && pair?.value
      ? ctx.fix(`Change to ${guess}`, replaceString(ctx, pair.value, guess))
      : undefined;
  const advice = guess ? ` Did you mean \`${guess}\`?` : '';
  ctx.report(
    SELECTOR_OPERATOR,
    node,
    `\`${ctx.path('operator')}\` ${shown}: use \`In\`, \`NotIn\`, \`Exists\` or \`DoesNotExist\` (case-sensitive).${advice}`,
    { fixes: [fix] },
  );
  return guess;
}

const checkRequirement: StructCheck = {
  struct: 'LabelSelectorRequirement',
  check(req, ctx) {
    const op = checkOperator(req, ctx);
    const valuesPair = pairOf(req, 'values');
    const values = isSeq(valuesPair?.value) ? valuesPair.value.items : [];
    const literal = asString(pairOf(req, 'operator')?.value);
    if ((literal === 'In' || literal === 'NotIn') && values.length === 0) {
      ctx.report(
        SELECTOR_VALUES_REQUIRED,
        valuesPair?.keyNode ?? pairOf(req, 'operator')!.value!,
        `\`${ctx.path('values')}\` must be specified when \`operator\` is 'In' or 'NotIn': list at least one value, or use \`Exists\` to match any value of the key.`,
      );
    }
    if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0 && valuesPair) {
      const fix = literal === op ? ctx.fix('Remove `values`', removePair(ctx, req, valuesPair)) : undefined;
      ctx.report(
        SELECTOR_VALUES_FORBIDDEN,
        valuesPair.keyNode,
        `\`${ctx.path('values')}\` may not be specified when \`operator\` is '${op}': ${op} only tests whether the key is present. Remove \`values\`, or use \`${op === 'Exists' ? 'In' : 'NotIn'}\` to match these values.`,
        { fixes: [fix] },
      );
    }
    const keyPair = pairOf(req, 'key');
    const key = asString(keyPair?.value);
    if (key !== undefined)
      checkLabelKey(
        key,
        keyPair?.value ?? keyPair?.keyNode ?? ctx.firstLine(req),
        () => ctx.path('key'),
        ctx,
      );
    values.forEach((v, i) => {
      const s = asString(v);
      if (s !== undefined) checkLabelValue(s, v, () => ctx.path('values', i), ctx);
    });
  },
};

export const SELECTOR_CHECKS: readonly StructCheck[] = [checkSelector, checkRequirement];
