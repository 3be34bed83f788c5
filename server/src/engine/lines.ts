// Offset <-> LSP position conversion for one text. Lines end at \r\n, \n or a lone \r, as the LSP
// specification and editors count them. (yaml's LineCounter is not used: it misses line starts while
// recovering from some syntax errors, and it ignores a lone \r.)
// An index can also cover one chunk of a file (a run of YAML documents): offsets and lines are then
// the file's, and only the chunk's own lines can be read.
import type { Position, Range } from './types';
import type { Span } from './yamlTree';

/** Where a chunk's text sits in its file, and the file's first line break (its line-break style). */
export interface LineBase {
  offset: number;
  line: number;
  firstLineBreak: string;
}

const FILE_START: LineBase = { offset: 0, line: 0, firstLineBreak: '' };

export class LineIndex {
  private readonly starts: readonly number[];
  private readonly base: LineBase;

  constructor(
    private readonly text: string,
    base?: LineBase,
    starts?: readonly number[],
  ) {
    this.starts = starts ?? computeLineStarts(text);
    this.base = base ?? { ...FILE_START, firstLineBreak: firstLineBreakOf(text) };
  }

  /**
   * The index of `text`, a part of this index's text that starts at `base.offset` in the file: its
   * line starts are read from this index instead of scanning the text again (every chunk of a
   * file is indexed after the file).
   */
  part(text: string, base: LineBase): LineIndex {
    const from = base.offset - this.base.offset;
    const to = from + text.length;
    if (from < 0 || to > this.text.length) return new LineIndex(text, base);
    const starts = [0];
    for (let k = this.firstStartAfter(from); k < this.starts.length && this.starts[k]! <= to; k++)
      starts.push(this.starts[k]! - from);
    // A \r ending the part ends a line there; in the whole text, the \n after it does.
    if (to > from && this.text.charCodeAt(to - 1) === 13 && this.text.charCodeAt(to) === 10)
      starts.push(text.length);
    return new LineIndex(text, base, starts);
  }

  /** The first line whose start (relative to this index's text) is after `o`. */
  private firstStartAfter(o: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= o) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get lineCount(): number {
    return this.base.line + this.starts.length;
  }

  positionAt(offset: number): Position {
    let o = Math.max(0, Math.min(offset - this.base.offset, this.text.length));
    // Between the \r and the \n of a line break is not a position an editor has: use the line's end.
    if (o > 0 && this.text.charCodeAt(o) === 10 && this.text.charCodeAt(o - 1) === 13) o--;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.base.line + lo, character: o - this.starts[lo]! };
  }

  offsetAt(pos: Position): number {
    const line = pos.line - this.base.line;
    if (line < 0) return this.base.offset;
    if (line >= this.starts.length) return this.base.offset + this.text.length;
    const start = this.starts[line]!;
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    return this.base.offset + Math.max(start, Math.min(start + pos.character, next));
  }

  range(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** Offset of the first character of the line holding `offset`. */
  lineStartOf(offset: number): number {
    return this.base.offset + this.starts[this.positionAt(offset).line - this.base.line]!;
  }

  /** The text of a line without its line break. */
  lineText(line: number): string {
    const local = line - this.base.line;
    if (local < 0) return '';
    const start = this.starts[local] ?? this.text.length;
    const end = local + 1 < this.starts.length ? this.starts[local + 1]! : this.text.length;
    return this.text.slice(start, end).replace(/(?:\r\n|\r|\n)$/, '');
  }

  /** The line break ending the file's first line ('' when it has a single line). */
  firstLineBreak(): string {
    return this.base.firstLineBreak;
  }
}

/** The line break ending the first line of a text ('' when it has a single line). */
export function firstLineBreakOf(text: string): string {
  const match = /\r\n|\r|\n/.exec(text);
  return match ? match[0] : '';
}

function computeLineStarts(text: string): number[] {
  if (text.includes('\r')) return lineStartsWithCR(text);
  // indexOf scans in native code: a 1.5 MB file's lines in a fraction of a character loop's time.
  const starts = [0];
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
  return starts;
}

/** Line starts after `\n`, `\r\n` and a lone `\r`. */
function lineStartsWithCR(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}
