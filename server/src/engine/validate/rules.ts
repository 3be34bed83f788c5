// The registry of validation rules: every code validateObject can report, with its severity, title and
// help. Each rule module owns its entries; the README's rule table is generated from this list.
import type { RuleInfo } from '../rules';
import { FIELD_RULES } from './fields';
import { LABEL_RULES } from './labels';
import { METADATA_RULES } from './metadata';
import { OWNERSHIP_RULES } from './ownership';
import { PEER_RULES } from './peers';
import { PORT_RULES } from './ports';
import { SELECTOR_RULES } from './selectors';
import { SPEC_RULES } from './spec';
import { STRUCTURE_RULES } from './structure';
import { TYPE_META_RULES } from './typeMeta';

/** Reported when a bug stops the validation of an object, instead of crashing the editor or the CLI. */
export const VALIDATION_FAILED: RuleInfo = {
  code: 'validation-failed',
  severity: 'error',
  title: 'Validation failed',
  help: 'An internal error stopped the validation of this object; its other findings may be incomplete. Please report it with the YAML that caused it.',
};

export const VALIDATION_RULES: readonly RuleInfo[] = [
  ...TYPE_META_RULES,
  ...FIELD_RULES,
  ...STRUCTURE_RULES,
  ...METADATA_RULES,
  ...LABEL_RULES,
  ...OWNERSHIP_RULES,
  ...SELECTOR_RULES,
  ...SPEC_RULES,
  ...PEER_RULES,
  ...PORT_RULES,
  VALIDATION_FAILED,
];
