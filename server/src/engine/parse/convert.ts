// Converts yaml's AST of one document to the engine's tree (yamlTree.ts) with the file's offsets:
// aliases resolved under an expansion budget, merge keys applied, nesting bounded. What it meets on
// the way (too deep, unknown anchor, alias bomb, bad merge) is reported by the rule modules.
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Alias, Document, Node as YamlNode, Pair as YamlPair } from 'yaml';
import type { Span, YMap, YNode, YPair, YScalar } from '../yamlTree';
import type { FindingSink } from './findingSink';
import { aliasLimit, MAX_ALIAS_NODES } from './rules/aliasLimit';
import { mergeKey } from './rules/mergeKey';
import { MAX_DEPTH, tooDeep } from './rules/tooDeep';
import { unknownAnchor } from './rules/unknownAnchor';

/** Converts yaml's AST to YNode, resolving aliases and merge keys under a budget and a depth limit. */
export class Converter {
  /** Converted anchored nodes: every alias of one anchor yields the same object. */
  private readonly cache = new Map<YamlNode, YNode>();
  /** Expanded sizes of alias targets, computed when an alias is met (most documents have none). */
  private readonly sizes = new Map<YNode, number>();
  private aliasNodes = 0;
  private aliasReported = false;
  private depthReported = false;
  private targets: Map<Alias, YamlNode> | undefined;

  /** Set when a node was reached twice (an alias, a merge key). */
  shares = false;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly sink: FindingSink,
    private readonly offset: number,
  ) {}

  convert(node: YamlNode, depth: number): YNode {
    const span = spanOf(node, this.offset);
    if (depth > MAX_DEPTH) return this.tooDeep(span);
    if (isAlias(node)) return this.alias(node, depth);
    const anchored = (node as { anchor?: string }).anchor !== undefined;
    const cached = anchored ? this.cache.get(node) : undefined;
    if (cached) return cached;
    let out: YNode;
    if (isMap(node)) out = this.map(node.items as YamlPair[], span, node.flow === true, depth);
    else if (isSeq(node)) {
      const items = (node.items as YamlNode[]).map((it) =>
        it ? this.convert(it, depth + 1) : nullAt(span.end),
      );
      out = { kind: 'seq', items, flow: node.flow === true, start: span.start, end: span.end };
    } else out = scalarOf(node as Scalar, span);
    if (anchored) this.cache.set(node, out);
    return out;
  }

  /** Nodes `n` stands for with every alias inside it expanded (memoised; depth is bounded by MAX_DEPTH). */
  private size(n: YNode): number {
    if (n.kind === 'scalar') return 1;
    const known = this.sizes.get(n);
    if (known !== undefined) return known;
    let total = 1;
    if (n.kind === 'seq') for (const it of n.items) total += this.size(it);
    else for (const p of n.pairs) total += 1 + (p.value ? this.size(p.value) : 0);
    this.sizes.set(n, total);
    return total;
  }

  private tooDeep(span: Span): YScalar {
    if (!this.depthReported) {
      this.depthReported = true;
      tooDeep.found(this.sink, span);
    }
    return nullAt(span.start);
  }

  private alias(node: YamlNode & { source: string }, depth: number): YNode {
    const span = spanOf(node, this.offset);
    this.shares = true;
    this.targets ??= aliasTargets(this.doc);
    const target = isAlias(node) ? this.targets.get(node) : undefined;
    if (!target) {
      unknownAnchor.found(this.sink, span, node.source);
      return nullAt(span.start);
    }
    const resolved = this.convert(target, depth);
    this.aliasNodes += this.size(resolved);
    if (this.aliasNodes > MAX_ALIAS_NODES) {
      if (!this.aliasReported) aliasLimit.found(this.sink, span, node.source);
      this.aliasReported = true;
      return nullAt(span.start);
    }
    return resolved;
  }

  private map(items: YamlPair[], span: Span, flow: boolean, depth: number): YMap {
    const pairs: YPair[] = [];
    const merged: YPair[] = [];
    for (const item of items) {
      if (!isPair(item)) continue;
      const keyNode = item.key ? this.convert(item.key as YamlNode, depth + 1) : nullAt(span.start);
      const value = item.value ? this.convert(item.value as YamlNode, depth + 1) : null;
      if (isScalar(item.key) && typeof item.key.value === 'symbol') {
        this.shares = true;
        merged.push(...this.mergeSources(value, keyNode));
        continue;
      }
      const valueEnd = value ? value.end : keyNode.end;
      pairs.push({ key: keyText(keyNode), keyNode, value, start: keyNode.start, end: valueEnd });
    }
    // A copy either way: an array grown by push keeps spare capacity, a tenth of a large workspace's heap.
    const all = merged.length ? pairs.concat(notIn(pairs, merged)) : pairs.slice();
    return { kind: 'map', pairs: all, flow, start: span.start, end: span.end };
  }

  /** `<<: *base` or `<<: [*a, *b]`: the pairs to merge, earlier sources winning. */
  private mergeSources(value: YNode | null, keyNode: YNode): YPair[] {
    const sources = value?.kind === 'seq' ? value.items : value ? [value] : [];
    const out: YPair[] = [];
    const seen = new Set<string>();
    for (const src of sources) {
      if (src.kind !== 'map') {
        mergeKey.found(this.sink, keyNode);
        continue;
      }
      for (const p of src.pairs) {
        if (seen.has(p.key)) continue;
        seen.add(p.key);
        out.push(p);
      }
    }
    return out;
  }
}

