// `netpol-lens explain`: every policy of the files, in plain language.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, runJson } from './runCli';

const SAMPLES = ['samples/seed/cluster.yaml', 'samples/seed/pods.yaml', 'samples/seed-policies-fixed.yaml'];
const FIXED = 'samples/seed-policies-fixed.yaml';

interface Explained {
  policy: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  summary: string;
  details: string[];
  counts: { selects: number; ingress?: unknown; egress?: unknown };
}

void test('text: each policy by name and place, its summary and details', () => {
  const r = runCli(['explain', ...SAMPLES]);
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
  const blocks = r.stdout.trimEnd().split('\n\n');
  assert.equal(blocks.length, 2);
  assert.match(blocks[0]!, new RegExp(`^default/backend-access-ingress  ${FIXED}:3:1\n  \\S`));
  assert.match(blocks[1]!, new RegExp(`^default/db-access-ingress  ${FIXED}:19:1\n  \\S`));
  assert.match(blocks[1]!, /default\/db/);
  assert.match(blocks[1]!, /role=backend/);
  for (const b of blocks)
    assert.ok(
      b
        .split('\n')
        .slice(2)
        .every((l) => l.startsWith('  - ')),
      b,
    );
});

void test('JSON: policy, file, 0-based range, summary, details, the CodeLens counts', () => {
  const r = runJson<Explained[]>(['explain', ...SAMPLES, '--format', 'json']);
  assert.equal(r.status, 0);
  assert.deepEqual(
    r.json.map((e) => Object.keys(e)),
    [0, 1].map(() => ['policy', 'file', 'range', 'summary', 'details', 'counts']),
  );
  const ingressFromOne = { selects: 1, ingress: { pods: 1, ipBlocks: false } };
  assert.deepEqual(
    r.json.map((e) => e.counts),
    [ingressFromOne, ingressFromOne],
  );
  assert.deepEqual(
    r.json.map((e) => [e.policy, e.file, e.range.start.line]),
    [
      ['default/backend-access-ingress', FIXED, 2],
      ['default/db-access-ingress', FIXED, 18],
    ],
  );
  const db = r.json[1]!;
  assert.match(db.summary, /role=db/);
  assert.ok(db.details.some((d) => d.includes('default/db')));
});

void test('with enforcement off each policy says it is not enforced', () => {
  const r = runJson<Explained[]>(['explain', ...SAMPLES, '--no-enforcement', '--format', 'json']);
  for (const e of r.json)
    assert.ok(
      e.details.some((d) => /^Not enforced/.test(d)),
      e.policy,
    );
});

void test('no policy: says so; the seed as written has none the API server would accept', () => {
  const none = runCli(['explain', 'samples/seed/pods.yaml']);
  assert.equal(none.stdout, 'No NetworkPolicy in the files.\n');
  assert.equal(none.stderr, '');
  const seed = runCli(['explain', 'samples/seed/seed-policies-as-written.yaml']);
  assert.equal(seed.status, 0);
  assert.equal(seed.stdout, 'No NetworkPolicy in the files.\n');
  assert.match(seed.stderr, /^netpol-lens: note: samples\/seed\/seed-policies-as-written\.yaml has errors;/);
});
