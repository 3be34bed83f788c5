// A map that repeats a key: the API server's strict decoding rejects it, kubectl keeps the last value.
import type { YNode, YPair } from '../../yamlTree';
import type { FindingSink } from '../findingSink';
import type { ObjectsRule } from './rule';
import { report } from './rule';

export const duplicateKey: ObjectsRule = {
  info: {
    code: 'duplicate-key',
    severity: 'error',
    title: 'Duplicate key',
    help: 'A map repeats a key. The API server rejects it; kubectl would silently keep the last value.',
  },
  check(parts, sink) {
    for (const part of parts) reportDuplicates(part, sink);
  },
};

/** Every map under `root`, once each (aliases may reach one twice), checked for repeated keys. */
function reportDuplicates(root: YNode, sink: FindingSink): void {
  const stack: YNode[] = [root];
  const seen = new Set<YNode>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.kind === 'seq') for (const it of n.items) stack.push(it);
    if (n.kind !== 'map') continue;
    checkKeys(n.pairs, sink);
    for (const p of n.pairs) if (p.value) stack.push(p.value);
  }
}

/** Maps this small are checked pair by pair; larger ones through a Map (one per map is most of the rule's cost). */
const SMALL_MAP = 12;

/** Reports each pair whose key an earlier pair of the map has (the first one is named). */
function checkKeys(pairs: readonly YPair[], sink: FindingSink): void {
  if (pairs.length > SMALL_MAP) {
    const first = new Map<string, YPair>();
    for (const p of pairs) {
      const earlier = first.get(p.key);
      if (earlier && isDuplicate(p, earlier)) duplicate(p, earlier, sink);
      else first.set(p.key, p);
    }
    return;
  }
  for (let i = 1; i < pairs.length; i++) {
    const p = pairs[i]!;
    const earlier = firstWithKey(pairs, i, p.key);
    if (earlier) duplicate(p, earlier, sink);
  }
}

/**
 * The pair a Map of the first pairs by key would hold for `key` before pair `i`: the latest pair
 * with the key that was not itself a duplicate of the one held then; undefined unless it makes pair
 * `i` a duplicate.
 */
function firstWithKey(pairs: readonly YPair[], i: number, key: string): YPair | undefined {
  let held: YPair | undefined;
  for (let j = 0; j < i; j++) {
    const q = pairs[j]!;
    if (q.key !== key) continue;
    if (!held || !isDuplicate(q, held)) held = q;
  }
  return held && isDuplicate(pairs[i]!, held) ? held : undefined;
}

/** The same pair (or key node) met again through a merge key is no duplicate. */
function isDuplicate(p: YPair, earlier: YPair): boolean {
  return earlier !== p && earlier.keyNode !== p.keyNode;
}

function duplicate(p: YPair, earlier: YPair, sink: FindingSink): void {
  const earlierLine = sink.lineNumber(earlier.start);
  report(
    duplicateKey,
    sink,
    p.keyNode,
    `Duplicate key \`${p.key}\` (first on line ${earlierLine}): the API server rejects it, and kubectl would silently keep only this last value.`,
    {
      related: [{ file: sink.file, range: sink.lines.range(earlier.keyNode), message: `first \`${p.key}\`` }],
    },
  );
}