/**
 * The node each alias refers to: the last node anchored with its name before it, in document order.
 * yaml's Alias.resolve() walks the whole document for every alias (quadratic on a file of aliases);
 * this is one iterative walk per document, and no recursion however deep the nesting.
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, YamlNode> {
  const latest = new Map<string, YamlNode>();
  const targets = new Map<Alias, YamlNode>();
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isPair(n)) stack.push(n.value, n.key);
    else if (isAlias(n)) {
      const target = latest.get(n.source);
      if (target) targets.set(n, target);
    } else if (isMap(n) || isSeq(n) || isScalar(n)) {
      if (n.anchor) latest.set(n.anchor, n);
      if (!isScalar(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    }
  }
  return targets;
}

/** Merged pairs whose key the map does not set itself (its own keys win). */
function notIn(own: readonly YPair[], merged: readonly YPair[]): YPair[] {
  const keys = new Set(own.map((p) => p.key));
  return merged.filter((p) => !keys.has(p.key));
}

function spanOf(node: YamlNode, offset: number): Span {
  const r = node.range;
  if (!r) return { start: offset, end: offset };
  return { start: offset + r[0], end: offset + r[1] };
}

/** A null where a value is missing (directTree.ts makes the same). */
export function nullAt(offset: number): YScalar {
  return { kind: 'scalar', value: null, plain: true, start: offset, end: offset };
}

// Nodes are literals with `start` and `end` written out: spreading a span adds them out of object
// (a PropertyArray per node, a fifth of a large workspace's heap).
function scalarOf(node: Scalar, span: Span): YScalar {
  const out: YScalar = {
    kind: 'scalar',
    value: scalarValue(node.value),
    plain: node.type === Scalar.PLAIN || node.type === undefined,
    start: span.start,
    end: span.end,
  };
  if (node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) out.tag = node.tag;
  else if (node.tag === 'tag:yaml.org,2002:binary') out.tag = '!!binary';
  return out;
}

/** What the engine keeps of a value yaml resolved a scalar to. */
export function scalarValue(v: unknown): YScalar['value'] {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

/** A pair's key as text (non-scalar keys are named by their kind). */
export function keyText(n: YNode): string {
  if (n.kind === 'scalar') return n.value === null ? '' : String(n.value);
  return n.kind === 'map' ? '{…}' : '[…]';
}
