// Rules about the shape of the object as the API server decodes it: value types (a map where a list
// belongs, a number where a string belongs, YAML 1.1 surprises) and map keys kubectl rewrites.
import type { RuleInfo } from '../rules';
import type { Fix } from '../types';
import type { Span, YNode, YPair, YScalar } from '../yamlTree';
import type { ValidationContext } from './context';
import {
  quoteScalar,
  replaceNode,
  scalarSource,
  scalarToList,
  unwrapList,
  wrapInList,
  yamlString,
} from './fixes';
import { labelValueErrors, qualifiedNameErrors } from './formats';
import type { Accepts, FieldType, ScalarType } from './schema';
import { INT32_MAX, INT32_MIN, k8sScalar } from './values';
import { yaml11Key, yaml11Reading } from './yaml11';

export const INVALID_TYPE: RuleInfo = {
  code: 'invalid-type',
  severity: 'error',
  title: 'Wrong value type',
  help: 'The value has the wrong JSON type for the field: a map where a list belongs, a list where a map belongs, a string where a number belongs, or a number that does not fit. The API server cannot decode the object. Quick fixes wrap a map into a one-item list, unwrap a one-item list, or remove quotes around a number.',
};

export const NEEDS_QUOTES: RuleInfo = {
  code: 'needs-quotes',
  severity: 'error',
  title: 'Unquoted value read as a number or boolean',
  help: 'A field that takes a string holds an unquoted value YAML reads as a number or a boolean: `1.0`, `80`, `true`, and, because kubectl converts YAML with YAML 1.1 rules, also `yes`, `no`, `on`, `off`, `y`, `n`. The API server rejects the object. The quick fix quotes the value.',
};

export const YAML11_KEY: RuleInfo = {
  code: 'yaml11-key',
  severity: 'warning',
  title: 'Label key rewritten by kubectl',
  help: 'An unquoted label or annotation key such as `on`, `yes` or `y` is a boolean in YAML 1.1, which kubectl uses: it sends the key as "true" or "false". Quote the key.',
};

export const STRUCTURE_RULES: readonly RuleInfo[] = [INVALID_TYPE, NEEDS_QUOTES, YAML11_KEY];

/** How a message names a value of a field type. */
export function describeType(type: FieldType): string {
  switch (type.kind) {
    case 'struct':
      return type.describe;
    case 'list':
      return 'a list (each item starts with `- `)';
    case 'stringMap':
      return 'a map of string values';
    case 'string':
      return 'a string';
    case 'int32':
    case 'int64':
      return 'a whole number';
    case 'intOrString':
      return 'a port number or a port name';
    case 'bool':
      return '`true` or `false`';
    case 'time':
      return 'an RFC 3339 timestamp such as 2024-01-01T00:00:00Z';
    case 'any':
      return 'any value';
  }
}

function describeNode(n: YNode): string {
  if (n.kind === 'map') return 'a map';
  if (n.kind === 'seq') return 'a list';
  const v = k8sScalar(n);
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  return `the boolean ${v}`;
}

/**
 * Where a wrong shape is reported: a scalar itself; a map or list at the key of its field, or else
 * (a list item) on its first line only.
 */
function shapeSpan(n: YNode, key: YNode | undefined, ctx: ValidationContext): Span {
  if (n.kind === 'scalar') return n;
  return key ?? ctx.firstLine(n);
}

/** A hint and a fix that reshape a value into what its field takes. */
interface Reshape {
  hint: string;
  fix?: Fix | undefined;
}

