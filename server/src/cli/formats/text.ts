// `check --format text`: one line per finding, like a compiler (`file:line:col severity code message`,
// 1-based), related locations indented beneath, and a summary line.
import type { Finding } from '../../engine/types';
import { plural, printable, style } from './style';
import type { Style } from './style';

export function findingsText(findings: readonly Finding[], fileCount: number, color: boolean): string {
  const s = style(color);
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(
      `${s.bold(location(f.file, f.range.start))} ${s.severity(f.severity, f.severity)} ${s.dim(f.code)} ${printable(f.message)}`,
    );
    for (const r of f.related ?? [])
      lines.push(`  ${location(r.file, r.range.start)} ${s.dim('related:')} ${printable(r.message)}`);
  }
  if (lines.length) lines.push('');
  lines.push(summary(findings, fileCount, s));
  return lines.join('\n') + '\n';
}

function location(file: string, start: { line: number; character: number }): string {
  return `${printable(file)}:${start.line + 1}:${start.character + 1}`;
}

/** `2 errors, 1 warning, 3 notes in 4 files`; notes (information and hints) only when there are some. */
function summary(findings: readonly Finding[], fileCount: number, s: Style): string {
  const count = (...sev: string[]) => findings.filter((f) => sev.includes(f.severity)).length;
  const errors = count('error');
  const parts = [
    errors ? s.severity('error', plural(errors, 'error')) : plural(0, 'error'),
    plural(count('warning'), 'warning'),
  ];
  const notes = count('information', 'hint');
  if (notes) parts.push(plural(notes, 'note'));
  return `${parts.join(', ')} in ${plural(fileCount, 'file')}`;
}
