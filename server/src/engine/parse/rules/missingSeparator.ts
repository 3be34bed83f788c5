// Two objects pasted together without `---` (the seed's first mistake): the head keys repeat in one
// document, and kubectl, keeping the last value of each key, would silently lose the first object.
import type { YMap } from '../../yamlTree';
import { stringValue, valueOf } from '../../yamlTree';
import type { FindingSink } from '../findingSink';
import type { ObjectsRule } from './rule';
import { report } from './rule';

export const missingSeparator: ObjectsRule = {
  info: {
    code: 'missing-document-separator',
    severity: 'error',
    title: 'Objects pasted without ---',
    help: 'The head keys of an object (kind, apiVersion, metadata, spec) repeat in one document: two objects were pasted without a `---` line between them, and all but the last would be lost. The quick fix inserts `---`.',
  },
  check(parts, sink) {
    for (let i = 1; i < parts.length; i++) reportPasted(parts[i - 1]!, parts[i]!, sink);
  },
};

function describeObject(m: YMap): string {
  const kind = stringValue(valueOf(m, 'kind')) ?? 'object';
  const name = stringValue(valueOf(valueOf(m, 'metadata'), 'name'));
  return name ? `${kind} \`${name}\`` : `the first ${kind}`;
}

function reportPasted(first: YMap, second: YMap, sink: FindingSink): void {
  const at = second.pairs[0]!;
  const line = sink.lineNumber(at.start) - 1;
  const lineStart = sink.lines.lineStartOf(at.start);
  const repeated = second.pairs
    .filter((p) => first.pairs.some((q) => q.key === p.key))
    .map((p) => `\`${p.key}\``);
  const firstKey = first.pairs.find((p) => p.key === at.key)!;
  const lost = describeObject(first);
  report(
    missingSeparator,
    sink,
    at.keyNode,
    `\`${at.key}\` appears a second time in this document (${repeated.join(', ')} repeat): two objects were pasted ` +
      `together without \`---\`. Insert a line \`---\` before line ${line + 1}. As written, kubectl keeps only the last ` +
      `value of each key, so ${lost} would silently disappear.`,
    {
      related: [
        {
          file: sink.file,
          range: sink.lines.range(firstKey.keyNode),
          message: `first \`${at.key}\` of ${lost}`,
        },
      ],
      fixes: [
        {
          title: `Insert \`---\` before line ${line + 1}`,
          edits: [{ range: sink.lines.range({ start: lineStart, end: lineStart }), newText: '---\n' }],
          preferred: true,
        },
      ],
    },
  );
}
