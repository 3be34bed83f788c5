// `--format json`: the contract's objects, exactly; indented so diffs of CI output stay readable, with
// small flat values (a position, a pair of pods) kept on one line so large outputs stay compact.
import type { Finding, Range, Severity } from '../../engine/types';

/** The contract's finding: these five keys, nothing more (related locations and fixes stay editor-only). */
export interface FindingJson {
  file: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
}

export function findingJson(f: Finding): FindingJson {
  const { start, end } = f.range;
  return {
    file: f.file,
    range: {
      start: { line: start.line, character: start.character },
      end: { line: end.line, character: end.character },
    },
    severity: f.severity,
    code: f.code,
    message: f.message,
  };
}

/** The JSON text of `value`, laid out as described above. */
export function toJson(value: unknown): string {
  return [...jsonPieces(value)].join('');
}

/**
 * Writes what toJson returns, in pieces of about WRITE_SIZE characters: a matrix of millions of pairs
 * is never held as one string.
 */
export function writeJson(value: unknown, write: (text: string) => void): void {
  for (const piece of jsonPieces(value)) write(piece);
}

/**
 * As writeJson, waiting after each piece until the output has taken what it was given (`drained`):
 * a list produced lazily is then produced only as fast as the reader reads, and never queued whole.
 */
export async function writeJsonPaced(
  value: unknown,
  out: { write(text: string): void; drained(): Promise<void> },
): Promise<void> {
  for (const piece of jsonPieces(value)) {
    out.write(piece);
    await out.drained();
  }
}

/** What toJson returns, in pieces of about WRITE_SIZE characters, laid out as they are asked for. */
export function* jsonPieces(value: unknown): Generator<string, void, undefined> {
  const out = new Pieces();
  yield* layout(value, '', out);
  out.push('\n');
  yield out.take();
}

/** Flat arrays and objects up to this many characters stay on one line. */
const INLINE_WIDTH = 100;
const WRITE_SIZE = 1 << 16;

const isScalar = (v: unknown): boolean => v === null || typeof v !== 'object';

/** A list laid out item by item as it is produced, so that a long list is never held whole. */
export class LazyList {
  constructor(readonly items: () => Iterable<unknown>) {}
}

/** Collects small strings until they are taken (appended: V8 joins them once, when written). */
class Pieces {
  private text = '';

  push(text: string): void {
    this.text += text;
  }

  get full(): boolean {
    return this.text.length >= WRITE_SIZE;
  }

  take(): string {
    const text = this.text;
    this.text = '';
    return text;
  }
}

/** JSON texts of strings met in flat arrays (a matrix names each of its pods in millions of pairs). */
const stringTexts = new Map<string, string>();
const MAX_STRING_TEXTS = 1 << 16;

/** An array item's JSON, as JSON.stringify writes it inside an array. */
function itemText(v: unknown): string {
  if (typeof v !== 'string') return JSON.stringify(v) ?? 'null';
  let text = stringTexts.get(v);
  if (text === undefined) {
    if (stringTexts.size >= MAX_STRING_TEXTS) stringTexts.clear();
    text = JSON.stringify(v);
    stringTexts.set(v, text);
  }
  return text;
}

/** JSON.stringify of an array of scalars. */
function flatArrayText(items: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < items.length; i++) text += (i ? ',' : '') + itemText(items[i]);
  return `${text}]`;
}

/**
 * The one-line text of a scalar, or of a flat array or object that fits INLINE_WIDTH; undefined for
 * anything laid out over several lines. Items of long lists are mostly such values: they are written
 * without a generator of their own.
 */
function inlineText(value: unknown): string | undefined {
  if (value === undefined) return 'null';
  if (isScalar(value)) return JSON.stringify(value);
  if (value instanceof LazyList) return undefined;
  let inline: string;
  if (Array.isArray(value)) {
    if (!value.every(isScalar)) return undefined;
    inline = flatArrayText(value);
  } else {
    if (!Object.values(value as object).every(isScalar)) return undefined;
    inline = JSON.stringify(value);
  }
  return inline.length <= INLINE_WIDTH ? inline : undefined;
}

/** Lays `value` out into `out`, handing over every WRITE_SIZE characters (the generator yields). */
function* layout(value: unknown, indent: string, out: Pieces): Generator<string, void, undefined> {
  const inline = inlineText(value);
  if (inline !== undefined) out.push(inline);
  else if (value instanceof LazyList) yield* layoutList(value.items(), indent, out);
  else if (Array.isArray(value)) yield* layoutList(value, indent, out);
  else yield* layoutObject(value as object, indent, out);
  if (out.full) yield out.take();
}

function* layoutObject(value: object, indent: string, out: Pieces): Generator<string, void, undefined> {
  const inner = indent + '  ';
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (!entries.length) return out.push('{}');
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i]!;
    out.push(`${i ? ',\n' : '{\n'}${inner}${JSON.stringify(k)}: `);
    yield* layout(v, inner, out);
  }
  out.push(`\n${indent}}`);
}

function* layoutList(
  items: Iterable<unknown>,
  indent: string,
  out: Pieces,
): Generator<string, void, undefined> {
  const inner = indent + '  ';
  const open = `[\n${inner}`;
  const next = `,\n${inner}`;
  let first = true;
  for (const v of items) {
    out.push(first ? open : next);
    const inline = inlineText(v);
    if (inline !== undefined) out.push(inline);
    else yield* layout(v, inner, out);
    if (out.full) yield out.take();
    first = false;
  }
  out.push(first ? '[]' : `\n${indent}]`);
}
