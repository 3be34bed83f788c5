// The registry of every finding code: YAML-level codes in parse/rules, validation codes in
// validate/rules.ts, lint codes in lint/rules.ts. The README's rule table and SARIF's rule list are generated from it.
import { LINT_RULES } from './lint/rules';
import { YAML_RULES } from './parse/rules';
import { SERVICE_ERROR_RULES } from './services/lint';
import type { Severity } from './types';
import { VALIDATION_RULES } from './validate/rules';

export { YAML_RULES };

export interface RuleInfo {
  code: string;
  severity: Severity;
  /** Short name, e.g. "Duplicate key". */
  title: string;
  /** What the rule checks and how to fix a finding, a sentence or two. */
  help: string;
}

/** Every code the engine reports: YAML, validation, then lints. SARIF's rule list and the README table. */
export const RULES: readonly RuleInfo[] = [
  ...YAML_RULES,
  ...VALIDATION_RULES,
  ...LINT_RULES,
  ...SERVICE_ERROR_RULES,
];
