// The YAML-level rules of the parse room, one case each: code, severity, range and message exactly as
// reported, and every rule of the registry covered (a new rule needs its case here).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../../../server/src/engine/parse/documents';
import { YAML_RULES } from '../../../../server/src/engine/parse/rules';
import { MAX_DEPTH } from '../../../../server/src/engine/parse/rules/tooDeep';

const HEAD = 'apiVersion: v1\nkind: Pod\n';

interface Case {
  code: string;
  text: string;
  maxFileSize?: number;
  /** [line, character, end line, end character] of the first finding with the code. */
  range: [number, number, number, number];
  message: string;
}

const CASES: Case[] = [
  {
    code: 'yaml-syntax',
    text: `${HEAD}metadata: {name: a\n`,
    range: [3, 0, 3, 0],
    message: 'Flow map in block collection must be sufficiently indented and end with a }',
  },
  {
    code: 'yaml-warning',
    text: `${HEAD}metadata: !custom {name: a}\n`,
    range: [2, 10, 2, 17],
    message: 'Unresolved tag: !custom',
  },
  {
    code: 'duplicate-key',
    text: `${HEAD}metadata:\n  name: a\n  name: b\n`,
    range: [4, 2, 4, 6],
    message:
      'Duplicate key `name` (first on line 4): the API server rejects it, and kubectl would silently keep only this last value.',
  },
  {
    code: 'missing-document-separator',
    text: `${HEAD}metadata: {name: a}\n${HEAD}metadata: {name: b}\n`,
    range: [3, 0, 3, 10],
    message:
      '`apiVersion` appears a second time in this document (`apiVersion`, `kind`, `metadata` repeat): two objects were pasted together without `---`. Insert a line `---` before line 4. As written, kubectl keeps only the last value of each key, so Pod `a` would silently disappear.',
  },
  {
    code: 'yaml-too-deep',
    text: `${HEAD}metadata: ${'['.repeat(MAX_DEPTH + 2)}${']'.repeat(MAX_DEPTH + 2)}\n`,
    range: [2, 10 + MAX_DEPTH, 2, 10 + MAX_DEPTH + 4],
    message: `Nesting deeper than ${MAX_DEPTH} levels is not analysed.`,
  },
  {
    code: 'yaml-unknown-anchor',
    text: `${HEAD}metadata: *nowhere\n`,
    range: [2, 10, 2, 18],
    message: 'Unknown anchor `&nowhere`: define it before `*nowhere`.',
  },
  {
    code: 'yaml-alias-limit',
    text: `${HEAD}a: &a [${'x,'.repeat(999)}x]\nb: &b [${'*a,'.repeat(99)}*a]\nc: [${'*b,'.repeat(9)}*b]\n`,
    // The budget runs out at the hundredth `*a` (100 × 1,001 nodes).
    range: [3, 7 + 99 * 3, 3, 7 + 99 * 3 + 2],
    message:
      'Aliases in this document expand to more than 100000 nodes (an alias bomb?); `*a` and the aliases after it are not expanded.',
  },
  {
    code: 'yaml-merge',
    text: `${HEAD}base: &base 1\nmetadata:\n  <<: *base\n`,
    range: [4, 2, 4, 4],
    message: 'A merge key `<<` takes a map or a list of maps.',
  },
  {
    code: 'invalid-character',
    text: `${HEAD}metadata: {name: "a\u0001"}\n`,
    range: [2, 19, 2, 20],
    message: 'Control character U+0001 is not allowed in YAML.',
  },
  {
    code: 'file-too-large',
    text: `${HEAD}metadata: {name: a}\n`,
    maxFileSize: 1024 * 1024 * 0.01,
    range: [0, 0, 0, 0],
    message:
      'Not analysed: the file has 0.0 MB, more than the 0.0 MB limit (setting netpolLens.maxFileSize).',
  },
];

for (const c of CASES) {
  void test(`YAML rule ${c.code}`, () => {
    const text = c.maxFileSize !== undefined ? c.text.padEnd(c.maxFileSize + 1, '#') : c.text;
    const options = c.maxFileSize !== undefined ? { maxFileSize: c.maxFileSize } : {};
    const parsed = parseFile({ path: 'f.yaml', text }, options);
    const found = parsed.findings.find((f) => f.code === c.code);
    assert.ok(found, `${c.code} not reported: ${JSON.stringify(parsed.findings)}`);
    const rule = YAML_RULES.find((r) => r.code === c.code)!;
    assert.equal(found.severity, rule.severity);
    const { start, end } = found.range;
    assert.deepEqual([start.line, start.character, end.line, end.character], c.range, found.message);
    assert.equal(found.message, c.message);
  });
}

void test('every YAML rule of the registry has its case', () => {
  assert.deepEqual(CASES.map((c) => c.code).sort(), YAML_RULES.map((r) => r.code).sort());
});
