// `explain --format text`: each policy's name and place, its summary, and the details as a list.
import type { PolicyCounts } from '../../engine/language/facts';
import type { Range } from '../../engine/types';
import { printable, style } from './style';

/** One policy explained; also the JSON shape of `explain --format json` (range 0-based, as in `check`). */
export interface ExplainedPolicy {
  policy: string;
  file: string;
  range: Range;
  summary: string;
  details: string[];
  /** What the editor's CodeLens counts: pods selected, and per isolated direction the peers. */
  counts: PolicyCounts;
}

export function explainText(explanations: readonly ExplainedPolicy[], color: boolean): string {
  if (!explanations.length) return 'No NetworkPolicy in the files.\n';
  const s = style(color);
  const blocks = explanations.map((e) => {
    const where = `${printable(e.file)}:${e.range.start.line + 1}:${e.range.start.character + 1}`;
    const lines = [`${s.bold(printable(e.policy))}  ${s.dim(where)}`, `  ${printable(e.summary)}`];
    for (const d of e.details) lines.push(`  - ${printable(d)}`);
    return lines.join('\n');
  });
  return blocks.join('\n\n') + '\n';
}
