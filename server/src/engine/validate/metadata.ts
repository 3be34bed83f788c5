// `metadata` as ValidateObjectMeta checks it for a NetworkPolicy: a name that is a DNS-1123 subdomain
// (required by kubectl apply), a namespace that is a DNS-1123 label, valid labels and annotations
// (keys, values, 256 KiB in total), a non-negative generation.
import type { RuleInfo } from '../rules';
import type { YMap, YNode, YPair } from '../yamlTree';
import { isMap, pairOf } from '../yamlTree';
import type { ValidationContext } from './context';
import { replaceString } from './fixes';
import {
  DNS1123_LABEL_MAX,
  DNS1123_SUBDOMAIN_MAX,
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  dnsSuggestion,
  firstBadCharacter,
  isLabelChar,
  isSubdomainChar,
  qualifiedNameErrors,
  utf8Length,
} from './formats';
import { badCharHint, checkLabelMap } from './labels';
import { kubectlKey } from './structure';
import type { StructCheck } from './walk';
import { asInteger, asString, isNull } from './values';

export const MISSING_NAME: RuleInfo = {
  code: 'missing-name',
  severity: 'error',
  title: 'Missing metadata.name',
  help: 'kubectl apply needs `metadata.name` to find the object (`generateName` works only with kubectl create).',
};

export const INVALID_NAME: RuleInfo = {
  code: 'invalid-name',
  severity: 'error',
  title: 'Invalid name',
  help: 'A NetworkPolicy name (and a `generateName` prefix) must be a lowercase RFC 1123 subdomain: at most 253 lowercase alphanumerics, `-` and `.`, starting and ending with an alphanumeric. The quick fix proposes a valid spelling.',
};

export const INVALID_NAMESPACE: RuleInfo = {
  code: 'invalid-namespace',
  severity: 'error',
  title: 'Invalid namespace',
  help: 'A namespace must be a lowercase RFC 1123 label: at most 63 lowercase alphanumerics and `-`, starting and ending with an alphanumeric (no dots).',
};

export const INVALID_ANNOTATION_KEY: RuleInfo = {
  code: 'invalid-annotation-key',
  severity: 'error',
  title: 'Invalid annotation key',
  help: 'An annotation key follows the label key syntax (case-insensitively): an optional DNS-subdomain prefix and `/`, then at most 63 alphanumerics, `-`, `_` or `.`, starting and ending with an alphanumeric.',
};

export const ANNOTATIONS_TOO_LARGE: RuleInfo = {
  code: 'annotations-too-large',
  severity: 'error',
  title: 'Annotations too large',
  help: 'All annotation keys and values together may not exceed 256 KiB (262144 bytes).',
};

export const INVALID_GENERATION: RuleInfo = {
  code: 'invalid-generation',
  severity: 'error',
  title: 'Negative generation',
  help: '`metadata.generation` must be greater than or equal to 0.',
};

export const METADATA_RULES: readonly RuleInfo[] = [
  MISSING_NAME,
  INVALID_NAME,
  INVALID_NAMESPACE,
  INVALID_ANNOTATION_KEY,
  ANNOTATIONS_TOO_LARGE,
  INVALID_GENERATION,
];

const ANNOTATIONS_LIMIT = 256 * 1024;

function checkName(meta: YMap, ctx: ValidationContext): void {
  const pair = pairOf(meta, 'name');
  const name = asString(pair?.value);
  if (name === undefined) return;
  if (name === '') {
    const generate = asString(pairOf(meta, 'generateName')?.value);
    const why = generate ? ' (`generateName` works only with kubectl create, not apply)' : '';
    const at =
      pair?.keyNode ?? ctx.frames[0]!.map.pairs.find((p) => p.value === meta)?.keyNode ?? ctx.firstLine(meta);
    ctx.report(MISSING_NAME, at, `\`metadata.name\` is required: kubectl apply needs a name${why}.`);
    return;
  }
  dnsNameFinding(INVALID_NAME, pair!.value!, name, 'metadata.name', true, ctx);
}

