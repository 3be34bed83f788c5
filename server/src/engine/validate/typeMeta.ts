// `apiVersion` and `kind`: every object needs both, and a NetworkPolicy exists only as
// networking.k8s.io/v1 (extensions/v1beta1 was removed in Kubernetes 1.16). Decides whether the rest
// of the validation applies: NetworkPolicies of custom resource groups (Calico, Cilium) are left alone.
import type { RuleInfo } from '../rules';
import type { YPair } from '../yamlTree';
import { pairOf } from '../yamlTree';
import type { ValidationContext } from './context';
import { replaceString } from './fixes';
import { checkString } from './structure';
import { distance } from './suggest';
import { asString } from './values';

export const MISSING_KIND: RuleInfo = {
  code: 'missing-kind',
  severity: 'error',
  title: 'Missing kind',
  help: 'Every Kubernetes object needs `kind`; kubectl refuses a document without it ("Object \'Kind\' is missing"). The quick fix adds `kind: NetworkPolicy` to an object that is plainly a NetworkPolicy.',
};

export const MISSING_API_VERSION: RuleInfo = {
  code: 'missing-api-version',
  severity: 'error',
  title: 'Missing apiVersion',
  help: 'Every Kubernetes object needs `apiVersion`; kubectl refuses a document without it. For a NetworkPolicy it is `networking.k8s.io/v1`, which the quick fix adds.',
};

export const REMOVED_API_VERSION: RuleInfo = {
  code: 'removed-api-version',
  severity: 'error',
  title: 'Removed API version',
  help: 'NetworkPolicy in `extensions/v1beta1` was removed in Kubernetes 1.16; current API servers answer "no matches for kind". Use `networking.k8s.io/v1`, which has the same fields; the quick fix changes it.',
};

export const UNKNOWN_API_VERSION: RuleInfo = {
  code: 'unknown-api-version',
  severity: 'error',
  title: 'No NetworkPolicy in this API version',
  help: 'NetworkPolicy is served only as `networking.k8s.io/v1`; any other built-in group or version (`v1`, `networking.k8s.io/v1beta1`, …) is rejected with "no matches for kind". The quick fix sets `networking.k8s.io/v1`.',
};

export const UNKNOWN_KIND: RuleInfo = {
  code: 'unknown-kind',
  severity: 'error',
  title: 'Misspelt kind',
  help: 'Kinds are case-sensitive and singular: `NetworkPolicy`, not `networkpolicy` or `NetworkPolicies`. The quick fix corrects it.',
};

export const TYPE_META_RULES: readonly RuleInfo[] = [
  MISSING_KIND,
  MISSING_API_VERSION,
  REMOVED_API_VERSION,
  UNKNOWN_API_VERSION,
  UNKNOWN_KIND,
];

const KIND = 'NetworkPolicy';
const API_VERSION = 'networking.k8s.io/v1';
const POLICY_SPEC_KEYS = ['podSelector', 'ingress', 'egress', 'policyTypes'];

/** Built-in API groups: the core group, dot-less groups (apps, batch, extensions) and *.k8s.io. */
export function isBuiltInGroup(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  return !group.includes('.') || group.endsWith('.k8s.io');
}

function looksLikeNetworkPolicyKind(kind: string): boolean {
  const lower = kind.toLowerCase();
  return lower === 'networkpolicies' || distance(lower, 'networkpolicy', 2) <= 2;
}

/** Checks apiVersion and kind; true when the object is to be validated as a networking.k8s.io/v1 NetworkPolicy. */
export function checkTypeMeta(ctx: ValidationContext): boolean {
  if (ctx.object.typeMetaFromList) return checkListedTypeMeta(ctx);
  const root = ctx.root;
  const kindPair = pairOf(root, 'kind');
  const apiPair = pairOf(root, 'apiVersion');
  const kind = asString(kindPair?.value);
  const api = asString(apiPair?.value);
  if (kindPair?.value?.kind === 'scalar' && kind === undefined)
    checkString(kindPair.value, undefined, ctx, () => '`kind`');
  if (kind === '') reportMissingKind(ctx, apiPair, api);
  if (api === '') reportMissingApiVersion(ctx, kindPair, kind);
  if (!kind || kind === 'NetworkPolicyList')
    return kind === '' && api === API_VERSION && looksLikePolicy(ctx);
  if (api !== undefined && api !== '' && !isBuiltInGroup(api)) return false;
  if (kind !== KIND) {
    if (!looksLikeNetworkPolicyKind(kind) || !api?.includes('networking')) return false;
    ctx.report(
      UNKNOWN_KIND,
      kindPair!.value!,
      `No kind \`${kind}\` in ${api}: kinds are case-sensitive and singular. Write \`kind: ${KIND}\`.`,
      { fixes: [ctx.fix(`Change to ${KIND}`, replaceString(ctx, kindPair!.value!, KIND))] },
    );
  }
  if (api) checkApiVersion(ctx, apiPair!, api);
  return true;
}

