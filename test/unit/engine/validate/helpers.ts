// Shared by the validation tests: policies from short spec snippets, expected ranges marked inline
// with ⟦ ⟧, table-driven rule cases, and quick fixes applied and re-analysed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/edits';
import type { Finding, Range } from '../../../../server/src/engine/types';
import { analyseFile } from '../../../../server/src/engine/workspace';

/** Removes the common indentation of a template literal and its first and last blank lines. */
export function dedent(s: string): string {
  const lines = s
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

const indentBy = (s: string, n: number) =>
  dedent(s)
    .trimEnd()
    .split('\n')
    .map((l) => (l ? ' '.repeat(n) + l : l))
    .join('\n');

/** A networking.k8s.io/v1 NetworkPolicy named `p` with the given spec (and metadata) body. */
export function np(spec: string, metadata = 'name: p'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n${indentBy(metadata, 2)}\nspec:\n${indentBy(spec, 2)}\n`;
}

/** Strips one ⟦…⟧ marker from the text and returns the range it marked. */
export function marked(src: string): { text: string; range: Range | undefined } {
  const open = src.indexOf('⟦');
  if (open < 0) return { text: src, range: undefined };
  const close = src.indexOf('⟧', open);
  const text = src.slice(0, open) + src.slice(open + 1, close) + src.slice(close + 1);
  const at = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  };
  return { text, range: { start: at(open), end: at(close - 1) } };
}

export function analyse(text: string, path = 'test.yaml'): Finding[] {
  return [...analyseFile({ path, text }).findings];
}

export const errorsOf = (findings: readonly Finding[]): Finding[] =>
  findings.filter((f) => f.severity === 'error');

export const describeFindings = (findings: readonly Finding[]): string =>
  findings
    .map((f) => `${f.range.start.line}:${f.range.start.character} ${f.severity} ${f.code} ${f.message}`)
    .join('\n');

/** Applies a finding's preferred (or first) fix. */
export function applyFix(text: string, finding: Finding, index?: number): string {
  const fixes = finding.fixes ?? [];
  const fix = index !== undefined ? fixes[index] : (fixes.find((f) => f.preferred) ?? fixes[0]);
  assert.ok(fix, `no fix for ${finding.code}: ${finding.message}`);
  return applyEdits(text, fix.edits);
}

/** One rule example: the finding it must produce, and a corrected text with no finding at all. */
export interface RuleCase {
  name: string;
  /** Text with the expected range marked ⟦…⟧. */
  bad: string;
  code: string;
  severity?: Finding['severity'];
  /** Fragments the message must contain. */
  message: (string | RegExp)[];
  /** A quick fix is offered, and applying it leaves no error (and no finding of this code). */
  fix?: boolean;
  good: string;
  path?: string;
}

export function ruleCases(cases: readonly RuleCase[]): void {
  for (const c of cases) {
    void test(`${c.code}: ${c.name}`, () => {
      const { text, range } = marked(c.bad);
      const findings = analyse(text, c.path);
      const hits = findings.filter((f) => f.code === c.code);
      assert.equal(hits.length, 1, `expected one ${c.code}, got:\n${describeFindings(findings)}`);
      const f = hits[0]!;
      assert.deepEqual(f.range, range, `range of: ${f.message}`);
      assert.equal(f.severity, c.severity ?? 'error');
      for (const m of c.message) {
        if (typeof m === 'string') assert.ok(f.message.includes(m), `"${m}" not in: ${f.message}`);
        else assert.match(f.message, m);
      }
      if (c.fix === true) {
        const fixed = applyFix(text, f);
        const after = analyse(fixed, c.path);
        assert.deepEqual(errorsOf(after), [], `after the fix:\n${fixed}\n${describeFindings(after)}`);
        assert.equal(
          after.filter((x) => x.code === c.code).length,
          0,
          `${c.code} remains after the fix:\n${fixed}`,
        );
      } else if (c.fix === false) {
        assert.equal(f.fixes, undefined, 'no fix expected');
      }
    });
    void test(`${c.code}: ${c.name} (corrected)`, () => {
      const findings = analyse(c.good, c.path);
      assert.deepEqual(findings, [], describeFindings(findings));
    });
  }
}
