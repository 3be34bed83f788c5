// The engine's own immutable view of a YAML/JSON document: maps, sequences and scalars with their
// source offsets. Built once per document version by documents.ts; everything downstream reads it.

/** Source span as offsets into the file text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

export type ScalarValue = string | number | boolean | null;

export interface YScalar extends Span {
  kind: 'scalar';
  value: ScalarValue;
  /** Plain (unquoted) scalars are the ones YAML may read as numbers, booleans or null. */
  plain: boolean;
  /** The tag as written (`!!binary`, `!custom`), if any. */
  tag?: string;
}

export interface YPair extends Span {
  /** The key as text (non-scalar keys are stringified). */
  key: string;
  keyNode: YNode;
  /** null when the key has no value (`key:`). */
  value: YNode | null;
}

export interface YMap extends Span {
  kind: 'map';
  pairs: YPair[];
  flow: boolean;
}

export interface YSeq extends Span {
  kind: 'seq';
  items: YNode[];
  flow: boolean;
}

export type YNode = YScalar | YMap | YSeq;

export const isMap = (n: YNode | null | undefined): n is YMap => n?.kind === 'map';
export const isSeq = (n: YNode | null | undefined): n is YSeq => n?.kind === 'seq';
export const isScalar = (n: YNode | null | undefined): n is YScalar => n?.kind === 'scalar';

/** The pair for `key` in a map (the last one, as Kubernetes' decoder keeps the last duplicate). */
export function pairOf(map: YMap | null | undefined, key: string): YPair | undefined {
  if (!map) return undefined;
  for (let i = map.pairs.length - 1; i >= 0; i--) if (map.pairs[i]!.key === key) return map.pairs[i];
  return undefined;
}

/** The value node for `key` in a map; undefined when absent or null. */
export function valueOf(map: YNode | null | undefined, key: string): YNode | undefined {
  return isMap(map) ? (pairOf(map, key)?.value ?? undefined) : undefined;
}

/** Walks a path of map keys and sequence indexes. */
export function nodeAtPath(
  root: YNode | null | undefined,
  path: readonly (string | number)[],
): YNode | undefined {
  let cur: YNode | undefined = root ?? undefined;
  for (const step of path) {
    if (cur === undefined) return undefined;
    if (typeof step === 'number') cur = isSeq(cur) ? cur.items[step] : undefined;
    else cur = valueOf(cur, step);
  }
  return cur;
}

/** A scalar's value as a string when it is a string scalar, else undefined. */
export function stringValue(n: YNode | null | undefined): string | undefined {
  return isScalar(n) && typeof n.value === 'string' ? n.value : undefined;
}

/** Converts to plain JavaScript data (maps to objects, last duplicate key wins). */
export function toJS(n: YNode | null | undefined): unknown {
  if (!n) return null;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toJS);
  const out: Record<string, unknown> = {};
  for (const p of n.pairs) {
    Object.defineProperty(out, p.key, {
      value: toJS(p.value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** One step of the chain from the root to the innermost node that contains an offset. */
export interface PathStep {
  node: YNode;
  /** The pair through which `node` was reached (for map values), with the key that leads to it. */
  pair?: YPair;
  /** True when the offset lies on the key of `pair` rather than in its value. */
  onKey?: boolean;
  index?: number;
}

/** The chain of nodes containing `offset`, outermost first. Used by hover, completion and definition. */
export function pathAt(root: YNode | null | undefined, offset: number): PathStep[] {
  const chain: PathStep[] = [];
  let cur: YNode | null | undefined = root;
  if (!cur || offset < cur.start || offset > cur.end) return chain;
  chain.push({ node: cur });
  for (;;) {
    const next = childAt(cur, offset);
    if (!next) return chain;
    chain.push(next);
    if (next.onKey) return chain;
    cur = next.node;
  }
}

function childAt(n: YNode, offset: number): PathStep | undefined {
  if (n.kind === 'seq') {
    const index = n.items.findIndex((it) => offset >= it.start && offset <= it.end);
    return index >= 0 ? { node: n.items[index]!, index } : undefined;
  }
  if (n.kind !== 'map') return undefined;
  for (const pair of n.pairs) {
    if (offset >= pair.keyNode.start && offset <= pair.keyNode.end) {
      return { node: pair.value ?? pair.keyNode, pair, onKey: true };
    }
    if (pair.value && offset >= pair.value.start && offset <= pair.value.end) {
      return { node: pair.value, pair };
    }
  }
  return undefined;
}
