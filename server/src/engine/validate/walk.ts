// One pass over an object against its schema: every key and value is checked for shape and type, and
// after each map's fields have been walked, the checks registered for its struct type run on it (the
// rule plug-ins: selectors, peers, ports, …). A null is the field's zero value, as in Go's decoder.
import { pushTo } from '../lists';
import type { YMap, YNode } from '../yamlTree';
import type { ValidationContext } from './context';
import { reportUnknownField } from './fields';
import type { FieldType, ListType, StringMapType, StructName, StructType } from './schema';
import { checkKey, checkScalar, checkString, reportShape } from './structure';
import { isNull } from './values';

/** A rule plug-in's check of one struct type, run once per map of that type. */
export interface StructCheck {
  struct: StructName;
  check(map: YMap, ctx: ValidationContext): void;
}

export type CheckRegistry = ReadonlyMap<StructName, readonly StructCheck[]>;

export function checkRegistry(checks: readonly StructCheck[]): CheckRegistry {
  const out = new Map<StructName, StructCheck[]>();
  for (const c of checks) pushTo(out, c.struct, c);
  return out;
}

/** Walks a value; `key` is the key of the field holding it, where a wrong shape is reported. */
export function walkValue(
  n: YNode | null,
  type: FieldType,
  ctx: ValidationContext,
  checks: CheckRegistry,
  key?: YNode,
): void {
  if (isNull(n)) return;
  const node = n!;
  switch (type.kind) {
    case 'struct':
      return walkStruct(node, type, ctx, checks, key);
    case 'list':
      return walkList(node, type, ctx, checks, key);
    case 'stringMap':
      return walkStringMap(node, type, ctx, key);
    case 'any':
      return;
    default:
      if (node.kind === 'scalar') checkScalar(node, type, ctx);
      else reportShape(node, type, ctx, key);
  }
}

export function walkStruct(
  node: YNode,
  type: StructType,
  ctx: ValidationContext,
  checks: CheckRegistry,
  key?: YNode,
): void {
  if (node.kind !== 'map') {
    reportShape(node, type, ctx, key);
    // A one-item list where a map belongs: its item is still checked, to report everything at once.
    if (node.kind === 'seq' && node.items.length === 1 && node.items[0]!.kind === 'map') {
      ctx.push(0);
      walkStruct(node.items[0]!, type, ctx, checks);
      ctx.pop();
    }
    return;
  }
  ctx.frames.push({ map: node, type });
  let unknown = false;
  for (const pair of node.pairs) {
    const field = type.fields.get(pair.key);
    if (field === undefined) {
      unknown = true;
      reportUnknownField(pair, node, type, ctx);
      continue;
    }
    ctx.push(pair.key);
    walkValue(pair.value, field, ctx, checks, pair.keyNode);
    ctx.pop();
  }
  for (const c of checks.get(type.name) ?? []) {
    ctx.hadUnknownFields = unknown;
    c.check(node, ctx);
  }
  ctx.frames.pop();
}

function walkList(
  node: YNode,
  type: ListType,
  ctx: ValidationContext,
  checks: CheckRegistry,
  key?: YNode,
): void {
  const of = type.of;
  if (node.kind !== 'seq') {
    reportShape(node, type, ctx, key);
    // A map where a list of maps belongs: checked as the one item it was probably meant to be.
    if (node.kind === 'map' && of.kind === 'struct') {
      ctx.push(0);
      walkStruct(node, of, ctx, checks);
      ctx.pop();
    }
    return;
  }
  for (let i = 0; i < node.items.length; i++) {
    const item = node.items[i]!;
    ctx.push(i);
    // A null item of a list of structs decodes to an empty struct, which its checks still see.
    if (of.kind === 'struct' && isNull(item)) walkStruct(emptyMapAt(item), of, ctx, checks);
    else walkValue(item, of, ctx, checks);
    ctx.pop();
  }
}

function walkStringMap(node: YNode, type: StringMapType, ctx: ValidationContext, key?: YNode): void {
  if (node.kind !== 'map') return reportShape(node, type, ctx, key);
  for (const pair of node.pairs) {
    checkKey(pair, ctx);
    const v = pair.value;
    if (isNull(v)) continue;
    const what = () => `The value of \`${pair.key}\` in \`${ctx.path()}\``;
    if (v!.kind === 'scalar') checkString(v!, type.values, ctx, what);
    else {
      ctx.push(pair.key);
      reportShape(v!, { kind: 'string' }, ctx, pair.keyNode);
      ctx.pop();
    }
  }
}

function emptyMapAt(n: YNode): YMap {
  return { kind: 'map', pairs: [], flow: true, start: n.start, end: n.end };
}
