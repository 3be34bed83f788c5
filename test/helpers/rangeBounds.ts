// Checks that every range a finding carries (its own, related locations, quick-fix edits) lies inside
// the document as an LSP client sees it: lines split at \r\n, \n and \r; characters in UTF-16 units.
import type { Finding, Range } from '../../server/src/engine/types';

/** Line lengths as an LSP client computes them. */
export function lspLineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function rangeProblem(range: Range, lengths: readonly number[]): string | undefined {
  for (const [what, p] of [
    ['start', range.start],
    ['end', range.end],
  ] as const) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) return `${what} is not integral`;
    if (p.line < 0 || p.character < 0) return `${what} is negative`;
    if (p.line >= lengths.length) return `${what} line ${p.line} ≥ line count ${lengths.length}`;
    if (p.character > lengths[p.line]!)
      return `${what} character ${p.character} > length ${lengths[p.line]} of line ${p.line}`;
  }
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character))
    return 'start after end';
  return undefined;
}

/** Every out-of-document range of these findings (empty when all are fine), described for a message. */
export function outOfBounds(text: string, findings: readonly Finding[]): string[] {
  const lengths = lspLineLengths(text);
  const problems: string[] = [];
  const check = (f: Finding, where: string, range: Range) => {
    const p = rangeProblem(range, lengths);
    if (p) problems.push(`${f.code} (${where}) ${JSON.stringify(range)}: ${p}`);
  };
  for (const f of findings) {
    check(f, 'range', f.range);
    for (const r of f.related ?? []) if (r.file === f.file) check(f, 'related', r.range);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) check(f, `fix "${fix.title}"`, e.range);
  }
  return problems;
}

/** Counts of findings per code. */
export function codeCounts(findings: readonly { code: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.code] = (out[f.code] ?? 0) + 1;
  return out;
}
