// `--format json`: the contract's objects, exactly; pretty-printed so diffs of CI output stay readable.
import type { Finding, Range, Severity } from '../../engine/types';

/** The contract's finding: these five keys, nothing more (related locations and fixes stay editor-only). */
export interface FindingJson {
  file: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
}

export function findingJson(f: Finding): FindingJson {
  const { start, end } = f.range;
  return {
    file: f.file,
    range: {
      start: { line: start.line, character: start.character },
      end: { line: end.line, character: end.character },
    },
    severity: f.severity,
    code: f.code,
    message: f.message,
  };
}

export const toJson = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';
