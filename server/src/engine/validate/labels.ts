// Label keys and values, as metav1 validation checks them in `metadata.labels`, selectors'
// `matchLabels` and `matchExpressions`: a key is a qualified name with an optional DNS-subdomain prefix,
// a value is empty or at most 63 alphanumerics, '-', '_' and '.'.
import { codeExcerpt, quotedExcerpt } from '../excerpt';
import type { RuleInfo } from '../rules';
import type { Span, YMap, YNode } from '../yamlTree';
import type { ValidationContext } from './context';
import { firstBadCharacter, isQualifiedChar, labelValueErrors, qualifiedNameErrors } from './formats';
import { kubectlKey } from './structure';
import { asString } from './values';

export const INVALID_LABEL_KEY: RuleInfo = {
  code: 'invalid-label-key',
  severity: 'error',
  title: 'Invalid label key',
  help: 'A label key (in `metadata.labels`, `matchLabels` or a `matchExpressions` key) must be a name of at most 63 alphanumerics, `-`, `_` or `.` that starts and ends with an alphanumeric, optionally prefixed by a DNS subdomain and `/` (e.g. `app.kubernetes.io/name`).',
};

export const INVALID_LABEL_VALUE: RuleInfo = {
  code: 'invalid-label-value',
  severity: 'error',
  title: 'Invalid label value',
  help: 'A label value (in `metadata.labels`, `matchLabels` or `matchExpressions` values) must be empty or at most 63 alphanumerics, `-`, `_` or `.`, starting and ending with an alphanumeric.',
};

export const LABEL_RULES: readonly RuleInfo[] = [INVALID_LABEL_KEY, INVALID_LABEL_VALUE];

/** The offending character of a name part, as a hint for the message. */
export function badCharHint(value: string): string {
  const name = value.slice(value.lastIndexOf('/') + 1);
  const bad = firstBadCharacter(name, isQualifiedChar);
  return bad ? ` (it contains ${bad})` : '';
}

/** `where` names the map or field for a message; computed only when there is one. */
export function checkLabelKey(key: string, at: Span, where: () => string, ctx: ValidationContext): void {
  const errs = qualifiedNameErrors(key);
  if (errs.length === 0) return;
  if (key === '') {
    ctx.report(
      INVALID_LABEL_KEY,
      at,
      `A label key in \`${where()}\` is empty: it is required (name part must be non-empty).`,
    );
    return;
  }
  ctx.report(
    INVALID_LABEL_KEY,
    at,
    `Label key ${codeExcerpt(key)} in \`${where()}\` is invalid: ${errs.join('; ')}${badCharHint(key)}.`,
  );
}

export function checkLabelValue(value: string, at: YNode, where: () => string, ctx: ValidationContext): void {
  const errs = labelValueErrors(value);
  if (errs.length === 0) return;
  const bad = firstBadCharacter(value, isQualifiedChar);
  const hint = bad ? ` (it contains ${bad})` : '';
  ctx.report(
    INVALID_LABEL_VALUE,
    at,
    `Label value ${quotedExcerpt(value)} in \`${where()}\` is invalid: ${errs.join('; ')}${hint}.`,
  );
}

/** Every key and value of a label map (`metadata.labels`, `matchLabels`). */
export function checkLabelMap(map: YMap, where: () => string, ctx: ValidationContext): void {
  for (const pair of map.pairs) {
    checkLabelKey(kubectlKey(pair), pair.keyNode, where, ctx);
    const value = asString(pair.value);
    if (value !== undefined && pair.value) checkLabelValue(value, pair.value, where, ctx);
  }
}
