// Builds the engine tree (yamlTree.ts) straight from yaml's CST for the plain block YAML that nearly
// every manifest is: block maps and sequences, scalars, empty flow collections, comments. yaml's
// composer builds a Document of class instances that convert.ts then copies into the engine tree;
// it is half of yaml's parse, and skipping it is what lets a file be analysed in little more than
// the time yaml takes to parse it. The rules below are yaml's composer's (compose/*.js, yaml 2.9),
// kept to what plain YAML meets; anything outside it — a tag, an anchor, an alias, an explicit key,
// a non-empty flow collection, a directive, a tab in indentation, `<<`, anything yaml would report
// — makes the chunk go through yaml's composer and convert.ts instead, so the result is always what
// that path gives (directTree.property.test.ts compares the two).
import { CST, Document, isScalar } from 'yaml';
import type { ScalarTag } from 'yaml';
import type { YMap, YNode, YPair, YScalar, YSeq } from '../yamlTree';
import { keyText, nullAt, scalarValue } from './convert';
import { MAX_DEPTH } from './rules/tooDeep';

/** A document built from the CST: its range in the chunk's text (yaml's [start, value end, end]) and tree. */
export interface DirectDocument {
  range: [number, number, number];
  root: YNode;
}

type Range = [number, number, number];
type Props = { found: CST.SourceToken | null; end: number; hasNewline: boolean; comment: boolean };
type Built = { node: YNode; range: Range };

/** Thrown where yaml's composer would do more than this module does: the chunk goes through it instead. */
const NOT_PLAIN = Symbol('not plain YAML');

function notPlain(): never {
  throw NOT_PLAIN;
}

/**
 * The documents of a chunk's CST tokens placed at `offset` in the file, or undefined when the chunk
 * holds anything this module leaves to yaml's composer.
 */
export function directDocuments(
  tokens: readonly CST.Token[],
  offset: number,
  options: object,
): DirectDocument[] | undefined {
  try {
    return new DirectComposer(offset, schemaOf(options)).stream(tokens);
  } catch (e) {
    if (e === NOT_PLAIN) return undefined;
    throw e;
  }
}

interface Schema {
  tags: readonly ScalarTag[];
  string: ScalarTag;
  options: object;
}

const schemas = new WeakMap<object, Schema>();

/** yaml's schema for these parse options, as its composer builds it for every document. */
function schemaOf(options: object): Schema {
  let schema = schemas.get(options);
  if (!schema) {
    const doc = new Document(undefined, options);
    const s = doc.schema as unknown as Record<symbol, ScalarTag> & { tags: ScalarTag[] };
    schema = { tags: s.tags, string: s[Symbol.for('yaml.scalar')]!, options: doc.options };
    schemas.set(options, schema);
  }
  return schema;
}

class DirectComposer {
  constructor(
    private readonly offset: number,
    private readonly schema: Schema,
  ) {}

  /** Composer.compose: documents, a `...` closing the one before, comments and blank lines between. */
  stream(tokens: readonly CST.Token[]): DirectDocument[] {
    const docs: DirectDocument[] = [];
    for (const token of tokens) {
      switch (token.type) {
        case 'document':
          docs.push(this.document(token));
          break;
        case 'doc-end': {
          const last = docs[docs.length - 1] ?? notPlain();
          last.range[2] = ends(token.end, token.offset + token.source.length, true);
          break;
        }
        case 'byte-order-mark':
        case 'space':
        case 'comment':
        case 'newline':
          break;
        default:
          notPlain();
      }
    }
    return docs;
  }

  /** compose-doc.js */
  private document(token: CST.Document): DirectDocument {
    const { start, value, end, offset } = token;
    const p = props(start, 'doc-start', true, offset);
    if (p.found && (value?.type === 'block-map' || value?.type === 'block-seq') && !p.hasNewline) {
      notPlain();
    }
    const contents = value ? this.node(value, 0, false) : this.empty(p.end, start, p);
    const contentEnd = contents.range[2];
    return { range: [offset, contentEnd, ends(end, contentEnd, false)], root: contents.node };
  }

