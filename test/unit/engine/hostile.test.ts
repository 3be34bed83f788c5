// The hostile corpus through the engine itself: analyseFile and a Workspace holding the sample cluster.
// Each input must produce its expected findings, never throw, and keep every range inside the text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { analyseFile, Workspace } from '../../../server/src/engine/workspace';
import type { EngineOptions } from '../../../server/src/engine/workspace';
import { toJS } from '../../../server/src/engine/yamlTree';
import { decodeUtf8 } from '../../../server/src/node/readText';
import { samplesDir } from '../../helpers/paths';
import { codeCounts, outOfBounds } from '../../helpers/rangeBounds';
import { HOSTILE, VALID_POLICY } from '../../helpers/hostileCorpus';

const HANG_GUARD = { timeout: 60_000 };
/** A message is a sentence or two; one that quotes a 100,000-character value whole is a bug. */
const MAX_MESSAGE = 1000;
const sampleFiles = ['cluster.yaml', 'pods.yaml'].map((f) => ({
  path: path.join(samplesDir, f),
  text: fs.readFileSync(path.join(samplesDir, f), 'utf8'),
}));

function workspaceWith(file: { path: string; text: string }, options: EngineOptions): Workspace {
  const ws = new Workspace(options);
  for (const s of sampleFiles) ws.setFile(s);
  ws.setFile(file);
  return ws;
}

for (const input of HOSTILE) {
  void test(`engine survives: ${input.name}`, HANG_GUARD, () => {
    const text = decodeUtf8(input.bytes());
    const options: EngineOptions = input.maxFileSize ? { maxFileSize: input.maxFileSize } : {};
    const file = { path: `/hostile/${input.file}`, text };
    const alone = analyseFile(file, options);
    assert.deepEqual(outOfBounds(text, alone.findings), []);

    const ws = workspaceWith(file, options);
    const topology = ws.topology();
    assert.ok(topology.pods.length >= 3, 'the sample pods stay in the topology');
    const findings = ws.findings(file.path);
    assert.deepEqual(outOfBounds(text, findings), []);
    const counts = codeCounts(findings);
    for (const code of input.codes)
      assert.ok(counts[code], `${code} expected, got ${JSON.stringify(counts)}`);
    for (const [code, n] of Object.entries(input.counts ?? {})) assert.equal(counts[code], n, code);
    assert.equal(
      findings.some((f) => f.severity === 'error'),
      input.errors,
      `errors expected: ${input.errors}; got ${JSON.stringify(counts)}`,
    );
    for (const s of sampleFiles) assert.deepEqual(outOfBounds(s.text, ws.findings(s.path)), []);
    const longest = findings.reduce((a, f) => (f.message.length > a.message.length ? f : a), findings[0]!);
    if (longest)
      assert.ok(
        longest.message.length <= MAX_MESSAGE,
        `${longest.code}: ${longest.message.length} characters`,
      );
  });
}

void test('prototype-named keys do not pollute Object.prototype', () => {
  const input = HOSTILE.find((h) => h.file === 'proto.yaml')!;
  const ws = workspaceWith({ path: '/hostile/proto.yaml', text: decodeUtf8(input.bytes()) }, {});
  ws.topology();
  ws.findings('/hostile/proto.yaml');
  assert.equal((Object.prototype as Record<string, unknown>)['polluted'], undefined);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

void test('CRLF: a finding on a CRLF line stops before the \\r', () => {
  const text = VALID_POLICY.replace(
    '  namespace: default\n',
    '  namespace: default\n  name: again\n',
  ).replace(/\n/g, '\r\n');
  const dup = analyseFile({ path: 'crlf.yaml', text }).findings.find((f) => f.code === 'duplicate-key');
  assert.deepEqual(dup?.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 6 } });
});

void test('BOM: positions after a byte order mark match the editor (the mark is not a column)', () => {
  const text =
    '\ufeff' + VALID_POLICY.replace('  namespace: default\n', '  namespace: default\n  name: again\n');
  const dup = analyseFile({ path: 'bom.yaml', text }).findings.find((f) => f.code === 'duplicate-key');
  assert.deepEqual(dup?.range.start, { line: 5, character: 2 });
  assert.equal(
    analyseFile({ path: 'bom.yaml', text }).findings.some((f) => f.code === 'invalid-character'),
    false,
  );
});

void test('a lone \\r is a line break for LSP clients: positions after it count it', () => {
  // VS Code (and the LSP spec) split lines at \r\n, \n and \r: the duplicate `x` is on line 7 as the user sees it.
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\r  name: b\ndata:\n  x: 1\n  x: 2\n';
  const findings = analyseFile({ path: 'cr.yaml', text }).findings;
  const dup = findings.find((f) => f.code === 'duplicate-key');
  assert.deepEqual(dup?.range, { start: { line: 7, character: 2 }, end: { line: 7, character: 3 } });
  assert.deepEqual(outOfBounds(text, findings), []);
});

void test('aliases resolve to the latest anchor before them, as yaml itself resolves them', () => {
  const text = [
    'a: &x 1',
    'b: *x',
    'c: &x [2, 3]',
    'd: *x',
    'e: {k: &y v, l: *y}',
    'f: &x {m: *y}',
    'g: *x',
    '&k key: *k',
  ].join('\n');
  const parsed = analyseFile({ path: 'alias.yaml', text }).parsed;
  assert.deepEqual(toJS(parsed.documents[0]!.root), parseAllDocuments(text)[0]!.toJS());
});

void test('a self-referencing alias is cut at the depth limit, once', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: &x [*x, *x, *x]\n';
  const counts = codeCounts(analyseFile({ path: 'self.yaml', text }).findings);
  assert.equal(counts['yaml-too-deep'], 1);
  assert.ok((counts['yaml-alias-limit'] ?? 0) <= 1);
});

void test('a yaml message quoting a huge token is cut to 200 characters', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\n] ' + 'x'.repeat(100_000) + '\n';
  const syntax = analyseFile({ path: 'big-token.yaml', text }).findings.filter(
    (f) => f.code === 'yaml-syntax',
  );
  assert.ok(syntax.length > 0);
  for (const f of syntax) assert.ok(f.message.length <= 200, `${f.message.length} characters`);
  assert.ok(syntax.some((f) => f.message.endsWith('…')));
});

void test('a !!binary scalar reads as its decoded text, as kubectl (go-yaml) reads it', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: !!binary YWxsb3c=\n';
  assert.equal(analyseFile({ path: 'binary.yaml', text }).parsed.objects[0]!.name, 'allow');
});
