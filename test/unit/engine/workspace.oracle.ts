// The reference the chunked, incremental analysis is checked against: the whole file parsed by yaml
// in one go and validated object by object, as the engine did before files were cut into chunks.
// Also the generators of multi-document texts and of edits used by the property tests.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { generateWorkspace } from '../../../bench/generate';
import type { ManifestObject, ParsedFile } from '../../../server/src/engine/parse/types';
import { assembleParsedFile, parseChunk } from '../../../server/src/engine/parse/documents';
import { FindingSink } from '../../../server/src/engine/parse/findingSink';
import { LineIndex } from '../../../server/src/engine/lines';
import type { Finding, SourceFile } from '../../../server/src/engine/types';
import { validateObject } from '../../../server/src/engine/validate';
import { fixedSeedFile, samplesDir } from '../../helpers/paths';

export interface WholeFileAnalysis {
  parsed: ParsedFile;
  findings: Finding[];
  accepted: ManifestObject[];
}

/** The file as one chunk: yaml reads it whole; then every object is validated. */
export function wholeFile(file: SourceFile): WholeFileAnalysis {
  const lines = new LineIndex(file.text);
  const chunk = parseChunk(file, 0, file.text.length, { offset: 0, line: 0, doc: 0 }, lines);
  const parsed = assembleParsedFile(file, lines, [chunk]);
  const sink = new FindingSink(parsed.path, parsed.lines);
  const accepted: ManifestObject[] = [];
  for (const obj of parsed.objects) {
    const before = sink.findings.length;
    validateObject(obj, sink);
    const rejected = obj.pasted || sink.findings.slice(before).some((f) => f.severity === 'error');
    if (!rejected && !overlapsError(parsed, obj)) accepted.push(obj);
  }
  return { parsed, findings: [...parsed.findings, ...(parsed.isKubernetes ? sink.findings : [])], accepted };
}

function overlapsError(parsed: ParsedFile, obj: ManifestObject): boolean {
  const start = parsed.lines.positionAt(obj.node.start).line;
  const end = parsed.lines.positionAt(obj.node.end).line;
  return parsed.findings.some(
    (f) => f.severity === 'error' && f.range.start.line >= start && f.range.start.line <= end,
  );
}

const generated = generateWorkspace({ seed: 5, pods: 4, policies: 8, namespaces: 2, apps: 3 });
const sampleTexts = [
  ...generated.files.map((f) => f.text),
  ...fs.readdirSync(samplesDir).map((name) => fs.readFileSync(path.join(samplesDir, name), 'utf8')),
  fs.readFileSync(fixedSeedFile, 'utf8'),
];

/** Documents of the samples and of a generated workspace, and fragments that trouble YAML parsers. */
export const DOCUMENTS: readonly string[] = [
  ...new Set(sampleTexts.flatMap((t) => t.split(/^---\n/m)).filter((d) => d.trim() !== '')),
  'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\nspec: {containers: [{name: c, ports: [{containerPort: 80, name: http}]}]}\n',
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: dup\nmetadata:\n  name: dup2\nspec:\n  podSelector: {}\n',
  'a: &x {k: 1}\nb: *x\nc:\n  <<: *x\n  d: 2\n',
  'kind: List\napiVersion: v1\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: {name: ns1}\n  - apiVersion: v1\n    kind: Namespace\n    metadata: {name: ns2}\n',
  'key: "unclosed\n',
  "'top level\n",
  'flow: [a, b\n',
  ']\n',
  'block: |\n  text\n  more\n',
  '--- |\nliteral\n',
  '? complex\n: value\n',
  '# only a comment\n',
  'x: 1\r\ny: 2\r\n',
  'tab:\tvalue\n',
  'nul: "\u0000"\n',
  '\ufeffbom: 1\n',
  'bad: \ud800\n',
  'a: 1\na: 2\n',
];

/** What goes between documents. */
export const SEPARATORS: readonly string[] = [
  '---\n',
  '---\n',
  '--- \n',
  '...\n',
  '...\n---\n',
  '\n---\n',
  '---\r\n',
  '',
  '--- # c\n',
];

/** Short texts typed or pasted by an edit. */
export const TYPED: readonly string[] = [
  'x',
  '\n',
  ' ',
  '  ',
  '"',
  "'",
  ':',
  ': ',
  '- ',
  '#',
  '---\n',
  '...\n',
  '---',
  '&a ',
  '*a',
  '\t',
  '\r\n',
  '\r',
  '{',
  ']',
  '%YAML 1.2\n',
  '\u0000',
  'kind: Pod\n',
  'metadata:\n  name: extra\n',
];

export const multiDocument: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...DOCUMENTS), fc.constantFrom(...SEPARATORS)), {
    minLength: 1,
    maxLength: 7,
  })
  .map((parts) => parts.map(([doc, sep], i) => (i === 0 ? doc : sep + doc)).join(''));

/** Lines that start, end or break documents, quoted scalars, flow and block collections. */
const FRAGMENTS: readonly string[] = [
  '---\n',
  '...\n',
  '--- ',
  'a: 1\n',
  'b: "x\n',
  'y"\n',
  "'q\n",
  '- [a,\n',
  '}\n',
  ']\n',
  '# c\n',
  'k: |\n',
  '  t\n',
  '&a x: 1\n',
  '*a\n',
  '? k\n',
  ': v\n',
  '\n',
  '  ind: 2\n',
  '--- |\n',
  '...x\n',
  '---x\n',
  '\t\n',
  '"\n',
  '{a: 1\n',
  '%YAML 1.2\n',
  'x\r\n',
  '---\r\n',
  '!!str s\n',
  'z: !t\n',
  '- \n',
  '...',
  'kind: Pod\n',
  'metadata:\n  name: n\n',
  '\ufeff',
  'a: 2\n',
];

/** Texts made of such lines, most of them broken. */
export const fragments: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 14 })
  .map((parts) => parts.join(''));

export interface Edit {
  at: number;
  remove: number;
  insert: string;
}

export const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat(3), fc.nat(40)),
  insert: fc.oneof(fc.constantFrom(...TYPED), fc.constant(''), fc.constantFrom(...DOCUMENTS)),
});

export function applyEdit(text: string, e: Edit): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}
