// Engine findings -> LSP diagnostics. The only place that builds a Diagnostic. A diagnostic carries
// no more than its finding needs: `data` names its quick fixes (titles only: their edits, often whole
// blocks of YAML, are those of the current finding, which codeActions.ts looks up when asked), and
// related locations are sent only when they point somewhere else than the diagnostic itself.
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Finding, Severity } from '../engine';

export const SOURCE = 'netpol-lens';

/** What a diagnostic carries for the code-action handler: the titles of its finding's fixes. */
export interface DiagnosticData {
  fixes: string[];
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITIES[f.severity],
    code: f.code,
    source: SOURCE,
    message: f.message,
  };
  const elsewhere = f.related?.filter((r) => r.file !== f.file || !sameRange(r.range, f.range));
  if (elsewhere?.length) d.relatedInformation = elsewhere.map(related);
  if (f.fixes?.length) d.data = { fixes: f.fixes.map((x) => x.title) } satisfies DiagnosticData;
  return d;
}

function sameRange(a: Finding['range'], b: Finding['range']): boolean {
  const same = (p: Finding['range']['start'], q: Finding['range']['start']) =>
    p.line === q.line && p.character === q.character;
  return same(a.start, b.start) && same(a.end, b.end);
}

function related(r: NonNullable<Finding['related']>[number]): DiagnosticRelatedInformation {
  return { location: { uri: r.file, range: r.range }, message: r.message };
}

/** Whether a diagnostic is one of ours that names quick fixes. */
export function hasFixes(d: Diagnostic): boolean {
  if (d.source !== SOURCE) return false;
  const data = d.data as Partial<DiagnosticData> | undefined;
  return Array.isArray(data?.fixes) && data.fixes.length > 0;
}

/** The finding a diagnostic was made from, among a document's current findings. */
export function isFindingOf(f: Finding, d: Diagnostic): boolean {
  return f.code === d.code && f.message === d.message && sameRange(f.range, d.range);
}
