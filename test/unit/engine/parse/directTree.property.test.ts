// The engine tree built straight from yaml's CST (directTree.ts) is what yaml's composer followed by
// convert.ts gives, on every text it accepts: the same nodes, values, offsets and document ranges,
// and yaml reports no error or warning there. Texts are random plain YAML (varied scalars,
// indentation, comments, separators), the broken multi-document texts of the other property tests,
// and those texts edited at random. DIRECT_RUNS=<n> explores further.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseAllDocuments, Parser } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { generateWorkspace } from '../../../../bench/generate';
import { Converter } from '../../../../server/src/engine/parse/convert';
import { directDocuments } from '../../../../server/src/engine/parse/directTree';
import { YAML_OPTIONS } from '../../../../server/src/engine/parse/documents';
import { FindingSink } from '../../../../server/src/engine/parse/findingSink';
import { LineIndex } from '../../../../server/src/engine/lines';
import { applyEdit, DOCUMENTS, edit, fragments, multiDocument } from '../workspace.oracle';

const numRuns = Number(process.env['DIRECT_RUNS'] ?? 400);
const OFFSET = 1000;

/** yaml's composer and convert.ts: the documents' ranges and trees, and whether yaml was silent. */
function composed(text: string) {
  const docs = parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[];
  const sink = new FindingSink('f.yaml', new LineIndex(text));
  const out = docs.map((doc) => {
    const converter = new Converter(doc, sink, OFFSET);
    const root = converter.convert(doc.contents as YamlNode, 0);
    return { range: [doc.range[0], doc.range[2]], root, silent: !doc.errors.length && !doc.warnings.length };
  });
  return { docs: out, findings: sink.findings };
}

function direct(text: string) {
  const docs = directDocuments(Array.from(new Parser().parse(text)), OFFSET, YAML_OPTIONS);
  return docs?.map((d) => ({ range: [d.range[0], d.range[2]], root: d.root }));
}

/** Checks one text; true when the direct path took it. */
function same(text: string): boolean {
  const mine = direct(text);
  if (!mine) return false;
  const theirs = composed(text);
  assert.deepEqual(theirs.findings, [], `convert.ts reported something on ${JSON.stringify(text)}`);
  assert.ok(
    theirs.docs.every((d) => d.silent),
    `yaml reported something on ${JSON.stringify(text)}`,
  );
  assert.deepStrictEqual(
    mine,
    theirs.docs.map(({ range, root }) => ({ range, root })),
    JSON.stringify(text),
  );
  return true;
}

const KEYS = [
  'a',
  'kind',
  'name',
  '"q"',
  "'s'",
  'x y',
  '1',
  'true',
  'null',
  '~',
  '0x1F',
  'k-1',
  'é',
  'a',
  'b',
];
const ODD_KEYS = ['<<', '? k', '&a k', '"a\n  b"'];
const key = fc.oneof({ arbitrary: fc.constantFrom(...KEYS), weight: 40 }, fc.constantFrom(...ODD_KEYS));
const SCALARS = [
  'v',
  '1',
  '-2',
  '+3',
  '0o17',
  '0x1f',
  '1.5',
  '1e3',
  '.inf',
  '-.Inf',
  '.nan',
  'true',
  'False',
  'null',
  'Null',
  '~',
  '',
  '"dq \\t \\u00e9"',
  "'it''s'",
  '"a\n  b"',
  'plain\n  folded',
  '99999999999999999999',
  '{}',
  '[]',
  '{ }',
  '[ ] # c',
  '|\n  lit\n',
];
/** Scalars and nodes the direct path leaves to yaml's composer, or that yaml reports. */
const ODD = [
  '{a: 1}',
  '[1, 2]',
  '>-\n  folded\n',
  '&a v',
  '*a',
  '!t v',
  '!!str 1',
  '10.0.0.0/8',
  'a: b',
  'x #c',
  'x#c',
  '"x"#c',
];
const COMMENTS = ['', '', '', '', '', '', '', '', '', ' # c', '  #c', ' #', '#c', '\t# c'];
const scalar = fc.oneof({ arbitrary: fc.constantFrom(...SCALARS), weight: 40 }, fc.constantFrom(...ODD));

type Tree = string | { map: [string, Tree][] } | { seq: Tree[] };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((t) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.record({ map: fc.array(fc.tuple(key, t('node')), { minLength: 1, maxLength: 4 }) }),
    fc.record({ seq: fc.array(t('node'), { minLength: 1, maxLength: 3 }) }),
  ),
})).node;

interface Layout {
  step: number;
  seqUnderKey: number;
  comments: string[];
  blank: number;
  noteIndent: number;
}

