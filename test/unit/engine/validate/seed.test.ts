// The seed's policies exactly as written, its two fixes in either order, the samples and the valid
// policy corpus, and the rule registry.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../../../server/src/engine/types';
import { FindingSink } from '../../../../server/src/engine/parse/findingSink';
import { LineIndex } from '../../../../server/src/engine/lines';
import { VALIDATION_RULES, validateObject } from '../../../../server/src/engine/validate';
import { analyseFile } from '../../../../server/src/engine/workspace';
import type { YMap, YNode, YPair, YScalar } from '../../../../server/src/engine/yamlTree';
import { toJS } from '../../../../server/src/engine/yamlTree';
import { fixedSeedFile, fixture, repoRoot, samplesDir, seedFile } from '../../../helpers/paths';
import { analyse, applyFix, describeFindings, errorsOf } from './helpers';

const seed = fs.readFileSync(seedFile, 'utf8');
const fixedSeed = fs.readFileSync(fixedSeedFile, 'utf8');
/** The fixed sample without its header comment: what the two quick fixes leave, byte for byte. */
const fixedText = fixedSeed.replace(/^(#.*\n)+/, '');

const objectsOf = (text: string) =>
  analyseFile({ path: 'seed.yaml', text }).parsed.objects.map((o) => toJS(o.node));

void test('the seed as written: errors on lines 16 and 25 only', () => {
  const errors = errorsOf(analyse(seed, seedFile));
  assert.deepEqual(
    errors.map((f) => [f.range.start.line, f.code]),
    [
      [15, 'missing-document-separator'],
      [24, 'misplaced-field'],
    ],
    describeFindings(errors),
  );
  assert.ok(errors[0]!.message.includes('---'));
  const ingress = errors[1]!;
  assert.deepEqual(ingress.range, { start: { line: 24, character: 0 }, end: { line: 24, character: 7 } });
  assert.match(ingress.message, /^`ingress` belongs under `spec`/);
  assert.ok(ingress.message.includes('unknown field "ingress"'));
  assert.ok(ingress.message.includes('deny all ingress'));
});

function fixOnce(text: string, code: string): string {
  const f: Finding | undefined = analyse(text).find((x) => x.code === code);
  assert.ok(f, `no ${code} in:\n${text}`);
  return applyFix(text, f);
}

for (const order of [
  ['missing-document-separator', 'misplaced-field'],
  ['misplaced-field', 'missing-document-separator'],
]) {
  void test(`the seed fixed in the order ${order.join(', ')} is clean and equals the fixed sample`, () => {
    const fixed = order.reduce(fixOnce, seed);
    const findings = analyse(fixed);
    assert.deepEqual(findings, [], describeFindings(findings));
    assert.deepEqual(objectsOf(fixed), objectsOf(fixedSeed));
    assert.equal(fixed, fixedText, "the moved list keeps the file's style: items level with their key");
  });
}

void test('the move under spec indents the moved list as the object indents its lists', () => {
  const text = [
    'kind: NetworkPolicy',
    'apiVersion: networking.k8s.io/v1',
    'metadata:',
    '  name: p',
    'spec:',
    '  podSelector: {}',
    '  policyTypes: [Ingress, Egress]',
    '  egress:',
    '    - to:',
    '        - podSelector: {}',
    'ingress:',
    '- from:',
    '  - podSelector: {}',
    '',
  ].join('\n');
  const moved = fixOnce(text, 'misplaced-field');
  assert.equal(
    moved,
    text.replace('ingress:\n- from:\n  - podSelector: {}\n', '') +
      '  ingress:\n    - from:\n      - podSelector: {}\n',
  );
  assert.deepEqual(analyse(moved), []);
});

void test('every sample except the broken seed, and the valid-policy corpus, have no finding', () => {
  const files = fs
    .readdirSync(samplesDir)
    .filter((f) => /\.ya?ml$/.test(f) && f !== path.basename(seedFile))
    .map((f) => path.join(samplesDir, f));
  files.push(fixedSeedFile, fixture('validate', 'valid-policies.yaml'));
  for (const file of files) {
    const findings = analyse(fs.readFileSync(file, 'utf8'), file);
    assert.deepEqual(findings, [], `${file}:\n${describeFindings(findings)}`);
  }
});

void test('the valid-policy corpus is accepted as a whole: every NetworkPolicy builds the topology', () => {
  const text = fs.readFileSync(fixture('validate', 'valid-policies.yaml'), 'utf8');
  const a = analyseFile({ path: 'valid.yaml', text });
  const policies = a.parsed.objects.filter((o) => o.kind === 'NetworkPolicy');
  assert.ok(policies.length >= 12);
  assert.equal(a.accepted.length, a.parsed.objects.length);
});

void test('the registry lists each code once, with a title and help', () => {
  const codes = VALIDATION_RULES.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const r of VALIDATION_RULES) {
    assert.match(r.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(r.title.length > 3 && r.help.length > 20, r.code);
  }
});

void test('every code the rule tests report is in the registry', () => {
  const registered = new Set(VALIDATION_RULES.map((r) => r.code));
  const dir = path.join(repoRoot, 'test', 'unit', 'engine', 'validate');
  const reported = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.test.ts'))) {
    for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/code: '([a-z0-9-]+)'/g))
      reported.add(m[1]!);
  }
  const yamlLevel = new Set(['missing-document-separator', 'duplicate-key']);
  for (const code of reported) if (!yamlLevel.has(code)) assert.ok(registered.has(code), code);
  for (const code of registered) assert.ok(reported.has(code), `no test case for ${code}`);
});

void test('an internal error is reported on the object, not thrown', () => {
  const text = 'kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nspec: x\n';
  const lines = new LineIndex(text);
  const sink = new FindingSink('broken.yaml', lines);
  const scalar = (value: string, start: number): YScalar => ({
    kind: 'scalar',
    value,
    plain: true,
    start,
    end: start + value.length,
  });
  const pair = (key: string, value: YNode, start: number): YPair => ({
    key,
    keyNode: scalar(key, start),
    value,
    start,
    end: value.end,
  });
  // A map whose pairs are missing: no parse produces it, so walking it is a bug the guard must contain.
  const broken = { kind: 'map', flow: false, start: 42, end: 49 } as unknown as YNode;
  const node: YMap = {
    kind: 'map',
    flow: false,
    start: 0,
    end: text.length,
    pairs: [
      pair('kind', scalar('NetworkPolicy', 6), 0),
      pair('apiVersion', scalar('networking.k8s.io/v1', 32), 20),
      pair('spec', broken, 42),
    ],
  };
  validateObject({ file: 'broken.yaml', docIndex: 0, node }, sink);
  assert.deepEqual(
    sink.findings.map((f) => ({ code: f.code, line: f.range.start.line })),
    [{ code: 'validation-failed', line: 0 }],
  );
});
