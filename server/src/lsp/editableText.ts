// An open document's text, kept as an array of lines so that an incremental edit costs the length
// of the lines it touches plus one array splice, not a copy of the whole text: 10,000 keystrokes in a
// 300 KB document stay cheap. The joined text is built only when read, and the lines only at the
// first edit (an opened document is read whole first: splitting a large one then would only delay
// its diagnostics and give the garbage collector its lines to copy).
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';

export class EditableText {
  private split: string[] | undefined;
  private joined: string | undefined;

  constructor(
    readonly uri: string,
    public version: number,
    text: string,
  ) {
    this.joined = text;
  }

  getText(): string {
    this.joined ??= this.split!.join('\n');
    return this.joined;
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) this.replace(change.range, change.text);
      else this.setWhole(change.text);
    }
    this.version = version;
  }

  private setWhole(text: string): void {
    this.joined = text;
    this.split = undefined;
  }

  /** The lines, split from the joined text when an edit first needs them. */
  private get lines(): string[] {
    this.split ??= this.joined!.split('\n');
    return this.split;
  }

  private replace(range: { start: Position; end: Position }, text: string): void {
    const start = this.clamp(range.start);
    const end = this.clamp(range.end);
    if (end.line < start.line || (end.line === start.line && end.character < start.character))
      return this.replace({ start: range.end, end: range.start }, text);
    const lines = this.lines;
    const head = lines[start.line]!.slice(0, start.character);
    const tail = lines[end.line]!.slice(end.character);
    const inserted = (head + text + tail).split('\n');
    if (inserted.length === 1 && start.line === end.line) lines[start.line] = inserted[0]!;
    else lines.splice(start.line, end.line - start.line + 1, ...inserted);
    this.joined = undefined;
  }

  /** A position inside the text: past the end of a line is its end (before a `\r`), past the last line the end. */
  private clamp(p: Position): Position {
    const lines = this.lines;
    if (p.line >= lines.length) {
      const last = lines.length - 1;
      return { line: last, character: lines[last]!.length };
    }
    const line = Math.max(0, p.line);
    const text = lines[line]!;
    const max = text.endsWith('\r') ? text.length - 1 : text.length;
    return { line, character: Math.max(0, Math.min(p.character, max)) };
  }
}

interface Position {
  line: number;
  character: number;
}