function dnsNameFinding(
  rule: RuleInfo,
  node: YNode,
  value: string,
  path: string,
  subdomain: boolean,
  ctx: ValidationContext,
) {
  const errs = subdomain ? dns1123SubdomainErrors(value) : dns1123LabelErrors(value);
  if (errs.length === 0) return;
  const bad = firstBadCharacter(value, subdomain ? isSubdomainChar : isLabelChar);
  const hint = bad ? ` It contains ${bad}.` : '';
  const suggestion = dnsSuggestion(value, subdomain, subdomain ? DNS1123_SUBDOMAIN_MAX : DNS1123_LABEL_MAX);
  const tryIt = suggestion ? ` Try \`${suggestion}\`.` : '';
  ctx.report(
    rule,
    node,
    `\`${path}\` ${JSON.stringify(value)} is invalid: ${errs.join('; ')}.${hint}${tryIt}`,
    {
      fixes: [
        suggestion
          ? ctx.fix(`Change to ${suggestion}`, replaceString(ctx, node, suggestion), false)
          : undefined,
      ],
    },
  );
}

function checkGenerateName(meta: YMap, ctx: ValidationContext): void {
  const pair = pairOf(meta, 'generateName');
  const prefix = asString(pair?.value);
  if (!prefix) return;
  // NameIsDNSSubdomain(prefix=true) ignores one trailing '-', which the generated suffix follows.
  const masked = prefix.length > 1 && prefix.endsWith('-') ? prefix.slice(0, -1) : prefix;
  const errs = dns1123SubdomainErrors(masked);
  if (errs.length) {
    ctx.report(
      INVALID_NAME,
      pair!.value!,
      `\`metadata.generateName\` ${JSON.stringify(prefix)} is invalid: ${errs.join('; ')}.`,
    );
  }
}

function checkNamespace(meta: YMap, ctx: ValidationContext): void {
  const pair = pairOf(meta, 'namespace');
  const ns = asString(pair?.value);
  if (ns) dnsNameFinding(INVALID_NAMESPACE, pair!.value!, ns, 'metadata.namespace', false, ctx);
}

function checkGeneration(meta: YMap, ctx: ValidationContext): void {
  const node = pairOf(meta, 'generation')?.value;
  const g = asInteger(node);
  if (g !== undefined && g < 0) {
    ctx.report(INVALID_GENERATION, node!, `\`metadata.generation\` ${g} must be greater than or equal to 0.`);
  }
}

function checkAnnotations(meta: YMap, ctx: ValidationContext): void {
  const pair = pairOf(meta, 'annotations');
  if (!pair || !isMap(pair.value)) return;
  let size = 0;
  for (const p of pair.value.pairs) {
    const key = kubectlKey(p);
    const errs = qualifiedNameErrors(key.toLowerCase());
    if (errs.length) {
      ctx.report(
        INVALID_ANNOTATION_KEY,
        p.keyNode,
        `Annotation key ${JSON.stringify(key)} in \`metadata.annotations\` is invalid: ${errs.join('; ')}${badCharHint(key)}.`,
      );
    }
    size += utf8Length(key) + utf8Length(asString(p.value) ?? '');
  }
  if (size > ANNOTATIONS_LIMIT) {
    ctx.report(
      ANNOTATIONS_TOO_LARGE,
      pair.keyNode,
      `\`metadata.annotations\` total ${size} bytes, more than the limit of ${ANNOTATIONS_LIMIT} (256 KiB).`,
    );
  }
}

const checkObjectMeta: StructCheck = {
  struct: 'ObjectMeta',
  check(meta, ctx) {
    checkName(meta, ctx);
    checkGenerateName(meta, ctx);
    checkNamespace(meta, ctx);
    checkGeneration(meta, ctx);
    const labels = pairOf(meta, 'labels')?.value;
    if (isMap(labels)) checkLabelMap(labels, () => 'metadata.labels', ctx);
    checkAnnotations(meta, ctx);
  },
};

/** An object without `metadata` (or with `metadata:` empty) has no name either. */
const checkMetadataPresent: StructCheck = {
  struct: 'NetworkPolicy',
  check(root, ctx) {
    const pair: YPair | undefined = pairOf(root, 'metadata');
    if (pair && !isNull(pair.value)) return;
    const at =
      pair?.keyNode ?? pairOf(root, 'kind')?.keyNode ?? root.pairs[0]?.keyNode ?? ctx.firstLine(root);
    ctx.report(
      MISSING_NAME,
      at,
      '`metadata.name` is required: this object has no `metadata`, and kubectl apply needs a name.',
    );
  },
};

export const METADATA_CHECKS: readonly StructCheck[] = [checkObjectMeta, checkMetadataPresent];
