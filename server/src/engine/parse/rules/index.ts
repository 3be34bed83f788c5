// The registry of YAML-level rules: each kind of rule in the order it runs on a chunk, and every rule's
// info, in the order of the README's rule table and SARIF's rule list.
import type { RuleInfo } from '../../rules';
import { aliasLimit } from './aliasLimit';
import { duplicateKey } from './duplicateKey';
import { fileTooLarge } from './fileTooLarge';
import { invalidCharacter } from './invalidCharacter';
import { mergeKey } from './mergeKey';
import { missingSeparator } from './missingSeparator';
import type { DocumentRule, ObjectsRule, TextRule } from './rule';
import { tooDeep } from './tooDeep';
import { unknownAnchor } from './unknownAnchor';
import { yamlSyntax, yamlWarning } from './yamlSyntax';

/** Run on each chunk's text. */
export const TEXT_RULES: readonly TextRule[] = [invalidCharacter];

/** Run on each document as yaml parsed it, before it is converted. */
export const DOCUMENT_RULES: readonly DocumentRule[] = [yamlSyntax, yamlWarning];

/** Run on the objects of each document's root map, once pasted objects are split apart. */
export const OBJECTS_RULES: readonly ObjectsRule[] = [missingSeparator, duplicateKey];

export const YAML_RULES: readonly RuleInfo[] = [
  yamlSyntax,
  yamlWarning,
  duplicateKey,
  missingSeparator,
  tooDeep,
  unknownAnchor,
  aliasLimit,
  mergeKey,
  invalidCharacter,
  fileTooLarge,
].map((r) => r.info);