  /** compose-node.js, for a node without anchor or tag. */
  private node(token: CST.Token, depth: number, atKey: boolean): Built {
    // convert.ts reports nodes deeper than MAX_DEPTH; such a file is not plain YAML.
    if (depth >= MAX_DEPTH - 1) notPlain();
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return this.scalar(token, atKey);
      case 'block-map':
        return this.map(token, depth);
      case 'block-seq':
        return this.seq(token, depth);
      case 'flow-collection':
        return this.emptyFlow(token);
      default:
        return notPlain();
    }
  }

  /** compose-scalar.js: the value resolved by the schema's tests (plain) or as a string (quoted, block). */
  private scalar(token: CST.FlowScalar | CST.BlockScalar, atKey: boolean): Built {
    const resolved = CST.resolveAsScalar(token, true, notPlain)!;
    let tag = this.schema.string;
    if (token.type === 'scalar') {
      const found = this.schema.tags.find(
        (t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(resolved.value),
      );
      if (found?.default === 'key') notPlain();
      if (found) tag = found;
    }
    const res = tag.resolve(resolved.value, notPlain, this.schema.options);
    const value = isScalar(res) ? res.value : res;
    const [start, end] = resolved.range;
    const node: YScalar = {
      kind: 'scalar',
      value: scalarValue(value),
      plain: resolved.type === 'PLAIN',
      start: this.offset + start,
      end: this.offset + end,
    };
    return { node, range: resolved.range as Range };
  }

  /** composeEmptyNode: a null where a value is missing, placed after the whitespace before it. */
  private empty(offset: number, before: readonly CST.SourceToken[], p: Props): Built {
    const at = emptyScalarPosition(offset, before);
    const node = nullAt(this.offset + at);
    return { node, range: [at, at, p.comment ? p.end : at] };
  }

  /** resolve-block-map.js, implicit keys only. */
  private map(bm: CST.BlockMap, depth: number): Built {
    const pairs: YPair[] = [];
    let offset = bm.offset;
    let commentEnd: number | null = null;
    for (const { start, key, sep, value } of bm.items) {
      const keyProps = props(start, 'explicit-key-ind', true, offset);
      if (keyProps.found || (key && sep === undefined)) notPlain();
      if (!key && !sep) {
        if (value) notPlain();
        commentEnd = keyProps.end;
        continue;
      }
      const keyToken = key ?? notPlain();
      if (!isFlowScalar(keyToken) || keyToken.indent !== bm.indent || spansLines(keyToken)) notPlain();
      const keyNode = this.scalar(keyToken, true);
      const valueProps = props(sep!, 'map-value-ind', false, keyNode.range[2]);
      offset = valueProps.end;
      const found = valueProps.found ?? notPlain();
      if (value?.type === 'block-map' && !valueProps.hasNewline) notPlain();
      if (keyProps.end < found.offset - 1024) notPlain();
      const valueNode = value ? this.node(value, depth + 1, false) : this.empty(offset, sep!, valueProps);
      offset = valueNode.range[2];
      const k = keyNode.node;
      pairs.push({
        key: keyText(k),
        keyNode: k,
        value: valueNode.node,
        start: k.start,
        end: valueNode.node.end,
      });
    }
    if (commentEnd && commentEnd < offset) notPlain();
    const range: Range = [bm.offset, offset, commentEnd ?? offset];
    // A copy, as convert.ts makes: an array grown by push keeps spare capacity.
    const node: YMap = {
      kind: 'map',
      pairs: pairs.slice(),
      flow: false,
      start: this.offset + bm.offset,
      end: this.offset + offset,
    };
    return { node, range };
  }

  /** resolve-block-seq.js */
  private seq(bs: CST.BlockSequence, depth: number): Built {
    const items: YNode[] = [];
    let offset = bs.offset;
    let commentEnd: number | null = null;
    for (const { start, value } of bs.items) {
      const p = props(start, 'seq-item-ind', true, offset);
      if (!p.found) {
        if (value) notPlain();
        commentEnd = p.end;
        continue;
      }
      const item = value ? this.node(value, depth + 1, false) : this.empty(p.end, start, p);
      offset = item.range[2];
      items.push(item.node);
    }
    const range: Range = [bs.offset, offset, commentEnd ?? offset];
    const node: YSeq = {
      kind: 'seq',
      items: items.slice(),
      flow: false,
      start: this.offset + bs.offset,
      end: this.offset + offset,
    };
    return { node, range };
  }

  /** resolve-flow-collection.js, for `{}` and `[]` only (spaces, line breaks and comments inside). */
  private emptyFlow(fc: CST.FlowCollection): Built {
    if (fc.items.length > 1) notPlain();
    const inside = fc.items[0];
    if (inside) {
      if (inside.key !== undefined || inside.sep || inside.value) notPlain();
      if (props(inside.start, 'explicit-key-ind', false, 0).found) notPlain();
    }
    const isMap = fc.start.source === '{';
    const [close, ...rest] = fc.end;
    if (close?.source !== (isMap ? '}' : ']')) notPlain();
    const closeEnd = close.offset + close.source.length;
    const range: Range = [fc.offset, closeEnd, rest.length ? ends(rest, closeEnd, true) : closeEnd];
    const start = this.offset + fc.offset;
    const end = this.offset + closeEnd;
    const node: YNode = isMap
      ? { kind: 'map', pairs: [], flow: true, start, end }
      : { kind: 'seq', items: [], flow: true, start, end };
    return { node, range };
  }
}

