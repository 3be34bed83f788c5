// The quick fix for a field at the wrong level: cut the field's lines and paste them, re-indented, as
// the last field of the map where it belongs (or of a new key created in its place). The block keeps
// its inner layout; only its indentation changes, and a list that is the field's value takes the
// object's own list style (items indented under their key, or level with it).
import type { TextEdit } from '../types';
import type { YMap, YNode, YPair, YSeq } from '../yamlTree';
import type { ValidationContext } from './context';

/** Where the moved field goes. */
export type MoveTarget =
  /** An existing block map, e.g. the value of `spec`. */
  | { kind: 'map'; map: YMap }
  /** A key whose value is null (`spec:` alone): the field becomes its only child. */
  | { kind: 'empty'; pair: YPair }
  /** A key that does not exist yet, created where the field was: `spec:` then the field under it. */
  | { kind: 'create'; key: string };

/** Leading spaces of each map level in this object (the first nested block map decides; default 2). */
export function indentUnit(ctx: ValidationContext): number {
  for (const p of ctx.root.pairs) {
    const v = p.value;
    if (v?.kind === 'map' && !v.flow && v.pairs.length > 0) {
      const unit = ctx.source.column(v.pairs[0]!.keyNode.start) - ctx.source.column(p.keyNode.start);
      if (unit > 0) return unit;
    }
  }
  return 2;
}

/** How far a block list's `-` sits right of its key (`-1` when the key holds no block list on a line of its own). */
function listOffset(ctx: ValidationContext, pair: YPair): number {
  const seq = pair.value;
  if (seq?.kind !== 'seq' || seq.flow || !seq.items.length) return -1;
  const src = ctx.source;
  if (src.lineOf(seq.start) === src.lineOf(pair.keyNode.start) || !src.startsLine(seq.start)) return -1;
  return src.column(seq.start) - src.column(pair.keyNode.start);
}

/**
 * The object's list style: the offset most of its block lists have under their key (the moved
 * field's own list aside, as it is the one being placed), or undefined when it has no other list.
 */
function listStyle(ctx: ValidationContext, moved: YPair): number | undefined {
  const votes = new Map<number, number>();
  const visit = (n: YNode | null): void => {
    if (n?.kind === 'seq') n.items.forEach(visit);
    if (n?.kind !== 'map') return;
    for (const p of n.pairs) {
      const offset = p === moved ? -1 : listOffset(ctx, p);
      if (offset >= 0) votes.set(offset, (votes.get(offset) ?? 0) + 1);
      visit(p.value);
    }
  };
  visit(ctx.root);
  let best: number | undefined;
  for (const [offset, count] of votes) if (best === undefined || count > votes.get(best)!) best = offset;
  return best;
}

/** The field's lines re-indented so its key sits at `column`, each line ending with a line break. */
function reindented(ctx: ValidationContext, pair: YPair, column: number): string {
  const src = ctx.source;
  const first = src.lineOf(pair.keyNode.start);
  const last = src.lastContentLine(pair.keyNode.start, pair.end);
  const from = src.column(pair.keyNode.start);
  const list = listShift(ctx, pair);
  const eol = src.eol();
  let out = '';
  for (let line = first; line <= last; line++) {
    const text = src.lineText(line);
    const leading = text.length - text.trimStart().length;
    const shift = list && line >= list.first ? list.shift : 0;
    if (!text.trim()) out += eol;
    else out += ' '.repeat(column + Math.max(0, leading - from + shift)) + text.slice(leading) + eol;
  }
  return out;
}

/** The columns the field's own list moves by to follow the object's list style, from its first item's line. */
function listShift(ctx: ValidationContext, pair: YPair): { first: number; shift: number } | undefined {
  const offset = listOffset(ctx, pair);
  const style = offset < 0 ? undefined : listStyle(ctx, pair);
  if (style === undefined || style === offset) return undefined;
  return { first: ctx.source.lineOf((pair.value as YSeq).start), shift: style - offset };
}

export function moveField(ctx: ValidationContext, pair: YPair, target: MoveTarget): TextEdit[] | undefined {
  const src = ctx.source;
  if (!src.startsLine(pair.keyNode.start)) return undefined;
  const delStart = src.lineStart(src.lineOf(pair.keyNode.start));
  const delEnd = src.nextLineStart(src.lastContentLine(pair.keyNode.start, pair.end));
  const eol = src.eol();
  if (target.kind === 'create') {
    const col = src.column(pair.keyNode.start);
    const text = `${' '.repeat(col)}${target.key}:${eol}${reindented(ctx, pair, col + indentUnit(ctx))}`;
    return [ctx.edit({ start: delStart, end: delEnd }, text)];
  }
  const anchor = target.kind === 'map' ? lastPairOf(target.map) : target.pair;
  if (!anchor) return undefined;
  const anchorLine = src.lastContentLine(
    anchor.keyNode.start,
    target.kind === 'map' ? anchor.end : anchor.keyNode.end,
  );
  const column =
    target.kind === 'map'
      ? src.column(target.map.pairs[0]!.keyNode.start)
      : src.column(target.pair.keyNode.start) + indentUnit(ctx);
  let text = reindented(ctx, pair, column);
  const insertAt = src.nextLineStart(anchorLine);
  if (insertAt > delStart && insertAt < delEnd) return undefined;
  if (insertAt === delStart || insertAt === delEnd) return [ctx.edit({ start: delStart, end: delEnd }, text)];
  // Inserting after a last line that has no line break: the break goes first.
  if (src.lineBreak(anchorLine) === '') text = eol + text.slice(0, -eol.length);
  return [ctx.edit({ start: delStart, end: delEnd }, ''), ctx.edit({ start: insertAt, end: insertAt }, text)];
}

function lastPairOf(map: YMap): YPair | undefined {
  if (map.flow) return undefined;
  return map.pairs[map.pairs.length - 1];
}
