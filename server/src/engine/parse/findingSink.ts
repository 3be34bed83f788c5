// Where the YAML rules, validation and lints of one file report: offsets become positions.
import { cappedMessage } from '../excerpt';
import type { LineIndex } from '../lines';
import type { Finding, Severity } from '../types';
import type { Span } from '../yamlTree';

/** Collects findings for one file, converting offsets to positions. */
export class FindingSink {
  readonly findings: Finding[] = [];
  /** Set when a message quoted a line number (see lineNumber). */
  quotesLines = false;
  constructor(
    readonly file: string,
    readonly lines: LineIndex,
  ) {}

  add(span: Span, severity: Severity, code: string, message: string, extra: Partial<Finding> = {}): Finding {
    const f: Finding = {
      file: this.file,
      range: this.lines.range(span),
      severity,
      code,
      message: cappedMessage(message),
      ...extra,
    };
    this.findings.push(f);
    return f;
  }

  /** The 1-based line of an offset, for a message; findings that quote one cannot simply be moved. */
  lineNumber(offset: number): number {
    this.quotesLines = true;
    return this.lines.positionAt(offset).line + 1;
  }
}