/**
 * resolve-props.js for tokens holding no anchor, tag or comma: where the indicator is, where the
 * tokens end, whether a line break or a comment is among them.
 */
function props(
  tokens: readonly CST.SourceToken[],
  indicator: CST.SourceToken['type'],
  startOnNewline: boolean,
  offset: number,
): Props {
  let hasSpace = startOnNewline;
  let hasNewline = false;
  let comment = false;
  let found: CST.SourceToken | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
        if (token.source.includes('\t')) notPlain();
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) notPlain();
        comment = true;
        break;
      case 'newline':
        hasNewline = true;
        hasSpace = true;
        break;
      case indicator:
        if (found) notPlain();
        found = token;
        hasSpace = false;
        break;
      default:
        notPlain();
    }
  }
  const last = tokens[tokens.length - 1];
  return { found, end: last ? last.offset + last.source.length : offset, hasNewline, comment };
}

/** resolve-end.js: where the spaces, comments and line breaks after a node end. */
function ends(tokens: readonly CST.SourceToken[] | undefined, offset: number, strict: boolean): number {
  let hasSpace = false;
  for (const token of tokens ?? []) {
    if (token.type === 'comment') {
      if (strict && !hasSpace) notPlain();
    } else if (token.type === 'space' || token.type === 'newline') hasSpace = true;
    else notPlain();
    offset += token.source.length;
  }
  return offset;
}

/** util-empty-scalar-position.js */
function emptyScalarPosition(offset: number, before: readonly CST.SourceToken[]): number {
  for (let i = before.length - 1; i >= 0; --i) {
    const t = before[i]!;
    if (t.type === 'space' || t.type === 'comment' || t.type === 'newline') {
      offset -= t.source.length;
      continue;
    }
    for (let j = i + 1; before[j]?.type === 'space'; j++) offset += before[j]!.source.length;
    break;
  }
  return offset;
}

function isFlowScalar(t: CST.Token): t is CST.FlowScalar {
  return t.type === 'scalar' || t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar';
}

/** util-contains-newline.js, for a flow scalar. */
function spansLines(key: CST.FlowScalar): boolean {
  return key.source.includes('\n') || (key.end?.some((t) => t.type === 'newline') ?? false);
}
