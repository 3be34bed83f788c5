// The shape of a YAML-level rule, as lints (lint/context.ts) and validation rules (validate/rules.ts)
// have theirs: a rule module holds its code, severity, help and its check or report; the registry
// (rules/index.ts) lists them. Each kind of rule runs where its input exists while a chunk is parsed.
import type { Document } from 'yaml';
import type { RuleInfo } from '../../rules';
import type { Finding } from '../../types';
import type { Span, YMap } from '../../yamlTree';
import type { FindingSink } from '../findingSink';

export interface YamlRule {
  readonly info: RuleInfo;
}

/** Checks the text of a chunk starting at `offset` in its file. */
export interface TextRule extends YamlRule {
  check(text: string, offset: number, sink: FindingSink): void;
}

/** Checks what yaml made of a document whose text starts at `offset` in its file. */
export interface DocumentRule extends YamlRule {
  check(doc: Document.Parsed, offset: number, sink: FindingSink): void;
}

/** Checks the objects of a document's root map (one map, or several when objects were pasted together). */
export interface ObjectsRule extends YamlRule {
  check(parts: readonly YMap[], sink: FindingSink): void;
}

/** Met by the tree converter (convert.ts) while it converts a document: it reports where. */
export interface ConversionRule<Detail extends unknown[] = []> extends YamlRule {
  found(sink: FindingSink, at: Span, ...detail: Detail): void;
}

/** Reports a finding of `rule` (its code and severity) at `at`. */
export function report(
  rule: YamlRule,
  sink: FindingSink,
  at: Span,
  message: string,
  extra: Partial<Finding> = {},
): Finding {
  return sink.add(at, rule.info.severity, rule.info.code, message, extra);
}
