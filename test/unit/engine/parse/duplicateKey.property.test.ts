// duplicate-key checks small maps pair by pair and large ones through a Map: on random maps around
// the size where it switches, with repeated keys and merge keys (`<<: *a`, whose pairs are met
// again without being duplicates), it reports exactly what a Map of the first pair per key reports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { duplicateKey } from '../../../../server/src/engine/parse/rules/duplicateKey';
import { parseFile } from '../../../../server/src/engine/parse/documents';
import { FindingSink } from '../../../../server/src/engine/parse/findingSink';
import type { YMap, YNode, YPair } from '../../../../server/src/engine/yamlTree';

/** The rule as first written: one Map per map, the first pair per key. */
function reference(root: YNode): string[] {
  const out: string[] = [];
  const stack: YNode[] = [root];
  const seen = new Set<YNode>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.kind === 'seq') stack.push(...n.items);
    if (n.kind !== 'map') continue;
    const first = new Map<string, YPair>();
    for (const p of n.pairs) {
      const earlier = first.get(p.key);
      if (earlier && earlier !== p && earlier.keyNode !== p.keyNode)
        out.push(`${p.keyNode.start} ${earlier.keyNode.start}`);
      else first.set(p.key, p);
      if (p.value) stack.push(p.value);
    }
  }
  return out;
}

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n');

const map = fc.record({
  keys: fc.array(key, { minLength: 1, maxLength: 16 }),
  merge: fc.boolean(),
  nested: fc.boolean(),
});

void test('small and large maps: the duplicates a Map of first pairs finds', () => {
  fc.assert(
    fc.property(map, map, ({ keys, merge, nested }, other) => {
      const base = other.keys.map((k, i) => `  ${k}: ${i}`).join('\n');
      const own = keys.map((k, i) => `  ${k}: ${nested && i === 0 ? `{ ${k}: 1, ${k}: 2 }` : i}`);
      const text = `base: &b\n${base}\nmain:\n${merge ? '  <<: *b\n' : ''}${own.join('\n')}\n`;
      const parsed = parseFile({ path: 'p.yaml', text });
      const root = parsed.documents[0]!.root as YMap;
      const sink = new FindingSink('p.yaml', parsed.lines);
      duplicateKey.check([root], sink);
      const starts = sink.findings.map((f) => parsed.lines.offsetAt(f.range.start));
      const expected = reference(root).map((r) => Number(r.split(' ')[0]));
      assert.deepEqual(starts, expected);
      const related = sink.findings.map((f) => parsed.lines.offsetAt(f.related![0]!.range.start));
      assert.deepEqual(
        related,
        reference(root).map((r) => Number(r.split(' ')[1])),
      );
    }),
    { numRuns: 400 },
  );
});
