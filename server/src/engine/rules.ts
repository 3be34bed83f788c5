// The registry of every finding code: YAML-level codes here, validation codes in validate/rules.ts,
// lint codes in lint/rules.ts. The README's rule table and SARIF's rule list are generated from it.
import { LINT_RULES } from './lint/rules';
import { SERVICE_ERROR_RULES } from './services/lint';
import type { Severity } from './types';
import { VALIDATION_RULES } from './validate/rules';

export interface RuleInfo {
  code: string;
  severity: Severity;
  /** Short name, e.g. "Duplicate key". */
  title: string;
  /** What the rule checks and how to fix a finding, a sentence or two. */
  help: string;
}

export const YAML_RULES: readonly RuleInfo[] = [
  {
    code: 'yaml-syntax',
    severity: 'error',
    title: 'YAML syntax error',
    help: "The file is not valid YAML (or JSON); the message gives the parser's reason.",
  },
  {
    code: 'yaml-warning',
    severity: 'warning',
    title: 'YAML warning',
    help: 'The YAML parser accepted the text with a caveat, such as an unresolved tag.',
  },
  {
    code: 'duplicate-key',
    severity: 'error',
    title: 'Duplicate key',
    help: 'A map repeats a key. The API server rejects it; kubectl would silently keep the last value.',
  },
  {
    code: 'missing-document-separator',
    severity: 'error',
    title: 'Objects pasted without ---',
    help: 'The head keys of an object (kind, apiVersion, metadata, spec) repeat in one document: two objects were pasted without a `---` line between them, and all but the last would be lost. The quick fix inserts `---`.',
  },
  {
    code: 'yaml-too-deep',
    severity: 'error',
    title: 'Nesting too deep',
    help: 'The document nests deeper than any Kubernetes object does; the deep part is not analysed.',
  },
  {
    code: 'yaml-unknown-anchor',
    severity: 'error',
    title: 'Unknown anchor',
    help: 'An alias `*name` refers to an anchor `&name` that is not defined before it.',
  },
  {
    code: 'yaml-alias-limit',
    severity: 'error',
    title: 'Alias expansion limit',
    help: 'Aliases expand to too many nodes (a "billion laughs" alias bomb); the alias is not expanded.',
  },
  {
    code: 'yaml-merge',
    severity: 'error',
    title: 'Invalid merge key',
    help: 'A merge key `<<` must refer to a map or a list of maps.',
  },
  {
    code: 'invalid-character',
    severity: 'error',
    title: 'Invalid character',
    help: 'Control characters, lone surrogates, stray byte order marks and undecodable bytes are not allowed in manifests.',
  },
  {
    code: 'file-too-large',
    severity: 'information',
    title: 'File skipped',
    help: 'The file is larger than netpolLens.maxFileSize and was not analysed.',
  },
];

/** Every code the engine reports: YAML, validation, then lints. SARIF's rule list and the README table. */
export const RULES: readonly RuleInfo[] = [
  ...YAML_RULES,
  ...VALIDATION_RULES,
  ...LINT_RULES,
  ...SERVICE_ERROR_RULES,
];