/** A tree written as block YAML: indentation steps, sequences under keys flush or indented, comments. */
function render(node: Tree, indent: number, layout: Layout, n = { i: 0 }): string {
  const comment = () => layout.comments[n.i++ % layout.comments.length]!;
  const pad = ' '.repeat(indent);
  const blank = () =>
    n.i % 7 === layout.blank
      ? '\n'
      : n.i % 5 === layout.blank
        ? `${' '.repeat(layout.noteIndent)}# note\n`
        : '';
  if (typeof node === 'string') return ` ${node.replace(/\n {2}/g, `\n${pad}  `)}${comment()}\n`;
  if ('seq' in node) {
    return node.seq
      .map((item) => {
        const inner = render(item, indent + 2, layout, n);
        if (typeof item === 'string') return `${blank()}${pad}-${inner}`;
        const compact = inner.startsWith(`${pad}  `) && n.i % 2 === 0;
        return `${blank()}${pad}-${compact ? ` ${inner.slice(indent + 2)}` : `\n${inner}`}`;
      })
      .join('')
      .concat(blank());
  }
  return node.map
    .map(([k, v]) => {
      if (typeof v === 'string') return `${blank()}${pad}${k}:${render(v, indent, layout, n)}`;
      const flush = 'seq' in v && layout.seqUnderKey === 0;
      return `${blank()}${pad}${k}:\n${render(v, flush ? indent : indent + layout.step, layout, n)}`;
    })
    .join('')
    .concat(blank());
}

/** Plain-looking YAML documents: random trees in block style, with the separators between them. */
const plainLines: fc.Arbitrary<string> = fc
  .array(
    fc.record({
      root: tree,
      layout: fc.record({
        step: fc.constantFrom(2, 2, 4, 1),
        seqUnderKey: fc.nat(1),
        comments: fc.array(fc.constantFrom(...COMMENTS), { minLength: 1, maxLength: 4 }),
        blank: fc.nat(12),
        noteIndent: fc.constantFrom(0, 0, 1, 2, 4),
      }),
      separator: fc.constantFrom('---\n', '---\n', '...\n---\n', '--- # d\n', '...\n', '\n---\n# x\n'),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((docs) => docs.map((d, i) => (i ? d.separator : '') + render(d.root, 0, d.layout)).join(''));

const generated = generateWorkspace({ seed: 3, pods: 5, policies: 6, namespaces: 2, apps: 2, mistakes: 0.5 });

void test('the direct tree is yaml composer + convert.ts on the samples and generated workspaces', () => {
  const texts = [...DOCUMENTS, ...generated.files.map((f) => f.text)];
  const taken = texts.filter(same).length;
  // Nearly all of them are plain YAML: the direct path must take those.
  assert.ok(taken >= texts.length - 25, `the direct path took ${taken} of ${texts.length}`);
  for (const f of generated.files) assert.ok(direct(f.text), `${f.name} goes through yaml's composer`);
});

void test('the direct tree is yaml composer + convert.ts on random plain YAML', () => {
  let taken = 0;
  fc.assert(
    fc.property(plainLines, (text) => {
      if (same(text)) taken++;
    }),
    { numRuns },
  );
  assert.ok(taken > numRuns / 3, `the direct path took only ${taken} of ${numRuns} texts`);
});

void test('the direct tree is yaml composer + convert.ts on broken and edited multi-document texts', () => {
  fc.assert(
    fc.property(fc.oneof(multiDocument, fragments), fc.array(edit, { maxLength: 3 }), (text, edits) => {
      same(text);
      same(edits.reduce(applyEdit, text));
    }),
    { numRuns },
  );
});

void test('what the direct path leaves to yaml', () => {
  const cases: [string, string][] = [
    ['a tag', 'a: !t v\n'],
    ['an anchor and its alias', 'a: &x 1\nb: *x\n'],
    ['a merge key', 'a:\n  <<: {b: 1}\n'],
    ['a flow collection with items', 'a: {b: 1}\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a tab in indentation', 'a:\n\t b: 1\n'],
    ['a comment without a space', 'a: "1"#c\n'],
    ['a key over two lines', '"a\n  b": 1\n'],
    ['a key without value', 'a: 1\nb\n'],
    ['bad indentation', 'a: 1\n b: 2\n'],
    ['a map on the line of ---', '--- a: 1\n'],
  ];
  for (const [what, text] of cases) {
    assert.equal(direct(text), undefined, what);
    assert.ok(!same(text), what);
  }
  assert.deepEqual(direct('a: {}\n# c\nb:\n- 1\n-\n...\n')?.length, 1);
});