function reshape(n: YNode, type: FieldType, ctx: ValidationContext): Reshape {
  if (type.kind === 'list' && n.kind === 'map') {
    const fix = ctx.fix('Make it a one-item list', wrapInList(ctx, n));
    return { hint: ' Start the item with `- ` to make it a one-item list.', fix };
  }
  if (type.kind === 'list' && n.kind === 'scalar' && type.of.kind === 'string') {
    const src = scalarSource(ctx, n);
    if (src === undefined) return { hint: '' };
    const fix = stringAccepted(n, type.of.accepts)
      ? ctx.fix(`Change to [${src}]`, scalarToList(ctx, n))
      : undefined;
    return { hint: ` Write \`[${src}]\`.`, fix };
  }
  if ((type.kind === 'struct' || type.kind === 'stringMap') && n.kind === 'seq') {
    const fix = ctx.fix('Make it a map', unwrapList(ctx, n));
    return { hint: ' Remove the `- `: this field takes a single map, not a list.', fix };
  }
  if (type.kind === 'struct' && type.name === 'LabelSelector' && n.kind === 'scalar') {
    const selector = selectorFromString(k8sScalar(n));
    if (!selector) {
      return {
        hint: ' Labels to match go under `matchLabels`, e.g. `{matchLabels: {app: web}}`; `{}` selects everything.',
      };
    }
    return {
      hint: ` Write \`${selector}\`.`,
      fix: ctx.fix(`Change to ${selector}`, replaceNode(ctx, n, selector)),
    };
  }
  return { hint: '' };
}

/** A value whose shape does not fit its field, with the fix that reshapes it. */
export function reportShape(n: YNode, type: FieldType, ctx: ValidationContext, key?: YNode): void {
  const { hint, fix } = reshape(n, type, ctx);
  ctx.report(
    INVALID_TYPE,
    shapeSpan(n, key, ctx),
    `\`${ctx.path()}\` must be ${describeType(type)}, not ${describeNode(n)}.${hint}`,
    { fixes: [fix] },
  );
}

/** `app=web,role=db` as a selector map, when every pair is a valid label. */
function selectorFromString(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v.includes('=')) return undefined;
  const pairs = v.split(',').map((p) => p.split('=').map((x) => x.trim()));
  const valid = (p: string[]) =>
    p.length === 2 && qualifiedNameErrors(p[0]!).length === 0 && labelValueErrors(p[1]!).length === 0;
  if (!pairs.every(valid)) return undefined;
  return `{matchLabels: {${pairs.map(([k, val]) => `${yamlString(k!)}: ${yamlString(val!)}`).join(', ')}}}`;
}

function stringAccepted(n: YScalar, accepts: Accepts | undefined): boolean {
  const v = n.value;
  if (v === null) return false;
  return accepts ? accepts(String(v)) : true;
}

/** A string field: unquoted numbers and booleans (YAML 1.1 included) are not strings. */
export function checkString(
  n: YScalar,
  accepts: Accepts | undefined,
  ctx: ValidationContext,
  what?: () => string,
): void {
  const v = n.value;
  if (v === null) return;
  const reading = typeof v === 'string' ? (n.plain && n.tag === undefined ? yaml11Reading(v) : undefined) : v;
  if (reading === undefined || (typeof v === 'string' && taggedString(n, ctx))) return;
  const subject = what ? what() : `\`${ctx.path()}\``;
  const src = scalarSource(ctx, n);
  if (!n.plain || src === undefined) {
    ctx.report(INVALID_TYPE, n, `${subject} must be a string, not ${describeNode(n)}.`);
    return;
  }
  const yaml11 = typeof v === 'string' ? ' (YAML 1.1, which kubectl uses)' : '';
  const kind = typeof reading === 'boolean' ? `the boolean ${reading}` : `the number ${reading}`;
  const quoted = JSON.stringify(src);
  const fix = accepts && !accepts(src) ? undefined : ctx.fix(`Quote as ${quoted}`, quoteScalar(ctx, n));
  ctx.report(
    NEEDS_QUOTES,
    n,
    `${subject} must be a string, but kubectl reads the unquoted \`${src}\` as ${kind}${yaml11}. Quote it: \`${quoted}\`.`,
    { fixes: [fix] },
  );
}

/** `!!str yes`: the parser keeps no standard tags, so the source before the scalar tells. */
function taggedString(n: YScalar, ctx: ValidationContext): boolean {
  const line = ctx.source.lineOf(n.start);
  const before = ctx.source.lineText(line).slice(0, n.start - ctx.source.lineStart(line));
  return /(?:!!str|!<tag:yaml\.org,2002:str>)\s*$/.test(before);
}

/** A scalar field other than a string. */
export function checkScalar(n: YScalar, type: ScalarType, ctx: ValidationContext): void {
  switch (type.kind) {
    case 'string':
      return checkString(n, type.accepts, ctx);
    case 'int32':
    case 'int64':
      return checkInteger(n, type, ctx);
    case 'intOrString':
      return checkIntOrString(n, ctx);
    case 'bool':
      if (typeof k8sScalar(n) !== 'boolean') reportScalar(n, type, ctx, unquoteFix(n, type, ctx));
      return;
    case 'time':
      return checkTime(n, type, ctx);
    case 'any':
      return;
  }
}

