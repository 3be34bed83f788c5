// YAML syntax errors as yaml reports them, one line each and of bounded length; also the finding of a
// file yaml gave up on altogether.
import type { DocumentRule } from './rule';
import { report } from './rule';

/** yaml quotes the offending token in its messages, and a token can be a megabyte long. */
const MAX_MESSAGE = 200;

export const yamlSyntax: DocumentRule & { gaveUp(reason: string): string } = {
  info: {
    code: 'yaml-syntax',
    severity: 'error',
    title: 'YAML syntax error',
    help: "The file is not valid YAML (or JSON); the message gives the parser's reason.",
  },
  check(doc, offset, sink) {
    for (const err of doc.errors) {
      const [start, end] = err.pos;
      report(
        this,
        sink,
        { start: offset + start, end: offset + Math.max(end, start) },
        yamlMessage(err.message),
      );
    }
  },
  gaveUp: (reason) => `The YAML parser gave up on this file: ${reason}`,
};

export const yamlWarning: DocumentRule = {
  info: {
    code: 'yaml-warning',
    severity: 'warning',
    title: 'YAML warning',
    help: 'The YAML parser accepted the text with a caveat, such as an unresolved tag.',
  },
  check(doc, offset, sink) {
    for (const warn of doc.warnings) {
      const [start, end] = warn.pos;
      report(
        this,
        sink,
        { start: offset + start, end: offset + Math.max(end, start) },
        yamlMessage(warn.message),
      );
    }
  },
};

/** yaml's message without its position (the range says it), cut to MAX_MESSAGE characters. */
export function yamlMessage(message: string): string {
  const text = message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
  if (text.length <= MAX_MESSAGE) return text;
  const cut = /[\ud800-\udbff]/.test(text[MAX_MESSAGE - 2]!) ? MAX_MESSAGE - 2 : MAX_MESSAGE - 1;
  return `${text.slice(0, cut)}…`;
}
