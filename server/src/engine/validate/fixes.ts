// Text edits for quick fixes: replace or quote a value, rename a key, remove a pair or a list item,
// turn a map into a one-item list and back. Each returns undefined when the layout is one it cannot
// rewrite safely; the finding is then reported without that fix.
import type { TextEdit } from '../types';
import type { YMap, YNode, YPair, YScalar, YSeq } from '../yamlTree';
import type { ValidationContext } from './context';
import { yaml11Reading } from './yaml11';

/** The source of a scalar written on one line, or undefined. */
export function scalarSource(ctx: ValidationContext, n: YScalar): string | undefined {
  if (n.end <= n.start || ctx.source.lineOf(n.start) !== ctx.source.lineOf(n.end)) return undefined;
  return ctx.source.slice(n.start, n.end);
}

export function replaceNode(ctx: ValidationContext, n: YNode, text: string): TextEdit[] {
  return [ctx.edit(n, text)];
}

// Plain scalars that stay strings for YAML 1.2 and 1.1 alike: names, and CIDRs (which hold a '/').
const SAFE_PLAIN = /^[A-Za-z_][A-Za-z0-9._/-]*$|^[0-9a-fA-F:.]+\/[0-9]+$/;

/** A string as YAML: plain when every reader takes it for that string, else double-quoted. */
export function yamlString(value: string): string {
  const plainOk = SAFE_PLAIN.test(value) && yaml11Reading(value) === undefined && !CORE_WORDS.test(value);
  return plainOk ? value : JSON.stringify(value);
}

/** Replaces a string value, keeping its quotes (JSON stays JSON) or quoting what plain YAML would misread. */
export function replaceString(ctx: ValidationContext, n: YNode, value: string): TextEdit[] {
  if (n.kind !== 'scalar') return [ctx.edit(n, JSON.stringify(value))];
  const src = scalarSource(ctx, n);
  if (src?.startsWith("'")) return [ctx.edit(n, `'${value.replaceAll("'", "''")}'`)];
  return [ctx.edit(n, n.plain ? yamlString(value) : JSON.stringify(value))];
}

const CORE_WORDS = /^(?:true|false|null|~)$/i;

/** Quotes a plain scalar so YAML reads it as a string: `1.0` becomes `"1.0"`. */
export function quoteScalar(ctx: ValidationContext, n: YScalar): TextEdit[] | undefined {
  const src = scalarSource(ctx, n);
  return src === undefined ? undefined : [ctx.edit(n, JSON.stringify(src))];
}

export function renameKey(ctx: ValidationContext, pair: YPair, key: string): TextEdit[] | undefined {
  if (pair.keyNode.kind !== 'scalar' || scalarSource(ctx, pair.keyNode) === undefined) return undefined;
  return replaceString(ctx, pair.keyNode, key);
}

/** Removes a pair from a map, with its lines (block) or its comma (flow). */
export function removePair(ctx: ValidationContext, map: YMap, pair: YPair): TextEdit[] | undefined {
  const i = map.pairs.indexOf(pair);
  if (i < 0) return undefined;
  const next = map.pairs[i + 1];
  const prev = map.pairs[i - 1];
  if (map.flow) {
    if (next) return [ctx.edit({ start: pair.keyNode.start, end: next.keyNode.start }, '')];
    if (prev) return [ctx.edit({ start: prev.end, end: pair.end }, '')];
    return [ctx.edit({ start: pair.keyNode.start, end: pair.end }, '')];
  }
  if (ctx.source.startsLine(pair.keyNode.start)) return deleteLines(ctx, pair.keyNode.start, pair.end);
  // `- key: value` as the first pair of a list item: the next key takes its place after the dash.
  return next ? [ctx.edit({ start: pair.keyNode.start, end: next.keyNode.start }, '')] : undefined;
}

/** Removes a one-line item from a list. */
export function removeItem(ctx: ValidationContext, seq: YSeq, index: number): TextEdit[] | undefined {
  const item = seq.items[index];
  if (!item) return undefined;
  if (seq.flow) {
    const next = seq.items[index + 1];
    const prev = seq.items[index - 1];
    if (next) return [ctx.edit({ start: item.start, end: next.start }, '')];
    if (prev) return [ctx.edit({ start: prev.end, end: item.end }, '')];
    return [ctx.edit(item, '')];
  }
  const line = ctx.source.lineOf(item.start);
  if (ctx.source.lastContentLine(item.start, item.end) !== line) return undefined;
  return deleteLines(ctx, item.start, item.end);
}

function deleteLines(ctx: ValidationContext, start: number, end: number): TextEdit[] {
  const first = ctx.source.lineOf(start);
  const last = ctx.source.lastContentLine(start, end);
  return [ctx.edit({ start: ctx.source.lineStart(first), end: ctx.source.nextLineStart(last) }, '')];
}

/** A map written where a list belongs becomes that list's only item. */
export function wrapInList(ctx: ValidationContext, map: YMap): TextEdit[] | undefined {
  if (map.flow) return [ctx.edit(map, `[${ctx.source.slice(map.start, map.end)}]`)];
  const first = map.pairs[0];
  const last = map.pairs[map.pairs.length - 1];
  if (!first || !last || !ctx.source.startsLine(first.keyNode.start)) return undefined;
  const src = ctx.source;
  const firstLine = src.lineOf(first.keyNode.start);
  const lastLine = src.lastContentLine(first.keyNode.start, last.end);
  const col = src.column(first.keyNode.start);
  let out = '';
  for (let line = firstLine; line <= lastLine; line++) {
    const text = src.lineText(line);
    if (line === firstLine) out += `${text.slice(0, col)}- ${text.slice(col)}`;
    else out += text.trim() ? `  ${text}` : text;
    if (line < lastLine) out += src.lineBreak(line);
  }
  return [ctx.edit({ start: src.lineStart(firstLine), end: src.lineEnd(lastLine) }, out)];
}

/** A one-item list written where a map belongs becomes that item. */
export function unwrapList(ctx: ValidationContext, seq: YSeq): TextEdit[] | undefined {
  const item = seq.items[0];
  if (seq.items.length !== 1 || item?.kind !== 'map') return undefined;
  if (seq.flow) return [ctx.edit(seq, ctx.source.slice(item.start, item.end))];
  if (item.flow || ctx.source.lineOf(seq.start) !== ctx.source.lineOf(item.start)) return undefined;
  // `- key:` → `  key:`: the item's keys stay aligned and become the map's.
  return [ctx.edit({ start: seq.start, end: seq.start + 1 }, ' ')];
}

/** A scalar written where a list belongs becomes a one-item flow list: `Ingress` → `[Ingress]`. */
export function scalarToList(ctx: ValidationContext, n: YScalar): TextEdit[] | undefined {
  const src = scalarSource(ctx, n);
  return src === undefined ? undefined : [ctx.edit(n, `[${src}]`)];
}
