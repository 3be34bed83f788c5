// `netpol-lens check` on the seed, the samples and fixtures: exit codes, JSON shape, text lines.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fixture, samplesDir, seedFile } from '../helpers/paths';
import { runCli, runJson } from './runCli';
import type { FindingJson } from './runCli';

const SEED = path.relative(path.dirname(path.dirname(samplesDir)), seedFile);
const ESC = '\u001b[';
const sample = (name: string) => path.join('samples', 'seed', name);

void test('the seed as written: exit 1, an error on line 16 naming `---` and one on line 25 naming `spec`', () => {
  const r = runJson<FindingJson[]>(['check', SEED, '--format', 'json']);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, '');
  const errors = r.json.filter((f) => f.severity === 'error');
  const separator = errors.find((f) => f.range.start.line === 15);
  assert.ok(separator, 'error on line 16 (0-based 15)');
  assert.equal(separator.code, 'missing-document-separator');
  assert.deepEqual(separator.range, { start: { line: 15, character: 0 }, end: { line: 15, character: 4 } });
  assert.match(separator.message, /---/);
  assert.equal(separator.file, SEED);
  const ingress = errors.find((f) => f.range.start.line === 24);
  assert.ok(ingress, `error on line 25 (0-based 24); got lines ${errors.map((f) => f.range.start.line)}`);
  assert.match(ingress.message, /spec/);
});

void test('the fixed seed with the cluster and pods: no errors, exit 0', () => {
  const files = ['samples/seed-policies-fixed.yaml', sample('cluster.yaml'), sample('pods.yaml')];
  const r = runJson<FindingJson[]>(['check', ...files, '--format', 'json']);
  assert.deepEqual(
    r.json.filter((f) => f.severity === 'error'),
    [],
  );
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
});

void test('JSON findings carry exactly the contract keys, 0-based positions, the path as given', () => {
  const file = fixture('cli', 'duplicate-key-policy.yaml');
  const rel = path.relative(process.cwd(), file);
  for (const given of [file, rel]) {
    const r = runJson<FindingJson[]>(['check', given, '--format', 'json'], { cwd: process.cwd() });
    assert.equal(r.status, 1);
    const dup = r.json.find((f) => f.code === 'duplicate-key');
    assert.deepEqual(dup && Object.keys(dup), ['file', 'range', 'severity', 'code', 'message']);
    assert.deepEqual(Object.keys(dup!.range), ['start', 'end']);
    assert.deepEqual(dup!.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 6 } });
    assert.equal(dup!.file, given);
    assert.equal(dup!.severity, 'error');
    assert.match(dup!.message, /^Duplicate key `name` \(first on line 4\)/);
  }
});

void test('text output: `file:line:col severity code message`, 1-based, then a summary line', () => {
  const json = runJson<FindingJson[]>(['check', SEED, '--format', 'json']).json;
  const r = runCli(['check', SEED]);
  assert.equal(r.status, 1);
  const lines = r.stdout.trimEnd().split('\n');
  const findingLines = lines.filter((l) => /^\S+:\d+:\d+ /.test(l));
  assert.equal(findingLines.length, json.length);
  json.forEach((f, i) => {
    const head = `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} `;
    assert.ok(findingLines[i]!.startsWith(head), `${findingLines[i]} starts with ${head}`);
  });
  assert.ok(findingLines.some((l) => l.startsWith(`${SEED}:16:1 error missing-document-separator `)));
  assert.ok(
    lines.includes(`  ${SEED}:1:1 related: first \`kind\` of NetworkPolicy \`backend-access-ingress\``),
  );
  const errors = json.filter((f) => f.severity === 'error').length;
  const warnings = json.filter((f) => f.severity === 'warning').length;
  assert.match(
    lines.at(-1)!,
    new RegExp(`^${errors} errors?, ${warnings} warnings?(, \\d+ notes?)? in 1 file$`),
  );
  assert.ok(!r.stdout.includes(ESC), 'no colour without a TTY');
});

void test('colours only when asked for without a TTY (FORCE_COLOR), never with NO_COLOR', () => {
  const forced = runCli(['check', SEED], { env: { FORCE_COLOR: '1' } });
  assert.ok(forced.stdout.includes(`${ESC}1;31merror${ESC}0m`));
  const off = runCli(['check', SEED], { env: { NO_COLOR: '1' } });
  assert.ok(!off.stdout.includes(ESC));
});

void test('a YAML file that is not a Kubernetes manifest yields nothing', () => {
  const r = runJson<FindingJson[]>(['check', fixture('cli', 'github-workflow.yml'), '--format', 'json']);
  assert.equal(r.status, 0);
  assert.deepEqual(r.json, []);
  const text = runCli(['check', fixture('cli', 'github-workflow.yml')]);
  assert.equal(text.stdout, '0 errors, 0 warnings in 1 file\n');
});

void test('a file over --max-file-size is skipped with an information finding, exit 0', () => {
  const r = runJson<FindingJson[]>(['check', SEED, '--max-file-size', '100', '--format', 'json']);
  assert.equal(r.status, 0);
  assert.deepEqual(r.json, [
    {
      file: SEED,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 'information',
      code: 'file-too-large',
      message:
        `Not analysed: the file has ${fs.statSync(seedFile).size} bytes, more than the limit of 100 bytes ` +
        '(setting netpolLens.maxFileSize, option --max-file-size).',
    },
  ]);
});
