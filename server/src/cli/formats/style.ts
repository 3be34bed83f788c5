// ANSI styling that disappears when colours are off, so formatters write one code path.
import type { Severity } from '../../engine/types';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  severity(severity: Severity, s: string): string;
  good(s: string): string;
  bad(s: string): string;
}

const sgr = (code: string) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
const SEVERITY_CODES: Readonly<Record<Severity, string>> = {
  error: '1;31',
  warning: '1;33',
  information: '1;34',
  hint: '2',
};

const plain = (s: string): string => s;

export function style(color: boolean): Style {
  if (!color) return { bold: plain, dim: plain, severity: (_s, s) => s, good: plain, bad: plain };
  return {
    bold: sgr('1'),
    dim: sgr('2'),
    severity: (severity, s) => sgr(SEVERITY_CODES[severity])(s),
    good: sgr('32'),
    bad: sgr('31'),
  };
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Text from the files (names, messages) printed to a terminal: line breaks become spaces and other
 * control characters U+FFFD, so a hostile manifest cannot move the cursor or recolour the screen.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}
