// duplicate-key on the shapes that decide what is a duplicate: a key repeated twice or more (each
// repetition names the first), maps nested in a duplicate, and keys merged in with `<<` (a map's own
// key wins over a merged one and a merged pair met again is no duplicate).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFile } from '../../../../server/src/engine/parse/documents';

/** Each duplicate as "line:character of the key → line of the first one" (lines of `text`, from 1). */
function duplicates(text: string): string[] {
  // Findings are reported in files that hold Kubernetes objects: two lines before the text.
  return parseFile({ path: 'p.yaml', text: `apiVersion: v1\nkind: Pod\n${text}` })
    .findings.filter((f) => f.code === 'duplicate-key')
    .map(
      (f) => `${f.range.start.line - 1}:${f.range.start.character} → ${f.related![0]!.range.start.line - 1}`,
    );
}

const CASES: [string, string, string[]][] = [
  ['no repeated key', 'a: 1\nb: 2\n', []],
  ['a key three times: both repetitions name the first', 'a: 1\nb: 2\na: 3\na: 4\n', ['3:0 → 1', '4:0 → 1']],
  ['two keys repeated', 'a: 1\nb: 2\nb: 3\na: 4\n', ['3:0 → 2', '4:0 → 1']],
  ['in a nested map and in a flow map', 'm:\n  x: 1\n  x: 2\nf: {y: 1, y: 2}\n', ['3:2 → 2', '4:10 → 4']],
  ['the same key in different maps is fine', 'm:\n  x: 1\nn:\n  x: 1\n', []],
  ['a map of a repeated key is checked too', 'm:\n  x: 1\nm:\n  x: 1\n  x: 2\n', ['5:2 → 4', '3:0 → 1']],
  ['merged keys: own keys win, no duplicate', 'base: &b\n  a: 1\n  c: 2\nm:\n  <<: *b\n  a: 3\n', []],
  ['merged twice from the same map', 'base: &b\n  a: 1\nm:\n  <<: [*b, *b]\n  d: 1\n', []],
  ['an own key repeated beside a merge', 'base: &b\n  a: 1\nm:\n  <<: *b\n  a: 3\n  a: 4\n', ['6:2 → 5']],
  ['a key written again as an alias of itself is the same key node', 'm:\n  &k a: 1\n  *k : 2\n', []],
  ['a map reached twice through an alias is reported once', 'x: &m\n  k: 1\n  k: 2\ny: *m\n', ['3:2 → 2']],
];

for (const [name, text, expected] of CASES)
  void test(`duplicate-key: ${name}`, () => assert.deepEqual(duplicates(text).sort(), [...expected].sort()));
