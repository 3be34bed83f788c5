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
    if (n.kind === 'seq') stack.push(...n.items);
    if (n.kind !== 'map') continue;
    const first = new Map<string, YPair>();
    for (const p of n.pairs) {
      const earlier = first.get(p.key);
      if (earlier && earlier !== p && earlier.keyNode !== p.keyNode) duplicate(p, earlier, sink);
      else first.set(p.key, p);
      if (p.value) stack.push(p.value);
    }
  }
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
