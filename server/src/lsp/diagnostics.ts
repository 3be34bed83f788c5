// Engine findings -> LSP diagnostics. The only place that builds a Diagnostic. Quick fixes travel in
// `data` with the document version they were computed for, so a stale fix is never applied.
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Finding, Fix, Severity } from '../engine';

export const SOURCE = 'netpol-lens';

/** What a diagnostic carries for the code-action handler. */
export interface DiagnosticData {
  /** Version of the document the fixes' edits apply to (null for a file not open in the editor). */
  version: number | null;
  fixes: Fix[];
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, version: number | null): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITIES[f.severity],
    code: f.code,
    source: SOURCE,
    message: f.message,
  };
  if (f.related?.length) d.relatedInformation = f.related.map(related);
  if (f.fixes?.length) d.data = { version, fixes: f.fixes } satisfies DiagnosticData;
  return d;
}

function related(r: NonNullable<Finding['related']>[number]): DiagnosticRelatedInformation {
  return { location: { uri: r.file, range: r.range }, message: r.message };
}

/** The fixes a diagnostic carries, if it is one of ours and carries any. */
export function diagnosticData(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== SOURCE) return undefined;
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (!data || !Array.isArray(data.fixes)) return undefined;
  return { version: typeof data.version === 'number' ? data.version : null, fixes: data.fixes };
}
