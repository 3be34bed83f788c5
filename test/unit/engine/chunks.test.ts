// Files are parsed in chunks of documents and re-analysed only where an edit touched them. Checked
// here: where chunks are cut, that a chunked parse is the whole-file parse (documents, trees with
// their offsets, objects, findings, accepted objects), and that after any sequence of edits the
// incrementally maintained analysis equals one made from scratch. FUZZ_SEED=<n> FUZZ_RUNS=<n>
// explore further.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyseFile } from '../../../server/src/engine/analysis';
import type { FileAnalysis } from '../../../server/src/engine/analysis';
import { chunkStarts } from '../../../server/src/engine/chunks';
import { toJS } from '../../../server/src/engine/yamlTree';
import { applyEdit, edit, fragments, multiDocument, wholeFile } from './workspace.oracle';

const seed = Number(process.env['FUZZ_SEED'] ?? 20261127);
const numRuns = Number(process.env['FUZZ_RUNS'] ?? 400);

/** The parts of an analysis that must not depend on how the file was cut or edited. */
function observable(a: FileAnalysis) {
  return {
    documents: a.parsed.documents,
    objects: a.parsed.objects,
    isKubernetes: a.parsed.isKubernetes,
    findings: a.findings,
    accepted: a.accepted,
    facts: a.facts,
  };
}

/** The chunked analysis of `text` against the whole-file parse: documents, objects, findings, accepted objects. */
function assertChunkedIsWhole(text: string): void {
  const file = { path: 'f.yaml', text };
  const whole = wholeFile(file);
  const chunked = analyseFile(file);
  assert.deepStrictEqual(
    { documents: chunked.parsed.documents, objects: chunked.parsed.objects },
    { documents: whole.parsed.documents, objects: whole.parsed.objects },
  );
  assert.deepStrictEqual(chunked.findings, whole.findings);
  assert.deepStrictEqual(chunked.accepted, whole.accepted);
  assert.equal(chunked.parsed.isKubernetes, whole.parsed.isKubernetes);
}

void describe('chunk cuts', () => {
  void test('a line starting with `---` starts a chunk; the line after `...` does', () => {
    const text = 'a: 1\n---\nb: 2\n--- c\n...\nd: 3\n';
    assert.deepEqual(chunkStarts(text), [0, 5, 14, 24]);
  });

  void test('markers need a space, a tab, a line break or the end after them', () => {
    assert.deepEqual(chunkStarts('a\n---x\n...y\n---\t1\n---'), [0, 12, 18]);
  });

  void test('markers are at the start of a line only, after a line feed (a lone CR is no line break for yaml)', () => {
    assert.deepEqual(chunkStarts('a\r---\nb: " ---\n  x"\n'), [0]);
    assert.deepEqual(chunkStarts('a\r\n---\r\nb\r\n'), [0, 3]);
  });

  void test('a file with directives is one chunk', () => {
    assert.deepEqual(chunkStarts('%YAML 1.2\n---\na\n---\nb\n'), [0]);
    assert.deepEqual(chunkStarts('a\n---\n%TAG ! tag:x:\n---\nb\n'), [0]);
  });

  void test('consecutive markers do not make empty chunks; none starts at the end of the text', () => {
    assert.deepEqual(chunkStarts('---\na\n...\n---\nb\n...\n'), [0, 10]);
  });
});

