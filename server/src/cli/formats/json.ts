// `--format json`: the contract's objects, exactly; indented so diffs of CI output stay readable, with
// small flat values (a position, a pair of pods) kept on one line so large outputs stay compact.
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

export const toJson = (value: unknown): string => layout(value, '') + '\n';

/** Flat arrays and objects up to this many characters stay on one line. */
const INLINE_WIDTH = 100;

const isScalar = (v: unknown): boolean => v === null || typeof v !== 'object';

function layout(value: unknown, indent: string): string {
  if (value === undefined) return 'null';
  if (isScalar(value)) return JSON.stringify(value);
  if (Object.values(value as object).every(isScalar)) {
    const inline = JSON.stringify(value);
    if (inline.length <= INLINE_WIDTH) return inline;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((v) => inner + layout(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as object).filter(([, v]) => v !== undefined);
  if (!entries.length) return '{}';
  const body = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${layout(v, inner)}`);
  return `{\n${body.join(',\n')}\n${indent}}`;
}
