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
  const parts: string[] = [];
  writeJson(value, (text) => parts.push(text));
  return parts.join('');
}

/**
 * Writes what toJson returns, in pieces of about WRITE_SIZE characters: a matrix of millions of pairs
 * is never held as one string.
 */
export function writeJson(value: unknown, write: (text: string) => void): void {
  const out = new Pieces(write);
  layout(value, '', out);
  out.push('\n');
  out.flush();
}

/** Flat arrays and objects up to this many characters stay on one line. */
const INLINE_WIDTH = 100;
const WRITE_SIZE = 1 << 16;

const isScalar = (v: unknown): boolean => v === null || typeof v !== 'object';

/** A list laid out item by item as it is produced, so that a long list is never held whole. */
export class LazyList {
  constructor(readonly items: () => Iterable<unknown>) {}
}

/** Collects small strings and hands them on joined. */
class Pieces {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly write: (text: string) => void) {}

  push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= WRITE_SIZE) this.flush();
  }

  flush(): void {
    if (this.parts.length) this.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

function layout(value: unknown, indent: string, out: Pieces): void {
  if (value === undefined) return out.push('null');
  if (isScalar(value)) return out.push(JSON.stringify(value));
  if (value instanceof LazyList) return layoutList(value.items(), indent, out);
  const flat = Array.isArray(value) ? value.every(isScalar) : Object.values(value as object).every(isScalar);
  if (flat) {
    const inline = JSON.stringify(value);
    if (inline.length <= INLINE_WIDTH) return out.push(inline);
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) return layoutList(value, indent, out);
  const entries = Object.entries(value as object).filter(([, v]) => v !== undefined);
  if (!entries.length) return out.push('{}');
  entries.forEach(([k, v]: [string, unknown], i) => {
    out.push(`${i ? ',\n' : '{\n'}${inner}${JSON.stringify(k)}: `);
    layout(v, inner, out);
  });
  out.push(`\n${indent}}`);
}

function layoutList(items: Iterable<unknown>, indent: string, out: Pieces): void {
  const inner = indent + '  ';
  let first = true;
  for (const v of items) {
    out.push(first ? `[\n${inner}` : `,\n${inner}`);
    layout(v, inner, out);
    first = false;
  }
  out.push(first ? '[]' : `\n${indent}]`);
}
