// Writes new values in place of a block list item and keeps the comments of what survives: the
// item's text is parsed again with its comments (yaml's Document), and every object or list of the
// new values that is the very one read from the item (same identity, as edits copy what they keep)
// is written from its original node, comments, flow style and quoting included. An object derived
// from an original one (`origin`) keeps the comments that were on it, and so do its keys and the
// values written in place of the ones under the same key (`port: 8000 # app` once the range is
// split; `podSelector: {} # why` once narrowed, the comment then after the key).
import { Document, isMap, isScalar, isSeq, parseDocument, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node as YamlNode } from 'yaml';

export interface RewriteStyle {
  indent: number;
  indentSeq: boolean;
}

/**
 * The block list text (`- …` lines, the first one unindented) of `values`; undefined when the item's
 * text cannot be read back to the value it was (`original`), so the caller writes it plainly.
 */
export function rewriteItem(
  itemLines: string,
  original: unknown,
  values: readonly unknown[],
  style: RewriteStyle,
  origin?: (value: object) => object | undefined,
): string | undefined {
  const parsed = parseDocument(itemLines, { keepSourceTokens: false });
  const seq = parsed.contents;
  if (parsed.errors.length || !isSeq(seq) || seq.items.length !== 1) return undefined;
  const nodes = new Map<unknown, YamlNode>();
  if (!pairUp(original, seq.items[0] as YamlNode, nodes)) return undefined;
  const doc = new Document();
  /** The node of a value, from its original node when kept; `replaced` is the node it is written in place of. */
  const build = (v: unknown, replaced?: YamlNode): YamlNode => {
    const kept = v !== null && typeof v === 'object' ? nodes.get(v) : undefined;
    if (kept) return kept.clone() as YamlNode;
    const from = v !== null && typeof v === 'object' ? origin?.(v) : undefined;
    const source = (from && nodes.get(from)) ?? replaced;
    const node = fresh(v, build, doc, source);
    // A list's comment before its first item stays only if that item does.
    const first = (x: unknown): unknown => (Array.isArray(x) ? x[0] : undefined);
    const leads =
      !Array.isArray(v) ||
      (first(from) !== undefined && [first(v), origin?.(first(v) as object)].includes(first(from)));
    if (source?.commentBefore && leads) node.commentBefore = source.commentBefore;
    if (source?.comment && !(inline(source) && !inline(node))) node.comment = source.comment;
    return node;
  };
  const out = new YAMLSeq();
  out.items = values.map((v) => build(v));
  doc.contents = out;
  return doc
    .toString({
      indent: style.indent,
      indentSeq: style.indentSeq,
      lineWidth: 0,
      flowCollectionPadding: /[{[] [^\s\]}]/.test(itemLines),
    })
    .replace(/\n$/, '');
}

/** Records the node of each object and list of `js`, walking both together; false where they differ. */
function pairUp(js: unknown, node: YamlNode, out: Map<unknown, YamlNode>): boolean {
  if (Array.isArray(js)) {
    if (!isSeq(node) || node.items.length !== js.length) return false;
    out.set(js, node);
    return js.every((v, i) => pairUp(v, node.items[i] as YamlNode, out));
  }
  if (js !== null && typeof js === 'object') {
    if (!isMap(node)) return false;
    out.set(js, node);
    const entries = Object.entries(js);
    if (entries.length !== node.items.length) return false;
    return node.items.every((p) => {
      const key = isScalar(p.key) ? String(p.key.value) : undefined;
      return (
        key !== undefined &&
        key in js &&
        pairUp((js as Record<string, unknown>)[key], p.value as YamlNode, out)
      );
    });
  }
  return isScalar(node) || (js === null && node == null);
}

function fresh(
  v: unknown,
  build: (v: unknown, replaced?: YamlNode) => YamlNode,
  doc: Document,
  source?: YamlNode,
): YamlNode {
  if (Array.isArray(v)) {
    const seq = new YAMLSeq();
    seq.items = v.map((x) => build(x));
    return seq;
  }
  if (v !== null && typeof v === 'object') {
    const map = new YAMLMap();
    map.items = Object.entries(v).map(([k, x]) => {
      const was = isMap(source)
        ? source.items.find((p) => isScalar(p.key) && String(p.key.value) === k)
        : undefined;
      const key = new Scalar(k);
      const value = build(x, (was?.value ?? undefined) as YamlNode | undefined);
      if (was) keyComments(key, was, value);
      return new Pair(key, value);
    });
    return map;
  }
  return doc.createNode(v) as YamlNode;
}

/**
 * The key of a rewritten entry keeps its comments; a comment at the end of the line of the value
 * written over (`podSelector: {} # why`) goes after the key when the new value takes lines of its own.
 */
function keyComments(key: Scalar, was: Pair, value: YamlNode): void {
  if (isScalar(was.key)) {
    if (was.key.commentBefore) key.commentBefore = was.key.commentBefore;
    if (was.key.comment) key.comment = was.key.comment;
  }
  const before = was.value as YamlNode | null;
  if (before?.comment && inline(before) && !inline(value) && !key.comment) key.comment = before.comment;
}

/** Whether a node's trailing comment is on the line it ends (a scalar, a flow collection). */
const inline = (n: YamlNode): boolean => isScalar(n) || ((isMap(n) || isSeq(n)) && n.flow === true);