/**
 * An item of a typed list without kind and apiVersion of its own (documents.ts): they come from the
 * list, so a wrong apiVersion is the list's, reported on the item's first line, which it concerns.
 */
function checkListedTypeMeta(ctx: ValidationContext): boolean {
  const { kind, apiVersion } = ctx.object;
  if (kind !== KIND || apiVersion === undefined || !isBuiltInGroup(apiVersion)) return false;
  if (apiVersion === API_VERSION) return true;
  const removed = apiVersion === 'extensions/v1beta1';
  ctx.report(
    removed ? REMOVED_API_VERSION : UNKNOWN_API_VERSION,
    ctx.firstLine(ctx.root),
    `This item is a NetworkPolicy in \`${apiVersion}\`, the apiVersion of its NetworkPolicyList: ${removed ? 'NetworkPolicy in `extensions/v1beta1` was removed in Kubernetes 1.16' : `there is no NetworkPolicy in \`${apiVersion}\``}. Set \`apiVersion: ${API_VERSION}\` on the list.`,
  );
  return true;
}

function looksLikePolicy(ctx: ValidationContext): boolean {
  const spec = pairOf(ctx.root, 'spec')?.value;
  return spec?.kind === 'map' && spec.pairs.some((p) => POLICY_SPEC_KEYS.includes(p.key));
}

function checkApiVersion(ctx: ValidationContext, apiPair: YPair, api: string): void {
  if (api === API_VERSION) return;
  const fixes = [ctx.fix(`Change to ${API_VERSION}`, replaceString(ctx, apiPair.value!, API_VERSION))];
  if (api === 'extensions/v1beta1') {
    ctx.report(
      REMOVED_API_VERSION,
      apiPair.value!,
      `NetworkPolicy in \`extensions/v1beta1\` was removed in Kubernetes 1.16: use \`apiVersion: ${API_VERSION}\` (the fields are the same).`,
      { fixes },
    );
    return;
  }
  ctx.report(
    UNKNOWN_API_VERSION,
    apiPair.value!,
    `There is no NetworkPolicy in \`${api}\` (kubectl: no matches for kind "NetworkPolicy" in version "${api}"): use \`apiVersion: ${API_VERSION}\`.`,
    { fixes },
  );
}

/** Inserts `key: value` as a line of its own before (or after) a top-level pair, at its column. */
function insertLine(ctx: ValidationContext, beside: YPair, line: string, after: boolean) {
  const src = ctx.source;
  if (!src.startsLine(beside.keyNode.start) || ctx.root.flow) return undefined;
  const col = src.column(beside.keyNode.start);
  const text = `${' '.repeat(col)}${line}${src.eol()}`;
  if (!after) return [ctx.edit({ start: beside.keyNode.start - col, end: beside.keyNode.start - col }, text)];
  const lastLine = src.lastContentLine(beside.keyNode.start, beside.end);
  const at = src.nextLineStart(lastLine);
  const prefix = src.lineBreak(lastLine) === '' ? src.eol() : '';
  return [ctx.edit({ start: at, end: at }, prefix + text.slice(0, prefix ? -src.eol().length : undefined))];
}

function reportMissingKind(
  ctx: ValidationContext,
  apiPair: YPair | undefined,
  api: string | undefined,
): void {
  const at = pairOf(ctx.root, 'kind')?.keyNode ?? apiPair?.keyNode ?? firstKey(ctx);
  const policy = api === API_VERSION && looksLikePolicy(ctx);
  const fix =
    policy && apiPair
      ? ctx.fix(`Add kind: ${KIND}`, insertLine(ctx, apiPair, `kind: ${KIND}`, false))
      : undefined;
  ctx.report(
    MISSING_KIND,
    at,
    `This object has no \`kind\`: kubectl rejects it ("Object 'Kind' is missing").${policy ? ` Add \`kind: ${KIND}\`.` : ''}`,
    { fixes: [fix] },
  );
}

function reportMissingApiVersion(
  ctx: ValidationContext,
  kindPair: YPair | undefined,
  kind: string | undefined,
): void {
  const at = pairOf(ctx.root, 'apiVersion')?.keyNode ?? kindPair?.keyNode ?? firstKey(ctx);
  const policy = kind === KIND;
  const fix =
    policy && kindPair
      ? ctx.fix(
          `Add apiVersion: ${API_VERSION}`,
          insertLine(ctx, kindPair, `apiVersion: ${API_VERSION}`, true),
        )
      : undefined;
  ctx.report(
    MISSING_API_VERSION,
    at,
    `This object has no \`apiVersion\`: kubectl rejects it ("apiVersion not set").${policy ? ` A NetworkPolicy needs \`apiVersion: ${API_VERSION}\`.` : ''}`,
    { fixes: [fix] },
  );
}

function firstKey(ctx: ValidationContext) {
  const first = ctx.root.pairs[0];
  return first ? first.keyNode : { start: ctx.root.start, end: ctx.root.start };
}
