// Read access to the file text through its LineIndex, for building quick fixes: lines, columns,
// slices with their original line breaks, indentation.
import type { LineIndex } from '../lines';

export class SourceText {
  constructor(private readonly lines: LineIndex) {}

  lineOf(offset: number): number {
    return this.lines.positionAt(offset).line;
  }

  column(offset: number): number {
    return this.lines.positionAt(offset).character;
  }

  lineStart(line: number): number {
    return this.lines.offsetAt({ line, character: 0 });
  }

  /** Offset just before the line break of `line`. */
  lineEnd(line: number): number {
    return this.lineStart(line) + this.lines.lineText(line).length;
  }

  /** Offset of the start of the next line, or the end of the text for the last line. */
  nextLineStart(line: number): number {
    return line + 1 < this.lines.lineCount
      ? this.lineStart(line + 1)
      : this.lines.offsetAt({ line: this.lines.lineCount, character: 0 });
  }

  lineText(line: number): string {
    return this.lines.lineText(line);
  }

  /** The line break ending `line` ('' for a last line without one). */
  lineBreak(line: number): string {
    const n = this.nextLineStart(line) - this.lineEnd(line);
    return n === 2 ? '\r\n' : n === 1 ? '\n' : '';
  }

  /** The file's line break style, from its first line. */
  eol(): string {
    return this.lines.firstLineBreak() === '\r\n' ? '\r\n' : '\n';
  }

  /** The text between two offsets, line breaks as written. */
  slice(start: number, end: number): string {
    let out = '';
    let line = this.lineOf(start);
    let pos = start;
    while (pos < end) {
      const ls = this.lineStart(line);
      const le = this.lineEnd(line);
      const text = this.lineText(line);
      if (end <= le) return out + text.slice(pos - ls, end - ls);
      out += text.slice(pos - ls) + this.lineBreak(line).slice(0, end - le);
      pos = this.nextLineStart(line);
      if (pos <= ls) break;
      line++;
    }
    return out;
  }

  /** True when only spaces precede `offset` on its line. */
  startsLine(offset: number): boolean {
    const line = this.lineOf(offset);
    return /^ *$/.test(this.lineText(line).slice(0, offset - this.lineStart(line)));
  }

  /** The last line holding content of a node ending at `end` (block nodes may end on the next line). */
  lastContentLine(start: number, end: number): number {
    const line = this.lineOf(end);
    return end > start && this.column(end) === 0 && line > this.lineOf(start) ? line - 1 : line;
  }
}
