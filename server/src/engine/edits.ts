// Applies text edits (from quick fixes) to a text; used by tests and by the CLI's preview of fixes.
import { LineIndex } from './lines';
import type { TextEdit } from './types';

/** Applies non-overlapping edits, all expressed against the original text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const resolved = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of resolved) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
