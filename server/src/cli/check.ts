// `netpol-lens check`: every finding of every file, as text, JSON or SARIF. Exit 1 when any is an error.
import { RULES } from '../engine/rules';
import type { Finding } from '../engine/types';
import { EXIT_ERRORS_FOUND, EXIT_OK } from './errors';
import { findingJson, toJson } from './formats/json';
import { toSarif } from './formats/sarif';
import { findingsText } from './formats/text';
import type { LoadedWorkspace } from './load';
import type { Output } from './output';
import { TOOL } from './tool';

export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export function runCheck(loaded: LoadedWorkspace, format: CheckFormat, out: Output): number {
  const findings = collectFindings(loaded);
  if (format === 'json') out.write(toJson(findings.map(findingJson)));
  else if (format === 'sarif') out.write(toJson(toSarif(findings, RULES, TOOL, process.cwd())));
  else out.write(findingsText(findings, loaded.paths.length, out.color));
  return findings.some((f) => f.severity === 'error') ? EXIT_ERRORS_FOUND : EXIT_OK;
}

/** Findings in file order (as found), each file's sorted by position. */
export function collectFindings(loaded: LoadedWorkspace): Finding[] {
  const skipped = new Map(loaded.skipped.map((f) => [f.file, f]));
  return loaded.paths.flatMap((path) => {
    const tooLarge = skipped.get(path);
    return tooLarge ? [tooLarge] : byPosition(loaded.workspace.findings(path));
  });
}

/** Array.prototype.sort is stable: findings at one position keep the engine's order. */
function byPosition(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
