// The bookkeeping parts of `metadata` that ValidateObjectMeta also checks: owner references, finalizers
// and managed fields. Rare in hand-written policies, common in objects exported from a cluster.
import type { RuleInfo } from '../rules';
import type { YMap } from '../yamlTree';
import { isMap, isSeq, pairOf } from '../yamlTree';
import type { ValidationContext } from './context';
import { qualifiedNameErrors, utf8Length } from './formats';
import type { StructCheck } from './walk';
import { asString } from './values';

export const INVALID_OWNER_REFERENCE: RuleInfo = {
  code: 'invalid-owner-reference',
  severity: 'error',
  title: 'Invalid owner reference',
  help: 'Each `metadata.ownerReferences` item needs a non-empty `apiVersion` (with a version), `kind`, `name` and `uid`; an Event cannot be an owner, and at most one reference may set `controller: true`.',
};

export const INVALID_FINALIZER: RuleInfo = {
  code: 'invalid-finalizer',
  severity: 'error',
  title: 'Invalid finalizer',
  help: 'A finalizer must be a qualified name (e.g. `example.com/cleanup`), and `orphan` and `foregroundDeletion` cannot be set together.',
};

export const INVALID_MANAGED_FIELDS: RuleInfo = {
  code: 'invalid-managed-fields',
  severity: 'error',
  title: 'Invalid managed fields',
  help: 'In `metadata.managedFields`, `operation` must be `Apply` or `Update`, `fieldsType` `FieldsV1`, `manager` at most 128 printable characters and `subresource` at most 256. Usually simplest: delete `managedFields` from exported manifests.',
};

export const OWNERSHIP_RULES: readonly RuleInfo[] = [
  INVALID_OWNER_REFERENCE,
  INVALID_FINALIZER,
  INVALID_MANAGED_FIELDS,
];

function eachMap(meta: YMap, key: string, visit: (item: YMap, index: number) => void): void {
  const list = pairOf(meta, key)?.value;
  if (!isSeq(list)) return;
  list.items.forEach((item, i) => {
    if (isMap(item)) visit(item, i);
  });
}

/** Go's schema.FromAPIVersionAndKind: the version part of `group/version` or `version`. */
function versionOf(apiVersion: string): string {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return apiVersion;
  return parts.length === 2 ? parts[1]! : '';
}

function checkOwnerReferences(meta: YMap, ctx: ValidationContext): void {
  let controller: string | undefined;
  eachMap(meta, 'ownerReferences', (ref, i) => {
    const path = `metadata.ownerReferences[${i}]`;
    const value = (k: string) => asString(pairOf(ref, k)?.value) ?? '';
    const missing = (k: string, what: string) =>
      ctx.report(
        INVALID_OWNER_REFERENCE,
        pairOf(ref, k)?.value ?? ctx.firstLine(ref),
        `\`${path}.${k}\` ${what}.`,
      );
    const apiVersion = value('apiVersion');
    if (versionOf(apiVersion) === '') missing('apiVersion', 'must name a version (e.g. `apps/v1`)');
    if (value('kind') === '') missing('kind', 'must not be empty');
    if (value('name') === '') missing('name', 'must not be empty');
    if (value('uid') === '') missing('uid', 'must not be empty');
    if (apiVersion === 'v1' && value('kind') === 'Event')
      missing('kind', 'may not be Event: an Event cannot own objects');
    const c = pairOf(ref, 'controller')?.value;
    if (c?.kind === 'scalar' && c.value === true) {
      const name = `${value('kind')}/${value('name')}`;
      if (controller !== undefined) {
        ctx.report(
          INVALID_OWNER_REFERENCE,
          c,
          `Only one owner reference can have \`controller: true\`; found it for ${controller} and ${name}.`,
        );
      } else controller = name;
    }
  });
}

function checkFinalizers(meta: YMap, ctx: ValidationContext): void {
  const list = pairOf(meta, 'finalizers')?.value;
  if (!isSeq(list)) return;
  const names = new Set<string>();
  list.items.forEach((item, i) => {
    const f = asString(item);
    if (f === undefined) return;
    names.add(f);
    const errs = qualifiedNameErrors(f);
    if (errs.length) {
      ctx.report(
        INVALID_FINALIZER,
        item,
        `\`metadata.finalizers[${i}]\` ${JSON.stringify(f)} is invalid: ${errs.join('; ')}.`,
      );
    }
  });
  if (names.has('orphan') && names.has('foregroundDeletion')) {
    ctx.report(
      INVALID_FINALIZER,
      ctx.firstLine(list),
      'Finalizers `orphan` and `foregroundDeletion` cannot both be set.',
    );
  }
}

const printable = (s: string) => !/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(s);

function checkManagedFields(meta: YMap, ctx: ValidationContext): void {
  eachMap(meta, 'managedFields', (entry, i) => {
    const path = `metadata.managedFields[${i}]`;
    const field = (k: string) => ({
      node: pairOf(entry, k)?.value,
      value: asString(pairOf(entry, k)?.value),
    });
    const op = field('operation');
    if (op.value !== undefined && op.value !== 'Apply' && op.value !== 'Update') {
      ctx.report(
        INVALID_MANAGED_FIELDS,
        op.node ?? ctx.firstLine(entry),
        `\`${path}.operation\` must be \`Apply\` or \`Update\`.`,
      );
    }
    const type = field('fieldsType');
    if (type.value && type.value !== 'FieldsV1') {
      ctx.report(INVALID_MANAGED_FIELDS, type.node!, `\`${path}.fieldsType\` must be \`FieldsV1\`.`);
    }
    const manager = field('manager');
    if (manager.value && (utf8Length(manager.value) > 128 || !printable(manager.value))) {
      ctx.report(
        INVALID_MANAGED_FIELDS,
        manager.node!,
        `\`${path}.manager\` must be at most 128 printable characters.`,
      );
    }
    const sub = field('subresource');
    if (sub.value && utf8Length(sub.value) > 256) {
      ctx.report(
        INVALID_MANAGED_FIELDS,
        sub.node!,
        `\`${path}.subresource\` must be at most 256 characters.`,
      );
    }
  });
}

export const OWNERSHIP_CHECKS: readonly StructCheck[] = [
  {
    struct: 'ObjectMeta',
    check(meta, ctx) {
      checkOwnerReferences(meta, ctx);
      checkFinalizers(meta, ctx);
      checkManagedFields(meta, ctx);
    },
  },
];
