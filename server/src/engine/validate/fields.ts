// Keys that are not fields of the map they sit in. Strict field validation rejects them with
// `unknown field "<path>"`; when the key is a field that belongs somewhere else (the seed's `ingress`
// at the top level instead of under `spec`), the finding says where, and moves it there when that
// place is unambiguous.
import type { RuleInfo } from '../rules';
import type { YMap, YNode, YPair } from '../yamlTree';
import { isMap, pairOf, valueOf } from '../yamlTree';
import type { ValidationContext } from './context';
import { renameKey } from './fixes';
import type { Home } from './homes';
import { homeOf, sibling } from './homes';
import { moveField } from './move';
import type { FieldType, StructType } from './schema';
import { closest } from './suggest';
import { isNull } from './values';

export const UNKNOWN_FIELD: RuleInfo = {
  code: 'unknown-field',
  severity: 'error',
  title: 'Unknown field',
  help: 'The key is not a field of this part of a NetworkPolicy. With strict field validation (the default of current kubectl) the API server rejects the object with `unknown field`; with validation off the key is silently dropped. Field names are case-sensitive. The quick fix renames a misspelt key.',
};

export const MISPLACED_FIELD: RuleInfo = {
  code: 'misplaced-field',
  severity: 'error',
  title: 'Field at the wrong level',
  help: 'A NetworkPolicy field sits at the wrong indentation level, e.g. `ingress` at the top level instead of under `spec`. kubectl rejects it as an unknown field, and where it is dropped the policy silently changes meaning (no ingress rule means deny all ingress). The quick fix moves the block where it belongs.',
};

export const FIELD_RULES: readonly RuleInfo[] = [UNKNOWN_FIELD, MISPLACED_FIELD];

/** Reports a key that is not a field of `type`. */
export function reportUnknownField(pair: YPair, map: YMap, type: StructType, ctx: ValidationContext): void {
  const home = homeOf(type.name, pair.key);
  if (home) return reportMisplaced(pair, map, type, home, ctx);
  const suggestion = closest(pair.key, type.fields.keys());
  if (!suggestion && type.name === 'LabelSelector' && pair.value?.kind === 'scalar') {
    return reportStrayLabel(pair, map, ctx);
  }
  const full = ctx.path(pair.key);
  const fits = suggestion && !pairOf(map, suggestion) && shapeFits(pair.value, type.fields.get(suggestion)!);
  const rename = fits ? renameKey(ctx, pair, suggestion) : undefined;
  const advice = suggestion
    ? ` Did you mean \`${suggestion}\`?`
    : ` ${type.describe.replace(/^./, (c) => c.toUpperCase())} has only ${[...type.fields.keys()].map((k) => `\`${k}\``).join(', ')}.`;
  ctx.report(
    UNKNOWN_FIELD,
    pair.keyNode,
    `Unknown field \`${pair.key}\`: kubectl reports \`unknown field "${full}"\`.${advice}`,
    {
      fixes: [ctx.fix(`Rename to \`${suggestion}\``, rename)],
    },
  );
}

/** Whether a value has the shape a field takes (null always does): a rename would then be clean. */
function shapeFits(value: YNode | null, type: FieldType): boolean {
  if (value === null || isNull(value)) return true;
  switch (type.kind) {
    case 'struct':
    case 'stringMap':
      return value.kind === 'map';
    case 'list':
      return value.kind === 'seq';
    default:
      return value.kind === 'scalar';
  }
}

function reportMisplaced(pair: YPair, map: YMap, type: StructType, home: Home, ctx: ValidationContext): void {
  const full = ctx.path(pair.key);
  let fix;
  const renamed = home.rename ? type.fields.get(home.rename) : undefined;
  if (home.rename && renamed && !pairOf(map, home.rename) && shapeFits(pair.value, renamed)) {
    fix = ctx.fix(`Rename to \`${home.rename}\``, renameKey(ctx, pair, home.rename));
  }
  // Moves rewrite lines: block style only (a flow map, JSON included, keeps its layout).
  const target = map.flow || ctx.root.flow ? undefined : home.target?.(ctx, map);
  const occupied = target?.kind === 'map' && pairOf(target.map, pair.key);
  if (target && !occupied)
    fix = ctx.fix(`Move \`${pair.key}\` ${home.moveTo ?? home.where}`, moveField(ctx, pair, target));
  const dropped = ctx.frames.length === 1 ? topLevelConsequence(pair.key, ctx) : '';
  const merge = occupied ? ` The target already has \`${pair.key}\`: merge the two by hand.` : '';
  ctx.report(
    MISPLACED_FIELD,
    pair.keyNode,
    `\`${pair.key}\` belongs ${home.where}. As written, kubectl reports \`unknown field "${full}"\`${dropped}.${occupied ? merge : action(pair.key, home)}`,
    { fixes: [fix] },
  );
}

/** The sentence that says what to do, when the place is a single one. */
function action(key: string, home: Home): string {
  if (home.rename) return ` Rename it to \`${home.rename}\`.`;
  if (home.target) return ` Move \`${key}\` ${home.moveTo ?? home.where}.`;
  return '';
}

/** `app: web` directly under a selector: a label to match, which belongs under `matchLabels`. */
function reportStrayLabel(pair: YPair, map: YMap, ctx: ValidationContext): void {
  const target = map.flow ? undefined : sibling('matchLabels')(ctx, map);
  const occupied = target?.kind === 'map' && pairOf(target.map, pair.key);
  const fix =
    target && !occupied ? ctx.fix('Move under `matchLabels`', moveField(ctx, pair, target)) : undefined;
  ctx.report(
    MISPLACED_FIELD,
    pair.keyNode,
    `\`${pair.key}\` belongs under \`matchLabels\`: a selector holds only \`matchLabels\` and \`matchExpressions\`, so kubectl reports \`unknown field "${ctx.path(pair.key)}"\`. To select pods labelled ${pair.key}=…, indent it under \`matchLabels\`.`,
    { fixes: [fix] },
  );
}

/** What the policy would do with a top-level spec field dropped (kubectl without strict validation). */
function topLevelConsequence(key: string, ctx: ValidationContext): string {
  const spec = valueOf(ctx.root, 'spec');
  const pods = describeSelected(valueOf(spec, 'podSelector'), ctx);
  switch (key) {
    case 'ingress':
      return isNull(valueOf(spec, 'ingress'))
        ? `, and where the field is dropped the policy would select ${pods} with no ingress rule, i.e. deny all ingress to them`
        : '';
    case 'egress':
      return `, and where the field is dropped its egress rules are lost for ${pods}`;
    case 'podSelector':
      return ', and where the field is dropped the policy would select every pod in its namespace';
    case 'policyTypes':
      return ', and where the field is dropped the policy types default to Ingress (plus Egress when there are egress rules)';
    default:
      return '';
  }
}

function describeSelected(selector: ReturnType<typeof valueOf>, ctx: ValidationContext): string {
  const ns = ctx.object.namespace ? ` in namespace ${ctx.object.namespace}` : '';
  if (!isMap(selector) || selector.pairs.length === 0) return `every pod${ns || ' in its namespace'}`;
  const labels = valueOf(selector, 'matchLabels');
  if (isMap(labels) && labels.pairs.length > 0 && !valueOf(selector, 'matchExpressions')) {
    const list = labels.pairs.map(
      (p) => `${p.key}=${p.value?.kind === 'scalar' ? String(p.value.value ?? '') : '…'}`,
    );
    return `the pods with ${list.join(', ')}${ns}`;
  }
  return `the pods its podSelector matches${ns}`;
}
