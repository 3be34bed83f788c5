// Text edits that add YAML to an existing document in its own style: a pair appended to a map or an
// item to a list, indented like their siblings (block) or written as JSON (flow, and JSON files).
import { stringify } from 'yaml';
import type { ParsedFile } from '../parse/types';
import type { TextEdit } from '../types';
import type { Span, YMap, YNode, YPair, YSeq } from '../yamlTree';
import { toJS } from '../yamlTree';
import { rewriteItem } from './yamlRewrite';

/** What replaced list items were read as (by index), and what new values derive from (see yamlRewrite). */
export interface Kept {
  originals: ReadonlyMap<number, unknown>;
  origin?: (value: object) => object | undefined;
}

/** The layout conventions of one file. */
interface Style {
  eol: string;
  /** Spaces per nesting level. */
  indent: number;
  /** Whether block lists are indented under their key (`key:\n  - a`) or not (`key:\n- a`). */
  indentSeq: boolean;
}

export class YamlEditor {
  private layout: Style | undefined;

  constructor(
    private readonly file: ParsedFile,
    private readonly root: YMap,
  ) {}

  /** Worked out on the first edit: most policies need none. */
  private get style(): Style {
    return (this.layout ??= styleOf(this.file, this.root));
  }

  /** Adds `key: value` to a map, after `after` (default: its last pair). */
  addPair(map: YMap, key: string, value: unknown, after?: YPair): TextEdit {
    const anchor = after ?? map.pairs[map.pairs.length - 1];
    const json = `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    if (!anchor) return this.insert(map.end - 1, json);
    if (map.flow && this.spansLines(map))
      return this.insert(
        anchor.end,
        `,${this.style.eol}${this.pad(anchor.start)}${JSON.stringify(key)}: ${this.json(value, map, anchor.start)}`,
      );
    if (map.flow) return this.insert(anchor.end, `, ${json}`);
    const column = this.columnOf(anchor.keyNode.start);
    return this.insertLinesAfter(anchor, this.render({ [key]: value }, column));
  }

  /** Appends an item to a list. */
  appendItem(seq: YSeq, item: unknown): TextEdit {
    const last = seq.items[seq.items.length - 1];
    if (seq.flow && last && this.spansLines(seq))
      return this.insert(
        last.end,
        `,${this.style.eol}${this.pad(last.start)}${this.json(item, seq, last.start)}`,
      );
    if (seq.flow || !last) {
      const sep = seq.items.length ? ', ' : '';
      return this.insert(seq.end - 1, `${sep}${JSON.stringify(item)}`);
    }
    return this.insertLinesAfter(last, this.render([item], this.columnOf(seq.start)));
  }

  /** Rewrites a pair whose value is empty (`key:`, `key: []`, `key: null`) as `key: <value>`. */
  replaceEmptyPair(map: YMap, pair: YPair, value: unknown): TextEdit {
    const end = pair.value ? pair.value.end : this.lineEnd(pair.keyNode.end);
    if (map.flow)
      return this.replace(
        { start: pair.keyNode.start, end },
        `${JSON.stringify(pair.key)}: ${JSON.stringify(value)}`,
      );
    const column = this.columnOf(pair.keyNode.start);
    const text = this.render({ [pair.key]: value }, column).trimStart();
    return this.replace({ start: pair.keyNode.start, end: this.trimEnd(end) }, text);
  }

  /**
   * Replaces items of a list, each by some items (none: the item goes). A block list keeps its other
   * items as written; a flow list (and JSON) is written again whole. With `kept`, the values read
   * from each item (`toJS`) that the new items reuse are written as they were, comments included.
   */
  replaceItems(seq: YSeq, replacements: ReadonlyMap<number, readonly unknown[]>, kept?: Kept): TextEdit[] {
    if (seq.flow) {
      const values = seq.items.flatMap((n, i) => replacements.get(i) ?? [toJS(n)]);
      return [this.replace(seq, this.json(values, seq, seq.start))];
    }
    return [...replacements].map(([index, items]) =>
      this.replaceBlockItem(
        seq.items[index]!,
        items,
        kept && { ...kept, original: kept.originals.get(index) },
      ),
    );
  }

  private replaceBlockItem(
    item: YNode,
    items: readonly unknown[],
    kept?: Kept & { original: unknown },
  ): TextEdit {
    const dash = this.text.lastIndexOf('-', item.start);
    if (items.length)
      return this.replace(
        { start: dash, end: this.trimEnd(item.end) },
        (this.keeping(dash, item, items, kept) ?? this.render(items, this.columnOf(dash))).trimStart(),
      );
    const end = this.lineEnd(this.trimEnd(item.end));
    return this.replace({ start: this.file.lines.lineStartOf(dash), end: this.nextLine(end) }, '');
  }

  /** The new items written around what they keep of the item's text; undefined when nothing can be kept. */
  private keeping(
    dash: number,
    item: YNode,
    items: readonly unknown[],
    kept: (Kept & { original: unknown }) | undefined,
  ): string | undefined {
    const lineStart = this.file.lines.lineStartOf(dash);
    if (!kept || kept.original === undefined || /\S/.test(this.text.slice(lineStart, dash))) return undefined;
    const lines = this.text.slice(lineStart, this.trimEnd(item.end));
    const text = rewriteItem(lines, kept.original, items, this.style, kept.origin);
    const pad = ' '.repeat(this.columnOf(dash));
    return text
      ?.split('\n')
      .map((line) => (line ? pad + line : line))
      .join(this.style.eol);
  }

  /**
   * Appends documents at the end of a YAML file, each after `---`, in the style of its first (flow
   * documents as JSON); undefined for a JSON file (one document only).
   */
  appendDocuments(values: readonly unknown[]): TextEdit | undefined {
    if (/\.json$/i.test(this.file.path)) return undefined;
    const eol = this.style.eol;
    const end = this.trimEnd(this.text.length);
    const text = (v: unknown) => (this.root.flow ? JSON.stringify(v) : this.render(v, 0));
    const docs = values.map((v) => `---${eol}${text(v)}`).join(eol);
    const tail = this.text.slice(end);
    return this.replace(
      { start: end, end: this.text.length },
      `${eol}${docs}${tail.includes('\n') ? tail : eol}`,
    );
  }

  /** JSON for a flow collection: laid out like it when it spans lines (pretty JSON), else on one line. */
  private json(value: unknown, within: YMap | YSeq, at: number): string {
    if (!this.spansLines(within)) return JSON.stringify(value);
    const lineIndent = (o: number) => /^ */.exec(this.text.slice(this.file.lines.lineStartOf(o)))![0].length;
    const first = within.kind === 'map' ? within.pairs[0] : within.items[0];
    const step = first ? this.columnOf(first.start) - lineIndent(within.start) : 0;
    const unit = step > 0 ? step : 2;
    const base = ' '.repeat(lineIndent(at));
    return JSON.stringify(value, null, unit)
      .split('\n')
      .join(this.style.eol + base);
  }

  private spansLines(n: Span): boolean {
    return /[\r\n]/.test(this.text.slice(n.start, n.end));
  }

  /** The spaces before the column of `offset`. */
  private pad(offset: number): string {
    return ' '.repeat(this.columnOf(offset));
  }

  private get text(): string {
    return this.file.text;
  }

  /** The offset after the line break that ends the line at `offset` (the text's end on the last line). */
  private nextLine(offset: number): number {
    if (this.text.startsWith('\r\n', offset)) return offset + 2;
    return offset < this.text.length ? offset + 1 : offset;
  }

  private render(value: unknown, column: number): string {
    return rendered(value, this.style, column);
  }

  /** Inserts whole lines after the line on which `node`'s content ends. */
  private insertLinesAfter(node: Span, lines: string): TextEdit {
    const at = this.lineEnd(this.trimEnd(node.end));
    return this.insert(at, this.style.eol + lines);
  }

  private insert(offset: number, text: string): TextEdit {
    return this.replace({ start: offset, end: offset }, text);
  }

  private replace(span: Span, text: string): TextEdit {
    return { range: this.file.lines.range(span), newText: text };
  }

  private columnOf(offset: number): number {
    return offset - this.file.lines.lineStartOf(offset);
  }

  /** The offset just after the last non-blank character before `offset`. */
  private trimEnd(offset: number): number {
    let o = offset;
    while (o > 0 && /\s/.test(this.file.text[o - 1]!)) o--;
    return o;
  }

  /** The end of the line holding `offset` (before its line break). */
  private lineEnd(offset: number): number {
    const text = this.file.text;
    let o = offset;
    while (o < text.length && text[o] !== '\n' && text[o] !== '\r') o++;
    return o;
  }
}

/**
 * yaml's text of a value at a column, its lines ending with `eol`. Remembered for plain JSON data:
 * the same few values (the DNS egress rule, …) are written for many policies.
 */
const written = new Map<string, string>();
const WRITTEN_KEPT = 256;

function rendered(value: unknown, style: Style, column: number): string {
  const json = isPlainJson(value) ? JSON.stringify(value) : undefined;
  const key = json && `${style.indent} ${style.indentSeq} ${column} ${style.eol.length} ${json}`;
  const known = key && written.get(key);
  if (known !== undefined) return known;
  const text = stringify(value, { indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0 });
  const pad = ' '.repeat(column);
  const out = text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => pad + line)
    .join(style.eol);
  if (!key) return out;
  if (written.size >= WRITTEN_KEPT) written.clear();
  written.set(key, out);
  return out;
}

/**
 * Data whose JSON tells it apart from any other value: no -0, NaN, undefined, Date, Map, …, and no
 * object reached twice (yaml writes those with an anchor and an alias, JSON twice).
 */
function isPlainJson(v: unknown, seen = new Set<object>()): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (typeof v !== 'object' || seen.has(v)) return false;
  seen.add(v);
  if (Array.isArray(v)) return Object.keys(v).length === v.length && v.every((x) => isPlainJson(x, seen));
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v).every((x) => isPlainJson(x, seen));
}

/** Whether a file's text has a CRLF line break anywhere, worked out once per file (every policy's editor asks). */
const crlfOf = new WeakMap<ParsedFile, boolean>();

function hasCrlf(file: ParsedFile): boolean {
  let crlf = crlfOf.get(file);
  if (crlf === undefined) crlfOf.set(file, (crlf = file.text.includes('\r\n')));
  return crlf;
}

function styleOf(file: ParsedFile, root: YMap): Style {
  const eol = hasCrlf(file) ? '\r\n' : '\n';
  const col = (o: number) => o - file.lines.lineStartOf(o);
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  const visit = (n: YNode, depth: number): void => {
    if (depth > 8 || n.kind !== 'map' || n.flow) return;
    for (const p of n.pairs) {
      const v = p.value;
      if (v?.kind === 'map' && !v.flow && v.pairs.length && indent === undefined) {
        const d = col(v.pairs[0]!.keyNode.start) - col(p.keyNode.start);
        if (d > 0) indent = d;
      }
      if (v?.kind === 'seq' && !v.flow && v.items.length && indentSeq === undefined) {
        indentSeq = col(v.start) > col(p.keyNode.start);
      }
      if (v) visit(v.kind === 'seq' && v.items[0] ? v.items[0] : v, depth + 1);
    }
  };
  visit(root, 0);
  return { eol, indent: indent ?? 2, indentSeq: indentSeq ?? true };
}