void describe('a chunked parse is the whole-file parse', () => {
  void test('for random multi-document files', () => {
    fc.assert(
      fc.property(multiDocument, (text) => assertChunkedIsWhole(text)),
      { seed, numRuns },
    );
  });

  void test('for random multi-document files after random edits', () => {
    fc.assert(
      fc.property(multiDocument, fc.array(edit, { minLength: 1, maxLength: 4 }), (base, edits) =>
        assertChunkedIsWhole(edits.reduce(applyEdit, base)),
      ),
      { seed: seed + 1, numRuns },
    );
  });

  void test('for texts made of broken lines', () => {
    fc.assert(
      fc.property(fragments, (text) => assertChunkedIsWhole(text)),
      { seed: seed + 3, numRuns: numRuns * 2 },
    );
  });

  void test('an unclosed quoted scalar at the top level runs past `---`, as in a whole-file parse', () => {
    const text = "a: 1\n---\n'open\n---\nkind: Pod\n---\nb: 2\n";
    const chunked = analyseFile({ path: 'q.yaml', text });
    assert.deepStrictEqual(chunked.parsed.documents, wholeFile({ path: 'q.yaml', text }).parsed.documents);
    assert.equal(chunked.parsed.documents.length, 2);
    assert.deepEqual(chunked.chunkStarts, [0, 5]);
  });

  void test('a local yaml error keeps the cuts around its chunk', () => {
    const text = 'kind: Pod\n---\nspec:\n  app web\n  b: 1\n---\nb: 2\n---\nc: 3\n';
    const chunked = analyseFile({ path: 'e.yaml', text });
    assert.deepEqual(chunked.chunkStarts, [0, 10, 37, 46]);
    assert.ok(chunked.findings.some((f) => f.code === 'yaml-syntax' && f.range.start.line === 3));
    assert.deepStrictEqual(chunked.findings, wholeFile({ path: 'e.yaml', text }).findings);
  });

  void test('an error yaml gives to the document before it joins the two chunks', () => {
    const text = 'a: 1\na: 2\nkind: Pod\n---\n]\n---\nb: 2\n';
    const chunked = analyseFile({ path: 'b.yaml', text });
    assert.deepEqual(chunked.chunkStarts, [0, 26]);
    assert.deepStrictEqual(chunked.findings, wholeFile({ path: 'b.yaml', text }).findings);
  });

  void test('an unclosed quoted scalar in a map runs to the end of the file, as in a whole-file parse', () => {
    const text = 'kind: Pod\n---\nkey: "open\n---\nb: 2\n---\nc: 3\n';
    const chunked = analyseFile({ path: 'o.yaml', text });
    assert.deepEqual(chunked.chunkStarts, [0, 10]);
    assert.deepStrictEqual(chunked.parsed.documents, wholeFile({ path: 'o.yaml', text }).parsed.documents);
  });
});

void describe('an edited file equals the same text analysed from scratch', () => {
  void test('for random edits of random multi-document files', () => {
    fc.assert(
      fc.property(multiDocument, fc.array(edit, { minLength: 1, maxLength: 6 }), (base, edits) => {
        let text = base;
        let current = analyseFile({ path: 'f.yaml', text });
        for (const e of edits) {
          text = applyEdit(text, e);
          current = analyseFile({ path: 'f.yaml', text }, {}, current);
          assert.deepStrictEqual(observable(current), observable(analyseFile({ path: 'f.yaml', text })));
        }
      }),
      { seed: seed + 2, numRuns },
    );
  });

  void test('unchanged documents keep their analysis; documents below an edit are moved, not parsed again', () => {
    const docs = ['a: 1\n', 'b: 2\n', 'c: 3\n'];
    const before = analyseFile({ path: 'm.yaml', text: docs.join('---\n') });
    const after = analyseFile(
      { path: 'm.yaml', text: ['a: 10\n', ...docs.slice(1)].join('---\n') },
      {},
      before,
    );
    assert.notEqual(after.chunks[0]!.lineage, before.chunks[0]!.lineage);
    assert.equal(after.chunks[1]!.lineage, before.chunks[1]!.lineage);
    assert.equal(after.chunks[2]!.lineage, before.chunks[2]!.lineage);
    assert.equal(after.chunks[1]!.parsed.base.offset, before.chunks[1]!.parsed.base.offset + 1);
    assert.deepEqual(toJS(after.parsed.documents[2]!.root), { c: 3 });
    assert.equal(after.parsed.documents[2]!.root!.start, 'a: 10\n---\nb: 2\n---\n'.length);
  });

  void test('a finding that quotes a line number is computed again when its document moves to another line', () => {
    const dup = 'x: 1\nx: 2\n';
    const before = analyseFile({ path: 'd.yaml', text: `kind: Pod\n---\n${dup}` });
    const after = analyseFile({ path: 'd.yaml', text: `kind: Pod\nb: 2\n---\n${dup}` }, {}, before);
    const message = after.findings.find((f) => f.code === 'duplicate-key')?.message ?? '';
    assert.match(message, /first on line 4\)/);
    assert.notEqual(after.chunks[1]!.lineage, before.chunks[1]!.lineage);
  });
});
