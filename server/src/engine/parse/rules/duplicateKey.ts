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
  // One Map for every map of the object, emptied for each: a Map per map was most of the rule's cost.
  const first = new Map<string, YPair>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.kind === 'seq') for (const it of n.items) stack.push(it);
    if (n.kind !== 'map') continue;
    first.clear();
    for (const p of n.pairs) {
      const earlier = first.get(p.key);
      if (earlier && isDuplicate(p, earlier)) duplicate(p, earlier, sink);
      else first.set(p.key, p);
      if (p.value) stack.push(p.value);
    }
  }
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
