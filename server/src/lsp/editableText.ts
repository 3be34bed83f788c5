// An open document's text, kept as an array of lines so that an incremental edit costs the length
// of the lines it touches plus one array splice, not a copy of the whole text: 10,000 keystrokes in a
// 300 KB document stay cheap. The joined text is built only when read.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';

export class EditableText {
  private lines: string[];
  private joined: string | undefined;

  constructor(
    readonly uri: string,
    public version: number,
    text: string,
  ) {
    this.lines = text.split('\n');
    this.joined = text;
  }

  getText(): string {
    this.joined ??= this.lines.join('\n');
    return this.joined;
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) this.replace(change.range, change.text);
      else this.lines = change.text.split('\n');
    }
    this.version = version;
    this.joined = undefined;
  }

  private replace(range: { start: Position; end: Position }, text: string): void {
    const start = this.clamp(range.start);
    const end = this.clamp(range.end);
    if (end.line < start.line || (end.line === start.line && end.character < start.character))
      return this.replace({ start: range.end, end: range.start }, text);
    const head = this.lines[start.line]!.slice(0, start.character);
    const tail = this.lines[end.line]!.slice(end.character);
    const inserted = (head + text + tail).split('\n');
    if (inserted.length === 1 && start.line === end.line) this.lines[start.line] = inserted[0]!;
    else this.lines.splice(start.line, end.line - start.line + 1, ...inserted);
  }

  /** A position inside the text: past the end of a line is its end (before a `\r`), past the last line the end. */
  private clamp(p: Position): Position {
    if (p.line >= this.lines.length) {
      const last = this.lines.length - 1;
      return { line: last, character: this.lines[last]!.length };
    }
    const line = Math.max(0, p.line);
    const text = this.lines[line]!;
    const max = text.endsWith('\r') ? text.length - 1 : text.length;
    return { line, character: Math.max(0, Math.min(p.character, max)) };
  }
}

interface Position {
  line: number;
  character: number;
}