function reportScalar(
  n: YScalar,
  type: ScalarType,
  ctx: ValidationContext,
  fix?: ReturnType<ValidationContext['fix']>,
) {
  const hint = fix && typeof n.value === 'string' ? ' Remove the quotes.' : '';
  ctx.report(
    INVALID_TYPE,
    n,
    `\`${ctx.path()}\` must be ${describeType(type)}, not ${describeNode(n)}.${hint}`,
    {
      fixes: [fix],
    },
  );
}

/** `"8080"` or `"true"` quoted where a number or a boolean belongs: drop the quotes. */
function unquoteFix(n: YScalar, type: ScalarType, ctx: ValidationContext) {
  const v = n.value;
  if (typeof v !== 'string' || n.plain) return undefined;
  const ok = type.kind === 'bool' ? v === 'true' || v === 'false' : /^-?[0-9]{1,18}$/.test(v);
  if (!ok || (type.accepts && !type.accepts(v))) return undefined;
  return ctx.fix(`Remove the quotes: ${v}`, replaceNode(ctx, n, v));
}

function checkInteger(n: YScalar, type: ScalarType, ctx: ValidationContext): void {
  const v = k8sScalar(n);
  if (typeof v !== 'number') return reportScalar(n, type, ctx, unquoteFix(n, type, ctx));
  if (!Number.isInteger(v)) {
    ctx.report(INVALID_TYPE, n, `\`${ctx.path()}\` must be a whole number, not ${v}.`);
  } else if (type.kind === 'int32' && (v > INT32_MAX || v < INT32_MIN)) {
    ctx.report(INVALID_TYPE, n, `\`${ctx.path()}\` ${v} does not fit in a 32-bit integer.`);
  }
}

function checkIntOrString(n: YScalar, ctx: ValidationContext): void {
  const v = k8sScalar(n);
  if (typeof v === 'string') return;
  if (typeof v === 'boolean') return checkString(n, undefined, ctx);
  if (typeof v !== 'number') return;
  if (!Number.isInteger(v)) {
    ctx.report(INVALID_TYPE, n, `\`${ctx.path()}\` must be a whole port number or a port name, not ${v}.`);
  } else if (v > INT32_MAX || v < INT32_MIN) {
    ctx.report(INVALID_TYPE, n, `\`${ctx.path()}\` ${v} does not fit in a 32-bit integer.`);
  }
}

// time.RFC3339 as Go parses it: fractional seconds optional, 'Z' or a numeric offset.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function checkTime(n: YScalar, type: ScalarType, ctx: ValidationContext): void {
  const v = n.value;
  if (typeof v === 'string' && RFC3339.test(v)) return;
  if (typeof v === 'string') {
    ctx.report(INVALID_TYPE, n, `\`${ctx.path()}\` ${JSON.stringify(v)} is not ${describeType(type)}.`);
  } else reportScalar(n, type, ctx);
}

/** A key of labels, annotations or matchLabels as kubectl sends it (`on` becomes "true"). */
export function kubectlKey(pair: YPair): string {
  const k = pair.keyNode;
  if (k.kind !== 'scalar' || !k.plain || typeof k.value !== 'string' || k.tag !== undefined) return pair.key;
  return yaml11Key(k.value) ?? pair.key;
}

/** Warns when kubectl would send a different key than the one written. */
export function checkKey(pair: YPair, ctx: ValidationContext): void {
  const k = pair.keyNode;
  const sent = kubectlKey(pair);
  if (sent === pair.key || k.kind !== 'scalar' || taggedString(k, ctx)) return;
  ctx.report(
    YAML11_KEY,
    k,
    `kubectl reads the unquoted key \`${pair.key}\` in \`${ctx.path()}\` as the ${typeof yaml11Reading(pair.key)} ${sent} (YAML 1.1) and sends the key "${sent}". Quote it: \`"${pair.key}"\`.`,
    { fixes: [ctx.fix(`Quote as "${pair.key}"`, quoteScalar(ctx, k))] },
  );
}
